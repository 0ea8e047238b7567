"""Draft claims from article text: figures, comparators, directions, zones, places, claimants.

The figures and comparators are read with the same grammar as the data files
(`claimcheck.grammar.units`, `claimcheck.grammar.relations`,
`claimcheck.grammar.directions.DIRECTION_WORDS`), so a drafted
`distance: more than 45 mi` means exactly what the reviewer's claims file means. Extraction is a
set of rules over one sentence at a time; it proposes, a person decides. Figures that are not
separations (speeds, areas, altitudes, sizes of objects, journeys) are left out on purpose.

The package, in reading order: patterns (the words), sentences (where they end), subjects and
mentions (which place a figure is about), figures (what one figure measures), countries, places
and candidates (which gazetteer places a phrase means), drafts (one per figure), output (YAML,
JSON, append).
"""

from claimcheck.claims.extract.drafts import extract
from claimcheck.claims.extract.model import ConversionCheck, Draft
from claimcheck.claims.extract.output import (
    AppendResult,
    Article,
    append_articles,
    append_to,
    articles_json,
    articles_yaml,
    to_json,
    to_yaml,
    yaml_entries,
)
from claimcheck.claims.extract.sentences import split_sentences

__all__ = [
    "AppendResult",
    "Article",
    "ConversionCheck",
    "Draft",
    "append_articles",
    "append_to",
    "articles_json",
    "articles_yaml",
    "extract",
    "split_sentences",
    "to_json",
    "to_yaml",
    "yaml_entries",
]
