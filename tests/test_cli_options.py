"""What every command shares (claimcheck.cli.options): signed arguments, - for stdin and stdout,
colour, --format help, shell completion of place ids, and `python -m claimcheck`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from claimcheck.cli import main
from claimcheck.cli.app import COMMANDS

ROOT = Path(__file__).parent.parent
CLAIMS = str(ROOT / "data" / "claims.yaml")
PLACES = str(ROOT / "data" / "places.yaml")
GEONAMES = ROOT / "tests" / "data" / "geonames" / "SY-IQ-KW-notes.txt"


def run(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, env=env)


# --- a southern or western coordinate written first ----------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["-33.86,151.21", "51.5,-0.13"],
        ["--format", "text", "-33.86,151.21", "51.5,-0.13"],
        ["-33.86,151.21", "--format=text", "51.5,-0.13"],
        ["-33.86,151.21", "--places", PLACES, "51.5,-0.13"],
        ["--", "-33.86,151.21", "51.5,-0.13"],
    ],
    ids=["plain", "options-first", "option-between", "valued-option-between", "double-dash"],
)
def test_distance_takes_a_negative_latitude_first(args: list[str]) -> None:
    result = run("distance", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "from      -33.86000, 151.21000",
        "to        51.50000, -0.13000",
    ]


def test_distance_takes_a_negative_second_argument_and_json() -> None:
    result = run("distance", "51.5,-0.13", "-33.86,151.21", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["a"]["lat"], doc["b"]["lat"]) == (51.5, -33.86)


def test_an_unknown_option_is_still_an_error() -> None:
    result = run("distance", "-33.86,151.21", "51.5,-0.13", "--bogus")
    assert result.exit_code == 2
    assert "No such option '--bogus'" in result.stderr


def test_an_option_value_may_be_a_negative_position() -> None:
    result = run("places", "search", "Tanf", "--near", "-33.9,18.4", "--places", PLACES)
    assert result.exit_code == 0, result.output
    assert "NEAR" in result.stdout


def test_locate_where_takes_a_southern_point() -> None:
    result = run("locate", "--where", "within 5 km of -33.9,18.4", "--claims", CLAIMS,
                 "--places", PLACES, "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    point = json.loads(result.stdout)["representative_point"]
    assert abs(point["lat"] + 33.9) < 0.05 and abs(point["lon"] - 18.4) < 0.05


# --- "-" is standard input, and standard output for -o ---------------------------------------


def test_claims_from_stdin() -> None:
    text = Path(CLAIMS).read_text("utf-8")
    result = run("verify", "--claims", "-", "--places", PLACES, "--format", "json", stdin=text)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [r["expected"] for r in doc["results"]] == [True] * 8


def test_yaml_places_from_stdin() -> None:
    text = Path(PLACES).read_text("utf-8")
    result = run("check", "--claims", CLAIMS, "--places", "-", stdin=text)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{CLAIMS}: 8 claims, -: 26 places: valid")


def test_a_bad_file_on_stdin_is_named_dash() -> None:
    result = run("check", "--claims", "-", "--places", PLACES, stdin="claims:\n  - id: [x\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("-:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--claims", "-", "--places", "-"],
         "claims and places cannot both come from standard input (-)"),
        (["verify", "--claims", "-", "--places", PLACES, "--update-expect"],
         "--update-expect writes the claims file: give its path, not -"),
        (["extract", "-", "--places", "-"],
         "the article and the places cannot both come from standard input"),
        (["verify", "--claims", CLAIMS, "--places", PLACES, "--gazetteer-db", "-"],
         "a gazetteer index is a SQLite file: give its path, not -"),
    ],
    ids=["both", "update-expect", "extract", "gazetteer-db"],
)  # fmt: skip
def test_dash_where_it_cannot_mean_stdin_is_a_usage_error(args: list[str], message: str) -> None:
    result = run(*args, stdin="claims: []\n")
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["report", "--format", "markdown"], "# Distance claims: verdicts"),
        (["map", "--format", "geojson"], '{\n "type": "FeatureCollection"'),
    ],
    ids=["report", "map"],
)
def test_output_dash_is_stdout_and_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], starts: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args, "--claims", CLAIMS, "--places", PLACES, "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(starts)
    assert "wrote" not in result.stderr
    assert os.listdir(tmp_path) == []


def test_geonames_import_from_stdin_to_stdout(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["places", "import", "geonames", "-", "-o", "-"], input=GEONAMES.read_bytes()
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("stdout: 19 places")
    index = tmp_path / "g.sqlite"
    index.write_bytes(result.stdout_bytes)
    with sqlite3.connect(index) as con:
        assert con.execute("SELECT count(*) FROM places").fetchone() == (19,)


# --- colour ----------------------------------------------------------------------------------

COLOUR = "\x1b["


@pytest.mark.parametrize(
    ("flags", "env", "coloured"),
    [
        ([], {}, False),  # not a terminal
        (["--color"], {}, True),
        (["--color"], {"NO_COLOR": "1"}, True),  # the flag wins over the environment
        (["--no-color"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins
        ([], {"FORCE_COLOR": ""}, False),  # empty means unset
        ([], {"FORCE_COLOR": "1", "TERM": "dumb"}, True),
    ],
)
def test_colour_follows_the_flag_then_the_environment(
    flags: list[str], env: dict[str, str], coloured: bool
) -> None:
    base = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": None}
    result = run("verify", "--claims", CLAIMS, "--places", PLACES, *flags, env={**base, **env})
    assert result.exit_code == 0
    assert (COLOUR in result.stdout) is coloured


def test_a_dumb_terminal_gets_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.cli import options

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "dumb")
    assert options.wants_color() is False
    monkeypatch.setenv("TERM", "xterm-256color")
    assert options.wants_color() is True


# --- --format help ---------------------------------------------------------------------------


FORMAT_COMMANDS = ["distance", "locate", "map", "report", "extract", "places search",
                   "places show", "verify", "check"]  # fmt: skip


@pytest.mark.parametrize("command", FORMAT_COMMANDS)
def test_format_help_offers_auto_only_where_it_exists(command: str) -> None:
    result = run(*command.split(), "--help")
    assert result.exit_code == 0
    help_text = " ".join(result.stdout.split())
    has_auto = command in ("verify", "check")
    assert ("auto: github under GitHub Actions" in help_text) is has_auto
    assert ("|auto]" in help_text) is has_auto


# --- shell completion ------------------------------------------------------------------------


def complete(words: list[str], env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers after `claimcheck WORDS` (the last word being typed)."""
    result = CliRunner().invoke(
        main,
        [],
        prog_name="claimcheck",
        env={
            "_CLAIMCHECK_COMPLETE": "bash_complete",
            "COMP_WORDS": " ".join(["claimcheck", *words]),
            "COMP_CWORD": str(len(words)),
            **(env or {}),
        },
    )
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def test_completion_offers_commands() -> None:
    assert complete(["lo"]) == ["locate"]


