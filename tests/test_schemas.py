"""The JSON Schemas shipped in the package: they accept the bundled data and agree with the loader.

The schema is the structural part of the rules (keys, types, required fields, coordinate
ranges, one assertion per claim); the loader also reads figures and units and resolves places.
The agreement table (tests/data/schema/) holds files both must accept or both must reject.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from claimcheck.claims.model import load_claims
from claimcheck.cli import main
from claimcheck.cli.schema import SCHEMAS, schema_text
from claimcheck.errors import DataError
from claimcheck.files import yamlfile
from claimcheck.gazetteer.reader import load_places

ROOT = Path(__file__).parent.parent
EXAMPLES = Path(__file__).parent / "data" / "schema"
PLACES_FOR_CLAIMS = str(Path(__file__).parent / "data" / "ci" / "places.yaml")


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(schema_text(name)))


def schema_errors(name: str, path: Path) -> list[str]:
    return [e.message for e in validator(name).iter_errors(yamlfile.load(str(path)))]


def loader_accepts(name: str, path: Path) -> bool:
    try:
        if name == "places":
            load_places(str(path))
        else:
            load_claims(str(path), load_places(PLACES_FOR_CLAIMS))
    except DataError:
        return False
    return True


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft_7(name: str) -> None:
    jsonschema.Draft7Validator.check_schema(json.loads(schema_text(name)))


@pytest.mark.parametrize("name", SCHEMAS)
def test_bundled_data_validates(name: str) -> None:
    assert schema_errors(name, ROOT / "data" / f"{name}.yaml") == []


@pytest.mark.parametrize("name", SCHEMAS)
def test_bundled_data_points_editors_at_the_packaged_schema(name: str) -> None:
    data = ROOT / "data" / f"{name}.yaml"
    first = data.read_text("utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (data.parent / first.removeprefix(prefix)).resolve()
    assert target.read_text("utf-8") == schema_text(name)


def examples() -> list[Any]:
    return [
        pytest.param(name, path, verdict == "good", id=f"{name}/{verdict}/{path.stem}")
        for name in SCHEMAS
        for verdict in ("good", "bad")
        for path in sorted((EXAMPLES / name / verdict).glob("*.yaml"))
    ]


def test_the_table_has_good_and_bad_examples_of_both_files() -> None:
    kinds = {(p.values[0], p.values[2]) for p in examples()}
    assert kinds == {("claims", True), ("claims", False), ("places", True), ("places", False)}


@pytest.mark.parametrize(("name", "path", "good"), examples())
def test_schema_and_loader_agree(name: str, path: Path, good: bool) -> None:
    assert loader_accepts(name, path) is good
    assert (schema_errors(name, path) == []) is good


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_command_prints_the_packaged_file(name: str) -> None:
    result = CliRunner().invoke(main, ["schema", name])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(schema_text(name))


def test_schema_command_refuses_other_names() -> None:
    result = CliRunner().invoke(main, ["schema", "verdicts"])
    assert result.exit_code == 2
