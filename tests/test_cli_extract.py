"""`claimcheck extract` through the command line."""

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


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_json_has_the_stable_keys_and_values() -> None:
    code, out, err = run(SEED, "--places", PLACES, "--format", "json")
    assert (code, err) == (0, "")
    claims = json.loads(out)["claims"]
    assert all(set(c) >= JSON_KEYS for c in claims)
    assert {c["kind"] for c in claims} == {"near", "zone_radius", "inside", "distance"}
    distance = next(c for c in claims if c["kind"] == "distance")
    assert (distance["relation"], distance["value"], distance["unit"]) == ("more_than", 45, "mi")
    assert distance["reference_ids"] == ["al-tanf-crossing"]


def test_yaml_is_the_default_and_has_no_expect() -> None:
    code, out, _ = run(SEED, "--places", PLACES)
    assert code == 0
    assert out.startswith("claims:\n  - id: extract-")
    assert "expect:" not in out
    assert "    radius: 34 mi\n" in out
    assert "    distance: more than 45 mi\n    from: al-tanf-crossing\n" in out


def test_reads_standard_input() -> None:
    code, out, _ = run("-", "--format", "json", stdin="Zaza is 5 km north of Tanf, the army said.")
    assert code == 0
    (claim,) = json.loads(out)["claims"]
    assert (claim["kind"], claim["direction"], claim["claimant"]) == (
        "direction_distance",
        "N",
        "the army",
    )


def test_append_keeps_the_file_byte_for_byte(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    shutil.copy(ROOT / "data" / "claims.yaml", claims)
    before = claims.read_bytes()
    code, out, err = run(SEED, "--places", PLACES, "--append", str(claims))
    assert (code, out) == (0, "")
    assert "appended 1 claim" in err and "skipped 3" in err
    after = claims.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    code, _, err = run(SEED, "--places", PLACES, "--append", str(claims))
    assert code == 0 and "appended 0" in err
    assert claims.read_bytes() == after


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "cannot read file"),
        ([SEED, "--places", "tests"], "is a directory"),  # a missing one is a new story's
    ],
)
def test_bad_input_exits_2_without_traceback(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_append_to_a_new_file_creates_a_claims_file(tmp_path: Path) -> None:
    """A new story starts with no claims file: `--append` creates one the checker reads."""
    claims = tmp_path / "claims.yaml"
    code, out, err = run(SEED, "--places", PLACES, "--append", str(claims))
    assert (code, out) == (0, "") and "appended 4 claims" in err, err
    assert claims.read_text(encoding="utf-8").startswith("claims:\n  - id: ")
    checked = CliRunner().invoke(main, ["check", "--claims", str(claims), "--places", PLACES])
    assert checked.exit_code == 0 and "drafts not verified" in checked.output, checked.output


def test_append_says_which_drafts_it_left_out(tmp_path: Path) -> None:
    """The Morocco trial: "3 without a place" and no word of which; the YAML output lists them
    as comments, and `--append` now prints the same lines under its count."""
    article = tmp_path / "efe.txt"
    article.write_text(
        "The tremor was felt in Casablanca and Rabat, 300 and 370 kilometers away, respectively. "
        "Al-Qaim is about 100 km from Rutba.",
        encoding="utf-8",
    )
    claims = tmp_path / "claims.yaml"
    code, out, err = run(str(article), "--places", PLACES, "--append", str(claims))
    assert (code, out) == (0, ""), err
    assert err.splitlines()[1:] == [
        "  left out (a place is missing): distance 300 km 'Casablanca and Rabat, 300 and 370 "
        "kilometers away, respectively': no reference (the sentence does not say from where)",
        "  left out (a place is missing): distance 370 km 'Casablanca and Rabat, 300 and 370 "
        "kilometers away, respectively': no reference (the sentence does not say from where)",
    ]
    assert "2 without a place" in err.splitlines()[0]


def test_a_figure_inside_a_country_is_the_drafts_depth() -> None:
    """ "12 km inside Syrian territory" is checked, as `depth:`, not left in a note."""
    text = "The Rukban camp lies 12 km inside Syrian territory, a UN official said."
    code, out, _ = run("-", stdin=text)
    assert code == 0
    assert '    subject: rukban-camp\n    inside: "country:SY"\n    depth: 12 km\n' in out
    assert "puts it" not in out


def test_a_new_storys_places_file_need_not_exist_yet(tmp_path: Path) -> None:
    """A new story starts with an article and no places: extract reads the built-in layers,
    says so, and the drafts' hints name the file `places add` will create."""
    places, claims = tmp_path / "places.yaml", tmp_path / "claims.yaml"
    text = "Muridke lies 30 km inside Pakistan, the report said."
    result = CliRunner().invoke(
        main, ["extract", "-", "--places", str(places), "--append", str(claims)], input=text
    )
    assert result.exit_code == 0, result.output
    assert f"{places} does not exist yet: places come from the built-in world layers" in (
        result.stderr
    )
    assert not places.exists()
    checked = CliRunner().invoke(main, ["check", "--claims", str(claims), "--places", str(places)])
    assert checked.exit_code == 2
    assert f"`claimcheck places add NAME --places {places}` creates it" in checked.stderr


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Muridke lies some 40 kilometres from Lahore.", "some 40 km"),
        ("Al-Qaim is nearly 100 km from Rutba, officials say.", "nearly 100 km"),
        ("Hadalat is almost 15 km from Rutba.", "almost 15 km"),
        ("Al-Qaim is just under 100 km from Rutba.", "just under 100 km"),
        ("Al-Qaim is about 100 km from Rutba.", "about 100 km"),
    ],
)
def test_drafts_word_the_figure_as_the_article_does(text: str, figure: str) -> None:
    """The writer's hedge is kept ("some", "nearly"), read by the rules it names."""
    code, out, _ = run("-", stdin=text)
    assert code == 0
    assert f"    distance: {figure}\n" in out


