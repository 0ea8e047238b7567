"""Data never reaches a terminal or a CI log as control characters or runner commands.

Unit tests of claimcheck.render.safe, then every command and output format run on files whose
every free-text field is hostile: a newline then `::error::`, `::add-mask::` and
`::stop-commands::`, terminal escape sequences (clear screen, window title), a carriage return,
C1 CSI, U+2028, a bidi override and the runner's legacy `##[error]`.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.render import safe

#: Everything a hostile data file might put in a free-text field.
HOSTILE = (
    "x\n::error file=a.yaml::forged\r\n::add-mask::mask\n::stop-commands::tok"
    "\x1b]0;window title\x07\x1b[2J\x9b31m\u2028::warning::u2028\u202eevil\u2066 ##[error]legacy"
)
#: Characters no output may hold raw (newline and tab aside: layout, and inert).
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
COMMAND_LINE = re.compile(r"^\s*::", re.M)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, 45 mi", "plain text, 45 mi"),
        ("a\nb\r\nc\rd\te", "a b c d e"),
        ("a\u2028b\u2029c\x85d\x0bf\x0cg", "a b c d f g"),
        ("\x1b[2Jcleared", "\\x1b[2Jcleared"),
        ("\x9b31m", "\\x9b31m"),
        ("\x7f\x00", "\\x7f\\x00"),
        ("\u202eabc\u2066", "\\u202eabc\\u2066"),
        ("see ##[error]x", "see ##\\[error]x"),
        ("al-Tanf (التنف) – 55 km", "al-Tanf (التنف) – 55 km"),
    ],
)
def test_clean_makes_one_inert_line(raw: str, shown: str) -> None:
    assert safe.clean(raw) == shown
    assert safe.clean(shown) == shown  # idempotent: cleaning twice shows the same


def test_guard_breaks_a_line_that_starts_a_workflow_command() -> None:
    block = "ok\n::error::x\n   ::warning::y\nmid ::error::z"
    assert safe.guard(block) == "ok\n\\::error::x\n   \\::warning::y\nmid ::error::z"


def test_lines_keeps_the_layout_and_cleans_each_line() -> None:
    assert safe.lines("a\x1b[2J\n::add-mask::x") == "a\\x1b[2J\n\\::add-mask::x"


def test_json_text_keeps_every_value() -> None:
    doc = {"quote": HOSTILE, "id": "a"}
    text = safe.dumps(doc, indent=2)
    assert json.loads(text) == doc
    assert not UNSAFE.search(text)
    assert "##[" not in text


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("file:///etc/passwd", None),
        (None, None),
    ],
)
def test_web_url_keeps_only_http_links(url: str | None, kept: str | None) -> None:
    assert safe.web_url(url) == kept


def _yaml(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A claims and a places file with every free-text field hostile; ids stay valid."""
    d = tmp_path_factory.mktemp("hostile")
    h = _yaml(HOSTILE)
    places = f"""places:
  - id: garrison
    name: {h}
    aliases: [{h}]
    country: SY
    lat: 33.50583
    lon: 38.61778
    uncertainty: 7 km
    note: {h}
    source: {{title: {h}, url: "javascript:alert(1)", publisher: {h}, date: {h}}}
  - id: crossing
    name: al-Walid border crossing
    lat: 33.4332
    lon: 38.9374
    uncertainty: 1 km
    source: {h}
  - id: site
    name: {h}
    kind: unknown
    source: {h}
"""
    claims = f"""claims:
  - id: c1
    quote: {h}
    claimant: {h}
    source: {{title: {h}, url: "javascript:alert(1)", publisher: {h}}}
    subject: garrison
    distance: about 31 km
    from: crossing
    expect: consistent
  - id: c2
    quote: {h}
    claimant: {h}
    source: {h}
    subject: site
    distance: within 20 km
    from: garrison
  - id: c3
    quote: {h}
    claimant: {h}
    source: {h}
    subject: site
    distance: more than 60 km
    from: garrison
"""
    (d / "claims.yaml").write_text(claims, "utf-8")
    (d / "places.yaml").write_text(places, "utf-8")
    return str(d / "claims.yaml"), str(d / "places.yaml")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"})
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout + result.stderr


