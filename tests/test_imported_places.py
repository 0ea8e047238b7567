"""Claims that rely on places from a GeoNames index: `verify`/`check --gazetteer-db`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.gazetteer.places import PlaceRef
from claimcheck.gazetteer.reader import load_places
from claimcheck.lookup.fallback import DbFallback, uncertainty_rule
from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import DbPlace, GazetteerDb

DATA = Path(__file__).parent / "data" / "geonames"
CLAIMS = str(DATA / "claims.yaml")
PLACES = str(DATA / "places.yaml")
REVIEWED = str(DATA / "places-reviewed.yaml")
SHAMIYAH_IDS = [168566, 172825, 285721, 447557, 8338237, 98629]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("geonames") / "geonames.sqlite"
    import_geonames(str(DATA / "SY-IQ-KW-notes.txt"), str(out))
    return str(out)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def verify_json(db: str, places: str = PLACES, claims: str = CLAIMS) -> dict[str, dict[str, Any]]:
    code, out = run(
        "verify", "--claims", claims, "--places", places, "--gazetteer-db", db, "--format", "json"
    )
    assert code == 0, out
    return {r["id"]: r for r in json.loads(out)["results"]}


def test_name_and_explicit_id_resolve_from_the_index(db: str) -> None:
    code, out = run("verify", "--claims", CLAIMS, "--places", PLACES, "--gazetteer-db", db)
    assert code == 0, out
    # the reasons name places as the reports do; the imported lines below give their ids
    assert "The distance from the Rukban camp to the Iraq–Jordan–Syria tripoint is 9.2 km" in out
    assert "The distance from Maqhá ash Shuḩaymī to the al-Tanf border crossing is 43.2 mi" in out
    assert (
        '  imported  geonames:167300 "Maqhá ash Shuḩaymī" '
        "(GeoNames, CC BY 4.0; uncertainty 2 km by feature code PPLL)"
    ) in out.splitlines()
    assert (
        '  imported  geonames:11428685 "Rukban camp" '
        "(GeoNames, CC BY 4.0; uncertainty 5 km by default (no feature code))"
    ) in out.splitlines()


def test_json_lists_the_imported_places_of_each_result(db: str) -> None:
    results = verify_json(db)
    assert results["sana-shamiyah-45mi-maqha"]["verdict"] == "inconclusive"
    assert results["sana-shamiyah-45mi-maqha"]["imported"] == [
        {
            "id": "geonames:167300",
            "geonameid": 167300,
            "name": "Maqhá ash Shuḩaymī",
            "licence": "CC BY 4.0",
            "uncertainty_m": 2000.0,
            "rule": "feature code PPLL",
        }
    ]
    assert results["unhcr-rukban-8km-west-of-tripoint"]["places"] == {
        "subject": "geonames:11428685",
        "reference": "iraq-jordan-syria-tripoint",
    }


def test_ambiguous_index_name_gives_candidate_readings(db: str) -> None:
    result = verify_json(db)["sana-shamiyah-45mi"]
    assert result["verdict"] == "unverifiable"
    assert "'al-Shamiyah' fits 6 places" in str(result["reason"])
    candidates = result["candidates"]
    assert isinstance(candidates, list)
    subjects = sorted(c["places"]["subject"] for c in candidates)
    assert subjects == sorted(f"geonames:{i}" for i in SHAMIYAH_IDS)
    imported = result["imported"]
    assert isinstance(imported, list)
    assert sorted(p["geonameid"] for p in imported) == sorted(SHAMIYAH_IDS)


def test_reviewed_places_win_over_the_index(db: str) -> None:
    """With Rukban and Maqhá ash Shuḩaymī in the file, nothing is imported."""
    results = verify_json(db, REVIEWED)
    assert all(r["imported"] == [] for r in results.values())
    assert results["unhcr-rukban-8km-west-of-tripoint"]["places"]["subject"] == "rukban-camp"
    # geonames:167300 is cited by maqha-ash-shuhaymi; "al-Shamiyah" is its alias
    assert results["sana-shamiyah-45mi-maqha"]["places"]["subject"] == "maqha-ash-shuhaymi"
    assert results["sana-shamiyah-45mi"]["places"]["subject"] == "maqha-ash-shuhaymi"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At Tanf", ["al-tanf-crossing", "at-tanf-locality"]),  # the file's name, not 172344
        ("geonames:172344", ["at-tanf-locality"]),  # cited as "GeoNames 172344"
        ("Al Walid", ["geonames:6734635"]),  # only the index knows it
    ],
)
def test_file_names_and_cited_ids_never_go_to_the_index(
    db: str, text: str, expected: list[str]
) -> None:
    gazetteer = load_places(PLACES)
    with GazetteerDb(db) as index:
        gazetteer.fallback = DbFallback(index, gazetteer)
        assert [p.id for p in gazetteer.resolve(PlaceRef(text)).places] == expected
    assert len(gazetteer) == 3  # imported places are never added to the file's places


def test_fuzzy_near_miss_is_an_unknown_place_with_a_suggestion(db: str, tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(Path(CLAIMS).read_text().replace("Rukban camp", "Rukbam camp"))
    code, out = run("verify", "--claims", str(claims), "--places", PLACES, "--gazetteer-db", db)
    assert code == 2
    assert "names unknown place 'Rukbam camp': did you mean 'geonames:11428685'?" in out


def test_unknown_geonames_id_is_an_unknown_place(db: str, tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(Path(CLAIMS).read_text().replace("geonames:167300", "geonames:1"))
    code, out = run("verify", "--claims", str(claims), "--places", PLACES, "--gazetteer-db", db)
    assert code == 2
    assert "names unknown place 'geonames:1'" in out


def test_missing_index_is_a_usage_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.sqlite")
    code, out = run("verify", "--claims", CLAIMS, "--places", PLACES, "--gazetteer-db", missing)
    assert code == 2
    assert "nowhere.sqlite: no such gazetteer index" in out


def test_without_the_index_the_places_are_unknown() -> None:
    code, out = run("check", "--claims", CLAIMS, "--places", PLACES)
    assert code == 2
    assert "names unknown place 'Rukban camp'" in out


def test_check_warns_for_each_claim_relying_on_an_imported_place(db: str) -> None:
    code, out = run("check", "--claims", CLAIMS, "--places", PLACES, "--gazetteer-db", db)
    assert code == 0, out
    warnings = [line for line in out.splitlines() if "relies on imported GeoNames place" in line]
    assert len(warnings) == 3
    assert all(
        "[warning]" in w and "copy it into places.yaml with a cited uncertainty" in w
        for w in warnings
    )
    assert "places.yaml: 3 places: valid" in out


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [
        ("parsable", "claims.yaml:16:1: [warning] sana-shamiyah-45mi-maqha: place: claim"),
        ("github", "::warning file="),
        ("junit", "[warning] place: claim 'sana-shamiyah-45mi-maqha' relies on imported"),
    ],
)
def test_findings_formats_flag_claims_relying_on_imports(db: str, fmt: str, marker: str) -> None:
    code, out = run(
        "verify", "--claims", CLAIMS, "--places", PLACES, "--gazetteer-db", db, "--format", fmt
    )
    assert code == 0, out
    relying = [line for line in out.splitlines() if "relies on imported GeoNames place" in line]
    assert len(relying) == 3
    assert any(marker in line for line in relying)


def _row(code: str) -> DbPlace:
    return DbPlace(1, "x", 33.0, 38.0, "P" if code else "", code, "SY", "", 0)


@pytest.mark.parametrize(
    ("code", "metres", "rule"),
    [
        ("PPLC", 5000.0, "feature code PPLC"),
        ("PPLA2", 5000.0, "feature code PPLA2"),
        ("PPL", 2000.0, "feature code PPL"),
        ("PPLL", 2000.0, "feature code PPLL"),
        ("PPLQ", 5000.0, "default (feature code PPLQ)"),
        ("", 5000.0, "default (no feature code)"),
    ],
)
def test_uncertainty_rule(code: str, metres: float, rule: str) -> None:
    assert uncertainty_rule(_row(code)) == (metres, rule)


def test_a_consonant_twin_in_the_index_is_a_suggestion_not_a_match(db: str, tmp_path: Path) -> None:
    """ "Rikbin camp" shares Rukban camp's consonants only: unknown, with Rukban suggested;
    "Rokban camp" writes the same vowels otherwise, and resolves."""
    claims = tmp_path / "claims.yaml"
    claims.write_text(Path(CLAIMS).read_text().replace("Rukban camp", "Rikbin camp"))
    code, out = run("verify", "--claims", str(claims), "--places", PLACES, "--gazetteer-db", db)
    assert code == 2
    assert "names unknown place 'Rikbin camp': did you mean 'geonames:11428685'?" in out
    claims.write_text(Path(CLAIMS).read_text().replace("Rukban camp", "Rokban camp"))
    assert (
        "geonames:11428685"
        in verify_json(db, claims=str(claims))["unhcr-rukban-8km-west-of-tripoint"][
            "places"
        ].values()
    )
