"""The bad-input corpus: every malformed file exits 2 with file:line and a clear message.

tests/data/bad/EXPECTED.yaml lists each file with the line and message fragment it must give;
YAML files with syntax errors cannot carry their own expectations, hence the index.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from claimcheck.cli import main

BAD = Path(__file__).parent / "data" / "bad"
OK_CLAIMS = BAD / "ok-claims.yaml"
OK_PLACES = BAD / "ok-places.yaml"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (BAD / "EXPECTED.yaml").read_text(encoding="utf-8")
)


def verify(claims: Path, places: Path, *extra: str) -> Result:
    args = ["verify", "--claims", str(claims), "--places", str(places), *extra]
    return CliRunner().invoke(main, args, env={"NO_COLOR": "1"})


def verify_bad(path: Path, *extra: str) -> Result:
    """A c-*.yaml file is a claims file, a p-*.yaml or p-*.geojson file a places file."""
    if path.name.startswith("p-"):
        return verify(OK_CLAIMS, path, *extra)
    return verify(path, OK_PLACES, *extra)


def assert_clean_exit_2(result: Result) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_the_corpus_is_complete() -> None:
    files = {p.name for p in BAD.glob("[cp]-*") if p.suffix in (".yaml", ".geojson")}
    assert files == set(EXPECTED), "every bad file needs an entry in EXPECTED.yaml, and back"
    assert len(files) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_exits_2_naming_file_and_line(name: str) -> None:
    path = BAD / name
    want = EXPECTED[name]
    result = verify_bad(path)
    assert_clean_exit_2(result)
    where = f"{path}:{want['line']}:"
    field = f" {want['field']}: " if "field" in want else ""
    lines = result.stderr.splitlines()
    assert any(where in line and field in line and want["message"] in line for line in lines), (
        result.stderr
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_in_json_gives_the_same_problem(name: str) -> None:
    path = BAD / name
    want = EXPECTED[name]
    result = verify_bad(path, "--format", "json")
    assert_clean_exit_2(result)
    doc = json.loads(result.stdout)
    assert doc["status"] == "error"
    assert any(
        e["path"] == str(path)
        and e["line"] == want["line"]
        and e["field"] == want.get("field", e["field"])
        and want["message"] in e["message"]
        for e in doc["errors"]
    ), doc


def test_a_10_mb_file_with_an_error_at_the_end(tmp_path: Path) -> None:
    """A pasted article dump: 10 MB in one quote, then a bad unit; exit 2 fast, right line."""
    path = tmp_path / "huge.yaml"
    quote = "the strike hit al-Shamiyah " * (10 * 1024 * 1024 // 27)
    path.write_text(
        "claims:\n  - id: c1\n"
        f"    quote: {quote}\n"
        "    claimant: x\n    source: y\n    subject: al-tanf-garrison\n"
        "    distance: more than 45 leagues\n    from: al-tanf-crossing\n",
        encoding="utf-8",
    )
    assert path.stat().st_size >= 10 * 1024 * 1024
    start = time.perf_counter()
    result = verify(path, OK_PLACES)
    assert time.perf_counter() - start < 10
    assert_clean_exit_2(result)
    assert f"{path}:7:5:" in result.stderr
    assert "cannot read 'more than 45 leagues'" in result.stderr


def _json_results(result: Result) -> list[dict[str, Any]]:
    return [
        {k: r[k] for k in ("id", "verdict", "measured_km", "line")}
        for r in json.loads(result.stdout)["results"]
    ]


@pytest.mark.parametrize(
    ("label", "transform"),
    [
        ("CRLF", lambda b: b.replace(b"\n", b"\r\n")),
        ("CR only", lambda b: b.replace(b"\n", b"\r")),
        ("BOM", lambda b: b"\xef\xbb\xbf" + b),
        ("BOM and CRLF", lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")),
    ],
)
def test_line_endings_and_bom_work(tmp_path: Path, label: str, transform: Any) -> None:
    """Windows editors save CRLF and a BOM: the verdicts and line numbers must not change."""
    claims, places = tmp_path / "claims.yaml", tmp_path / "places.yaml"
    claims.write_bytes(transform(OK_CLAIMS.read_bytes()))
    places.write_bytes(transform(OK_PLACES.read_bytes()))
    plain = verify(OK_CLAIMS, OK_PLACES, "--format", "json")
    result = verify(claims, places, "--format", "json")
    assert result.exit_code == plain.exit_code == 0, (label, result.output)
    assert _json_results(result) == _json_results(plain)


def test_a_missing_file_names_the_file(tmp_path: Path) -> None:
    result = verify(tmp_path / "nope.yaml", OK_PLACES)
    assert_clean_exit_2(result)
    assert f"{tmp_path / 'nope.yaml'}: [error] cannot read file" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "parsable", "github", "junit"])
def test_a_longitude_error_names_the_lon_line_and_field_in_every_format(fmt: str) -> None:
    """`lon: 200` on line 5 is reported on line 5 as places[0].lon, never on the lat line."""
    path = BAD / "p-longitude-200.yaml"
    result = verify(OK_CLAIMS, path, "--format", fmt)
    assert_clean_exit_2(result)
    out = result.stdout + result.stderr
    line = {"json": '"line": 5', "junit": 'line="5"', "github": "line=5"}.get(fmt, f"{path}:5:")
    assert line in out and "places[0].lon" in out, out
    assert "places[0].lat" not in out and ":4:" not in out
