"""The gazetteer: cited places, name keys, and the YAML and GeoJSON readers."""