def test_completion_offers_place_ids_from_the_places_file_named() -> None:
    assert complete(["distance", "--places", PLACES, "al-tanf-g"]) == ["al-tanf-garrison"]
    assert complete(["places", "show", "--places", PLACES, "rukban"]) == ["rukban-camp"]
    assert complete(["places", "search", "x", "--places", PLACES, "--near", "al-wal"]) == [
        "al-walid-crossing"
    ]


def test_completion_reads_the_default_places_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert complete(["distance", "al-tanf-c"]) == ["al-tanf-crossing"]


def test_locate_completes_only_unknown_places() -> None:
    assert complete(["locate", "--places", PLACES, ""]) == [
        "badiyat-al-sham",
        "strike-site-2017-06-06",
    ]


def test_completion_with_an_unreadable_places_file_offers_nothing(tmp_path: Path) -> None:
    assert complete(["distance", "--places", str(tmp_path / "nope.yaml"), "al"]) == []


def test_every_command_is_still_reachable_for_completion() -> None:
    assert sorted(complete([""])) == sorted(COMMANDS)


# --- python -m claimcheck --------------------------------------------------------------------


def test_python_dash_m_runs_the_cli() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", "distance", "-33.86,151.21", "51.5,-0.13"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("from      -33.86000, 151.21000")


