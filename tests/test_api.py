"""claimcheck.api: the front door loads paths, YAML text and plain data alike."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import claimcheck
from claimcheck import api
from claimcheck.claims.model import VerdictKind
from claimcheck.errors import ClaimcheckError, DataError, ParseError, UsageError
from forks import COUNTING_FORKS

ROOT = Path(__file__).parent.parent

PLACES: dict[str, Any] = {
    "places": [
        {
            "id": "al-tanf-crossing",
            "name": "al-Tanf border crossing",
            "lat": 33.43694,
            "lon": 38.83639,
            "uncertainty": "8 km",
            "source": {"title": 'German Wikipedia, "Al-Tanf"'},
        },
        {
            "id": "al-tanf-garrison",
            "name": "al-Tanf garrison",
            "lat": 33.50583,
            "lon": 38.61778,
            "uncertainty": "7 km",
            "source": {"title": 'English Wikipedia, "Al-Tanf (U.S. military base)"'},
        },
    ]
}


def _claim(claim_id: str, distance: str) -> dict[str, Any]:
    return {
        "id": claim_id,
        "quote": f"the garrison is {distance} from the crossing",
        "claimant": "a test",
        "source": {"title": "tests/test_api.py"},
        "subject": "al-tanf-garrison",
        "distance": distance,
        "from": "al-tanf-crossing",
    }


CLAIMS = {
    "claims": [
        _claim("far", "more than 100 km"),  # 21.7 km ± 15 km: inconsistent
        _claim("near", "less than 60 km"),  # consistent
        _claim("about", "about 20 km"),  # 6.7–36.7 km against 19–21 km: inconclusive
    ]
}


def test_verify_from_plain_data() -> None:
    report = claimcheck.verify(claimcheck.from_data(CLAIMS, PLACES))
    assert [(v.claim.id, v.verdict) for v in report.verdicts] == [
        ("far", VerdictKind.INCONSISTENT),
        ("near", VerdictKind.CONSISTENT),
        ("about", VerdictKind.INCONCLUSIVE),
    ]
    assert report.dataset.claims_path == api.CLAIMS_SOURCE


def test_yaml_text_and_files_give_the_same_verdicts() -> None:
    claims = (ROOT / "data/claims.yaml").read_text(encoding="utf-8")
    places = (ROOT / "data/places.yaml").read_text(encoding="utf-8")
    from_text = api.verify(api.loads(claims, places))
    from_files = api.verify(api.load(ROOT / "data/claims.yaml", ROOT / "data/places.yaml"))
    assert [v.verdict for v in from_text.verdicts] == [v.verdict for v in from_files.verdicts]
    assert [v.reason for v in from_text.verdicts] == [v.reason for v in from_files.verdicts]


def test_yaml_text_problems_keep_their_lines() -> None:
    with pytest.raises(DataError) as caught:
        api.loads("claims:\n  - id: x\n    bogus: 1\n", "places: []\n")
    assert {(p.path, p.line) for p in caught.value.problems} >= {(api.CLAIMS_SOURCE, 2)}


@pytest.mark.parametrize(
    ("claims", "field"),
    [
        ({"claims": [{**_claim("x", "10 km"), "distance": "10 parsecs"}]}, "claims[0].distance"),
        ({"claims": [{**_claim("x", "10 km"), 7: "seven"}]}, "claims[0]"),
        ({"claims": [{**_claim("x", "10 km"), "from": object()}]}, "claims[0].from"),
        ({"claims": "none"}, "claims"),
    ],
)
def test_bad_plain_data_names_the_field(claims: dict[str, Any], field: str) -> None:
    with pytest.raises(DataError) as caught:
        api.from_data(claims, PLACES)
    assert field in {p.field for p in caught.value.problems}
    assert all(p.line == 0 for p in caught.value.problems)


def test_regions_are_solved_once_when_asked() -> None:
    dataset = api.load(ROOT / "data/claims.yaml", ROOT / "data/places.yaml")
    assert api.verify(dataset).regions == {}
    solved = api.verify(dataset, regions=True).regions
    assert set(solved) == {"strike-site-2017-06-06"}


def test_the_report_is_immutable() -> None:
    report = api.verify(api.from_data(CLAIMS, PLACES))
    with pytest.raises(AttributeError):
        report.verdicts = ()  # type: ignore[misc]


def test_locked_report_expects_what_it_found() -> None:
    locked = api.verify(api.from_data(CLAIMS, PLACES)).locked()
    assert all(v.claim.expect is v.verdict for v in locked.verdicts)


@pytest.mark.parametrize("error", [DataError([]), UsageError("x"), ParseError("x")])
def test_one_error_hierarchy(error: Exception) -> None:
    assert isinstance(error, ClaimcheckError)


#: verify in a fresh interpreter (tests/forks.py), serially, then split over two processes
SPLIT = (
    COUNTING_FORKS
    + """
