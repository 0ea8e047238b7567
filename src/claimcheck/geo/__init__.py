"""Geodesy on WGS84: geodesics, lines and polygons, measurements between places."""
