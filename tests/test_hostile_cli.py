"""Every command of the command line, given hostile arguments: an exit status, one clear line, never a traceback.

Each command's argument slots get hostile strings (a million characters,
NUL and control characters, lone surrogates as a non-UTF-8 ``argv``
becomes, option-like strings, devices and FIFOs, names that match nothing),
in text and ``--json`` mode.  Every run must, within 2 seconds:

* end with status 0, 1 or 2 (``SystemExit`` from argparse included);
* print no traceback, and no line of 300 characters or more on stderr;
* for status 2: the usage synopsis, then one ``isscoop ...: error:`` line;
* for status 1: one ``isscoop: ...`` line, or a list of data problems;
* for ``--json`` with status 0: JSON on stdout.

Standard output and error are real text streams over bytes, so an
encoding failure would show; a second pass writes them in cp1252.  The
real program runs too, in subprocesses with cp1252, ASCII and Latin-1
terminals, with non-UTF-8 bytes in ``argv``, and with FIFOs and devices
as data files.  ``ISSCOOP_HOSTILE_N`` sets the number of Hypothesis
examples (150 by default).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import isscoop
from isscoop import cli

from .hostile_args import LIMIT, MAX_MESSAGE, MILLION, Tally, run, safe_path

N: Final = int(os.environ.get("ISSCOOP_HOSTILE_N", "150"))
ROOT: Final = Path(__file__).resolve().parent.parent

H: Final = "<H>"  # a slot for a hostile string
P: Final = "<P>"  # a slot for a hostile string naming a file to write (kept inside the test folder)

#: Every command, with its argument slots.
TEMPLATES: Final[list[list[str]]] = [
    [H],
    ["brief", "--data", H],
    ["show", H],
    ["show", "NASA", "--data", H],
    ["search", H],
    ["search", "NASA", "--kind", H],
    ["timeline", H],
    ["timeline", "NASA", H],
    ["timeline", "NASA", "--from", H],
    ["timeline", "NASA", "--to", H, "--from", "2020"],
    ["timeline", "NASA", "--kind", H],
    ["timeline", "NASA", "Roscosmos", "--kind", "meetings", "--plot", P],
    ["heads", H, "--on", "2025"],
    ["heads", "NASA", "--on", H],
    ["in-force", "--on", H],
    ["in-force", "--on", "2025", "--between", H, "NASA"],
    ["export", H],
    ["export", "csv", "--kind", "meetings", "-o", P],
    ["export", "json", "--kind", H],
    ["export", "records", "--kind", "meetings", "--involving", H],
    ["export", "markdown", "--between", "NASA", H],
    ["export", "timelinejs", "--from", H],
    ["export", "csv", "--search", H],
    ["validate", H],
    ["validate", "--with-bundled", "--strict", H],
    ["schema", H],
]

#: Commands that take --json.
JSON_COMMANDS: Final = frozenset(cli.COMMANDS)


def hostile_strings(folder: Path) -> list[str]:
    """What ``argv`` can carry: strings only, hostile ones."""
    fifo = folder / "fifo.json"
    if not fifo.exists():
        os.mkfifo(fifo)
    return [
        "",
        " ",
        "-",
        "--",
        "-o",
        "--json",
        "--version",
        "NASA",
        "2025",
        "nasa,roscosmos",
        "meetings,,",
        "x" * MILLION,
        "1" * MILLION,
        "2025-07-31 " * 10**5,
        "\x00",
        "2025-07-31\x00",
        "\x1b[31mred\x1b[0m",
        "\udcff\udcfe",  # bytes 0xff 0xfe of a non-UTF-8 argv
        "\ud800",
        "Роскосмос",
        "🚀",
        "\u202eevil",
        "%s%n{}'\"\\",
        "2025-13-45",
        "bakanov-duffy-2025",
        "sean-duffy",
        "../../no/such/file.json",
        "/dev/zero",
        "/dev/null",
        str(fifo),
        "out.svg",
        ".",
    ]


@attrs.define
class Ran:
    status: int
    out: str
    err: str


def run_main(argv: list[str], encoding: str = "utf-8") -> Ran:
    """``cli.main(argv)`` with stdout and stderr as real text streams over bytes, in ``encoding``."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding=encoding, newline="\n")
    err = io.TextIOWrapper(err_bytes, encoding=encoding, errors="backslashreplace", newline="\n")
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        try:
            status = cli.main(argv)
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else 1
    finally:
        sys.stdout, sys.stderr = old
        out.flush()
        err.flush()
    return Ran(status, out_bytes.getvalue().decode(encoding), err_bytes.getvalue().decode(encoding))


