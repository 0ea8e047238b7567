"""Numbers and their nouns agree: "1 claim", never "1 claims" or "claim(s)"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.render.wording import count

GEOJSON = Path(__file__).parent / "data" / "geojson"


@pytest.mark.parametrize(
    ("n", "noun", "plural", "text"),
    [
        (1, "claim", None, "1 claim"),
        (0, "claim", None, "0 claims"),
        (2, "error", None, "2 errors"),
        (1, "vertex", "vertices", "1 vertex"),
        (3, "vertex", "vertices", "3 vertices"),
    ],
)
def test_count(n: int, noun: str, plural: str | None, text: str) -> None:
    assert count(n, noun, plural) == text


def test_one_claim_is_singular_in_the_output() -> None:
    claims, places = GEOJSON / "claims.yaml", GEOJSON / "al-tanf.geojson"
    for args, expected in (
        (["check"], "claims.yaml: 1 claim, "),
        (["verify"], "\n1 claim: "),
        (["report"], "\n1 claim: "),
    ):
        result = CliRunner().invoke(main, [*args, "--claims", str(claims), "--places", str(places)])
        assert expected in result.stdout, result.output
        assert "1 claims" not in result.output