SINDOOR = str(Path(__file__).parent / "data" / "real" / "operation-sindoor" / "places.yaml")


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # "it", before the figure or after one that opens the sentence: the town named before
        ("Muridke is a small city of about 250,000 people. It's about 20 miles from Lahore.",
         "    subject: muridke\n    distance: about 20 mi\n    from: lahore\n"),
        ("The target, Muridke, is no ordinary town. Just 40 kilometers from Lahore, it serves as "
         "the operational core of the group.",
         "    subject: muridke\n    distance: 40 km\n    from: lahore\n"),
        # "it" is what the sentence before is about: here not a place, so not Lahore, the
        # last place named (the Turkey earthquake reports: "the quake was centered ... It was")
        ("The report said the strike was about 30 km from Lahore. It was about 450 km from "
         "Delhi.",
         "    subject: it\n    distance: about 450 km\n    from: delhi\n"),
        # "X is a …": the rest of the sentence is said of X, not of "a small city"
        ("Muridke is a small city in Pakistan, near Lahore.",
         "    subject: muridke\n    near: lahore\n"),
    ],
)  # fmt: skip
def test_the_subject_of_it_and_of_is_a(text: str, claim: str) -> None:
    """Found on the Operation Sindoor reports (tests/data/real/operation-sindoor)."""
    code, out, _ = run("-", "--places", SINDOOR, stdin=text)
    assert code == 0
    assert claim in out, out


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        # eTurboNews in Spanish on the Aktau crash (the Aktau crash trial): an empty claims list,
        # as if the text gave no figure
        (
            "El avión realizó un aterrizaje de emergencia a unos 3 km (1.6 millas náuticas) del "
            "aeropuerto de Aktau.",
            "standard input: nothing drafted, though it gives a distance ('3 km'): extract reads "
            "the phrasings of English news",
        ),
        ("Nothing here is measured.", None),  # no figure: nothing to say
    ],
)
def test_a_text_that_gives_a_distance_but_drafts_nothing_says_why(
    text: str, hint: str | None
) -> None:
    code, out, err = run("-", stdin=text)
    assert (code, out.strip()) == (0, "claims: []")
    assert err.startswith(hint) if hint else err == ""


def test_a_text_with_a_draft_gives_no_such_hint() -> None:
    code, _, err = run("-", stdin="Muridke is about 40 km from Lahore.")
    assert code == 0 and "nothing drafted" not in err
