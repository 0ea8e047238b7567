"""Looking places up: search, the imported GeoNames index and its fallback."""
