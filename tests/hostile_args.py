"""What the hostile suites share: hostile values, a per-call time limit, and the rules every call must keep.

A call keeps the rules when, within :data:`LIMIT` seconds, it either returns
(its result, if an iterator, is consumed too) or raises an
:class:`isscoop.IsscoopError` that also subclasses a builtin and whose
message is under 300 characters (a :class:`isscoop.DatasetError` or
:class:`isscoop.MergeError` lists one problem a line: each line is).
Anything else -- another exception, a slow call, a long message -- is
recorded as a failure with the call's label.

Calls run in the main thread under ``SIGALRM``: a call still running after
:data:`HARD_LIMIT` seconds is interrupted (a blocking ``open`` of a FIFO
too), so that a hang fails the test instead of stopping it.  The cyclic
garbage collector is paused during each timed call (as ``isscoop.load``
pauses it itself), so that collecting the suite's own garbage is not
counted against the call that happened to trigger it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import fractions
import gc
import io
import os
import signal
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import attrs

import isscoop
import isscoop.export
from isscoop._errors import cut as isscoop_cut

#: The most one call may take, in seconds.
LIMIT: Final = 2.0
#: When a call is interrupted as hung.
HARD_LIMIT: Final = 10.0
#: The longest message (or line of a listing error) allowed.
MAX_MESSAGE: Final = 299
#: The builtins an isscoop error must also be.
BUILTINS: Final = (TypeError, ValueError, LookupError, OSError, ImportError)

MILLION: Final = 10**6


class Hung(BaseException):
    """Raised into a call that ran past :data:`HARD_LIMIT`."""


@contextlib.contextmanager
def hard_limit(seconds: float = HARD_LIMIT) -> Iterator[None]:
    """Interrupt the block with :class:`Hung` after ``seconds`` (main thread only)."""

    def alarm(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@attrs.define
class Outcome:
    """One call: its label, how long it took, what it raised, and what rule it broke (if any)."""

    label: str
    seconds: float
    error: BaseException | None = None
    broken: str | None = None


def raised_by_the_value(error: BaseException) -> bool:
    """Whether the error came from a hostile value's own code (``Broken`` raising in ``__iter__``).

    Such an error is the caller's own, like an exception from a predicate they
    passed: isscoop lets it through, as Python itself does.
    """
    tb = error.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and last.tb_frame.f_code.co_filename == __file__ and isinstance(error, RuntimeError)


def message_problem(error: BaseException) -> str | None:
    """What is wrong with an isscoop error's message, or ``None``."""
    text = str(error)
    if isinstance(error, isscoop.DatasetError | isscoop.MergeError):
        long = [line for line in text.split("\n") if len(line) > MAX_MESSAGE]
        if long:
            return f"a line of {len(long[0])} characters in the message: {long[0][:120]!r}..."
        return None
    if len(text) > MAX_MESSAGE:
        return f"a message of {len(text)} characters: {text[:120]!r}..."
    if not text.strip():
        return "an empty message"
    return None


def judge(error: BaseException | None, seconds: float) -> str | None:
    """The rule a call broke, or ``None``: see the module docstring."""
    if isinstance(error, Hung):
        return f"hung: {error}"
    if seconds > LIMIT:
        return f"took {seconds:.2f} s"
    if error is None or raised_by_the_value(error):
        return None
    if not isinstance(error, isscoop.IsscoopError):
        return f"raised {type(error).__module__}.{type(error).__qualname__}: {str(error)[:160]}"
    if not isinstance(error, BUILTINS):
        return f"{type(error).__name__} subclasses no builtin error"
    return message_problem(error)


def consume(result: object) -> None:
    """Use a result as a caller would: iterate an iterator or a query, take ``len`` and ``str``."""
    if isinstance(result, io.IOBase):  # a file object given back (get's default): not isscoop's to read
        return
    if isinstance(result, Iterator):
        for _ in result:
            pass
    elif isinstance(result, isscoop.Query):
        len(result)
        repr(result)
    elif type(result).__name__ == "Figure":
        import matplotlib.pyplot as plt

        plt.close(result)  # type: ignore[arg-type]