_USAGE_ERROR = re.compile(r"^isscoop( [\w-]+)?: error: ")
_PROBLEMS = re.compile(r"^(isscoop: )?\d+ problems? in the dataset:$")


def rules_broken(argv: list[str], ran: Ran) -> str | None:
    """What a run did wrong, or ``None``: see the module docstring."""
    if ran.status not in (0, 1, 2):
        return f"exit status {ran.status}"
    if "Traceback" in ran.err:
        return "a traceback on stderr"
    lines = ran.err.splitlines()
    long = [line for line in lines if len(line) > MAX_MESSAGE]
    if long:
        return f"a stderr line of {len(long[0])} characters: {long[0][:100]!r}"
    if ran.status == 2:
        errors = [line for line in lines if ": error: " in line]
        if not any(line.startswith("usage: isscoop") for line in lines):
            return "a usage error without the usage synopsis"
        if len(errors) != 1 or not _USAGE_ERROR.match(lines[-1]):
            return f"a usage error that is not one error line after the synopsis: {lines[-3:]!r}"
    elif ran.status == 1 and argv[0] == "validate" and "--json" in argv:
        try:
            assert json.loads(ran.out)["ok"] is False
        except (ValueError, KeyError, AssertionError):
            return f"validate --json with status 1 but not a JSON report: {ran.out[:100]!r}"
    elif ran.status == 1:
        if not lines:
            return "status 1 with nothing on stderr"
        first = lines[0]
        if _PROBLEMS.match(first):
            rest = [line for line in lines[1:] if not line.startswith("  - ") and not line.startswith("(to refer")]
            if rest:
                return f"a problem list with other lines: {rest[:2]!r}"
        elif not first.startswith("isscoop: ") or len(lines) != 1:
            return f"status 1 without one 'isscoop: ...' line: {lines[:3]!r}"
    elif "--json" in argv and ran.out and not (argv[0] == "export" and "-o" not in argv):
        try:
            json.loads(ran.out)
        except ValueError:
            return f"--json output that is not JSON: {ran.out[:100]!r}"
    return None


def fill(template: list[str], value: str, folder: Path) -> list[str]:
    return [value if a == H else str(safe_path(value, folder)) if a == P else a for a in template]


def cases(folder: Path) -> Iterator[list[str]]:
    """Every template with every hostile string, in text and in --json mode."""
    for template in TEMPLATES:
        for value in hostile_strings(folder):
            argv = fill(template, value, folder)
            yield argv
            if template[0] in JSON_COMMANDS:
                yield [argv[0], "--json", *argv[1:]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("hostile-cli")
    here = os.getcwd()
    os.chdir(path)
    try:
        import matplotlib

        matplotlib.use("Agg")
        isscoop.dataset()
        run_main(["timeline", "NASA", "Roscosmos", "--plot", "warm-up.svg"])  # the first picture loads fonts
        yield path
    finally:
        os.chdir(here)


def check(argv: list[str], tally: Tally, encoding: str = "utf-8") -> None:
    label = " ".join(a if len(a) < 40 else f"{a[:20]!r}...({len(a)} chars)" for a in argv)
    box: list[Ran] = []
    outcome = run(f"isscoop {label} [{encoding}]", lambda: box.append(run_main(argv, encoding)))
    if outcome.broken is None and box:
        outcome.broken = rules_broken(argv, box[0])
    tally.add(outcome)


def test_every_command_with_hostile_arguments(folder: Path) -> None:
    tally = Tally("hostile CLI runs")
    for argv in cases(folder):
        check(argv, tally)
    print(f"\n{tally.report()}")
    assert tally.calls >= 700
    assert not tally.broken, f"{len(tally.broken)} runs broke a rule:\n{tally.failures()}"


def test_a_cp1252_terminal_never_fails(folder: Path) -> None:
    """The same runs with output streams in cp1252, for the commands that print records."""
    tally = Tally("hostile CLI runs, cp1252 output")
    printing = [t for t in TEMPLATES if t[0] in ("show", "search", "timeline", "heads", "export", "brief")]
    for template in printing:
        for value in ("Роскосмос", "🚀", "\udcff", "NASA", "Roscosmos", "sean-duffy"):
            for argv in (fill(template, value, folder), [template[0], "--json", *fill(template, value, folder)[1:]]):
                check(argv, tally, encoding="cp1252")
    for argv in (
        ["show", "Roscosmos"],
        ["export", "markdown"],
        ["search", "Роскосмос"],
        ["show", "Roscosmos", "--json"],
    ):
        check(argv, tally, encoding="cp1252")
        ran = run_main(argv, "cp1252")
        assert ran.status == 0, ran.err
    print(f"\n{tally.report()}")
    assert not tally.broken, f"{len(tally.broken)} runs broke a rule:\n{tally.failures()}"


def test_json_is_ascii_when_stdout_is_not_utf8() -> None:
    utf8 = run_main(["show", "Roscosmos", "--json"], "utf-8")
    ascii_ = run_main(["show", "Roscosmos", "--json"], "cp1252")
    assert utf8.status == ascii_.status == 0
    assert "Роскосмос" in utf8.out
    assert ascii_.out.isascii()
    assert json.loads(ascii_.out) == json.loads(utf8.out)
    exported = run_main(["export", "json", "--kind", "agencies"], "latin-1")
    assert exported.status == 0 and exported.out.isascii()
    assert json.loads(exported.out) == json.loads(run_main(["export", "json", "--kind", "agencies"]).out)


def test_text_output_escapes_what_the_terminal_cannot_show() -> None:
    utf8 = run_main(["export", "markdown"])
    ascii_ = run_main(["export", "markdown"], "ascii")
    assert utf8.status == ascii_.status == 0
    assert ascii_.out.isascii()
    wide = sorted({c for c in utf8.out if not c.isascii()})
    assert wide  # the bundled titles and publishers are not all ASCII
    for c in wide:
        assert c.encode("ascii", "backslashreplace").decode() in ascii_.out, c


def test_argv_must_be_a_list_of_str() -> None:
    for bad in ("show NASA", [b"show"], [5], {"show": 1}):
        with pytest.raises(isscoop.InvalidArgument):
            cli.main(bad)  # type: ignore[arg-type]


# -- the real program ---------------------------------------------------------------------------------


def program(
    args: Sequence[str | bytes], encoding: str = "utf-8", timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "isscoop", *args], capture_output=True, env=env, timeout=timeout, check=False
    )


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
def test_the_program_on_a_terminal_that_is_not_utf8(encoding: str) -> None:
    for args in (
        ["show", "Roscosmos"],
        ["export", "markdown"],
        ["search", "Роскосмос"],
        ["timeline", "NASA", "Roscosmos"],
        ["heads", "Roscosmos", "--on", "2003"],
        ["show", "Roscosmos", "--json"],
        [],
    ):
        done = program(list(args), encoding)
        assert done.returncode == 0, (args, done.stderr[-500:])
        assert b"Traceback" not in done.stderr
        text = done.stdout.decode(encoding)  # strict: every byte is in the encoding
        if "--json" in args:
            assert text.isascii()
            json.loads(text)


