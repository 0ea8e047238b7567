"""Files: safe YAML with positions, atomic writes, the shipped JSON Schemas."""
