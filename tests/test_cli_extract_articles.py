"""`claimcheck extract` on several articles: files, folders, standard input among them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "tests" / "data" / "extract" / "seed-article.txt")
PLACES = str(ROOT / "data" / "places.yaml")
JSON_KEYS = {"kind", "quote", "start", "end", "subject", "reference", "relation", "value", "unit",
             "direction", "claimant"}  # fmt: skip
ARTICLES = ROOT / "tests" / "data" / "articles"
RUKBAN = str(ARTICLES / "01-rukban.txt")
ABU_KAMAL = str(ARTICLES / "02-abu-kamal.md")


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _titles(out: str) -> list[str]:
    return [line.split("title: ")[1].strip('"') for line in out.splitlines() if "title: " in line]


def test_several_files_cite_each_its_own_in_the_order_given() -> None:
    code, out, err = run(ABU_KAMAL, SEED, "--places", PLACES)
    assert (code, err) == (0, "")
    titles = _titles(out)
    assert titles[0] == f"{ABU_KAMAL}, characters 13–49"
    assert all(t.startswith(f"{SEED}, characters ") for t in titles[1:])
    # the seed's drafts are the ones it gives on its own, offsets into itself
    _, alone, _ = run(SEED, "--places", PLACES)
    assert titles[1:] == _titles(alone)
    ids = [line for line in out.splitlines() if line.startswith("  - id: ")]
    assert len(ids) == len(set(ids)) == 5


def test_a_folder_is_its_txt_and_md_files_in_name_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "notes.csv", ".draft.txt"):
        (tmp_path / name).write_text("Zaza is 5 km north of Tanf, the army said.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Zaza is 5 km north of Tanf.\n")
    code, out, err = run(str(tmp_path), "--places", PLACES, "--format", "json")
    assert (code, err) == (0, "")
    claims = json.loads(out)["claims"]
    assert [c["source"] for c in claims] == [str(tmp_path / "a.md"), str(tmp_path / "b.txt")]
    assert all(set(c) >= JSON_KEYS for c in claims)


def test_one_file_alone_reads_as_it_always_has() -> None:
    code, out, _ = run(SEED, "--places", PLACES, "--format", "json")
    assert code == 0
    assert all("source" not in c for c in json.loads(out)["claims"])
    _, folder, _ = run(str(ARTICLES), "--places", PLACES, "--format", "json")
    assert {c["source"] for c in json.loads(folder)["claims"]} == {RUKBAN, ABU_KAMAL}


def test_standard_input_among_files_is_cited_as_such() -> None:
    code, out, _ = run(RUKBAN, "-", "--places", PLACES, stdin="Zaza is 5 km north of Tanf.")
    assert code == 0
    assert _titles(out) == [f"{RUKBAN}, characters 17–77", "standard input, characters 0–26"]


def test_left_out_drafts_name_their_article_when_there_are_several() -> None:
    code, out, _ = run(RUKBAN, "-", "--places", PLACES, stdin="The blast was 5 km away.")
    assert code == 0
    assert out.startswith(
        "# left out (a place is missing): distance '5 km away': no reference (the sentence does "
        "not say from where) in 'standard input'\n"
    )


def test_append_several_articles(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    shutil.copy(ROOT / "data" / "claims.yaml", claims)
    before = claims.read_bytes()
    code, out, err = run(str(ARTICLES), SEED, "--places", PLACES, "--append", str(claims))
    assert (code, out) == (0, "")
    assert "appended 3 claims" in err and "skipped 3" in err
    after = claims.read_bytes().decode()
    assert after.encode().startswith(before)
    assert f"{RUKBAN}, characters 17–77" in after and f"{ABU_KAMAL}, characters 13–49" in after


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "-"], "standard input (-) can be read only once"),
        ([SEED, "missing.txt"], "cannot read file"),
    ],
)
def test_bad_articles_exit_2(args: list[str], message: str) -> None:
    code, out, err = run(*args, "--places", PLACES, stdin="")
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_a_folder_without_articles_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("id\n")
    code, out, err = run(str(tmp_path))
    assert (code, out) == (2, "")
    assert f"{tmp_path}: no .txt or .md files in this folder" in err


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    code, plain, err = run(str(ARTICLES), "--places", PLACES)
    assert (code, err) == (0, "")  # stderr is not a terminal here, as in CI or a pipe
    monkeypatch.setattr("claimcheck.cli.extract._on_terminal", lambda: True)
    code, out, err = run(str(ARTICLES), "--places", PLACES)
    assert code == 0 and "drafting" in err
    assert out == plain
