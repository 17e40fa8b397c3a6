"""Run every check isscoop has, in one command: ``python tests/run_checks.py``.

ruff, ``mypy --strict``, the Sphinx doctest and html builders (warnings as
errors, nitpicky), the benchmarks' quick regression guard (isscoop must stay
at least 3x faster than a naive scan measured in the same run; it never
compares absolute times), then pytest (unit tests, docstring doctests, the
docs and the README).  Every check runs even when an earlier one fails; the exit
status is non-zero if any failed.  pytest runs last, so its summary line
closes the output.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "docs" / "_build"


def _sphinx(builder: str) -> list[str]:
    return [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q",
        "-b", builder, "-d", str(BUILD / "doctrees"), str(ROOT / "docs"), str(BUILD / builder),
    ]  # fmt: skip


CHECKS: list[tuple[str, list[str]]] = [
    ("ruff", [sys.executable, "-m", "ruff", "check", "."]),
    ("mypy --strict", [sys.executable, "-m", "mypy", "--strict"]),
    ("sphinx doctest", _sphinx("doctest")),
    ("sphinx html", _sphinx("html")),
    ("benchmark regression guard", [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"]),
    ("pytest", [sys.executable, "-m", "pytest"]),
]


def main() -> int:
    failed = []
    for name, command in CHECKS:
        print(f"==> {name}", flush=True)
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
