"""``python -m isscoop`` keeps its brief once rendered, and uses it only for the very same code and data.

Each run is a fresh interpreter with its own cache folder (``ISSCOOP_CACHE_DIR``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import isscoop
from isscoop import _startup
from isscoop._brief import render


def run(args: list[str], cache: Path | None, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ISSCOOP_CACHE_DIR", "ISSCOOP_NO_CACHE")}
    if cache is None:
        env["ISSCOOP_NO_CACHE"] = "1"
    else:
        env["ISSCOOP_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, *extra, "-m", "isscoop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=True,
    )


def test_the_kept_brief_is_the_brief(tmp_path: Path) -> None:
    first = run([], tmp_path).stdout
    assert first == render(isscoop.dataset())
    kept = list(tmp_path.iterdir())
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == first
    assert run([], tmp_path).stdout == first
    assert run(["brief"], tmp_path).stdout == first
    assert run([], None).stdout == first


def test_the_kept_brief_is_read_without_loading_the_data(tmp_path: Path) -> None:
    run([], tmp_path)
    again = run([], tmp_path, "-X", "importtime")
    loaded = {line.split("|")[-1].strip() for line in again.stderr.splitlines() if "|" in line}
    assert "isscoop._startup" in loaded
    assert not {"isscoop._model", "isscoop._files", "attrs"} & loaded


def test_no_cache_keeps_nothing(tmp_path: Path) -> None:
    run([], None)
    assert _startup.key() is not None
    assert not any(tmp_path.iterdir())


def test_the_key_changes_with_the_data_and_the_code(tmp_path: Path) -> None:
    package = tmp_path / "isscoop"
    shutil.copytree(Path(isscoop.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _startup.key(str(package))
    assert before == _startup.key(str(package))
    data = next((package / "data").glob("*.json"))
    data.write_bytes(data.read_bytes() + b" ")
    edited = _startup.key(str(package))
    assert edited != before
    (package / "_brief.py").write_text((package / "_brief.py").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _startup.key(str(package)) not in (before, edited)


def test_data_a_user_gives_and_json_never_come_from_the_kept_brief(tmp_path: Path) -> None:
    run([], tmp_path)
    [kept] = tmp_path.iterdir()
    kept.write_text("a brief that the data would not give\n", encoding="utf-8")
    assert run([], tmp_path).stdout == "a brief that the data would not give\n"  # the kept brief is what is printed
    overlay = tmp_path.parent / "overlay.json"
    overlay.write_text('{"format_version": 1}', encoding="utf-8")
    assert run(["brief", "--data", str(overlay)], tmp_path).stdout == render(isscoop.dataset())
    assert run(["brief", "--json"], tmp_path).stdout.startswith("{")
