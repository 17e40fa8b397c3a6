"""A file with ten different mistakes gives ONE DatasetError that lists all ten, each with its
JSON path and the line its record starts on; nothing is loaded."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

import isscoop

GOOD: dict[str, Any] = {
    "format_version": 1,
    "sources": [
        {"id": "src-a", "url": "https://example.org/a", "publisher": "Example"},
        {"id": "src-b", "url": "https://example.org/b", "publisher": "Example"},
    ],
    "agencies": [
        {"id": "nasa", "name": "NASA", "kind": "space_agency", "country": "US", "sources": ["src-a"]},
        {"id": "roscosmos", "name": "Roscosmos", "kind": "state_corporation", "country": "RU", "sources": ["src-a"]},
    ],
    "officials": [
        {
            "id": "sean-duffy",
            "name": "Sean Duffy",
            "sources": ["src-a"],
            "tenures": [{"post": "Administrator", "agency": "nasa", "period": "2025-07-09/..", "head": True}],
        },
        {
            "id": "dmitry-bakanov",
            "name": "Dmitry Bakanov",
            "sources": ["src-b"],
            "tenures": [{"post": "Director General", "agency": "roscosmos", "period": "2025-02-06/..", "head": True}],
        },
    ],
    "programs": [
        {"id": "iss", "name": "ISS", "kind": "space_station", "period": "1998-11-20/..", "sources": ["src-a"]},
        {"id": "crew-11", "name": "Crew-11", "kind": "crew_mission", "parent": "iss", "sources": ["src-a"]},
    ],
    "meetings": [
        {
            "id": "talks",
            "title": "Talks",
            "kind": "heads_of_agency",
            "date": "2025-07-31",
            "participants": ["dmitry-bakanov", "sean-duffy"],
            "agencies": ["roscosmos", "nasa"],
            "sources": ["src-a"],
        },
        {"id": "visit", "title": "Visit", "kind": "visit", "date": "2025-07", "sources": ["src-b"]},
    ],
    "agreements": [
        {
            "id": "seat-swap",
            "title": "Seat swap",
            "kind": "implementing_arrangement",
            "parties": ["nasa", "roscosmos"],
            "history": [{"status": "signed", "date": "2022-07-14"}],
            "sources": ["src-a"],
        },
        {"id": "iga", "title": "IGA", "kind": "intergovernmental_agreement", "sources": ["src-b"]},
    ],
}


def _break(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """Ten mistakes, each in its own place; the (path, message pattern) each must give."""
    del doc["sources"][1]["url"]
    doc["agencies"][0]["kind"] = "space agency"
    doc["agencies"][1]["country"] = "usa"
    doc["officials"][0]["tenures"][0]["period"] = "2025/2018"
    doc["officials"][1]["tenures"][0]["agency"] = "roscosmoss"
    doc["programs"][1]["parent"] = "international-space-station"
    doc["meetings"][0]["date"] = "2025-02-30"
    doc["meetings"][1]["colour"] = "red"
    doc["agreements"][0]["history"][0]["status"] = "signedd"
    doc["agreements"][1]["id"] = "seat-swap"
    return [
        ("$.sources[1].url", r"^missing field"),
        ("$.agencies[0].kind", r"^unknown value \(did you mean 'space_agency'\?\)"),
        ("$.agencies[1].country", r"^bad country code"),
        ("$.officials[0].tenures[0].period", r"^bad period"),
        ("$.officials[1].tenures[0].agency", r"^unknown reference.*roscosmos"),
        ("$.programs[1].parent", r"^unknown reference"),
        ("$.meetings[0].date", r"^bad date"),
        ("$.meetings[1].colour", r"^unknown field"),
        ("$.agreements[0].history[0].status", r"^unknown value \(did you mean 'signed'\?\)"),
        ("$.agreements[1].id", r"^duplicate id"),
    ]


def record_lines(text: str) -> dict[str, int]:
    """The line each record starts on, by ``$.kind[i]``, in a file written with ``indent=2``."""
    out: dict[str, int] = {}
    kind, index = "", 0
    for n, line in enumerate(text.split("\n"), start=1):
        m = re.fullmatch(r'  "(\w+)": \[', line)
        if m:
            kind, index = m.group(1), 0
        elif line == "    {":
            out[f"$.{kind}[{index}]"] = n
            index += 1
    return out


def test_the_good_file_loads() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "good.json"
        path.write_text(json.dumps(GOOD, indent=2), encoding="utf-8")
        ds = isscoop.load(path, strict=True)
    assert len(ds) == 12


@pytest.mark.parametrize("form", ["file", "stream"])
def test_ten_mistakes_give_one_error_listing_all_ten(form: str) -> None:
    doc = json.loads(json.dumps(GOOD))
    expected = _break(doc)
    text = json.dumps(doc, indent=2)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ten.json"
        path.write_text(text, encoding="utf-8")
        with path.open(encoding="utf-8") as stream, pytest.raises(isscoop.DatasetError) as info:
            isscoop.load(path if form == "file" else stream)
    problems = info.value.problems
    assert sorted(p.path for p in problems) == sorted(path for path, _ in expected), [str(p) for p in problems]
    lines = record_lines(text)
    for where, pattern in expected:
        (problem,) = [p for p in problems if p.path == where]
        assert re.search(pattern, problem.message), str(problem)
        assert problem.file == str(path)
        assert problem.line == lines[re.match(r"\$\.\w+\[\d+\]", where).group()], str(problem)  # type: ignore[union-attr]
    message = str(info.value)
    assert message.startswith("10 problems in the dataset:")
    assert len(message.splitlines()) == 11
    for where, _ in expected:
        assert f": {where}: " in message


def test_the_cli_lists_all_ten_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    from isscoop.cli import main

    doc = json.loads(json.dumps(GOOD))
    expected = _break(doc)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ten.json"
        path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    for where, _ in expected:
        assert f": {where}: " in err
