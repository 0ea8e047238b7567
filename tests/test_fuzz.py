"""Fuzzing: generated and mutated input never crashes claimcheck.

Each target either succeeds or raises the one error type it documents (DataError for files,
RelationError/UnitError for the figure grammar, CoordinateError for coordinates); anything else
would reach the user as a traceback. Twelve targets: in the long profile (HYPOTHESIS_PROFILE=long,
see tests/conftest.py) that is 120,000 inputs, each under a 2 s deadline.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from claimcheck import api as engine
from claimcheck.claims.extract import extract, yaml_entries
from claimcheck.claims.model import CLAIM_KEYS
from claimcheck.errors import DataError
from claimcheck.files import yamlfile
from claimcheck.gazetteer.reader import PLACE_KEYS, load_places
from claimcheck.grammar.coords import CoordinateError, parse_coordinates
from claimcheck.grammar.relations import RELATION_WORDS, RelationError, parse_requirement
from claimcheck.grammar.units import NUMBER_WORDS, UNIT_WORDS, UnitError, parse_length
from claimcheck.render import formatter

#: hypothesis over whole files: minutes on the long profile; `-m 'not slow'` skips them
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
BUNDLED_CLAIMS = ROOT / "data" / "claims.yaml"
BUNDLED_PLACES = ROOT / "data" / "places.yaml"
OK_CLAIMS = BAD / "ok-claims.yaml"
OK_PLACES = BAD / "ok-places.yaml"

#: Writing a file per example is the point (the loaders read paths), not a slow test.
file_settings = settings(suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("fuzz")


def _write(directory: Path, data: bytes) -> Path:
    path = directory / f"{uuid.uuid4().hex}.yaml"
    path.write_bytes(data)
    return path


def _verify_all_formats(claims: Path, places: Path) -> None:
    """The whole of `claimcheck verify`: load, verify and render; only DataError may escape."""
    try:
        report = engine.verify(engine.load_dataset(str(claims), str(places)))
    except DataError as exc:
        assert exc.problems, "a DataError must carry at least one problem"
        for problem in exc.problems:
            assert problem.path in (str(claims), str(places))
        return
    for name in ("text", "json"):
        formatter(name).render_verify(report, False)


def _load_or_data_error(path: Path) -> None:
    try:
        yamlfile.load(str(path))
    except DataError as exc:
        assert exc.problems
        assert all(p.path == str(path) and p.line >= 1 for p in exc.problems), exc.problems


# --- mutation ---------------------------------------------------------------------------------

#: Characters and fragments that mean something to YAML, to the encoders, or to our grammar.
TOKENS = [
    ":", ": ", "-", "- ", " ", "  ", "\t", "\n", "\r\n", "\r", "[", "]", "{", "}", ",", "&a ",
    "*a", "!!python/object ", "!x ", "'", '"', "#", "? ", "|", ">", "%", "@", "`", "\x00",
    "\ufeff", "\x85", "\u2028", "é", "ش", "~", "null", ".nan", "-.inf", "1e999", "95", "-5",
    "km", "mi", "more than ", "between 3 and ", "<<: *a\n", "---\n", "...\n",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with a few random deletions, insertions and replacements."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        token = draw(st.sampled_from(TOKENS)).encode("utf-8")
        if op == "insert":
            data[at:at] = token
        elif op == "delete":
            data[at : at + draw(st.integers(1, 40))] = b""
        elif op == "replace":
            data[at : at + len(token)] = token
        else:
            end = at + draw(st.integers(1, 200))
            data[at:at] = data[at:end]
    return bytes(data)


@file_settings
@given(text=st.text())
def test_loader_on_random_text(scratch: Path, text: str) -> None:
    path = _write(scratch, text.encode("utf-8", "surrogatepass"))
    _load_or_data_error(path)


@file_settings
@given(data=st.binary(max_size=2000))
def test_loader_on_random_bytes(scratch: Path, data: bytes) -> None:
    path = _write(scratch, data)
    _load_or_data_error(path)


@file_settings
@given(data=mutated(BUNDLED_CLAIMS.read_bytes()))
def test_verify_on_mutated_bundled_claims(scratch: Path, data: bytes) -> None:
    _verify_all_formats(_write(scratch, data), BUNDLED_PLACES)


@file_settings
@given(data=mutated(OK_PLACES.read_bytes()))
def test_verify_on_mutated_places(scratch: Path, data: bytes) -> None:
    _verify_all_formats(OK_CLAIMS, _write(scratch, data))


@file_settings
@given(
    data=mutated(
        (BAD / "p-geojson-unclosed-ring.geojson")
        .read_bytes()
        .replace(b"[38.0, 34.0]]]", b"[38.0, 34.0], [38.0, 33.0]]]")
    )
)
def test_load_places_on_mutated_geojson(scratch: Path, data: bytes) -> None:
    path = scratch / f"{uuid.uuid4().hex}.geojson"
    path.write_bytes(data)
    try:
        load_places(str(path))
    except DataError as exc:
        assert exc.problems and all(p.path == str(path) for p in exc.problems)


# --- structurally valid YAML with random values -----------------------------------------------

#: YAML scalars as a journalist might (mis)type them.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["al-tanf-garrison", "al-tanf-crossing", "zone-around-garrison", "Tanf",
                     "more than 45 mi", "about 55 km", "between 30 and 40 km", "-5 km", "8",
                     "north-east", "NNW", "consistent", "zone", "line", "polygon", "point"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _entries(keys: tuple[str, ...]) -> st.SearchStrategy[list[dict[str, Any]]]:
    entry = st.dictionaries(st.sampled_from(keys), values, min_size=1, max_size=len(keys))
    return st.lists(entry, min_size=1, max_size=4)


@file_settings
@given(claims=_entries(CLAIM_KEYS))
def test_verify_on_generated_claims(scratch: Path, claims: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump({"claims": claims}, allow_unicode=True)
    _verify_all_formats(_write(scratch, text.encode("utf-8")), OK_PLACES)


@file_settings
@given(places=_entries(PLACE_KEYS))
def test_load_places_on_generated_places(scratch: Path, places: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump({"places": places}, allow_unicode=True)
    path = _write(scratch, text.encode("utf-8"))
    try:
        gazetteer = load_places(str(path))
    except DataError:
        return
    for place in gazetteer:
        if place.lat is not None and place.lon is not None:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
        assert math.isfinite(place.uncertainty_m) and place.uncertainty_m >= 0


# --- the figure grammar -----------------------------------------------------------------------

figures = st.builds(
    lambda rel, sep1, num, sep2, unit: f"{rel}{sep1}{num}{sep2}{unit}",
    st.one_of(st.sampled_from(sorted(RELATION_WORDS)), st.just(""), st.text(max_size=6)),
    st.sampled_from([" ", "", "  ", "-"]),
    st.one_of(
        st.integers(-5, 10**9).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(sorted(NUMBER_WORDS)),
        st.sampled_from(["1,200", "1,2,3", "1e5", "½", "٤٥", "0", "0.0", "", ".5", "5.", "nan"]),
    ),
    st.sampled_from([" ", "", "-", " - "]),
    st.one_of(st.sampled_from(sorted(UNIT_WORDS)), st.text(max_size=6)),
)


@given(text=st.one_of(figures, st.text(max_size=40)), tolerance=st.none() | figures)
def test_requirement_grammar(text: str, tolerance: str | None) -> None:
    try:
        requirement = parse_requirement(text, tolerance)
    except (RelationError, UnitError):
        return
    acceptable = requirement.acceptable()
    assert acceptable.low <= acceptable.high
    assert not math.isnan(acceptable.low) and not math.isnan(acceptable.high)
    assert str(requirement)


@given(text=st.one_of(figures, st.text(max_size=30)))
def test_length_grammar(text: str) -> None:
    try:
        length = parse_length(text)
    except UnitError:
        return
    assert math.isfinite(length.metres) and length.metres >= 0


# --- extract and coordinates ------------------------------------------------------------------

sentences = st.lists(
    st.one_of(
        figures,
        st.sampled_from(["The strike hit", "al-Shamiyah,", "from the border post.", "SANA said",
                         "\"", "west of", "al-Tanf", "inside the", "34-mile exclusion zone", ".",
                         "(55 km)", "near", "\n\n", "Mr. Smith", "U.S.", "…"]),
        st.text(max_size=12),
    ),
    max_size=25,
).map(" ".join)  # fmt: skip


@given(text=sentences)
def test_extract_drafts_are_valid_claims_yaml(text: str) -> None:
    """extract never raises, and what it would append parses as the YAML it claims to be."""
    drafts = extract(text)
    for draft in drafts:
        assert 0 <= draft.start <= draft.end <= len(text)
    entries, left_out = yaml_entries(drafts, "Fuzzed article")
    kept = [d for d in drafts if not any(d is x for x in left_out)]
    if entries:
        loaded = yamlfile.load("<extract>", "claims:\n" + entries)
        assert [c["quote"] for c in loaded["claims"]] == [d.quote for d in kept]
        assert all(isinstance(c["claimant"], str) for c in loaded["claims"])


coordinate_text = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda a, sep, b: f"{a}{sep}{b}",
        st.one_of(
            st.floats(-200, 200).map(lambda x: f"{x:.5f}"),
            st.sampled_from(["33°30′21″N", "38°37'04\"E", "33 30 21 N", "N33.5", "-0", "91"]),
        ),
        st.sampled_from([", ", " ", ",", "; ", ""]),
        st.one_of(
            st.floats(-400, 400).map(lambda x: f"{x:.5f}"),
            st.sampled_from(["38°37′04″E", "W 5", "33°30′21″S", "1e3", "nan", "inf"]),
        ),
    ),
)


@given(text=coordinate_text)
def test_coordinate_parser(text: str) -> None:
    try:
        position = parse_coordinates(text)
    except CoordinateError:
        return
    assert -90 <= position.lat <= 90
    assert -180 <= position.lon < 180


@given(
    lat=st.floats(-90, 90, allow_nan=False),
    lon=st.floats(-180, 180, allow_nan=False, exclude_max=True),
)
def test_coordinate_round_trip(lat: float, lon: float) -> None:
    assume(abs(lat) > 1e-9 or lat == 0)
    position = parse_coordinates(f"{lat:.7f}, {lon:.7f}")
    assert position.lat == pytest.approx(lat, abs=1e-7)
    assert position.lon == pytest.approx(lon, abs=1e-7) or abs(abs(lon) - 180) < 1e-6
