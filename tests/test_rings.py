"""Polygon rings: invalid ones are load-time errors; polar caps and antimeridian rings work.

The invalid rings are files in tests/data/bad/ (p-polygon-*.yaml, p-geojson-bowtie.geojson),
listed with their line and message in its EXPECTED.yaml; here every command that loads places
must refuse them with exit 2. The valid extremes are tests/data/rings/: a cap around the North
Pole (and a ring around it with the pole cut out), and a box across the antimeridian with a hole
that straddles it, each with claims whose verdicts are locked as `expect:`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from shapely.geometry import Point, shape

from claimcheck.cli import main
from claimcheck.gazetteer.rings import (
    MAX_EDGE_M,
    RingProblem,
    distinct_vertices,
    long_edge,
    ring_problems,
)
from test_map import assert_rfc7946

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"
RINGS = DATA / "rings"
OK_CLAIMS = BAD / "ok-claims.yaml"
BAD_RINGS = [*sorted(BAD.glob("p-polygon-*.yaml")), BAD / "p-geojson-bowtie.geojson"]

SQUARE = [(33.0, 38.0), (33.0, 38.2), (33.2, 38.2), (33.2, 38.0)]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"})


@pytest.mark.parametrize(
    ("rings", "ring", "fragment"),
    [
        ([[(33, 38), (34, 39), (33, 39), (34, 38)]], 0, "crosses or touches itself near 33.5"),
        ([[(33.0, 38.0), (33.1, 38.0), (33.2, 38.0)]], 0, "encloses no area"),
        ([[(33.0, 38.0), (33.1, 38.1), (33.2, 38.2)]], 0, "encloses no area"),
        ([[(33, 38), (33, 38.5), (34, 39), (33, 38.5)]], 0, "encloses no area"),
        ([[(33, 38), (34, 39), (34, 39), (33, 38)]], 0, "at least 3 different"),
        ([SQUARE, [(33.45, 38.55), (33.45, 38.65), (33.55, 38.65)]], 1, "lies outside"),
        ([SQUARE, [(33.1, 38.1), (33.1, 38.3), (33.15, 38.3)]], 1, "crosses the outer ring"),
        (
            [SQUARE, [(33.05, 38.05), (33.05, 38.1), (33.1, 38.1)],
             [(33.06, 38.06), (33.06, 38.09), (33.09, 38.09)]],
            2, "overlaps holes[0]",
        ),
        ([[(0, lon) for lon in (0, 60, 120, 180, -120, -60)]], 0, "must fit in a hemisphere"),
        ([[(0, 0), (0, 90), (0, 180), (0, -90)]], 0, "has an edge of 10,019 km (vertices 0 to 1)"),
    ],
)  # fmt: skip
def test_rings_that_do_not_bound_one_area(
    rings: list[list[tuple[float, float]]], ring: int, fragment: str
) -> None:
    (problem,) = ring_problems(rings)
    assert problem.ring == ring
    assert fragment in problem.message


@pytest.mark.parametrize(
    "rings",
    [
        [SQUARE],
        [SQUARE[::-1]],  # either orientation
        [[*SQUARE, SQUARE[0]]],  # closed
        [[SQUARE[0], SQUARE[0], *SQUARE[1:]]],  # a repeated vertex that changes nothing
        [[(33.0, 38.0), (33.0, 38.1), *SQUARE[1:]]],  # a vertex in the middle of an edge
        [SQUARE, [(33.05, 38.05), (33.05, 38.1), (33.1, 38.1), (33.1, 38.05)]],
        [[(80, 0), (80, 90), (80, 180), (80, -90)]],  # around the North Pole
        [[(-60, 0), (-60, -120), (-60, 120)]],  # around the South Pole
        [[(-16, 178), (-16, -179), (-19, -179), (-19, 178)],  # across the antimeridian
         [(-17, 179.5), (-17, -179.5), (-18, -179.5), (-18, 179.5)]],
    ],
)  # fmt: skip
def test_valid_rings(rings: list[list[tuple[float, float]]]) -> None:
    assert ring_problems(rings) == []


def test_a_problem_says_which_ring() -> None:
    assert str(RingProblem(0, "crosses itself")) == "the outer ring crosses itself"
    assert (
        str(RingProblem(2, "lies outside the outer ring")) == "the hole lies outside the outer ring"
    )
    assert distinct_vertices([(1, 1), (1, 1), (2, 2), (3, 3), (1, 1)]) == ((1, 1), (2, 2), (3, 3))


@pytest.mark.parametrize("path", BAD_RINGS, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["verify"],
        ["map", "--format", "geojson"],
        ["locate", "--where", "within 5 km of 33.4,38.8"],
    ],
    ids=lambda c: c[0],
)
def test_every_command_refuses_an_invalid_polygon(path: Path, command: list[str]) -> None:
    result = invoke(*command, "--claims", str(OK_CLAIMS), "--places", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{path}:" in result.stderr


def test_a_hole_outside_the_ring_no_longer_decides_a_verdict(tmp_path: Path) -> None:
    """The review's wrong answer: ~29 km from the ring but 4.6 km from a stray hole "is within
    5 km"; now the polygon is refused before anything is measured."""
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n  - {id: c, quote: q, claimant: c, source: s, subject: al-tanf-garrison,\n"
        "     distance: less than 5 km, from: area}\n",
        encoding="utf-8",
    )
    places = tmp_path / "places.yaml"
    places.write_text(
        (BAD / "ok-places.yaml").read_text(encoding="utf-8")
        + "\n".join((BAD / "p-polygon-hole-outside.yaml").read_text().splitlines()[1:])
        + "\n",
        encoding="utf-8",
    )
    result = invoke("verify", "--claims", str(claims), "--places", str(places))
    assert result.exit_code == 2
    assert "the hole lies outside the outer ring" in result.stderr
    assert "consistent" not in result.stdout


