"""The docs, the README and CI agree with the code and the data."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import isscoop

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_public_name_is_in_the_api_reference() -> None:
    api = _read(DOCS / "api.rst")
    documented = set(re.findall(r"^\.\. (?:auto)?(?:class|function|exception|data):: (\w+)$", api, re.M))
    assert set(isscoop.__all__) - documented == set()
    assert documented - set(isscoop.__all__) == set()


def test_all_is_sorted_and_names_exist() -> None:
    assert list(isscoop.__all__) == sorted(isscoop.__all__)
    for name in isscoop.__all__:
        assert getattr(isscoop, name) is not None


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = [line for line in _read(ROOT / ".ci" / "run").splitlines() if line and not line.startswith("#")]
    readme_commands = re.findall(r"```console\n(.+?)\n```", _read(ROOT / "README.md"))
    test_command = next(c for c in readme_commands if "run_checks" in c)
    assert ci_lines[-1] == test_command


def test_readme_main_job_command_installs_and_runs_the_brief() -> None:
    readme_commands = re.findall(r"```console\n(.+?)\n```", _read(ROOT / "README.md"))
    assert "python -m pip install . && python -m isscoop" in readme_commands


def _examples(text: str) -> int:
    return len(doctest.DocTestParser().get_examples(text))


def test_at_least_forty_doctest_examples_run() -> None:
    in_docs = sum(_examples(_read(p)) for p in DOCS.glob("*.rst"))
    in_code = sum(_examples(_read(p)) for p in (ROOT / "isscoop").glob("*.py"))
    in_readme = _examples(_read(ROOT / "README.md"))
    assert in_docs + in_code + in_readme >= 40, (in_docs, in_code, in_readme)


def test_readme_counts_match_the_bundled_data() -> None:
    readme = " ".join(_read(ROOT / "README.md").split())
    ds = isscoop.dataset()
    for name in ("agencies", "officials", "programs", "meetings", "agreements"):
        assert f"{len(getattr(ds, name))} {name}" in readme, name
    assert f"{len(ds.sources)} sources" in readme
    assert f"version {ds.version}" in readme


def test_changelog_has_a_data_section() -> None:
    changelog = _read(ROOT / "CHANGELOG.md")
    assert "## [Unreleased]" in changelog
    assert "### Data" in changelog
