"""Inputs past a limit fail fast with exit 2 and a message that names the limit.

The limits are far above real use (claimcheck.files.limits), so the count tests lower the one
they test where it is read; bench/bench_limits.py crosses the real size limit with a real file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimcheck.cli import main
from claimcheck.files import limits

BAD = Path(__file__).parent / "data" / "bad"
OK_CLAIMS = BAD / "ok-claims.yaml"
OK_PLACES = BAD / "ok-places.yaml"


def check(claims: Path, places: Path) -> Result:
    result = CliRunner().invoke(main, ["check", "--claims", str(claims), "--places", str(places)])
    assert "Traceback" not in result.output
    return result


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as out:
        out.truncate(limits.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    start = time.perf_counter()
    result = check(OK_CLAIMS, huge)
    assert time.perf_counter() - start < 5
    assert result.exit_code == 2
    assert f"the file is {limits.MAX_FILE_BYTES + 1:,} bytes: more than the limit of" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("field", "entry"),
    [
        ("places[0].name", "id: p, name: NAME"),
        ("places[0].aliases", "id: p, aliases: [NAME]"),
        ("places[0].country", "id: p, country: NAME"),
        ("places[0].id", "id: NAME"),
    ],
)
def test_a_5_mb_name_fails_fast_and_is_not_repeated(tmp_path: Path, field: str, entry: str) -> None:
    places = tmp_path / "places.yaml"
    body = f"  - {{{entry}, lat: 33, lon: 38, uncertainty: 1 km, source: s}}\n"
    places.write_text("places:\n" + body.replace("NAME", "x" * 5_000_000), encoding="utf-8")
    start = time.perf_counter()
    result = check(OK_CLAIMS, places)
    assert time.perf_counter() - start < 10
    assert result.exit_code == 2
    assert f"{field}: " in result.stderr
    assert "5,000,000 characters: more than the limit of 500" in result.stderr
    assert len(result.stderr) < 5_000


def test_a_5_mb_place_reference_in_a_claim(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        OK_CLAIMS.read_text(encoding="utf-8").replace(
            "subject: al-tanf-garrison", "subject: " + "x" * 5_000_000
        ),
        encoding="utf-8",
    )
    result = check(claims, OK_PLACES)
    assert result.exit_code == 2
    assert "claims[0].subject: 'subject': 5,000,000 characters" in result.stderr
    assert "missing required field" not in result.stderr
    assert len(result.stderr) < 5_000


@pytest.mark.parametrize(
    ("module", "name", "value", "fragment"),
    [
        ("claimcheck.claims.model", "MAX_CLAIMS", 0, "1 claims: more than the limit of 0"),
        ("claimcheck.gazetteer.reader", "MAX_PLACES", 2, "4 places: more than the limit of 2"),
        ("claimcheck.gazetteer.reader", "MAX_VERTICES", 3, "4 vertices: more than the limit of 3"),
        ("claimcheck.gazetteer.reader", "MAX_HOLES", 0, "1 holes: more than the limit of 0"),
    ],
)
def test_each_count_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, name: str, value: int,
    fragment: str,
) -> None:  # fmt: skip
    monkeypatch.setattr(f"{module}.{name}", value)
    places = tmp_path / "places.yaml"
    places.write_text(
        OK_PLACES.read_text(encoding="utf-8")
        + "  - id: area\n    kind: polygon\n    uncertainty: 1 km\n    source: s\n"
        "    lat_lon: [[33.0, 38.0], [33.0, 38.2], [33.2, 38.2], [33.2, 38.0]]\n"
        "    holes: [[[33.05, 38.05], [33.05, 38.1], [33.1, 38.1]]]\n",
        encoding="utf-8",
    )
    result = check(OK_CLAIMS, places)
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr and "(see docs/robustness.md)" in result.stderr


def test_a_long_name_on_the_command_line_fails_fast() -> None:
    result = CliRunner().invoke(main, ["places", "search", "x" * 100_000])
    assert result.exit_code == 2
    assert "a name of 100,000 characters: more than the limit of 500" in result.stderr
    assert len(result.stderr) < 1_000
