"""The verdict lock: `verify --update-expect` changes expect: lines and not one other byte."""

from __future__ import annotations

import codecs
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck import api as engine
from claimcheck.claims import lock
from claimcheck.cli import main
from claimcheck.errors import DataError
from claimcheck.files import yamlfile

DATA = Path(__file__).parent / "data"
ODD = DATA / "lock" / "odd-claims.yaml"
PLACES = str(DATA / "ci" / "places.yaml")
EXPECT_LINE = re.compile(r"^\s*(?:-\s+)?expect\s*:")

#: verdicts of the claims in odd-claims.yaml, as measured (see the parsable output in the README)
VERDICTS = {
    "garrison-about-24km": "inconsistent",
    "garrison-more-than-10km": "consistent",
    "zone-radius-55km": "consistent",
    "rukban-near-garrison": "inconclusive",
}


def without_expect_lines(text: str) -> list[str]:
    return [line for line in lock.split_lines(text) if not EXPECT_LINE.match(line)]


def expect_lines(text: str) -> list[str]:
    return [line for line in lock.split_lines(text) if EXPECT_LINE.match(line)]


def test_odd_file_changes_only_in_expect_lines() -> None:
    text = ODD.read_text("utf-8")
    plan = lock.plan_expect(text, str(ODD), VERDICTS)
    assert without_expect_lines(plan.text) == without_expect_lines(text)
    assert expect_lines(plan.text) == [
        "        expect: 'inconsistent'   # reviewed 2017-06-08\n",  # quotes and comment kept
        "      expect: consistent\n",  # inserted after the literal block, at the claim's indent
        "      expect: consistent     # to be filled\n",  # empty value filled before the comment
        '      expect: "inconclusive"\n',  # already right: untouched
    ]
    assert [(c.claim_id, c.old, c.new) for c in plan.changes] == [
        ("garrison-about-24km", "consistent", "inconsistent"),
        ("garrison-more-than-10km", None, "consistent"),
        ("zone-radius-55km", None, "consistent"),
    ]
    new_lines = lock.split_lines(plan.text)
    for change in plan.changes:
        assert new_lines[change.line - 1].strip().startswith("expect:")


def test_inserted_expect_goes_after_the_claims_last_line_not_after_the_next_comment() -> None:
    plan = lock.plan_expect(ODD.read_text("utf-8"), str(ODD), VERDICTS)
    lines = lock.split_lines(plan.text)
    at = next(c.line for c in plan.changes if c.claim_id == "garrison-more-than-10km")
    assert lines[at - 2] == "          indented unevenly, with no expect after it.\n"
    assert lines[at] == "\n"
    assert lines[at + 1] == "    # an empty expect waiting to be filled\n"