def run(label: str, call: Callable[[], object]) -> Outcome:
    """Run ``call`` under the time limits and judge it."""
    error: BaseException | None = None
    collecting = gc.isenabled()
    gc.disable()  # a collection of the test's own garbage is not the call's time; it runs between calls
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        try:
            with hard_limit():
                consume(call())
        except Hung as e:
            error = e
        except KeyboardInterrupt:
            raise
        except BaseException as e:
            error = e
            with hard_limit():
                try:
                    str(e)
                except Exception as inner:  # the message itself fails
                    error = inner
        seconds = time.perf_counter() - start
    if collecting:
        gc.enable()
    return Outcome(label=label, seconds=seconds, error=error, broken=judge(error, seconds))


@attrs.define
class Tally:
    """Counts of a run of calls, the slowest call, and every broken rule."""

    name: str
    calls: int = 0
    returned: int = 0
    by_value: int = 0
    raised: dict[str, int] = attrs.field(factory=dict)
    slowest: Outcome | None = None
    broken: list[Outcome] = attrs.field(factory=list)

    def add(self, outcome: Outcome) -> None:
        self.calls += 1
        if outcome.error is None:
            self.returned += 1
        elif raised_by_the_value(outcome.error):
            self.by_value += 1
        else:
            kind = type(outcome.error).__name__
            self.raised[kind] = self.raised.get(kind, 0) + 1
        if self.slowest is None or outcome.seconds > self.slowest.seconds:
            self.slowest = outcome
        if outcome.broken is not None:
            self.broken.append(outcome)

    def report(self) -> str:
        raised = ", ".join(f"{n} {k}" for k, n in sorted(self.raised.items(), key=lambda kv: -kv[1]))
        slow = self.slowest
        slowest = f"{slow.seconds * 1000:.0f} ms ({slow.label})" if slow else "-"
        return (
            f"{self.name}: {self.calls} calls, {self.returned} returned, raised: {raised or 'nothing'}"
            f"{f' ({self.by_value} raised by the hostile value itself)' if self.by_value else ''}; "
            f"{len(self.broken)} broke a rule; slowest {slowest}"
        )

    def failures(self, limit: int = int(os.environ.get("ISSCOOP_HOSTILE_SHOW", "40"))) -> str:
        """The broken rules, one line per target and kind of failure, with how often and one example."""
        groups: dict[tuple[str, str], list[Outcome]] = {}
        for o in self.broken:
            kind = (o.broken or "").split(":")[0]
            groups.setdefault((o.label.split("(")[0], kind), []).append(o)
        lines = [f"{len(v)} x {v[0].label}: {v[0].broken}" for v in groups.values()]
        return "\n".join(lines[:limit]) + (f"\n... and {len(lines) - limit} more" if len(lines) > limit else "")


# -- hostile values ------------------------------------------------------------------------------------


class Broken:
    """An object whose repr, str, len, iter, fspath and bool all fail."""

    def __repr__(self) -> str:
        raise RuntimeError("repr fails")

    def __str__(self) -> str:
        raise RuntimeError("str fails")

    def __len__(self) -> int:
        raise RuntimeError("len fails")

    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("iter fails")

    def __bool__(self) -> bool:
        raise RuntimeError("bool fails")


class BadPath(os.PathLike[str]):
    """A path-like object whose ``__fspath__`` fails."""

    def __fspath__(self) -> str:
        raise RuntimeError("fspath fails")


