"""The documentation is true of the code: README.md, docs/ and the site built from them.

- docs/cli.md is what scripts/gen_cli_reference.py writes from the commands' --help;
- every command and every option is in that reference and on the command's own page;
- every console example is real: each `$ claimcheck …` line in a ```console block of README.md
  or docs/ prints the lines shown under it. Blocks that depend on files made by an earlier step
  (/tmp/...), or pipe into another program, are skipped; elided output is marked "…" and not
  compared;
- the Python examples of docs/api.md run;
- `mkdocs build --strict` succeeds (broken links and anchors are errors).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest
from click.testing import CliRunner

from claimcheck.cli import main

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
CLI_REFERENCE = DOCS / "cli.md"
#: every Markdown file a reader sees: the README and the site's pages
PAGES = [README, *sorted(DOCS.rglob("*.md"))]
#: the README's test command, which is also what CI (.ci/run) runs
TEST_COMMAND = "pip install '.[test]' && python -m pytest"


def _generator() -> ModuleType:
    path = ROOT / "scripts" / "gen_cli_reference.py"
    spec = importlib.util.spec_from_file_location("gen_cli_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- the generated command-line reference ------------------------------------------------------


def test_cli_reference_is_up_to_date() -> None:
    assert _text(CLI_REFERENCE) == GENERATOR.render(), (
        "docs/cli.md is out of date: run python scripts/gen_cli_reference.py"
    )


def test_cli_reference_check_mode_finds_a_stale_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "cli.md"
    output.write_text("# stale\n", encoding="utf-8")
    assert GENERATOR.main(["--check"], output=output) == 1
    assert "out of date" in capsys.readouterr().err
    assert GENERATOR.main([], output=output) == 0
    assert GENERATOR.main(["--check"], output=output) == 0
    assert _text(output) == _text(CLI_REFERENCE)


# --- every command and option is documented ----------------------------------------------------

#: (command path, command) for `claimcheck` and every command and subcommand below it
COMMANDS: list[tuple[str, click.Command]] = [
    (ctx.command_path, command) for command, ctx in GENERATOR.commands()
]


def _page_of(command_path: str) -> Path:
    """The page that explains a command: docs/commands/NAME.md, by its top-level name."""
    words = command_path.split()
    return DOCS / "index.md" if len(words) == 1 else DOCS / "commands" / f"{words[1]}.md"


def _flags(option: click.Option) -> list[str]:
    """The flags a reader must find: every long one, or the short one when there is no long."""
    flags = [*option.opts, *option.secondary_opts]
    return [f for f in flags if f.startswith("--")] or flags


def _mentions(text: str, flag: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


OPTIONS = [
    (path, flag)
    for path, command in COMMANDS
    for param in command.params
    if isinstance(param, click.Option) and not param.hidden
    for flag in _flags(param)
]


def test_the_reference_walks_every_command() -> None:
    paths = [path for path, _ in COMMANDS]
    for expected in ("claimcheck verify", "claimcheck places search", "claimcheck schema"):
        assert expected in paths
    assert "claimcheck places import geonames" in paths  # a group inside a group
    assert len(OPTIONS) > 40


@pytest.mark.parametrize("command_path", [path for path, _ in COMMANDS])
def test_every_command_has_its_own_page(command_path: str) -> None:
    page = _page_of(command_path)
    assert page.exists(), f"{command_path}: no page {_relative(page)}"
    assert command_path in _text(page), f"{_relative(page)} does not name {command_path}"
    assert f"## {command_path}\n" in _text(CLI_REFERENCE)
    nav = _text(ROOT / "mkdocs.yml")
    assert page.relative_to(DOCS).as_posix() in nav, f"{_relative(page)} is not in the nav"


@pytest.mark.parametrize(("command_path", "flag"), OPTIONS, ids=[f"{c} {f}" for c, f in OPTIONS])
def test_every_option_is_documented(command_path: str, flag: str) -> None:
    reference = _text(CLI_REFERENCE)
    section = reference.split(f"## {command_path}\n", 1)[1].split("\n## ", 1)[0]
    assert _mentions(section, flag), f"docs/cli.md: {command_path} lacks {flag}"
    page = _page_of(command_path)
    assert _mentions(_text(page), flag), f"{_relative(page)} does not mention {flag}"


# --- console examples are real -----------------------------------------------------------------


def _examples(text: str) -> list[tuple[str, list[str]]]:
    """(command line, shown output lines) for every `$ claimcheck …` in a console block."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("$ claimcheck "):
                continue
            output = []
            for follow in lines[i + 1 :]:
                if follow.startswith("$ "):
                    break
                output.append(follow)
            examples.append((line[2:], output))
    return examples


