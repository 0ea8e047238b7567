"""claimcheck: verify disputed distance claims in news reports, geodesically on WGS84."""

__version__ = "0.1.0"