def test_the_program_with_non_utf8_bytes_in_argv() -> None:
    for args in ([b"show", b"\xff\xfe"], [b"search", b"NASA\xff"], [b"heads", b"NASA", b"--on", b"2025\xff"]):
        done = program(list(args))
        assert done.returncode == 2, (args, done.stderr)
        assert b"Traceback" not in done.stderr
        last = done.stderr.decode("utf-8", "replace").splitlines()[-1]
        assert ": error: " in last and len(last) < 300
    done = program([b"validate", b"/no/such/\xff.json"])
    assert done.returncode == 1 and b"Traceback" not in done.stderr


def test_the_program_refuses_fifos_and_devices_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "data" / "pipe.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    for args in (
        ["validate", str(fifo)],
        ["validate", str(fifo.parent)],
        ["validate", "/dev/zero"],
        ["show", "NASA", "--data", str(fifo)],
        ["show", "NASA", "--data", str(fifo.parent)],
        ["timeline", "NASA", "--data", "/dev/zero"],
    ):
        done = program(args, timeout=30)
        assert done.returncode == 1, (args, done.stderr)
        err = done.stderr.decode()
        assert "Traceback" not in err and "not a regular file" in err, err


# -- Hypothesis: templates and strings at random ---------------------------------------------------------


def test_hypothesis_drives_every_command(folder: Path) -> None:
    tally = Tally("hostile CLI Hypothesis examples")
    text = st.text(alphabet=st.characters(codec=None, categories=None), max_size=200)
    values = st.one_of(
        text,
        st.sampled_from(hostile_strings(folder)),
        st.text(alphabet="0123456789-/~?%X.T:Z ,", max_size=30),
        st.builds(lambda c, n: c * n, st.sampled_from("x1 ж-,"), st.integers(0, 2 * MILLION)),
    )

    @settings(
        max_examples=max(N, 10), deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(st.sampled_from(TEMPLATES), values, st.booleans())
    def one(template: list[str], value: str, as_json: bool) -> None:
        argv = fill(template, value, folder)
        if as_json and template[0] in JSON_COMMANDS:
            argv = [argv[0], "--json", *argv[1:]]
        check(argv, tally)
        assert not tally.broken, tally.failures()

    one()
    print(f"\n{tally.report()}")
    assert tally.slowest is not None and tally.slowest.seconds < LIMIT
