"""The published JSON Schema: valid draft 2020-12, accepts every file isscoop writes, rejects broken ones."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import HealthCheck, given, settings

import isscoop
from isscoop import Dataset

from .datagen import datasets

DATA: Final = Path(isscoop.__file__).parent / "data"
SCHEMA: Final = isscoop.schema()
VALIDATOR: Final = jsonschema.Draft202012Validator(SCHEMA)


def errors(doc: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"[:300] for e in VALIDATOR.iter_errors(doc)]


def test_the_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert jsonschema.validators.validator_for(SCHEMA) is jsonschema.Draft202012Validator
    assert sorted(SCHEMA["$defs"]) == sorted(
        ("sources", "agencies", "officials", "programs", "meetings", "agreements", "coverage")
    )


def test_the_schema_is_plain_json() -> None:
    assert json.loads(json.dumps(SCHEMA)) == SCHEMA
    assert isscoop.schema() == SCHEMA
    isscoop.schema()["title"] = "changed"  # a fresh copy each time
    assert isscoop.schema() == SCHEMA


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.json")))
def test_every_bundled_file_validates(name: str) -> None:
    doc = json.loads((DATA / name).read_text(encoding="utf-8"))
    assert errors(doc) == []


def test_the_bundled_dataset_dumped_in_one_file_validates() -> None:
    stream = io.StringIO()
    isscoop.dump(isscoop.dataset(), stream)
    assert errors(json.loads(stream.getvalue())) == []


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_every_file_dump_writes_validates(ds: Dataset) -> None:
    stream = io.StringIO()
    isscoop.dump(ds, stream)
    assert errors(json.loads(stream.getvalue())) == []


def _meetings() -> dict[str, Any]:
    doc = json.loads((DATA / "meetings.json").read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def _broken(change: str) -> dict[str, Any]:
    doc = copy.deepcopy(_meetings())
    m = doc["meetings"][1]
    if change == "no format_version":
        del doc["format_version"]
    elif change == "format_version 2":
        doc["format_version"] = 2
    elif change == "unknown array":
        doc["meeting"] = []
    elif change == "records not an array":
        doc["meetings"] = {}
    elif change == "unknown field":
        m["colour"] = "red"
    elif change == "missing title":
        del m["title"]
    elif change == "bad id":
        m["id"] = "Bakanov Duffy"
    elif change == "bad date":
        m["date"] = "31 July 2025"
    elif change == "unknown kind":
        m["kind"] = "summit"
    elif change == "number for text":
        m["title"] = 7
    elif change == "string for list":
        m["participants"] = "dmitry-bakanov"
    elif change == "bad country":
        m["location"]["country"] = "USA"
    elif change == "unknown field in location":
        m["location"]["city"] = "Houston"
    elif change == "claim without value":
        del m["claims"][0]["value"]
    elif change == "claim of another field":
        m["claims"][0]["field"] = "title"
    elif change == "bad rank":
        m["claims"][0]["rank"] = "best"
    elif change == "bad version":
        doc["version"] = "2026"
    elif change == "empty text":
        m["title"] = ""
    elif change == "top-level array":
        return {"not": [doc]}
    else:
        raise AssertionError(change)
    return doc


BROKEN: Final = (
    "no format_version",
    "format_version 2",
    "unknown array",
    "records not an array",
    "unknown field",
    "missing title",
    "bad id",
    "bad date",
    "unknown kind",
    "number for text",
    "string for list",
    "bad country",
    "unknown field in location",
    "claim without value",
    "claim of another field",
    "bad rank",
    "bad version",
    "empty text",
    "top-level array",
)


@pytest.mark.parametrize("change", BROKEN)
def test_broken_documents_fail_the_schema_and_the_loader(change: str) -> None:
    doc = _broken(change)
    assert errors(doc), change
    with pytest.raises(isscoop.DatasetError):
        isscoop.load(io.StringIO(json.dumps(doc)), include_bundled=False)


@pytest.mark.parametrize("doc", [[], "x", 1, None, True])
def test_documents_that_are_not_objects_fail(doc: object) -> None:
    assert errors(doc)


def test_python_m_isscoop_schema_prints_the_same_json() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "isscoop", "schema"], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == SCHEMA
    assert done.stderr == ""


def test_the_schema_command_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from isscoop.cli import main

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == SCHEMA
