"""The verify command end to end through click's CliRunner, on the bundled data."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimcheck import __version__, api
from claimcheck.cli import places
from claimcheck.cli.app import COMMANDS, INTERRUPTED, SUMMARIES, LazyGroup, main
from claimcheck.render.naming import place_labels

ROOT = Path(__file__).parent.parent
CLAIMS = str(ROOT / "data" / "claims.yaml")
PLACES = str(ROOT / "data" / "places.yaml")
GOLDEN = Path(__file__).parent / "data" / "golden" / "verify.json"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_verify_bundled_data_is_as_expected() -> None:
    code, out, err = run("verify", "--claims", CLAIMS, "--places", PLACES)
    assert code == 0, out + err
    assert "sana-shamiyah-45mi" in out
    assert "all as expected" in out
    assert "\x1b[" not in out  # no colour when piped


def test_the_claimant_and_the_source_each_have_their_line() -> None:
    """'claimant  Al Jazeera; Al Jazeera, "Tsunami hits Tonga …"' read as a claimant named twice
    (the Hunga Tonga trial): the source is on a line of its own."""
    story = ROOT / "tests" / "data" / "real" / "hunga-tonga-eruption"
    code, out, _ = run("verify", "--claims", str(story / "claims.yaml"), "--places",
                       str(story / "places.yaml"))  # fmt: skip
    assert code == 0
    assert '\n  claimant  Al Jazeera\n  source    Al Jazeera, "Tsunami hits Tonga after' in out
    assert "claimant  Al Jazeera;" not in out


@pytest.mark.parametrize(
    ("claim", "p"),
    [("guardian-derna-150mi-east-of-benghazi", "24–100 %"), ("afp-derna-290km", "0 %  ")],
)
def test_the_table_shows_both_probabilities_when_the_reading_decides(claim: str, p: str) -> None:
    """ "150 miles" holds with 24 % read strictly and 100 % leniently: the table's P(HOLDS) shows
    both, not 100 % beside an inconclusive verdict; a figure with one reading shows one."""
    story = ROOT / "tests" / "data" / "real" / "derna-flood"
    code, out, err = run(
        "verify", "--claims", str(story / "claims.yaml"), "--places", str(story / "places.yaml")
    )
    assert code == 0, out + err
    row = next(line for line in out.splitlines() if claim in line)
    assert f" {p}" in row, row


def test_a_margin_inside_only_the_lenient_range_says_so() -> None:
    """156.6 mi fits "150 mi" read as a round fifty (125-175 mi), not read strictly (145-155):
    the block says which range the margin is inside, not "inside the claimed range"."""
    story = ROOT / "tests" / "data" / "real" / "derna-flood"
    code, out, err = run(
        "verify", "--claims", str(story / "claims.yaml"), "--places", str(story / "places.yaml")
    )
    assert code == 0, out + err
    assert "margin +18.4 mi (inside the lenient range, outside the strict one)" in out
    assert "margin -23.4 km (outside the claimed range)" in out


def test_the_worst_case_carries_its_unit_and_the_kilometres_sit_by_their_figure() -> None:
    """The Morocco trial read "measured 44.5 mi, worst case 36.4–52.6  (71.6 km)", the
    kilometres after the worst case, which has no unit of its own."""
    story = ROOT / "tests" / "data" / "real" / "morocco-earthquake"
    code, out, err = run(
        "verify", "--claims", str(story / "claims.yaml"), "--places", str(story / "places.yaml")
    )
    assert code == 0, out + err
    assert "distance  measured 44.5 mi (71.6 km), worst case 36.4–52.6 mi\n" in out
    assert "distance  measured 71.6 km, worst case 58.6–84.6 km\n" in out


REAL = ROOT / "tests" / "data" / "real"
STORIES = [(CLAIMS, PLACES)] + [
    (str(d / "claims.yaml"), str(d / "places.yaml")) for d in sorted(REAL.iterdir()) if d.is_dir()
]
STORY_IDS = [Path(claims).parent.name for claims, _ in STORIES]
REASON_LINES = ("  why ", "      why ", "  about ", "  skipped ", "  in part ")


@pytest.mark.parametrize(("claims", "places"), STORIES, ids=STORY_IDS)
def test_the_text_reasons_name_places_as_the_reports_do(claims: str, places: str) -> None:
    """A fact-checker forwards a "why" line to an editor: it names places by the names the
    reports use, never by an id (the ids stay inside a command it suggests)."""
    report = api.verify(api.load(claims, places))
    labels = place_labels(report.dataset.gazetteer)
    code, out, err = run("verify", "--claims", claims, "--places", places)
    assert code in (0, 1), out + err
    lines = [line for line in out.splitlines() if line.startswith(REASON_LINES)]
    assert lines
    for line in lines:
        assert " the the " not in line.lower() and "the reference" not in line, line
        text = re.sub(r"`[^`]*`", "", line)
        for label in sorted(labels.values(), key=len, reverse=True):  # "X [id]" tells namesakes
            text = text.replace(label, "")
        for place in report.dataset.gazetteer:
            if "-" in place.id or ":" in place.id:  # a one-word id may be an ordinary word
                assert not re.search(rf"(?<![\w-]){re.escape(place.id)}(?![\w-])", text), line


def test_the_text_why_names_places_and_the_json_reason_keeps_ids() -> None:
    story = REAL / "derna-flood"
    paths = ("--claims", str(story / "claims.yaml"), "--places", str(story / "places.yaml"))
    _, text, _ = run("verify", *paths)
    _, out, _ = run("verify", *paths, "--format", "json")
    reasons = [r["reason"] for r in json.loads(out)["results"]]
    assert "  why       The distance from Darnah to Benghazi is 156.6 mi" in text
    assert any(r.startswith("the distance from derna to benghazi is 156.6 mi") for r in reasons)


def test_a_direction_names_the_place_it_is_seen_from() -> None:
    """The Morocco trial read "SE (135° ± 22.5°) from the reference" in verify's table and
    blocks: the reference is named, with its article where a sentence needs one."""
    story = REAL / "morocco-earthquake"
    _, out, _ = run("verify", "--claims", str(story / "claims.yaml"),
                    "--places", str(story / "places.yaml"))  # fmt: skip
    assert "the reference" not in out
    row = next(line for line in out.splitlines() if line.startswith("inconsistent  wapo-"))
    assert row.endswith("SE (135° ± 22.5°) from Marrakesh")
    assert "            claimed  SW (225° ± 22.5°) from Marrakesh; margin +13.4°" in out
    assert "P(SW (225° ± 22.5°) from Marrakesh) = 100 %" in out
    _, bundled, _ = run("verify", "--claims", CLAIMS, "--places", PLACES)
    assert "W (270° ± 22.5°, or ± 45°) from the al-Walid border crossing" in bundled


def test_a_suggested_command_keeps_the_place_id() -> None:
    _, out, _ = run("verify", "--claims", CLAIMS, "--places", PLACES)
    assert (
        "  why       The site of the coalition air strike of 6 June 2017 has no coordinates: "
        "`claimcheck locate strike-site-2017-06-06` shows where the claims put it"
    ) in out.splitlines()


def test_verify_on_the_bundled_data_solves_its_geodesics_without_pyproj() -> None:
    """Its regions load shapely (and numpy), whose arrays solve the ~2,700 geodesics: pyproj's
    import (~36 ms) is not paid for them (claimcheck.geo.karney)."""
    code = (
        "import sys; from claimcheck.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'shapely', 'pyproj') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "verify", "--claims", CLAIMS, "--places", PLACES],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.splitlines()[-1] == "['numpy', 'shapely']"


def test_verify_defaults_to_data_in_the_current_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("verify")
    assert code == 0
    assert "coalition-zone-radius-34mi" in out


def test_verify_json_matches_golden() -> None:
    """Golden output of the seed's claims; UPDATE_GOLDEN=1 rewrites it after a reviewed change."""
    code, out, _ = run("verify", "--claims", CLAIMS, "--places", PLACES, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    for result in doc["results"]:
        assert {"id", "verdict", "measured_km", "margin_km", "reason"} <= set(result)
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_unexpected_verdict_exits_1(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    text = Path(CLAIMS).read_text(encoding="utf-8")
    claims.write_text(text.replace("expect: consistent", "expect: inconsistent", 1), "utf-8")
    code, out, _ = run("verify", "--claims", str(claims), "--places", PLACES)
    assert code == 1
    assert "EXPECTED inconsistent" in out
    assert "1 need attention: coalition-zone-radius-34mi" in out


def test_bad_input_exits_2_with_file_line_and_no_traceback(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text("claims:\n  - id: x\n    bogus: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["verify", "--claims", str(claims), "--places", PLACES])
    assert result.exit_code == 2
    assert f"{claims}:4:1" in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run("verify", "--claims", str(tmp_path / "nope.yaml"), "--places", PLACES)
    assert code == 2
    assert "nope.yaml: [error] cannot read file" in err


def test_json_errors_go_to_stdout_as_json(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text("claims: [\n", encoding="utf-8")
    code, out, _ = run("verify", "--claims", str(claims), "--places", PLACES, "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["status"] == "error"
    assert doc["errors"][0]["path"] == str(claims)


def test_colour_is_off_under_no_color() -> None:
    code, out, _ = run("verify", "--claims", CLAIMS, "--places", PLACES, env={"NO_COLOR": "1"})
    assert code == 0
    assert "\x1b[" not in out


def test_usage_error_exits_2() -> None:
    code, _, err = run("verify", "--format", "yaml")
    assert code == 2
    assert "Invalid value for '--format'" in err


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    code, out, _ = run("verify", "--help")
    assert code == 0 and "Example:" in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_command_list_shows_each_commands_own_summary(name: str) -> None:
    """`claimcheck --help` lists SUMMARIES without importing the commands: they must not drift."""
    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert SUMMARIES[name] == command.get_short_help_str(limit=1_000)
    assert set(SUMMARIES) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(places.SUBCOMMANDS))
def test_places_lists_each_subcommands_own_summary(name: str) -> None:
    """`claimcheck places --help` lists its SUMMARIES without importing the subcommands."""
    command = places.places.get_command(click.Context(places.places), name)  # type: ignore[attr-defined]
    assert command is not None
    assert places.SUMMARIES[name] == command.get_short_help_str(limit=1_000)
    assert set(places.SUMMARIES) == set(places.SUBCOMMANDS)


@pytest.mark.parametrize("width", [80, 60])
def test_the_command_list_shortens_as_click_does(width: int) -> None:
    """The same rows click would print from the commands themselves, at any terminal width."""
    plain = click.Group("claimcheck")
    for name in COMMANDS:
        plain.add_command(main.get_command(click.Context(main), name), name)  # type: ignore[arg-type]
    listed = []
    for group in (main, plain):
        formatter = click.HelpFormatter(width=width, max_width=width)
        group.format_commands(click.Context(group), formatter)
        listed.append(formatter.getvalue())
    assert listed[0] == listed[1]
    assert "verify" in listed[0]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    code, out, _ = run(name, "--help")
    assert code == 0
    assert "Example" in out
    assert "claimcheck " + name in out


GEONAMES = str(Path(__file__).parent / "data" / "geonames" / "SY-IQ-KW-notes.txt")
ARTICLE = str(Path(__file__).parent / "data" / "extract" / "seed-article.txt")


def _write_commands(directory: Path) -> list[list[str]]:
    """Every command that writes a file, aimed at `directory`."""
    lock = ["verify", "--claims", str(directory / "claims.yaml"), "--places", PLACES]
    return [
        ["report", "--claims", CLAIMS, "--places", PLACES, "-o", str(directory / "r.md")],
        ["map", "--claims", CLAIMS, "--places", PLACES, "-o", str(directory / "m.geojson")],
        ["places", "import", "geonames", GEONAMES, "-o", str(directory / "g.sqlite")],
        [*lock, "--update-expect"],
        ["extract", ARTICLE, "--places", PLACES, "--append", str(directory / "claims.yaml")],
    ]


@pytest.mark.parametrize("index", range(3), ids=["report", "map", "import"])
def test_a_missing_output_directory_exits_2_with_a_message(tmp_path: Path, index: int) -> None:
    """(`--update-expect` and `--append` write files that must exist already.)"""
    result = CliRunner().invoke(main, _write_commands(tmp_path / "missing")[index])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "cannot write file: No such file or directory: does the directory" in result.stderr


@pytest.mark.parametrize("index", range(5), ids=["report", "map", "import", "lock", "append"])
def test_a_read_only_output_directory_exits_2_with_a_message(
    tmp_path: Path, index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user the directory is 0555; root writes anyway, so the kernel's EACCES is simulated."""
    from claimcheck.files import atomic

    text = Path(CLAIMS).read_text("utf-8").replace("expect: consistent", "expect: inconsistent", 1)
    (tmp_path / "claims.yaml").write_text(text, "utf-8")  # so --update-expect has one to write
    if os.geteuid() == 0:

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    else:
        tmp_path.chmod(0o555)
    try:
        result = CliRunner().invoke(main, _write_commands(tmp_path)[index])
    finally:
        tmp_path.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "cannot write file: Permission denied" in result.stderr


def test_ctrl_c_exits_130_not_the_attention_code() -> None:
    """click turns Ctrl-C into exit 1, which CI reads as "a verdict needs attention"."""

    @click.command()
    def interrupted() -> None:
        raise KeyboardInterrupt

    group = LazyGroup(commands={"interrupted": interrupted})
    group.get_command = lambda ctx, name: interrupted  # type: ignore[method-assign]
    result = CliRunner().invoke(group, ["interrupted"])
    assert result.exit_code == INTERRUPTED == 130
    assert "interrupted: nothing was written" in result.stderr


@pytest.mark.parametrize(
    ("args", "outcome"),
    [
        (["verify", "--places", "/nonexistent.yaml"], "nothing was verified"),
        (["places", "search", "Tanf", "--places", "/nonexistent.yaml"], "nothing was changed"),
        (["extract", "README.md", "--places", "README.md"], "no draft was written"),
    ],
)
def test_the_last_error_line_says_what_the_command_did_not_do(
    args: list[str], outcome: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).parent.parent)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert (
        result.stderr.rstrip()
        .splitlines()[-1]
        .endswith(f": {outcome}; fix the input and run again")
    )


@pytest.mark.parametrize(("chosen", "expected"), [(None, "1"), ("4", "4")])
def test_blas_runs_one_thread_unless_the_user_chose(chosen: str | None, expected: str) -> None:
    """numpy's OpenBLAS starts a pool of threads when it is imported (half of numpy's import
    time): the command line asks for one thread before anything imports numpy, and a user's own
    setting stands."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if chosen is not None:
        env["OPENBLAS_NUM_THREADS"] = chosen
    code = (
        "import os, sys, claimcheck.cli.app; "
        "print(os.environ['OPENBLAS_NUM_THREADS'], 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.split() == [expected, "False"], out.stderr


@pytest.mark.parametrize("enabled", [True, False])
def test_imports_pause_the_collector_and_leave_it_as_they_found_it(enabled: bool) -> None:
    """The command line's imports (click's, then a command's) run with the cyclic garbage
    collector paused, and what they built is frozen out of its sight; after them it is on or off
    as before. A command that pauses it itself (verify) ends with it on again."""
    code = (
        "import gc, sys; {} import claimcheck.cli as cli; on = gc.isenabled(); "
        "frozen = gc.get_freeze_count(); cli.app.main.get_command(None, 'schema'); "
        "print(on, gc.isenabled(), gc.get_freeze_count() > frozen)"
    ).format("" if enabled else "gc.disable();")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split() == [str(enabled), str(enabled), str(enabled)], out.stderr
