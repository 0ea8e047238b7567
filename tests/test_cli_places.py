from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

DATA = Path(__file__).parent / "data"
GEONAMES = str(DATA / "geonames" / "SY-IQ-KW-notes.txt")
GEOJSON = str(DATA / "geojson" / "al-tanf.geojson")
TANF = {"al-tanf-crossing", "al-tanf-garrison", "at-tanf-locality"}
SHAMIYAH = {
    "maqha-ash-shuhaymi",
    "badiyat-al-sham",
    "ash-shamiyah-homs",
    "ash-shamiyah-latakia",
    "ash-shamiyah-hasakah",
    "al-shamiya-iraq",
    "ash-shamiyah-kuwait",
}


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def candidates(*args: str) -> list[dict[str, Any]]:
    result = run("places", "search", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.output)["candidates"]
    return found


@pytest.mark.parametrize("name", ["At Tanf", "Al Tanf", "التنف", "al-Tanf"])
def test_every_spelling_of_al_tanf_lists_the_al_tanf_places(name: str) -> None:
    found = candidates(name)
    assert {c["id"] for c in found} >= TANF
    assert all(c["how"] != "fuzzy" for c in found if c["id"] in TANF)


def test_search_text_says_why_each_matched() -> None:
    result = run("places", "search", "At Tanf")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["MATCH", "PLACE", "NAME", "KIND", "COORDINATES"]
    assert lines[1].split()[:2] == ["exact", "at-tanf-locality"]
    assert "33.48834, 38.65697 ±2 km" in lines[1] and 'GeoNames 172344 "At Tanf"' in lines[1]
    assert lines[2].split()[:2] == ["alias", "al-tanf-crossing"]
    assert lines[3].split()[:3] == ["transliteration", "al-tanf-garrison", "التنف"]
    assert lines[4].split()[:3] == ["fuzzy", "85.7", "tan-vordme"]


@pytest.mark.parametrize(
    ("query", "place", "how"),
    [("Hima", "hama", "fuzzy"), ("Damscus", "damascus", "fuzzy"), ("Hamah", "hama", "alias"),
     ("Hamaa", "hama", "transliteration")],
)  # fmt: skip
def test_a_name_sharing_only_the_consonants_is_listed_as_a_near_miss(
    query: str, place: str, how: str
) -> None:
    """Search lists Hama for "Hima" (a suggestion), but as fuzzy: a claim would not resolve
    to it, so the listing must not call it a transliteration either."""
    found = candidates(query, "--places", str(DATA / "names" / "places.yaml"))
    assert (found[0]["id"], found[0]["how"]) == (place, how)


def test_ash_shamiyah_lists_every_candidate_nearest_first() -> None:
    found = candidates("Ash Shamiyah", "--near", "al-tanf-crossing")
    assert {c["id"] for c in found} == SHAMIYAH
    assert found[0]["id"] == "maqha-ash-shuhaymi" and found[0]["distance_km"] == pytest.approx(
        69.54, abs=0.01
    )
    distances = [c["distance_km"] for c in found]
    assert distances[-1] is None  # the desert region has no position
    assert distances[:-1] == sorted(distances[:-1])


def test_near_accepts_any_coordinate_notation() -> None:
    found = candidates("Ash Shamiyah", "--near", "33°26′13″N 38°50′11″E")
    assert found[0]["id"] == "maqha-ash-shuhaymi"
    assert found[0]["distance_km"] == pytest.approx(69.5, abs=0.1)


def test_country_narrows_the_search() -> None:
    assert [c["id"] for c in candidates("Ash Shamiyah", "--country", "iq")] == ["al-shamiya-iraq"]


def test_no_match_exits_1() -> None:
    result = run("places", "search", "Zzyzx")
    assert result.exit_code == 1
    assert "no place matches 'Zzyzx'" in result.output


def test_show_prints_one_place_in_full() -> None:
    result = run("places", "show", "al-tanf-garrison")
    assert result.exit_code == 0
    assert "position       33.50583, 38.61778" in result.output
    assert "dms            33°30′21.0″N 38°37′04.0″E" in result.output
    assert "uncertainty    7 km" in result.output
    assert "defined at     data/places.yaml:" in result.output
    doc = json.loads(run("places", "show", "tanf-deconfliction-zone", "--format", "json").output)
    assert (doc["kind"], doc["centre"], doc["radius_m"]) == ("zone", "al-tanf-garrison", 55000.0)


