"""The command line: ``python -m isscoop`` prints the brief; ``validate`` checks files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import isscoop
from isscoop import cli as _cli

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "isscoop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def brief() -> subprocess.CompletedProcess[str]:
    return run()


GOOD = {
    "format_version": 1,
    "sources": [{"id": "src-a", "url": "https://example.org/a", "publisher": "Example"}],
    "agencies": [{"id": "nasa", "name": "NASA", "kind": "space_agency", "sources": ["src-a"]}],
}
BAD = {
    "format_version": 1,
    "sources": [{"id": "src-a", "url": "https://example.org/a", "publisher": "Example"}],
    "agencies": [
        {"id": "nasa", "name": "NASA", "kind": "space_agnecy", "sources": ["src-a"]},
        {"id": "esa", "name": "ESA", "kind": "intergovernmental_organization", "founded": "1975-13"},
    ],
}


def write(path: Path, doc: object) -> str:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


# -- the brief, in a subprocess ---------------------------------------------------------------------


def test_brief_exits_zero(brief: subprocess.CompletedProcess[str]) -> None:
    assert brief.returncode == 0, brief.stderr
    assert brief.stderr == ""
    assert brief.stdout.startswith(f"isscoop dataset {isscoop.dataset().version}")


def test_brief_shows_dates_at_their_own_precision(brief: subprocess.CompletedProcess[str]) -> None:
    lines = brief.stdout.splitlines()
    timeline = [line for line in lines if re.match(r"^  \d{4}", line)]
    assert timeline
    month_lines = [line for line in timeline if re.match(r"^  \d{4}-\d{2} ", line)]
    year_lines = [line for line in timeline if re.match(r"^  \d{4} ", line)]
    assert month_lines, "no month-precision line"
    assert year_lines, "no year-precision line"
    # month- and year-precision dates are not padded to a day
    assert any(line.startswith("  2019-02 ") and "Rogozin" in line for line in month_lines)
    assert any(line.startswith("  2026-01 ") for line in month_lines)
    assert not any(line.startswith("  2019-02-01") for line in timeline)
    # the story's day lines are there
    assert any(line.startswith("  2025-07-31 ") and "Bakanov-Duffy talks" in line for line in timeline)
    assert any(line.startswith("  2018-10-10 ") and "Baikonur" in line for line in timeline)


def test_brief_timeline_is_in_date_order(brief: subprocess.CompletedProcess[str]) -> None:
    dates = [
        isscoop.PartialDate.parse(m.group(1))
        for line in brief.stdout.splitlines()
        if (m := re.match(r"^  (\d{4}(?:-\d{2}(?:-\d{2})?)?[~?%]?) ", line))
    ]
    assert len(dates) > 20
    assert dates == sorted(dates)


def test_brief_cites_sources(brief: subprocess.CompletedProcess[str]) -> None:
    out = brief.stdout
    assert "[1]" in out
    head, _, sources = out.partition("\nSources:\n")
    assert sources, "no Sources list"
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", head)}
    listed = [int(n) for n in re.findall(r"^  \[(\d+)\] ", sources, re.M)]
    assert listed == list(range(1, len(listed) + 1))
    assert cited == set(listed)
    # every listed source is a real source of the dataset, with its URL
    urls = {s.url for s in isscoop.sources}
    for line in sources.splitlines():
        if line.strip():
            assert any(line.endswith(url) for url in urls), line


def test_brief_mentions_the_story(brief: subprocess.CompletedProcess[str]) -> None:
    out = brief.stdout
    assert "Houston" in out  # the other reported location
    assert "[cancelled]" in out
    assert "Crew-11: scrub" in out


def test_brief_command_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli.main(["brief"]) == 0
    explicit = capsys.readouterr().out
    assert _cli.main([]) == 0
    default = capsys.readouterr().out
    assert explicit == default
    assert "Sources:" in default


# -- help and version ---------------------------------------------------------------------------


def test_help() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "usage: isscoop" in result.stdout
    assert "validate" in result.stdout
    assert "brief" in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"isscoop {isscoop.__version__}"


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        _cli.main(["--version"])
    assert info.value.code == 0
    assert isscoop.__version__ in capsys.readouterr().out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        _cli.main(["no-such-command"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        _cli.main(["validate"])  # needs a file
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


# -- validate -----------------------------------------------------------------------------------


def test_validate_a_bad_file(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", BAD)
    result = run("validate", path)
    assert result.returncode == 1
    assert result.stdout == ""
    err = result.stderr
    assert "2 problems in the dataset:" in err
    assert "$.agencies[0].kind" in err
    assert "did you mean 'space_agency'?" in err
    assert "$.agencies[1].founded" in err
    assert "bad.json" in err


def test_validate_a_good_file(tmp_path: Path) -> None:
    result = run("validate", write(tmp_path / "good.json", GOOD))
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("ok: ")
    assert "1 agencies" in result.stdout or "1 agency" in result.stdout


def test_validate_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.json", GOOD)
    bad = write(tmp_path / "bad.json", BAD)
    assert _cli.main(["validate", good]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok: ")
    assert err == ""
    assert _cli.main(["validate", bad]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "$.agencies[0].kind" in err
    assert "$.agencies[1].founded" in err
    # several files, one bad: still exit 1, problems from the bad one only
    assert _cli.main(["validate", good, str(tmp_path / "missing.json")]) == 1
    out, err = capsys.readouterr()
    assert "missing.json" in err
    assert "cannot read file" in err


def test_validate_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    isscoop.dump(isscoop.dataset(), folder)
    assert _cli.main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("ok: <Dataset")


def test_validate_the_bundled_data_files(capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(isscoop.__file__).parent / "data"
    assert _cli.main(["validate", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"{len(isscoop.dataset().agencies)} agencies" in out
