"""Reported claims: the model, the reader, drafting from articles, the verdict lock."""