def _runnable(command: str) -> bool:
    """False for a command that needs an earlier step's files or a shell (pipes, line breaks)."""
    return not any(
        token in command
        for token in ("/tmp/", "|", "\\", " -o ", "#", "claims.yaml --places places.yaml")
    )


#: pages whose examples build on each other, run in order by their own test (test_story.py)
IN_ORDER = {DOCS / "story.md"}

EXAMPLES = [
    (_relative(page), command, shown)
    for page in PAGES
    if page not in IN_ORDER
    for command, shown in _examples(_text(page))
    if _runnable(command)
]


def test_the_docs_have_examples_to_check() -> None:
    pages = {page for page, _, _ in EXAMPLES}
    assert "README.md" in pages
    assert "docs/tutorial.md" in pages
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize(
    ("page", "command", "shown"), EXAMPLES, ids=[f"{p}: {c}" for p, c, _ in EXAMPLES]
)
def test_console_example_output_is_real(
    page: str, command: str, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args, env={"NO_COLOR": "1"})
    assert "Traceback" not in result.output
    actual = {line.rstrip() for line in result.output.splitlines()}
    missing = [
        line for line in shown if line.strip() and "…" not in line and line.rstrip() not in actual
    ]
    assert not missing, f"{page}: {command}: shows lines the command does not print: {missing}"


# --- the Python API examples run ---------------------------------------------------------------

API_EXAMPLES = re.findall(r"```python\n(.*?)```", _text(DOCS / "api.md"), flags=re.S)


@pytest.mark.parametrize("source", API_EXAMPLES, ids=[f"api-{i}" for i in range(len(API_EXAMPLES))])
def test_api_example_runs(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(compile(source, "docs/api.md", "exec"), {"__name__": "docs_api_example"})
    assert printed.getvalue().strip(), "an API example should show its result"


# --- README: short, pointing into the docs, with CI's test command -----------------------------


def test_readme_stays_short() -> None:
    size = len(README.read_bytes())
    assert size < 8_000, f"README.md is {size} bytes: move the detail into docs/"


def test_readme_links_resolve() -> None:
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", _text(README))
    local = [t for t in targets if "://" not in t]
    assert any(t.startswith("docs/") for t in local)
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, f"README.md links to missing files: {missing}"


def test_readme_test_command_is_what_ci_runs() -> None:
    assert TEST_COMMAND in _text(README)
    assert TEST_COMMAND in _text(ROOT / ".ci" / "run")


def test_no_page_installs_from_pypi() -> None:
    """`claimcheck` on PyPI is another project and `geoclaimcheck` is not published there.

    Installing from a checkout (`pip install .`) or a git URL (`geoclaimcheck @ git+…`) is fine.
    """
    pypi = re.compile(r"pip3? install(?:\s+-\S+)*\s+['\"]?(geo)?claimcheck\b(?!\s*@)")
    # docs/cli.md is among PAGES: the commands' --help is checked too
    written = [*PAGES, DOCS / "github-workflow.yml", ROOT / "action.yml"]
    offending = [_relative(p) for p in written if pypi.search(_text(p))]
    assert not offending, f"these tell users to install from PyPI: {offending}"


# --- the site builds ---------------------------------------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None,
    reason="mkdocs is not installed (pip install '.[docs]'; the test extra has it too)",
)
def test_site_builds_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    config = ["--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)]
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", *config],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}"
    assert (site / "index.html").exists()
    assert (site / "commands" / "verify" / "index.html").exists()
    assert (site / "map.png").exists()


def _layer_rows() -> dict[str, str]:
    """The development page's table of layers: package -> the text of its row."""
    rows = re.findall(
        r"^\| `([a-z_]+)/` \| (.+) \|$", Path("docs/development.md").read_text(), re.M
    )
    return dict(rows)


@pytest.mark.parametrize(
    "module",
    sorted(p for p in Path("src/claimcheck").glob("*/*.py") if p.name != "__init__.py"),
    ids=str,
)
def test_the_development_page_names_every_module(module: Path) -> None:
    """A new module is described where a newcomer looks for it (docs/development.md)."""
    rows = _layer_rows()
    package = module.parent.name
    assert package in rows, f"no row for {package}/ in docs/development.md"
    assert f"`{module.stem}`" in rows[package], f"{package}/{module.name} is not in its row"