import json, sys
from click.testing import CliRunner
from claimcheck.cli import main  # first, as the program does: numpy's threads are held to one
from claimcheck import api
runs = []
for split in (False, True):
    api.SPLIT_FILE_BYTES = api.SPLIT_CLAIMS = 1 if split else float("inf")
    # JSON: everything the report holds (the text shows less of it)
    args = ["verify", "--claims", sys.argv[1], "--places", sys.argv[2], "--format", "json"]
    done = CliRunner().invoke(main, args, env={"NO_COLOR": "1"})
    runs.append([done.exit_code, done.stdout, done.stderr])
print(json.dumps({"forks": len(forks), "serial": runs[0], "split": runs[1]}))
"""
)
REAL = ROOT / "tests" / "data" / "real"
BAD = ROOT / "tests" / "data" / "bad"
SPLIT_CASES = [
    (ROOT / "data" / "claims.yaml", ROOT / "data" / "places.yaml", 0),
    *((d / "claims.yaml", d / "places.yaml", 0) for d in sorted(REAL.iterdir()) if d.is_dir()),
    (ROOT / "tests/data/geojson/claims.yaml", ROOT / "tests/data/geojson/al-tanf.geojson", 0),
    (BAD / "c-duplicate-id.yaml", BAD / "ok-places.yaml", 2),
    (BAD / "ok-claims.yaml", BAD / "p-latitude-95.yaml", 2),
    (BAD / "c-unknown-unit.yaml", BAD / "p-polygon-bowtie.yaml", 2),  # both: the places' first
    (BAD / "ok-claims.yaml", BAD / "no-such-places.yaml", 2),
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")
@pytest.mark.parametrize(
    ("claims", "places", "code"),
    [pytest.param(*case, id=f"{case[0].parent.name}/{case[1].name}") for case in SPLIT_CASES],
)
def test_a_second_process_changes_no_output(claims: Path, places: Path, code: int) -> None:
    """Big files are read, and their contradictions found, in a second process: every output,
    problem and exit code is the one a single process gives, on every story and bad input."""
    done = subprocess.run(
        [sys.executable, "-c", SPLIT, str(claims), str(places)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    found = json.loads(done.stdout)
    assert found["split"] == found["serial"]
    assert found["serial"][0] == code
    # the places are read beside the claims, then the contradictions found beside the verdicts;
    # a file that cannot be read is read by no child
    assert found["forks"] == (0 if "no-such" in places.name else 1 if code == 2 else 2)


@pytest.mark.parametrize(
    ("claims", "places"),
    [pytest.param(c, p, id=c.parent.name) for c, p, code in SPLIT_CASES if not code],
)
def test_regions_tell_the_feasibility_verify_finds_without_them(claims: Path, places: Path) -> None:
    """With regions (a map's), each unknown place is solved once and its feasibility read from
    its regions: the same as verify finds solving it alone (areas to 1e-9: a region's geodesics
    may fall to another engine, claimcheck.geo.geodesic, which agree to ~1e-12 here)."""
    dataset = api.load(claims, places)
    told = api.verify(dataset, regions=True).locations
    found = api.verify(dataset).locations
    assert [dataclasses.replace(f, area_km2=0.0) for f in told] == [
        dataclasses.replace(f, area_km2=0.0) for f in found
    ]
    assert [f.area_km2 for f in told] == pytest.approx([f.area_km2 for f in found], rel=1e-9)
