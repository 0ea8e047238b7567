"""Numbers and their nouns agree: "1 claim", never "1 claims" or "claim(s)"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.render.wording import count, every

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


@pytest.mark.parametrize(("n", "text"), [(1, "the claim"), (2, "both claims"), (4, "all 4 claims")])
def test_every(n: int, text: str) -> None:
    """Two claims are "both claims", not "all 2 claims" (the Hunga Tonga trial's locate)."""
    assert every(n) == text


GRINDAVIK = Path(__file__).parent / "data" / "real" / "grindavik-eruption"


def test_two_accounts_of_an_unknown_place_both_hold_in_every_output() -> None:
    """verify's LOCATABLE, locate's FEASIBLE and the report's reason: "both", and the report
    names the place where it said "where it can be"."""
    files = ["--claims", str(GRINDAVIK / "claims.yaml"), "--places", str(GRINDAVIK / "places.yaml")]
    outputs = [
        CliRunner().invoke(main, [*command, *files]).stdout
        for command in (["verify"], ["locate", "eruption-2023-12-18"], ["report"])
    ]
    assert "  why       both claims can hold at once (31 km²)" in outputs[0]
    assert "FEASIBLE  both claims can hold at once" in outputs[1]
    both = "Taken together, claims 4 and 5 can both hold: they leave an area of about 31 km² where"
    assert f"{both} the eruption site of 18 December 2023 can be." in outputs[2]
    assert "all 2" not in "".join(outputs) and "where it can be" not in outputs[2]


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


def _conflicting(tmp_path: Path, copies: int) -> list[str]:
    """The Grindavík story with the Met Office's account moved (40 km SW, not 4 km NE), and the
    Wikipedia account `copies` times: verify's, locate's and report's output."""
    text = (GRINDAVIK / "claims.yaml").read_text("utf-8")
    imo = text.index("  - id: imo-eruption")
    wiki = text.index("  - id: wikipedia-eruption")
    turned = text[imo:wiki].replace("direction: NE", "direction: SW").replace("4 km", "40 km")
    extra = "".join(
        "\n" + text[wiki:].replace("wikipedia-eruption-3km", f"copy{i}-eruption-3km")
        for i in range(copies - 1)
    )
    claims = tmp_path / "claims.yaml"
    claims.write_text(text[:imo] + turned + text[wiki:] + extra, "utf-8")
    files = ["--claims", str(claims), "--places", str(GRINDAVIK / "places.yaml")]
    return [
        CliRunner().invoke(main, [*command, *files]).stdout
        for command in (["verify"], ["locate", "eruption-2023-12-18"], ["report"])
    ]


def test_two_accounts_that_cannot_both_hold_say_both(tmp_path: Path) -> None:
    """A conflict of two claims is "both claims" in verify's NOWHERE line and locate's CONFLICT
    line, as in the report; not "them all" or "all 2 claims"."""
    verify, locate, report = _conflicting(tmp_path, 1)
    pair = "imo-eruption-4km-ne-of-grindavik, wikipedia-eruption-3km-ne-of-grindavik"
    assert f"  why       no point satisfies both claims: {pair} (" in verify
    assert "CONFLICT  no point satisfies both claims" in locate
    assert "cannot both hold: no position satisfies both." in report
    assert "all 2" not in verify + locate + report and "them all" not in verify + report


def test_a_conflict_inside_more_claims_names_its_own_number(tmp_path: Path) -> None:
    verify, locate, _ = _conflicting(tmp_path, 2)
    assert "  why       no point satisfies all 3 claims; these 2 cannot both hold: imo-" in verify
    assert "CONFLICT  no point satisfies all 3 claims" in locate
