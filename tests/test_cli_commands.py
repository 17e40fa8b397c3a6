"""The command line: every command has help, docs and JSON; every example in docs/cli.rst runs."""

from __future__ import annotations

import doctest
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from isscoop import cli as _cli

from .clitools import run_cli

ROOT = Path(__file__).resolve().parent.parent
CLI_DOCS = (ROOT / "docs" / "cli.rst").read_text(encoding="utf-8")


run = run_cli


# -- help and docs for every command ------------------------------------------------------------------


def test_the_commands_are_the_parser_commands() -> None:
    parser = _cli._parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(_cli.COMMANDS)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", sorted(_cli.COMMANDS))
def test_every_command_has_help(command: str) -> None:
    status, out, _ = run([command, "--help"])
    assert status == 0
    assert out.startswith(f"usage: isscoop {command}")
    assert _cli.COMMANDS[command].capitalize() in " ".join(out.split())
    assert "--json" in out
    status, out, _ = run(["--help"])
    assert command in out and _cli.COMMANDS[command][:30] in " ".join(out.split())


@pytest.mark.parametrize("command", sorted(_cli.COMMANDS))
def test_every_command_is_documented_with_an_example(command: str) -> None:
    assert re.search(rf"^{re.escape(command)}\n-+\n", CLI_DOCS, re.M), f"no section for {command}"
    prog = r"(?:isscoop|python -m isscoop)"
    pattern = rf"^\s+\$ {prog} {re.escape(command)}\b" if command != "brief" else rf"^\s+\$ {prog}\s*$"
    assert re.search(pattern, CLI_DOCS, re.M), f"no example for {command}"


# -- the examples of docs/cli.rst -----------------------------------------------------------------------


def _console_examples() -> list[tuple[str, str]]:
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", CLI_DOCS, re.M):
        lines = [line[3:] for line in block.rstrip("\n").split("\n")]
        current: list[str] | None = None
        for line in lines:
            if line.startswith("$ "):
                current = [line[2:]]
                examples.append(("", ""))
            elif current is not None:
                current.append(line)
            if current is not None:
                examples[-1] = (current[0], "\n".join(current[1:]))
    return examples


EXAMPLES = _console_examples()


def test_the_page_has_examples() -> None:
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_cli_example(command: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    echo_status = command.endswith('|| echo "exit status $?"')
    words = shlex.split(command.removesuffix('|| echo "exit status $?"'))
    if words[:3] == ["python", "-m", "isscoop"]:
        words = words[3:]
    else:
        assert words[0] == "isscoop"
        words = words[1:]
    status, out, err = run(words)
    got = out + err
    if echo_status:
        assert status != 0
        got += f"exit status {status}\n"
    else:
        assert status == 0, err
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    want = expected.strip("\n") + "\n"
    assert checker.check_output(want, got, flags), f"$ {command}\n--- expected\n{want}--- got\n{got}"


# -- JSON, errors and exit status ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["brief", "--json"],
        ["show", "NASA", "--json"],
        ["show", "src-spacenews-rogozin-visit-postponed", "--json"],
        ["search", "Bakanov", "--json"],
        ["timeline", "NASA", "--json"],
        ["heads", "NASA", "--on", "2025-07", "--json", "--possible"],
        ["in-force", "--on", "2025", "--json", "--possible"],
        ["export", "csv", "--kind", "meetings", "-o", "OUT", "--json"],
        ["validate", "docs/examples/newsroom.json", "--with-bundled", "--json"],
        ["validate", "docs/examples/newsroom.json", "--json"],
        ["schema", "--json"],
    ],
)
def test_json_output(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = [str(tmp_path / "out.csv") if a == "OUT" else a for a in args]
    monkeypatch.chdir(ROOT)
    status, out, _ = run(args)
    assert status in (0, 1)
    json.loads(out)


def test_dates_keep_their_precision_in_json() -> None:
    status, out, _ = run(["timeline", "NASA", "Roscosmos", "--kind", "meetings", "--json"])
    assert status == 0
    entries = json.loads(out)
    visit = next(e for e in entries if "Planned Rogozin visit" in e["text"])
    assert visit["date"] == "2019-02" and visit["precision"] == "month"


def test_not_found_is_exit_1_with_one_clear_line() -> None:
    for args in (["heads", "NAZA", "--on", "2025"], ["timeline", "NAZA"], ["show", "NAZA"]):
        status, out, err = run(args)
        assert status == 1
        assert out == ""
        assert err.startswith("isscoop: no agency matches 'NAZA'; close matches: ")
        assert err.count("\n") == 1
    status, _, err = run(["search", "zzzzzz"])
    assert status == 1 and err.startswith("isscoop: nothing matches")


@pytest.mark.parametrize(
    "args",
    [
        ["heads", "NASA"],  # --on is required
        ["heads", "NASA", "--on", "someday"],
        ["in-force", "--on", "2025-13"],
        ["timeline", "NASA", "--kind", "parties"],
        ["export", "pdf"],
        ["show"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    status, _, err = run(args)
    assert status == 2
    assert "usage: isscoop" in err


def test_export_formats(tmp_path: Path) -> None:
    for fmt in _cli.EXPORT_FORMATS:
        target = tmp_path / f"out.{fmt}"
        args = ["export", fmt, "--between", "NASA", "Roscosmos", "--from", "2018", "--to", "2025", "-o", str(target)]
        try:
            status, out, err = run(args)
        except Exception:  # pragma: no cover - reported below
            raise
        if status == 1 and "isscoop[" in err:
            continue  # an extra is not installed; the message says which
        assert status == 0, err
        assert out.startswith("wrote ")
        assert target.stat().st_size > 0
    rows = json.loads((tmp_path / "out.records").read_text(encoding="utf-8"))
    assert {r["id"] for r in rows} >= {"bridenstine-rogozin-2018", "seat-swap-2022"}


def test_timeline_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    status, _, err = run(["timeline", "NASA", "Roscosmos", "--from", "2017", "--plot", str(tmp_path / "t.svg")])
    assert status == 0, err
    assert (tmp_path / "t.svg").exists()


def test_own_data_with_data_option() -> None:
    newsroom = str(ROOT / "docs/examples/newsroom.json")
    status, out, _ = run(["show", "newsroom-bakanov-interview-2025", "--data", newsroom])
    assert status == 0
    assert "date:       August 2025" in out