# --- the valid extremes work everywhere --------------------------------------------------------

FIXTURES = ["polar", "antimeridian"]


def files(name: str) -> list[str]:
    return [
        "--claims",
        str(RINGS / f"{name}-claims.yaml"),
        "--places",
        str(RINGS / f"{name}-places.yaml"),
    ]


@pytest.mark.parametrize("name", FIXTURES)
def test_verdicts_on_polar_and_antimeridian_polygons(name: str) -> None:
    result = invoke("verify", *files(name), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert all(r["expected"] for r in doc["results"]), doc["results"]


@pytest.mark.parametrize(
    ("name", "where"),
    [("polar", {"north": 90.0, "west": -180.0, "east": 180.0}),
     ("antimeridian", {"west": pytest.approx(179.85, abs=0.01),
                       "east": pytest.approx(-179.0, abs=0.01)})],
)  # fmt: skip
def test_locate_in_a_polar_cap_and_across_the_antimeridian(
    name: str, where: dict[str, float]
) -> None:
    result = invoke("locate", "unknown-site", *files(name), "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["feasible"] and found["area_km2"] > 1000
    for key, value in where.items():
        assert found["extent"][key] == value
    geojson = invoke("locate", "unknown-site", *files(name), "--format", "geojson")
    assert geojson.exit_code == 0, geojson.output
    assert_rfc7946(json.loads(geojson.stdout))


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("fmt", ["geojson", "html", "png", "svg"])
def test_map_in_every_format(name: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"map.{fmt}"
    result = invoke("map", *files(name), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000


def test_the_polar_cap_is_drawn_as_a_cap() -> None:
    result = invoke("map", *files("polar"), "--format", "geojson")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert_rfc7946(doc)
    drawn = {f["properties"].get("id"): shape(f["geometry"]) for f in doc["features"]}
    cap, ring, zone = drawn["cap"], drawn["ring-around-cap"], drawn["zone-round-the-pole"]
    assert zone.contains(Point(100.0, 89.9)) and zone.contains(Point(0.0, 88.0))  # 266 km
    assert not zone.contains(Point(80.0, 88.0))  # across the pole, 334 km from 89°N 100°W
    for lon in (-179.9, -100.0, 0.0, 100.0, 179.9):
        assert cap.contains(Point(lon, 89.0)) and cap.contains(Point(lon, 82.0))
        assert not cap.contains(Point(lon, 79.0))
        assert ring.contains(Point(lon, 78.0)) and not ring.contains(Point(lon, 89.0))


def test_the_antimeridian_box_is_cut_and_keeps_its_hole() -> None:
    result = invoke("map", *files("antimeridian"), "--format", "geojson")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert_rfc7946(doc)
    (box,) = [shape(f["geometry"]) for f in doc["features"] if f["properties"].get("id") == "box"]
    assert box.geom_type == "MultiPolygon"
    assert box.contains(Point(178.5, -18.5)) and box.contains(Point(-179.2, -16.5))
    assert not box.contains(Point(179.9, -17.5)) and not box.contains(Point(-179.9, -17.5))


@pytest.mark.parametrize(
    ("line", "too_long"),
    [
        ([(0.0, 0.0), (0.0, 89.0)], False),  # 9,907 km: cleared in pure Python
        ([(0.0, 0.0), (0.0, 89.9)], True),  # 10,008 km
        ([(-46.0, 0.0), (46.0, 0.0)], True),  # 92° of meridian: 10,192 km
        ([(80.0, 0.0), (80.0, 100.0)], False),  # |Δlat| + |Δlon| = 100°, but 1,707 km
        ([(10.0, 179.0), (10.0, -179.0)], False),  # across the antimeridian
        ([(10.0, -170.0), (10.0, 100.0)], False),  # 90° of longitude the short way round
    ],
)
def test_long_edge(line: list[tuple[float, float]], too_long: bool) -> None:
    assert (long_edge(line) is not None) is too_long


def test_long_edge_agrees_with_geodesics() -> None:
    """The pure-Python bound only clears edges that GeographicLib finds short."""
    from geographiclib.geodesic import Geodesic

    rng = random.Random(17)
    for _ in range(2_000):
        lat1, lon1 = rng.uniform(-90, 90), rng.uniform(-180, 180)
        lat2 = max(-90.0, min(90.0, lat1 + rng.uniform(-95, 95)))
        lon2 = (lon1 + rng.uniform(-100, 100) + 180.0) % 360.0 - 180.0
        s12 = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]
        found = long_edge([(lat1, lon1), (lat2, lon2)])
        assert (found is not None) is (s12 > MAX_EDGE_M), (lat1, lon1, lat2, lon2, s12)
