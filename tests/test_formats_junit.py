"""`--format junit`: one testcase per claim; it must parse with a standard XML parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claimcheck import api as engine
from claimcheck.claims.model import VerdictKind
from claimcheck.errors import Level, Problem
from claimcheck.render import junit

DATA = Path(__file__).parent / "data"
CLAIMS = str(DATA / "ci" / "claims.yaml")
PLACES = str(DATA / "ci" / "places.yaml")


@pytest.fixture(scope="module")
def dataset() -> engine.Dataset:
    return engine.load_dataset(CLAIMS, PLACES)


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {c.attrib["name"]: c for c in root.iter("testcase")}


def test_verify_has_one_testcase_per_claim_and_fails_the_unexpected(
    dataset: engine.Dataset,
) -> None:
    root = ET.fromstring(junit.render_verify(engine.verify(dataset)))
    suite = root.find("testsuite")
    assert suite is not None
    assert {k: suite.attrib[k] for k in ("tests", "failures", "errors")} == {
        "tests": "3",
        "failures": "1",
        "errors": "0",
    }
    by_name = cases(root)
    assert list(by_name) == [
        "garrison-about-24km",
        "garrison-about-31km",
        "garrison-more-than-10km",
    ]
    failing = by_name["garrison-about-31km"]
    assert failing.attrib == {
        "name": "garrison-about-31km",
        "classname": CLAIMS,
        "file": CLAIMS,
        "line": "11",
    }
    failure = failing.find("failure")
    assert failure is not None
    assert failure.attrib == {
        "message": "garrison-about-31km: inconclusive, expected inconsistent",
        "type": "inconclusive",
    }
    assert (failure.text or "").startswith(f"{CLAIMS}:18: verdict inconclusive, but expect:")
    assert by_name["garrison-about-24km"].find("failure") is None
    log = suite.find("system-out")
    assert log is not None and "contradicts garrison-about-24km" in (log.text or "")


def test_fail_on_adds_failures(dataset: engine.Dataset) -> None:
    report = engine.verify(dataset, [VerdictKind.INCONSISTENT, VerdictKind.CONSISTENT])
    root = ET.fromstring(junit.render_verify(report))
    assert root.attrib["failures"] == "3"


def test_invalid_data_gives_errors_and_survives_control_characters() -> None:
    problems = [
        Problem("c.yaml", 3, 7, "claims[0].quote", "odd byte \x01 in 'a & <b>'", item="a"),
        Problem("p.yaml", 0, 0, "", "cannot read file"),
        Problem("p.yaml", 9, 3, "places[2]", "just so you know", Level.WARNING),
    ]
    root = ET.fromstring(junit.render_problems(problems))
    assert (root.attrib["tests"], root.attrib["errors"], root.attrib["failures"]) == ("3", "2", "0")
    error = cases(root)["a"].find("error")
    assert error is not None
    assert error.attrib["message"] == "odd byte \\x01 in 'a & <b>'"  # shown, inert
    assert error.attrib["type"] == "invalid-data"
    assert cases(root)["p.yaml"].find("error") is not None
    assert cases(root)["places[2]"].find("error") is None


def test_check_lists_every_claim_as_a_passing_testcase(dataset: engine.Dataset) -> None:
    root = ET.fromstring(junit.render_check(dataset))
    assert [c.attrib["line"] for c in root.iter("testcase")] == ["2", "11", "20"]
    assert root.find("testsuite/testcase/failure") is None
