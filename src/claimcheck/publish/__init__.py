"""Publishing verdicts outside the terminal: reports, ClaimReview JSON-LD and maps.

One module per output format, each with a `render_*` function that takes plain data (a
VerifyReport, optional extras) and returns text or bytes; the CLI writes it. Heavy libraries
(matplotlib, shapely) are imported inside the functions that need them.
"""