def _assert_inert(out: str, github: bool = False) -> None:
    assert not UNSAFE.search(out), repr(UNSAFE.search(out))
    assert "##[" not in out
    for line in out.splitlines():
        if github and line.startswith(("::error ", "::warning ", "::notice ")):
            continue
        assert not COMMAND_LINE.match(line), line


FORMATS = ("text", "json", "parsable", "github", "junit")


@pytest.mark.parametrize("command", ["verify", "check"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_verify_and_check_show_hostile_data_inert(
    hostile: tuple[str, str], command: str, fmt: str
) -> None:
    claims, places = hostile
    code, out = _run(command, "--claims", claims, "--places", places, "--format", fmt)
    assert code in (0, 1)
    _assert_inert(out, github=fmt == "github")
    if fmt == "json":
        doc = json.loads(out)
        if command == "verify":  # values are kept exactly, only written as escapes
            assert doc["results"][0]["quote"] == HOSTILE
    if fmt == "junit":
        ET.fromstring(out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_problems_from_hostile_data_are_inert(tmp_path: Path, fmt: str) -> None:
    """A claim that names an unknown place by a hostile name: the error shows it inert."""
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        f"claims:\n  - id: c1\n    quote: q\n    claimant: c\n    source: s\n"
        f"    subject: {_yaml(HOSTILE)}\n    distance: about 3 km\n    from: crossing\n"
        f"    {_yaml('unknown' + HOSTILE)}: 1\n",
        "utf-8",
    )
    places = tmp_path / "places.yaml"
    places.write_text(
        "places:\n  - id: crossing\n    lat: 33.4\n    lon: 38.9\n    uncertainty: 1 km\n"
        "    source: s\n",
        "utf-8",
    )
    code, out = _run("verify", "--claims", str(claims), "--places", str(places), "--format", fmt)
    assert code == 2
    _assert_inert(out, github=fmt == "github")


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--format", "markdown"),
        ("report", "--format", "html"),
        (
            "report",
            "--format",
            "claimreview",
            "--publisher-name",
            "Desk",
            "--publisher-url",
            "https://example.org/checks",
        ),
        ("map", "--format", "geojson"),
        ("map", "--format", "html"),
        ("locate", "site"),
        ("locate", "site", "--format", "json"),
        ("locate", "site", "--format", "geojson"),
    ],
    ids=lambda a: "-".join(a[:3]),
)
def test_published_formats_show_hostile_data_inert(
    hostile: tuple[str, str], args: tuple[str, ...]
) -> None:
    claims, places = hostile
    code, out = _run(*args, "--claims", claims, "--places", places)
    assert code in (0, 1)
    _assert_inert(out)
    for link in ('href="javascript', "(<javascript", '"url": "javascript'):
        assert link not in out  # shown as text at most, never a link


@pytest.mark.parametrize(
    "args",
    [
        ("places", "show", "garrison"),
        ("places", "show", "garrison", "--format", "json"),
        ("places", "search", "garrison"),
        ("places", "search", "garrison", "--format", "json"),
        ("distance", "garrison", "crossing"),
        ("distance", "garrison", "crossing", "--format", "json"),
    ],
    ids="-".join,
)
def test_place_commands_show_hostile_data_inert(
    hostile: tuple[str, str], args: tuple[str, ...]
) -> None:
    _, places = hostile
    code, out = _run(*args, "--places", places)
    assert code in (0, 1)
    _assert_inert(out)


def test_claimreview_drops_a_javascript_source_url(hostile: tuple[str, str]) -> None:
    claims, places = hostile
    code, out = _run(
        "report", "--format", "claimreview", "--publisher-name", "Desk",
        "--publisher-url", "https://example.org/checks", "--claims", claims, "--places", places,
    )  # fmt: skip
    assert code == 0
    review = json.loads(out)["@graph"][0]
    assert "url" not in review["itemReviewed"]["appearance"]
    assert review["itemReviewed"]["text"] == HOSTILE  # the JSON-LD keeps the quote exactly


def test_extract_output_is_inert(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        f"The strike hit {HOSTILE}, more than 45 miles from al-Tanf, officials said.\n", "utf-8"
    )
    for fmt in ("yaml", "json"):
        code, out = _run("extract", str(article), "--format", fmt, "--places", "/nonexistent")
        assert code == 0  # a places file not there yet: drafts from the built-in layers
        assert "al-Tanf" in out
        _assert_inert(out)
