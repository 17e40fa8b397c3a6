"""``python -m isscoop validate FILE...``: every problem printed, exit 1 for bad data, 0 for good."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Final

import isscoop

ROOT: Final = Path(__file__).resolve().parent.parent
NEWSROOM: Final = ROOT / "docs" / "examples" / "newsroom.json"
DATA: Final = Path(isscoop.__file__).parent / "data"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "isscoop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=ROOT,
    )


def test_a_bad_file_prints_every_problem_and_exits_1() -> None:
    doc = {
        "format_version": 1,
        "sources": [{"id": "src-a", "url": "https://example.org", "publisher": "Example"}],
        "agencies": [
            {"id": "NASA", "name": "NASA", "kind": "space agency", "sources": ["src-a"]},
            {"id": "esa", "name": "ESA", "kind": "intergovernmental_organization", "country": "eu"},
        ],
        "meetings": [{"id": "m", "title": "Talks", "kind": "visit", "date": "2025-02-30", "agencies": ["nasa"]}],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bad.json"
        path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        done = run("validate", str(path))
    assert done.returncode == 1
    assert done.stdout == ""
    expected = [
        "$.agencies[0].id: bad id",
        "$.agencies[0].kind: unknown value",
        "$.agencies[1].country: bad country code",
        "$.meetings[0].date: bad date",
        "$.meetings[0].agencies[0]: unknown reference",
    ]
    for text in expected:
        assert text in done.stderr, (text, done.stderr)
    assert done.stderr.startswith(f"{len(expected)} problems in the dataset:")
    assert f"{path}:" in done.stderr
    assert "--with-bundled" in done.stderr  # the hint for unknown references


def test_several_files_are_checked_together() -> None:
    with tempfile.TemporaryDirectory() as folder:
        good = Path(folder) / "good.json"
        good.write_text(json.dumps({"format_version": 1, "sources": []}), encoding="utf-8")
        broken = Path(folder) / "broken.json"
        broken.write_text('{"format_version": 1, "sources": [', encoding="utf-8")
        wrong = Path(folder) / "wrong.json"
        wrong.write_text('{"format_version": 2}', encoding="utf-8")
        done = run("validate", str(good), str(broken), str(wrong), str(Path(folder) / "missing.json"))
    assert done.returncode == 1
    assert done.stderr.startswith("3 problems in the dataset:")
    assert "broken.json:1: $: not valid JSON" in done.stderr
    assert "wrong.json: $.format_version: unsupported format version" in done.stderr
    assert "missing.json: $: cannot read file" in done.stderr


def test_the_newsroom_example_fails_alone() -> None:
    done = run("validate", str(NEWSROOM))
    assert done.returncode == 1
    assert "$.meetings[0].title: missing field" in done.stderr
    assert "--with-bundled" in done.stderr


def test_with_bundled_accepts_the_newsroom_example() -> None:
    done = run("validate", "--with-bundled", str(NEWSROOM))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: <Dataset 2026.12.0: ")
    assert "19 meetings" in done.stdout
    assert done.stderr == ""


def test_the_bundled_data_folder_validates_strictly() -> None:
    done = run("validate", "--strict", str(DATA))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: <Dataset 2026.12.0: ")


def test_strict_makes_a_record_without_sources_a_problem() -> None:
    doc = {
        "format_version": 1,
        "agencies": [{"id": "nasa", "name": "NASA", "kind": "space_agency"}],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unsourced.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        lax = run("validate", str(path))
        strict = run("validate", "--strict", str(path))
    assert lax.returncode == 0
    assert "cites no source" in lax.stderr
    assert strict.returncode == 1
    assert "$.agencies[0].sources: no source" in strict.stderr