@pytest.mark.parametrize(
    ("args", "code", "last"),
    [
        (["verify", "--claims", CLAIMS, "--places", PLACES], 0, "all as expected"),
        (["verify", "--claims", str(ROOT / "tests/data/ci/claims.yaml"), "--places",
          str(ROOT / "tests/data/ci/places.yaml")], 1, "1 need attention: garrison-about-31km"),
        (["verify", "--claims", "no-such-file.yaml", "--places", PLACES], 2, ""),
        (["--version"], 0, "claimcheck, version"),
    ],
)  # fmt: skip
def test_the_program_exits_with_the_commands_code_and_all_its_output(
    args: list[str], code: int, last: str
) -> None:
    """`run` ends the process without tearing its objects down: the exit code and every byte
    of the output must still be there."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True, env=env,
        check=False,
    )  # fmt: skip
    assert done.returncode == code, done.stderr
    lines = done.stdout.splitlines()
    assert (lines[-1] if lines else "").startswith(last) or last in lines[-1]
    assert "Traceback" not in done.stderr


def test_the_program_gives_a_message_exit_as_python_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck.cli as cli

    def stop() -> None:
        raise SystemExit("a message")

    exited: list[int] = []
    monkeypatch.setattr(cli, "main", stop)
    monkeypatch.setattr(cli.os, "_exit", exited.append)
    cli.run()
    assert exited == [1]


def test_click_sees_one_command_class_for_signed_arguments() -> None:
    """Only commands with position arguments need it; their help is unchanged."""
    from claimcheck.cli.distance import distance
    from claimcheck.cli.options import SignedArgs

    assert isinstance(distance, SignedArgs)
    assert isinstance(distance, click.Command)


# --- a bare command next to claims.yaml and places.yaml ---------------------------------------


@pytest.mark.parametrize(
    "command", [["verify"], ["check"], ["report"], ["map"], ["locate", "rukban-camp"]], ids=str
)
def test_a_bare_command_next_to_the_files_suggests_the_options(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.yaml").write_bytes(Path(CLAIMS).read_bytes())
    (tmp_path / "places.yaml").write_bytes(Path(PLACES).read_bytes())
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, result.output
    hint = "this folder has claims.yaml and places.yaml: run with --claims claims.yaml --places "
    assert (
        "data/claims.yaml: [error] cannot read file: No such file or directory (the default of "
        f"--claims, relative to the current folder; {hint}places.yaml)"
    ) in result.stderr
    assert "data/places.yaml: [error] cannot read file" in result.stderr
    assert "Traceback" not in result.output


def test_only_the_missing_default_is_suggested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.yaml").write_bytes(Path(CLAIMS).read_bytes())
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "places.yaml").write_bytes(Path(PLACES).read_bytes())
    result = CliRunner().invoke(main, ["verify", "--format", "json"])
    assert result.exit_code == 2
    (error,) = json.loads(result.stdout)["errors"]
    assert error["path"] == "data/claims.yaml"
    assert error["message"].endswith(
        "(the default of --claims, relative to the current folder; this folder has claims.yaml: "
        "run with --claims claims.yaml)"
    )


def test_with_no_file_to_suggest_it_says_what_to_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert (
        "(the default of --claims, relative to the current folder; give the file's path with "
        "--claims PATH and --places PATH)"
    ) in result.stderr


def test_a_path_given_is_not_second_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.yaml").write_text("claims: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["verify", "--claims", "missing.yaml", "--places", "x.yaml"])
    assert result.exit_code == 2
    assert "cannot read file: No such file or directory\n" in result.stderr
    assert "this folder has" not in result.stderr


# --- the output file's name chooses the format ------------------------------------------------


@pytest.mark.parametrize(
    ("command", "name", "starts"),
    [
        ("report", "report.html", b"<!DOCTYPE html>"),
        ("report", "report.md", b"# Distance claims"),
        ("report", "REPORT.HTM", b"<!DOCTYPE html>"),
        ("map", "claims.geojson", b"{"),
        ("map", "map.html", b"<!DOCTYPE html>"),
        ("map", "map.svg", b"<?xml"),
        ("map", "map.png", b"\x89PNG"),
    ],
)
def test_without_format_the_output_name_chooses_it(
    tmp_path: Path, command: str, name: str, starts: bytes
) -> None:
    """`claimcheck map -o map.png` wrote GeoJSON into map.png, which opened as a broken image."""
    if name.endswith((".png", ".svg")):
        pytest.importorskip("matplotlib")
    out = tmp_path / name
    result = run(command, "--claims", CLAIMS, "--places", PLACES, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(starts)


def test_a_format_the_output_name_contradicts_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = run("map", "--claims", CLAIMS, "--places", PLACES, "--format", "html", "-o", str(out))
    assert result.exit_code == 2
    assert "--format html writes html, but -o" in result.output
    assert "which is --format png" in result.output
    assert not out.exists()


def test_an_unknown_ending_keeps_the_default_format(tmp_path: Path) -> None:
    out = tmp_path / "claims.out"
    result = run("map", "--claims", CLAIMS, "--places", PLACES, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


# --- one index, one name ---------------------------------------------------------------------


def _commands(group: click.Group) -> list[click.Command]:
    found: list[click.Command] = []
    for name in group.list_commands(click.Context(group)):
        cmd = group.get_command(click.Context(group), name)
        assert cmd is not None
        found += _commands(cmd) if isinstance(cmd, click.Group) else [cmd]
    return found


def test_every_command_that_reads_an_index_takes_both_of_its_names() -> None:
    """`places add --db` and `verify --gazetteer-db` name the same file: a user carries one
    spelling to the other command (a trial typed `extract --db` and met "No such option")."""
    readers = 0
    for cmd in _commands(main):
        names = {o for p in cmd.params for o in p.opts}
        if names & {"--db", "--gazetteer-db"}:
            readers += 1
            assert {"--db", "--gazetteer-db"} <= names, cmd.name
    assert readers >= 5  # check, verify, extract, places add, places search


def test_extract_reads_the_index_given_with_db(tmp_path: Path) -> None:
    index = str(tmp_path / "geonames.sqlite")
    assert run("places", "import", "geonames", str(GEONAMES), "-o", index).exit_code == 0
    article = tmp_path / "a.txt"
    article.write_text("The strike hit Palmyra, 30 km north of al-Tanf.\n", encoding="utf-8")
    empty = tmp_path / "places.yaml"
    empty.write_text("places: []\n", encoding="utf-8")
    outputs = [
        run("extract", str(article), "--places", str(empty), option, index).output
        for option in ("--db", "--gazetteer-db")
    ]
    assert outputs[0] == outputs[1] and "geonames:" in outputs[0]