def test_show_unknown_id_exits_2_with_suggestion() -> None:
    result = run("places", "show", "al-tanf-garison")
    assert result.exit_code == 2
    assert "did you mean 'al-tanf-garrison'" in result.output


def test_import_then_search_both_sources(tmp_path: Path) -> None:
    db = str(tmp_path / "geonames.sqlite")
    result = run("places", "import", "geonames", GEONAMES, "-o", db)
    assert result.exit_code == 0, result.output
    assert "19 places" in result.output and "CC BY 4.0" in result.output
    found = candidates("Ash Shamiyah", "--db", db)
    ids = {c["id"] for c in found}
    # rows the places file already cites are not listed twice; 447557 is cited with 168566
    assert ids >= SHAMIYAH
    assert not any(i.startswith("geonames:") for i in ids)
    shuhaymi = candidates("Maqha ash Shuhaymi", "--db", db, "--places", GEOJSON)
    assert shuhaymi[0]["id"] == "geonames:167300"
    assert shuhaymi[0]["licence"] == "CC BY 4.0" and shuhaymi[0]["geonameid"] == 167300
    assert shuhaymi[0]["source"]["url"] == "https://www.geonames.org/167300"
    shown = run("places", "show", "geonames:167300", "--db", db)
    assert "licence        CC BY 4.0" in shown.output
    assert "Maqhá ash Shuḩaymī" in shown.output


def test_search_in_a_new_storys_folder_needs_no_places_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No data/places.yaml where the story starts: with --db the index is searched alone."""
    db = str(tmp_path / "geonames.sqlite")
    assert run("places", "import", "geonames", GEONAMES, "-o", db).exit_code == 0
    monkeypatch.chdir(tmp_path)
    found = run("places", "search", "Maqha ash Shuhaymi", "--db", db)
    assert found.exit_code == 0 and "geonames:167300" in found.output
    assert run("places", "search", "Maqha ash Shuhaymi").exit_code == 2  # nothing to search


def test_import_shows_a_progress_bar_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.cli import places_import

    monkeypatch.setattr(places_import, "stderr_is_tty", lambda: True)
    monkeypatch.setattr(places_import, "PROGRESS_MIN_BYTES", 0)
    db = str(tmp_path / "geonames.sqlite")
    result = run("places", "import", "geonames", GEONAMES, "-o", db)
    assert result.exit_code == 0
    assert result.output.startswith("importing\n")  # click draws the bar only on a real terminal


def test_import_country_filter(tmp_path: Path) -> None:
    db = str(tmp_path / "kw.sqlite")
    result = run("places", "import", "geonames", GEONAMES, "--country", "KW", "-o", db)
    assert result.exit_code == 0 and "1 places" in result.output


def test_import_bad_dump_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tx\n", encoding="utf-8")
    result = run("places", "import", "geonames", str(bad), "-o", str(tmp_path / "x.sqlite"))
    assert result.exit_code == 2
    assert f"{bad}:1:1: [error] expected 19 tab-separated columns" in result.output


def test_verify_with_geojson_places() -> None:
    result = run("verify", "--claims", str(DATA / "geojson" / "claims.yaml"), "--places", GEOJSON)
    assert result.exit_code == 0, result.output
    assert "inconsistent  wikipedia-garrison-24km-west-of-walid  30.8 [22.8–38.8] km" in (
        result.output
    )


def test_verify_with_a_broken_geojson_names_file_line_and_feature(tmp_path: Path) -> None:
    data = json.loads(Path(GEOJSON).read_text("utf-8"))
    data["features"][1]["geometry"]["coordinates"] = [33.4332, 98.9374]
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = run("verify", "--claims", str(DATA / "geojson" / "claims.yaml"), "--places", str(path))
    assert result.exit_code == 2
    assert f"{path}:" in result.output
    assert "features[1].geometry.coordinates: latitude 98.9374 is out of range" in result.output