def deep_list(depth: int = 100_000) -> list[Any]:
    """A list nested ``depth`` levels deep (repr, == and json would overflow the stack)."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def closed_file() -> io.StringIO:
    f = io.StringIO("{}")
    f.close()
    return f


def stranger() -> isscoop.Agency:
    """An agency from another dataset: the bundled data has no record with its id."""
    return isscoop.Agency(id="stranger-agency", name="Stranger Agency", kind=isscoop.AgencyKind.COMPANY)


def small_dataset() -> isscoop.Dataset:
    """A dataset of one agency and its sources (a whole dataset, but a small one)."""
    rows = isscoop.export.to_records([isscoop.dataset().agencies.get("nasa")])
    return isscoop.export.from_records(rows)


def hostile_values(folder: Path) -> list[tuple[str, object]]:
    """Hostile values of every type, each with a short name for labels.

    ``folder`` holds the FIFO among them; no value names a file outside it
    that could be written (paths are relative, or devices and FIFOs that
    must be refused).
    """
    fifo = folder / "fifo.json"
    if not fifo.exists():
        os.mkfifo(fifo)
    ds = isscoop.dataset()
    return [
        ("None", None),
        ("True", True),
        ("0", 0),
        ("-1", -1),
        ("2**64", 2**64),
        ("10**5000", 10**5000),
        ("1.5", 1.5),
        ("nan", float("nan")),
        ("-inf", float("-inf")),
        ("complex", 1 + 2j),
        ("Decimal", decimal.Decimal("2025")),
        ("Fraction", fractions.Fraction(1, 3)),
        ("''", ""),
        ("' '", "   "),
        ("NUL", "\x00"),
        ("date+NUL", "2025-07-31\x00"),
        ("name+BEL", "NASA\x07"),
        ("surrogate", "\ud800"),
        ("x*10**6", "x" * MILLION),
        ("digits*10**6", "1" * MILLION),
        ("date-ish*10**5", "2025-07-31 " * 10**5),
        ("cyrillic*10**5", "ж" * 10**5),
        ("spaces*10**6", " " * MILLION),
        ("2025-13-45", "2025-13-45"),
        ("not-a-date", "the day after tomorrow"),
        ("maybe", "maybe"),
        ("2026.99.0", "2026.99.0"),
        ("/dev/zero", "/dev/zero"),
        ("fifo", str(fifo)),
        ("bytes", b"NASA"),
        ("bytearray", bytearray(b"2025")),
        ("[]", []),
        ("['NASA']", ["NASA"]),
        ("[0]*10**6", [0] * MILLION),
        ("deep list", deep_list()),
        ("{}", {}),
        ("{'a': 1}", {"a": 1}),
        ("set", {"nasa"}),
        ("tuple", ("NASA", "Roscosmos")),
        ("range(10**9)", range(10**9)),
        ("object()", object()),
        ("Broken", Broken()),
        ("BadPath", BadPath()),
        ("Path('missing.json')", Path("missing.json")),
        ("lambda", lambda *a, **k: None),
        ("type int", int),
        ("Ellipsis", ...),
        ("date", dt.date(2025, 7, 31)),
        ("datetime", dt.datetime(2025, 7, 31, 12, 0)),
        ("time", dt.time(12, 0)),
        ("timedelta", dt.timedelta(days=1)),
        ("PartialDate", isscoop.PartialDate.parse("2025-07")),
        ("Period", isscoop.Period.parse("2018/2025")),
        ("closed file", closed_file()),
        ("StringIO", io.StringIO("not json")),
        ("BytesIO", io.BytesIO(b"\xff\xfe")),
        ("Agency stranger", stranger()),
        ("Official", ds.officials.get("sean-duffy")),
        ("Meeting", ds.meetings.get("bakanov-duffy-2025")),
        ("Agreement", ds.agreements.get("artemis-accords")),
        ("Program", ds.programs.get("iss")),
        ("Source", ds.sources[0]),
        ("Tenure", ds.officials.get("sean-duffy").tenures[0]),
        ("Query", ds.agencies),
        ("Dataset", small_dataset()),
        ("Tri.UNKNOWN", isscoop.Tri.UNKNOWN),
        ("AgencyKind", isscoop.AgencyKind.COMPANY),
    ]


def show(value: object, limit: int = 40) -> str:
    """A short label for a value, even one whose repr fails or is huge."""
    return isscoop_cut(value, limit)


def safe_path(value: object, folder: Path) -> object:
    """A hostile value for an argument that names a file to write, kept inside ``folder``.

    Strings and path-like objects become names inside ``folder`` (separators
    and ``..`` replaced), so that no generated value can replace a file
    elsewhere; the empty string and values of other types are left as they are.
    """
    if isinstance(value, os.PathLike) and not isinstance(value, BadPath):
        value = os.fspath(value)
    if not isinstance(value, str) or value == "" or value in ("/dev/zero", str(folder / "fifo.json")):
        return value
    name = value.replace("/", "_").replace("\\", "_")
    if name in (".", ".."):
        name = name.replace(".", "dot")
    return str(folder / name[:5000])
