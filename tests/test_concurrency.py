"""Threads querying one shared dataset get the same answers as one thread alone.

Each round loads a fresh dataset (so that its lazy indexes, such as the name
index behind ``Query.get``, are not built yet), starts 8 threads together
with a :class:`threading.Barrier`, and has each run the same queries --
the first of which build those indexes -- in its own order.  Every thread's
answers must equal the answers of a single thread on another fresh copy.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, Final

import isscoop
from isscoop import Dataset

DATA: Final = Path(isscoop.__file__).parent / "data"
THREADS: Final = 8
ROUNDS: Final = 4

#: Keys looked up by name: ids, acronyms, names, aliases, other scripts and cases, near misses, ambiguous ones.
KEYS: Final = (
    "NASA",
    "nasa",
    "Roscosmos",
    "Роскосмос",
    "roscosmos",
    "ESA",
    "Sean Duffy",
    "Duffy",
    "Dmitry Bakanov",
    "Дмитрий Баканов",
    "Bakanov",
    "Баканов",
    "Yury Borisov",
    "International Space Station",
    "ISS",
    "iss",
    "Crew-11",
    "Artemis Accords",
    "bakanov-duffy-2025",
    "Rosaviakosmos",
    "Nasa ",
    "NSAS",
    "Putin",
    "no such thing",
)
DAYS: Final = ("2018-10-10", "2022-07", "2025-07-31", "2025", "2030~", "1998-01-29")


def _outcome(call: Callable[[], object]) -> object:
    try:
        result = call()
    except isscoop.IsscoopError as e:
        return (type(e).__name__, str(e))
    if isinstance(result, isscoop.Query):
        return result.ids
    if isinstance(result, isscoop.Record | isscoop.Source):
        return result.id
    return result


def queries(ds: Dataset) -> list[tuple[str, Callable[[], object]]]:
    """Named queries on ``ds``; lookups by name come first, so that they race to build the indexes."""
    out: list[tuple[str, Callable[[], object]]] = []
    for name in ("agencies", "officials", "programs", "meetings", "agreements", "sources"):
        q: isscoop.Query[Any] = getattr(ds, name)
        for key in KEYS:
            out.append((f"{name}.get({key!r})", partial(q.get, key, None)))
            out.append((f"{name}.get({key!r}, on)", partial(q.get, key, None, on="2003")))
    for key in KEYS:
        out.append((f"resolve({key!r})", partial(ds.resolve, key)))
        out.append((f"meetings.search({key!r})", partial(ds.meetings.search, key)))
    for day in DAYS:
        out.append((f"meetings.on({day})", partial(ds.meetings.on, day, assume="possible")))
        out.append((f"in_force({day})", partial(ds.agreements.in_force, on=day)))
        out.append((f"programs.on({day})", partial(ds.programs.on, day)))
        for agency in ("NASA", "Roscosmos", "ESA", "russia", "united-states"):
            out.append((f"heads({agency}, {day})", partial(ds.officials.heads, of=agency, on=day, assume="possible")))
    out.append(("between", partial(ds.meetings.between, "Roscosmos", "NASA")))
    out.append(("involving", partial(ds.agreements.involving, "Dmitry Bakanov")))
    out.append(("sorted", ds.meetings.sorted))
    out.append(("conflicts", lambda: tuple(f"{c.record.id}.{c.field}" for c in ds.conflicts())))
    out.append(("as_known_on", lambda: len(ds.as_known_on("2026.1.0"))))
    return out


def answers(ds: Dataset, order: list[int] | None = None) -> dict[str, object]:
    qs = queries(ds)
    indices = order if order is not None else list(range(len(qs)))
    return {qs[i][0]: _outcome(qs[i][1]) for i in indices}


@contextmanager
def fast_switching() -> Iterator[None]:
    """Let the interpreter switch threads very often, so that races show."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def together(task: Callable[[int], object]) -> list[object]:
    """Run ``task(k)`` in THREADS threads started at once; their results, or the exceptions they raised."""
    barrier = threading.Barrier(THREADS)
    results: list[object] = [None] * THREADS

    def run(k: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[k] = task(k)
        except BaseException as e:  # reported by the caller
            results[k] = e

    threads = [threading.Thread(target=run, args=(k,)) for k in range(THREADS)]
    with fast_switching():
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    for k, got in enumerate(results):
        assert not isinstance(got, BaseException), f"thread {k}: {got!r}"
    return results


def _all_queries(shared: Dataset, seed: int, k: int) -> dict[str, object]:
    n = len(queries(shared))
    order = list(range(n))
    if k % 2:  # half the threads in a shuffled order, the lookups by name still early
        head, tail = order[: n // 2], order[n // 2 :]
        random.Random(seed * 100 + k).shuffle(head)
        random.Random(k).shuffle(tail)
        order = head + tail
    return answers(shared, order)


def test_eight_threads_get_the_same_answers_as_one() -> None:
    expected = answers(isscoop.load(DATA))
    assert expected["agencies.get('Роскосмос')"] == "roscosmos"
    heads = expected["heads(NASA, 2025-07-31)"]
    assert isinstance(heads, tuple) and "sean-duffy" in heads
    for round_ in range(ROUNDS):
        shared = isscoop.load(DATA)  # fresh: no index built yet
        for k, got in enumerate(together(partial(_all_queries, shared, round_))):
            assert got == expected, f"round {round_}, thread {k} answered differently"


def _lookups(ds: Dataset, k: int) -> list[object]:
    return [ds.officials.get(key, None) for key in ("Баканов", "Sean Duffy", "Duffy")]


def test_threads_share_one_lazily_built_index() -> None:
    """After a race on the first lookups, every thread finds the very same objects."""
    for _ in range(ROUNDS):
        ds = isscoop.load(DATA)
        found = together(partial(_lookups, ds))
        first = found[0]
        assert isinstance(first, list) and first[0] is not None
        for f in found:
            assert isinstance(f, list)
            assert all(a is b for a, b in zip(f, first, strict=True))


def test_the_bundled_dataset_is_read_once_when_threads_race_for_it() -> None:
    """In a fresh interpreter, 8 threads asking for ``isscoop.dataset()`` at once all get the same object."""
    script = """
import threading, isscoop
barrier = threading.Barrier(8)
got = [None] * 8
def work(k):
    barrier.wait()
    got[k] = isscoop.dataset()
    isscoop.meetings.get("bakanov-duffy-2025")
threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(len({id(d) for d in got}), repr(got[0]))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    count, _, rest = done.stdout.strip().partition(" ")
    assert count == "1", done.stdout
    assert rest.startswith("<Dataset ")
