from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.gazetteer.reader import load_places
from oracles import brute_force_distance_to_line_m

ROOT = Path(__file__).parent.parent
PLACES = str(ROOT / "tests" / "data" / "kinds" / "places.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["distance", *args, "--places", PLACES],
                                catch_exceptions=False)  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def test_text_garrison_to_crossing() -> None:
    code, out, err = run("al-tanf-garrison", "al-tanf-crossing")
    assert (code, err) == (0, "")
    assert out == (
        "from      al-tanf-garrison  (33.50583, 38.61778, ±7 km)\n"
        "to        al-tanf-crossing  (33.43694, 38.83639, ±8 km)\n"
        "distance  21.71 km, 13.49 mi, 11.72 nmi\n"
        "interval  6.71–36.71 km, 4.17–22.81 mi, 3.62–19.82 nmi  (from the places' uncertainties)\n"
        "azimuth   110.5°  (ESE)\n"
    )


def test_json_keys_for_points() -> None:
    code, out, _ = run("al-tanf-garrison", "al-tanf-crossing", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["distance_m"] == pytest.approx(21_710, abs=5)
    assert doc["distance_min_m"] == pytest.approx(doc["distance_m"] - 15_000)
    assert doc["distance_max_m"] == pytest.approx(doc["distance_m"] + 15_000)
    assert doc["azimuth_deg"] == pytest.approx(110.5, abs=0.05)
    assert doc["compass"] == "ESE"
    assert doc["nearest"] is None


def test_crossing_to_border_nearest_point_matches_brute_force() -> None:
    code, out, _ = run("al-tanf-crossing", "iraq-syria-border", "--format", "json")
    doc = json.loads(out)
    border = load_places(PLACES).places["iraq-syria-border"]
    reference = brute_force_distance_to_line_m(33.43694, 38.83639, border.vertices)
    assert code == 0
    assert doc["distance_m"] == pytest.approx(3_260, abs=10)
    assert doc["distance_m"] == pytest.approx(reference, abs=1.0)
    assert set(doc["nearest"]) == {"lat", "lon"}
    assert doc["nearest_on"] == "iraq-syria-border"
    assert doc["compass"] == "SSE"


@pytest.mark.parametrize(
    ("a", "b", "inside", "distance_km"),
    [
        ("palmyra", "tanf-deconfliction-zone", False, 64.91),
        ("tanf-deconfliction-zone", "rukban-camp", True, 0.0),
        ("tan-vordme", "garrison-walid-rukban-triangle", True, 0.0),
        ("34.55041,38.28334", "garrison-walid-rukban-triangle", False, 119.91),
    ],
)
def test_zone_and_polygon(a: str, b: str, inside: bool, distance_km: float) -> None:
    code, out, _ = run(a, b, "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["inside"] is inside
    assert doc["distance_m"] / 1000 == pytest.approx(distance_km, abs=0.01)
    assert doc["nearest"] is not None


def test_coordinates_and_name() -> None:
    code, out, _ = run("33.50583,38.61778", "Rukban", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["a"]["uncertainty_m"] == 0.0
    assert doc["b"]["id"] == "rukban-camp"
    assert doc["distance_m"] == pytest.approx(22_132, abs=5)


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ("al-Tanf", "palmyra", "fits 3 places: al-tanf-crossing"),
        ("Atlantis", "damascus", "unknown place 'Atlantis'"),
        ("95.0,38.6", "palmyra", "latitude 95.0 is out of range: did you swap lat/lon?"),
        ("iraq-syria-border", "tanf-deconfliction-zone", "give a point for A or B"),
        ("strike-site-2017-06-06", "palmyra", "has no coordinates"),
    ],
)
def test_bad_endpoints_exit_2(a: str, b: str, message: str) -> None:
    code, out, err = run(a, b)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


#: what a command pays for only when its data needs it (claimcheck.geo.geodesic, geo.lines)
HEAVY = ("numpy", "shapely", "pyproj")
_LOADED = (
    "import sys; from claimcheck.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
)


@pytest.mark.parametrize(
    ("a", "b", "loaded"),
    [
        # two points: one geodesic, solved in Python; the lines in the file are read and
        # checked (their edges' lengths bounded in pure Python), but nothing is built from them
        ("al-tanf-garrison", "al-tanf-crossing", []),
        # a point and a line: the line is prepared for nearest-point queries (numpy)
        ("al-tanf-garrison", "iraq-syria-border", ["numpy"]),
    ],
)
def test_distance_loads_only_what_its_places_need(a: str, b: str, loaded: list[str]) -> None:
    places = str(ROOT / "data" / "places.yaml")
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, "distance", a, b, "--places", places],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stderr.strip() == repr(loaded)


def test_a_new_storys_folder_needs_no_places_file_for_coordinates_and_borders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Morocco trial: the USGS's two solutions for one epicentre, measured in a story's
    folder before any `places add`, failed on the missing default data/places.yaml."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(main, ["distance", "31.110,-8.440", "31.058,-8.385"])
    assert (ok.exit_code, ok.stderr) == (0, "")
    assert "distance  7.80 km" in ok.stdout
    border = runner.invoke(main, ["distance", "31.110,-8.440", "coast:MA"])
    assert border.exit_code == 0 and "(on coast:MA)" in border.stdout
    unknown = runner.invoke(main, ["distance", "31.110,-8.440", "Marrakesh"])
    assert unknown.exit_code == 2
    assert "data/places.yaml, the default of --places, does not exist" in unknown.stderr
