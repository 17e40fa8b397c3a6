"""Licences, package metadata and the install line of the docs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_licence_files_and_metadata() -> None:
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert mit.startswith("MIT License") and "Copyright (c) 2026 The isscoop developers" in mit
    data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "CC BY 4.0" in data and "Data: isscoop dataset (The isscoop developers), CC BY 4.0" in data
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert project["license"] == "MIT AND CC-BY-4.0"  # PEP 639: an SPDX expression
    assert project["license-files"] == ["LICENSE", "LICENSE-DATA"]
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]  # not with an expression
    backend = _pyproject()["build-system"]
    assert isinstance(backend, dict) and "hatchling>=1.27" in backend["requires"]


def test_the_sdist_carries_what_the_checks_need() -> None:
    tool = _pyproject()["tool"]
    assert isinstance(tool, dict)
    include = tool["hatch"]["build"]["targets"]["sdist"]["include"]
    for needed in ("isscoop", "tests", "docs", "benchmarks", ".ci/run", "LICENSE", "LICENSE-DATA", "README.md"):
        assert needed in include, needed
    checks = (ROOT / "tests" / "run_checks.py").read_text(encoding="utf-8")
    for path in re.findall(r'ROOT / "([\w.]+)"', checks):
        assert path in include, path


def test_the_docs_install_line_works(tmp_path: Path) -> None:
    index = (ROOT / "docs" / "index.rst").read_text(encoding="utf-8")
    assert "    python -m pip install .\n" in index and "pip install isscoop\n" not in index
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0:  # pip fetches the build backend (hatchling) from the package index
        if IN_CI:
            pytest.fail(built.stderr[-2000:])
        pytest.skip("cannot build a wheel here (no package index?)")
    [wheel] = (tmp_path / "dist").glob("isscoop-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    assert "License-Expression: MIT AND CC-BY-4.0" in metadata
    assert any(n.endswith("licenses/LICENSE-DATA") for n in names)
    assert any(n.startswith("isscoop/data/") and n.endswith(".json") for n in names)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-m", "isscoop"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("isscoop dataset ") and "Legend:" in run.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import isscoop; print(isscoop.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(target))