def test_locked_file_loads_with_the_verdicts_as_expect() -> None:
    plan = lock.plan_expect(ODD.read_text("utf-8"), str(ODD), VERDICTS)
    data = yamlfile.load(str(ODD), plan.text)
    assert {c["id"]: c["expect"] for c in data["claims"]} == VERDICTS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_update_expect_end_to_end(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    shutil.copyfile(ODD, claims)
    before = claims.read_text("utf-8")

    code, out, err = run("verify", "--claims", str(claims), "--places", PLACES)
    assert code == 1, out + err  # the wrong expect fails before the lock

    code, out, err = run("verify", "--claims", str(claims), "--places", PLACES, "--update-expect")
    assert code == 0, out + err
    assert f"{claims}: line 14: garrison-about-24km: expect: inconsistent (was consistent)" in err
    assert f"{claims}: 3 expect: values written" in err
    assert "all as expected" in out
    after = claims.read_text("utf-8")
    assert without_expect_lines(after) == without_expect_lines(before)
    assert sorted(os.listdir(tmp_path)) == ["claims.yaml"]  # no temporary file left behind

    code, out, err = run("verify", "--claims", str(claims), "--places", PLACES, "--update-expect")
    assert code == 0
    assert f"{claims}: 0 expect: values written" in err
    assert claims.read_text("utf-8") == after


def test_update_expect_still_honours_fail_on(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    shutil.copyfile(ODD, claims)
    args = ["--claims", str(claims), "--places", PLACES, "--update-expect"]
    code, _, _ = run("verify", *args, "--fail-on", "inconclusive")
    assert code == 1


SIMPLE = (
    "claims:\n"
    "  - id: garrison-more-than-10km\n"
    "    quote: more than 10 km from the crossing\n"
    "    claimant: test fixture\n"
    "    source: English Wikipedia coordinates of both places\n"
    "    subject: al-tanf-garrison\n"
    "    distance: more than 10 km\n"
    "    from: al-walid-crossing"
)


@pytest.mark.parametrize(
    ("original", "locked"),
    [
        (SIMPLE, SIMPLE + "\n    expect: consistent"),  # no final newline: none added at the end
        (SIMPLE + "\n", SIMPLE + "\n    expect: consistent\n"),
        (
            SIMPLE.replace("\n", "\r\n") + "\r\n",
            SIMPLE.replace("\n", "\r\n") + "\r\n    expect: consistent\r\n",
        ),
        (
            SIMPLE + "\n    expect: inconsistent  # was wrong\n",
            SIMPLE + "\n    expect: consistent  # was wrong\n",
        ),
        (SIMPLE + "\n    expect:\n", SIMPLE + "\n    expect: consistent\n"),
    ],
    ids=["no-final-newline", "lf", "crlf", "replace-with-comment", "empty-value"],
)
def test_line_endings_and_values(original: str, locked: str) -> None:
    plan = lock.plan_expect(original, "claims.yaml", {"garrison-more-than-10km": "consistent"})
    assert plan.text == locked


def test_write_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_bytes(codecs.BOM_UTF8 + SIMPLE.encode("utf-8") + b"\n")
    plan = lock.write_expect(str(path), {"garrison-more-than-10km": "consistent"})
    assert len(plan.changes) == 1
    expected = SIMPLE + "\n    expect: consistent\n"
    assert path.read_bytes() == codecs.BOM_UTF8 + expected.encode("utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "claims:\n  - id: a\n    quote: q\n    expect:\n      consistent\n",
            "no value on its line",
        ),
    ],
    ids=["value-on-next-line"],
)
def test_layouts_it_cannot_edit_are_refused_not_mangled(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(DataError) as info:
        lock.write_expect(str(path), {"a": "inconclusive"})
    assert message in str(info.value)
    assert "claims[0].expect" in str(info.value)
    assert path.read_text("utf-8") == text


def test_unknown_claim_id_is_an_error() -> None:
    with pytest.raises(DataError, match="no claim with id 'nope'"):
        lock.plan_expect(SIMPLE, "claims.yaml", {"nope": "consistent"})


def test_locked_report_has_every_verdict_expected() -> None:
    dataset = engine.load_dataset(str(ODD), PLACES)
    report = engine.verify(dataset)
    assert not report.ok
    locked = report.locked()
    assert locked.ok
    assert [v.claim.expect for v in locked.verdicts] == [v.verdict for v in report.verdicts]


FLOW = "  - {id: a, quote: q, claimant: c, source: s, subject: x, distance: 5 km, from: y}\n"


def test_a_flow_style_claim_is_skipped_with_a_warning_and_the_rest_locked(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(SIMPLE.replace("claims:\n", "claims:\n" + FLOW) + "\n", "utf-8")
    plan = lock.write_expect(
        str(path), {"a": "inconclusive", "garrison-more-than-10km": "consistent"}
    )
    assert [c.claim_id for c in plan.changes] == ["garrison-more-than-10km"]
    (skipped,) = plan.skipped
    assert (skipped.item, skipped.line, skipped.field) == ("a", 2, "claims[0].expect")
    assert "set 'expect: inconclusive' by hand" in skipped.message
    assert path.read_text("utf-8") == (
        SIMPLE.replace("claims:\n", "claims:\n" + FLOW) + "\n    expect: consistent\n"
    )


def test_a_flow_style_claim_already_locked_gets_no_warning() -> None:
    text = SIMPLE.replace("claims:\n", "claims:\n" + FLOW.replace("}", ", expect: consistent}"))
    plan = lock.plan_expect(text, "c.yaml", {"a": "consistent"})
    assert (plan.changes, plan.skipped, plan.text) == ((), (), text)


def test_cli_update_expect_warns_for_a_flow_style_claim(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    text = ODD.read_text("utf-8")
    flow = (
        "    - {id: flow-claim, quote: q, claimant: c, source: s, subject: al-tanf-garrison, "
        "distance: more than 1 km, from: al-walid-crossing}\n"
    )
    claims.write_text(text + flow, "utf-8")
    code, out, err = run("verify", "--claims", str(claims), "--places", PLACES, "--update-expect")
    assert "[warning] claims[4].expect: expect: not written: a flow-style" in err
    assert f"{claims}: 3 expect: values written" in err
    assert code == 0, out + err  # the flow claim has no expect: to miss
    assert "EXPECTED" not in out


def test_update_expect_refuses_a_read_only_file(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    shutil.copyfile(ODD, claims)
    claims.chmod(0o444)
    before = claims.read_bytes()
    code, _, err = run("verify", "--claims", str(claims), "--places", PLACES, "--update-expect")
    assert code == 2
    assert f"{claims}: [error] cannot write file: it is read-only (mode 0444)" in err
    assert "Traceback" not in err
    assert claims.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["claims.yaml"]


def test_update_expect_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real" / "claims.yaml"
    real.parent.mkdir()
    shutil.copyfile(ODD, real)
    link = tmp_path / "claims.yaml"
    link.symlink_to(real)
    code, out, err = run("verify", "--claims", str(link), "--places", PLACES, "--update-expect")
    assert code == 0, out + err
    assert link.is_symlink()
    assert "expect: 'inconsistent'   # reviewed" in real.read_text("utf-8")
    assert sorted(os.listdir(real.parent)) == ["claims.yaml"]


def test_update_expect_refuses_a_file_edited_while_it_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit between reading and writing: the verdicts are about the old text; none locked."""
    claims = tmp_path / "claims.yaml"
    shutil.copyfile(ODD, claims)
    edited = ODD.read_text("utf-8").replace("test fixture", "edited meanwhile", 1)
    real_verify = engine.verify

    def verify_then_edit(*args: object, **kwargs: object) -> engine.VerifyReport:
        report = real_verify(*args, **kwargs)  # type: ignore[arg-type]
        claims.write_text(edited, "utf-8")  # someone saves the file mid-run
        return report

    monkeypatch.setattr(engine, "verify", verify_then_edit)
    code, _, err = run("verify", "--claims", str(claims), "--places", PLACES, "--update-expect")
    assert code == 2
    assert "the file changed on disk while claimcheck ran; nothing was written: run it again" in err
    assert claims.read_text("utf-8") == edited


def test_write_expect_checks_the_file_again_just_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(SIMPLE + "\n", "utf-8")
    real_fsync = os.fsync

    def fsync_then_edit(fd: int) -> None:
        real_fsync(fd)
        path.write_text(SIMPLE + "\n# edited\n", "utf-8")

    monkeypatch.setattr("claimcheck.files.atomic.os.fsync", fsync_then_edit)
    with pytest.raises(DataError, match="changed on disk"):
        lock.write_expect(str(path), {"garrison-more-than-10km": "consistent"})
    assert path.read_text("utf-8") == SIMPLE + "\n# edited\n"
    assert sorted(os.listdir(tmp_path)) == ["claims.yaml"]
