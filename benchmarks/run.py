"""isscoop's benchmark suite: loading, memory, six query shapes against peers, start-up.

Usage (from the repository root, in a virtualenv with isscoop installed)::

    python benchmarks/run.py                      # 10,000 and 100,000 agreements
    python benchmarks/run.py --sizes 100000,1000000 --out benchmarks/results/latest.json
    python benchmarks/run.py --quick              # CI: 10,000 agreements, well under a minute

For each size, a synthetic dataset is generated (or reused from
``benchmarks/.cache/``, see ``generate.py``) and measured in a fresh worker
process:

* loading: ``isscoop.load`` of the JSON files, and ``json.load`` of the same
  files as the baseline; peak and retained memory (RSS always; tracemalloc too,
  in separate processes, up to 100,000 agreements);
* the six query shapes of ``engines.py``, through isscoop's public API and, on
  the same data in the same process, through pandas, SQLite, DuckDB and a naive
  scan over plain tuples.  Every timed call gets arguments never asked before
  (``engines.fresh_parameters``: many days, many names, skewed agencies): the
  first call apart (it may build a lazy index), then batches of consecutive
  fresh calls, each sample the mean of a batch lasting a few milliseconds;
  the median of the samples is reported.  Then, as a second figure labelled
  "repeated", the old way: rounds over five fixed argument sets asked again
  and again.  Every engine's answers are checked against isscoop's;
* column questions: ``OfficialQuery.heads_each`` for 1,000,000 (agency, day)
  rows of a DataFrame against pandas ``merge_asof`` on the same rows, with
  the answers compared where isscoop's are certain.

Then ``import isscoop`` (``-X importtime``) against ``import attrs``, and the
wall time of ``python -m isscoop`` against ``python -c "import attrs"``
(medians of 5).  Results go to a JSON file (``--out``), a table is printed,
and a chart is drawn (``chart.py``) unless ``--no-chart``.

``--quick`` is the CI gate: it exits 1 only when isscoop is not at least 3x
faster than the naive scan measured in the same run, with fresh arguments,
for shapes a-d and f.
It never compares absolute times, and needs neither pandas nor DuckDB (peers
whose package is missing are skipped).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import hashlib
import json
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import engines  # noqa: E402
import generate  # noqa: E402

GATE_FACTOR = 3.0
#: The query targets: isscoop at least this many times faster than SQLite (in memory, indexed), fresh arguments.
QUERY_TARGETS = {"a": 10.0, "b": 10.0, "c": 10.0, "d": 3.0, "f": 3.0}
DEFAULT_OUT = HERE / "results" / "latest.json"
QUICK_OUT = HERE / "results" / "quick.json"
DEFAULT_CHART = ROOT / "docs" / "_static" / "benchmark-medians.png"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- memory ----------------------------------------------------------------------------------


def _status_kib(field: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` value of this process, in KiB (Linux only)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def rss_mib() -> float | None:
    kib = _status_kib("VmRSS")
    return None if kib is None else kib / 1024


def peak_rss_mib() -> float | None:
    kib = _status_kib("VmHWM")
    return None if kib is None else kib / 1024


# -- timing ----------------------------------------------------------------------------------


def measure(
    fn: Callable[..., object],
    params: Sequence[tuple[str, ...]],
    *,
    budget_s: float,
    sample_s: float,
    min_rounds: int,
    max_rounds: int = 50,
) -> tuple[dict[str, Any], list[object]]:
    """Time ``fn(*p)`` for each argument set ``p``; returns the statistics and one answer per set.

    The first call is timed on its own (a lazy index may be built then).  Then,
    round after round over every argument set, each sample is the mean time of
    ``number`` calls (CPU time), ``number`` chosen so that a sample lasts about
    ``sample_s``.  Rounds go on until ``budget_s`` is spent (at least
    ``min_rounds``).
    """
    t0 = time.perf_counter()
    fn(*params[0])
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    fn(*params[0])
    estimate = max(time.perf_counter() - t0, 1e-7)
    number = max(1, int(sample_s / estimate))
    samples: list[float] = []
    answers: list[object] = [None] * len(params)
    start = time.perf_counter()
    rounds = 0
    while rounds < min_rounds or (rounds < max_rounds and time.perf_counter() - start < budget_s):
        for i, p in enumerate(params):
            t0 = time.process_time()
            for _ in range(number):
                answer = fn(*p)
            samples.append((time.process_time() - t0) / number)
            if rounds == 0:
                answers[i] = answer
        rounds += 1
    stats = {
        "median_s": statistics.median(samples),
        "min_s": min(samples),
        "max_s": max(samples),
        "samples": len(samples),
        "calls_per_sample": number,
        "first_call_s": first,
        "clock": "CPU time of the worker process (time.process_time)",
    }
    return stats, answers


def _result_size(answer: object) -> int | None:
    if isinstance(answer, int):
        return answer
    if isinstance(answer, str):  # one record's id
        return 1
    try:
        return len(answer)  # type: ignore[arg-type]
    except TypeError:
        return 1


# -- the worker: one size, one fresh process --------------------------------------------------


def _engines_for(tables: engines.Tables, log_build: dict[str, float]) -> list[engines.Engine]:
    peers: list[engines.Engine] = []

    def build(name: str, make: Callable[[], engines.Engine]) -> engines.Engine | None:
        t0 = time.perf_counter()
        try:
            engine = make()
        except ImportError as e:
            log(f"  skipping {name}: {e}")
            return None
        log_build[name] = time.perf_counter() - t0
        log(f"  built {name} in {log_build[name]:.1f} s")
        return engine

    for name, make in (
        ("naive scan", lambda: engines.NaiveEngine(tables)),
        ("SQLite", lambda: engines.SQLiteEngine(tables)),
        ("pandas", lambda: engines.PandasEngine(tables)),
        ("DuckDB", lambda: engines.DuckDBEngine(tables)),
    ):
        engine = build(name, make)
        if engine is not None:
            peers.append(engine)
            if isinstance(engine, engines.PandasEngine):
                peers.append(engines.PandasEngine(tables, objects=True, share=engine))
    return peers


def worker(files: list[str], size: int, quick: bool) -> dict[str, Any]:
    import isscoop

    out: dict[str, Any] = {"size": size, "isscoop_source_sha256": source_hash()}
    rss0 = rss_mib()
    log(f"  isscoop.load of {len(files)} file(s) ...")
    t0 = time.perf_counter()
    ds = isscoop.load(*files)
    load_times = [time.perf_counter() - t0]
    memory: dict[str, Any] = {
        "rss_before_mib": rss0,
        "isscoop_load_peak_rss_mib": _minus(peak_rss_mib(), rss0),
        "isscoop_objects_rss_mib": _minus(rss_mib(), rss0),
    }
    log(f"  loaded {ds!r} in {load_times[0]:.1f} s")
    out["counts"] = {k: len(getattr(ds, k)) for k in ("sources", "agencies", "officials", "meetings", "agreements")}

    params = engines.parameters()
    fresh = engines.fresh_parameters(scale=0.2 if quick else 1.0)
    timing = Timing(quick, size)
    isscoop_engine = engines.IsscoopEngine(ds)
    first_calls: dict[str, float] = {}
    for shape in engines.SHAPES:  # the first call of each shape builds the indexes it needs
        t0 = time.perf_counter()
        isscoop_engine.query(shape)(*fresh[shape][0])
        first_calls[shape] = time.perf_counter() - t0
    warm_up = sum(first_calls.values())
    log("  first calls: " + ", ".join(f"{k} {_fmt(v)}" for k, v in first_calls.items()))
    memory["isscoop_with_indexes_rss_mib"] = _minus(rss_mib(), rss0)
    memory["isscoop_peak_rss_mib"] = _minus(peak_rss_mib(), rss0)
    out["memory"] = memory
    bulk_rows = engines.bulk_rows(100_000 if quick else 1_000_000)
    bulk = bulk_isscoop(ds, bulk_rows)

    load_budget = 0.0 if quick else 40.0
    while sum(load_times) < load_budget and len(load_times) < 3:
        t0 = time.perf_counter()
        isscoop.load(*files)
        load_times.append(time.perf_counter() - t0)
        gc.collect()
    json_times: list[float] = []
    docs: list[Any] = []
    while not json_times or (sum(json_times) < (2.0 if quick else 20.0) and len(json_times) < 5):
        docs = []
        gc.collect()
        t0 = time.perf_counter()
        for f in files:
            with open(f, encoding="utf-8") as fh:
                docs.append(json.load(fh))
        json_times.append(time.perf_counter() - t0)
    out["load"] = {
        "isscoop_load_s": statistics.median(load_times),
        "isscoop_load_runs": len(load_times),
        "json_load_s": statistics.median(json_times),
        "json_load_runs": len(json_times),
    }
    out["load"]["first_calls_s"] = warm_up
    out["load"]["isscoop_load_and_first_calls_s"] = out["load"]["isscoop_load_s"] + warm_up

    log("  building the peers' tables ...")
    t0 = time.perf_counter()
    tables = engines.Tables.from_documents(docs)
    del docs
    gc.collect()
    build: dict[str, float] = {"tables_from_json": time.perf_counter() - t0}
    peers = _engines_for(tables, build)
    out["peer_build_s"] = build

    shapes: dict[str, Any] = {}
    for shape, title in engines.SHAPES.items():
        taking_part: list[engines.Engine] = [isscoop_engine]
        taking_part += [e for e in peers if e.name != "pandas (objects)" or shape == "e"]
        fns = {e.name: e.query(shape) for e in taking_part}
        for name, fn in fns.items():
            if name != "isscoop":
                t0 = time.perf_counter()
                fn(*fresh[shape][0])
                first_calls[f"{shape} {name}"] = time.perf_counter() - t0
        stats = timing.fresh_rounds(fns, fresh[shape][1:])
        stats["isscoop"]["first_call_s"] = first_calls[shape]
        keep = {"a": 20, "e": 3}.get(shape, 200)  # answers checked after the timing, untimed
        asked = fresh[shape][1 : 1 + keep]
        reference = [isscoop_engine.ids(shape, isscoop_engine.query(shape)(*p)) for p in asked]
        stats["isscoop"]["result_sizes"] = [_result_size(a) for a in reference]
        entry: dict[str, Any] = {"title": title, "engines": stats, "repeated": {}, "agree": {}, "checked": {}}
        for e in taking_part:
            if e is not isscoop_engine:
                got = [e.ids(shape, e.query(shape)(*p)) for p in asked]
                entry["agree"][e.name] = got == reference
                entry["checked"][e.name] = len(got)
                if got != reference:
                    log(f"  WARNING: {e.name} {shape} disagrees with isscoop: {_diff(got, reference)}")
            entry["repeated"][e.name], _ = timing.repeated(e.query(shape), params[shape])
        base = stats["isscoop"]["median_s"]
        entry["ratios"] = {n: x["median_s"] / base for n, x in stats.items() if n != "isscoop"}
        base = entry["repeated"]["isscoop"]["median_s"]
        entry["repeated_ratios"] = {n: x["median_s"] / base for n, x in entry["repeated"].items() if n != "isscoop"}
        shapes[shape] = entry
        log(f"  ({shape}) fresh: " + ", ".join(f"{n} {_fmt(x['median_s'])} ({x['calls']})" for n, x in stats.items()))
    out["shapes"] = shapes
    pandas_engine = next((e for e in peers if e.name == "pandas"), None)
    if bulk is not None and pandas_engine is not None:
        out["bulk_heads"] = bulk_compare(bulk, bulk_rows, pandas_engine)
        b = out["bulk_heads"]
        log(
            f"  bulk heads of {b['rows']:,} rows: isscoop {_fmt(b['isscoop_s'])}, pandas merge_asof "
            f"{_fmt(b['merge_asof_s'])} ({b['ratio']:.2f}x); certain rows {b['certain_rows']:,}, compared "
            f"{b['compared_rows']:,}: identical {b['identical_rows']:,}, handover days {b['handover_rows']:,}, "
            f"differing {b['differing_rows']:,}"
        )
    return out


class Timing:
    """How long and how finely to time, by run kind and dataset size."""

    def __init__(self, quick: bool, size: int) -> None:
        self.sample_s = 0.005 if quick else 0.02
        self.budget_s = 0.3 if quick else 1.5
        self.min_rounds = 1 if size >= 1_000_000 else 2
        self.min_samples = 3 if size >= 1_000_000 else 5

    def fresh_rounds(
        self, fns: dict[str, Callable[..., object]], params: Sequence[tuple[str, ...]]
    ) -> dict[str, dict[str, Any]]:
        """Time every engine on argument sets never asked before, in alternating rounds.

        Each round hands a block of fresh argument sets to every engine in
        turn; an engine asks the first ones of the block, as many as last
        about ``sample_s`` (so every engine starts each round on the same
        questions, and none asks a question twice).  A sample is the mean
        CPU time per call of one engine in one round.  Rounds go on until
        every engine has had ``budget_s`` (at least ``min_samples`` rounds),
        or the argument sets run out.  Alternating puts the other work on a
        shared machine on every engine alike.
        """
        per_call: dict[str, int] = {}
        cursor = 0
        for name, fn in fns.items():  # one call each, to size the batches
            t0 = time.perf_counter()
            fn(*params[cursor])
            per_call[name] = max(1, int(self.sample_s / max(time.perf_counter() - t0, 1e-7)))
        cursor += 1
        block = max(1, min(max(per_call.values()), (len(params) - cursor) // self.min_samples))
        cpu: dict[str, list[float]] = {name: [] for name in fns}
        wall: dict[str, list[float]] = {name: [] for name in fns}
        calls = dict.fromkeys(fns, 1)
        spent = 0.0
        rounds = 0
        while cursor < len(params) and (rounds < self.min_samples or spent < self.budget_s * len(fns)):
            chunk = params[cursor : cursor + block]
            for name, fn in fns.items():
                batch = chunk[: per_call[name]]
                c0, w0 = time.process_time(), time.perf_counter()
                for p in batch:
                    fn(*p)
                c1, w1 = time.process_time(), time.perf_counter()
                cpu[name].append((c1 - c0) / len(batch))
                wall[name].append((w1 - w0) / len(batch))
                calls[name] += len(batch)
                spent += w1 - w0
            cursor += len(chunk)
            rounds += 1
        return {
            name: {
                "median_s": statistics.median(cpu[name]),
                "min_s": min(cpu[name]),
                "max_s": max(cpu[name]),
                "wall_median_s": statistics.median(wall[name]),
                "samples": len(cpu[name]),
                "calls": calls[name],
                "calls_per_sample": per_call[name],
                "clock": "CPU time of the worker process (time.process_time)",
                "arguments": "fresh: each argument set asked once",
            }
            for name in fns
        }

    def repeated(self, fn: Callable[..., object], params: Sequence[tuple[str, ...]]) -> tuple[Any, Any]:
        stats, answers = measure(
            fn, params, budget_s=self.budget_s / 2, sample_s=self.sample_s, min_rounds=self.min_rounds
        )
        stats["arguments"] = "repeated: five fixed argument sets, asked again and again"
        return stats, answers


# -- column questions: heads for many (agency, day) rows ---------------------------------------


def bulk_isscoop(ds: Any, rows: engines.BulkRows) -> dict[str, Any] | None:
    """Time ``OfficialQuery.heads_each`` on the rows (a pandas DataFrame's columns); keep its answers."""
    if not hasattr(ds.officials, "heads_each"):
        log("  no bulk heads API: skipped")
        return None
    try:
        frame = rows.frame()
    except ImportError as e:
        log(f"  no pandas, no bulk comparison: {e}")
        return None
    warm = time.perf_counter()
    ds.officials.heads_each(of=frame["agency"][:1000], on=frame["date"][:1000])  # builds the index
    warm = time.perf_counter() - warm
    times = []
    column = None
    for _ in range(3):
        del column
        gc.collect()
        t0 = time.perf_counter()
        column = ds.officials.heads_each(of=frame["agency"], on=frame["date"])
        times.append(time.perf_counter() - t0)
    assert column is not None
    answers = [None if v is _unknown() else tuple(sorted(o.id for o in v)) for v in column.values]
    log(f"  isscoop bulk heads of {len(rows):,} rows: {_fmt(statistics.median(times))} (first call {_fmt(warm)})")
    return {"times": times, "first_call_s": warm, "answers": answers}


def _unknown() -> object:
    import isscoop

    return isscoop.Tri.UNKNOWN


def bulk_compare(bulk: dict[str, Any], rows: engines.BulkRows, pandas_engine: Any) -> dict[str, Any]:
    """Time pandas ``merge_asof`` on the same rows and compare its answers with isscoop's certain ones."""
    frame = rows.frame()
    times = []
    got: Any = None
    for _ in range(3):
        del got
        gc.collect()
        t0 = time.perf_counter()
        got = pandas_engine.merge_asof_heads(frame)
        times.append(time.perf_counter() - t0)
    vague = pandas_engine.vague
    matched = pandas_engine.matched
    certain = compared = identical = several = differing = other = 0
    example = None
    for i, (mine, theirs) in enumerate(zip(bulk["answers"], got, strict=True)):
        if mine is None:
            continue
        certain += 1
        theirs = theirs if isinstance(theirs, str) else None
        same = (len(mine) == 1 and mine[0] == theirs) or (not mine and theirs is None)
        if any(o in vague for o in mine) or matched[i] in vague:
            other += not same  # a month or year date stood in for a day in merge_asof's columns
            continue
        compared += 1
        if same:
            identical += 1
        elif len(mine) > 1 and theirs in mine:
            several += 1  # a handover day: both heads held the post; merge_asof keeps one
        else:
            differing += 1
            example = example or f"row {i}: isscoop {mine}, merge_asof {theirs}"
    mine_s, theirs_s = statistics.median(bulk["times"]), statistics.median(times)
    return {
        "rows": len(rows),
        "isscoop_s": mine_s,
        "isscoop_times": bulk["times"],
        "isscoop_first_call_s": bulk["first_call_s"],
        "merge_asof_s": theirs_s,
        "merge_asof_times": times,
        "ratio": theirs_s / mine_s,
        "certain_rows": certain,
        "unknown_rows": len(rows) - certain,
        "compared_rows": compared,
        "identical_rows": identical,
        "handover_rows": several,
        "differing_rows": differing,
        "first_difference": example,
        "vague_rows": certain - compared,
        "vague_rows_differing": other,
        "compared": (
            "rows where isscoop's answer is certain and every tenure involved (isscoop's heads, and the one "
            "merge_asof matched) is dated to the day; in the other certain rows merge_asof's day columns stand "
            "a month or year date in for a day, and may pick a tenure that had not started or had ended"
        ),
    }


def _diff(got: list[object], want: list[object]) -> str:
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        if g != w:
            gs = g if isinstance(g, int | str) else f"{len(g)} ids"  # type: ignore[arg-type]
            ws = w if isinstance(w, int | str) else f"{len(w)} ids"  # type: ignore[arg-type]
            return f"argument set {i}: {gs} vs isscoop's {ws}"
    return "?"


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


# -- probes: memory in separate processes -------------------------------------------------------


def probe(kind: str, files: list[str], use_tracemalloc: bool) -> dict[str, Any]:
    """Load ``files`` once (``kind`` is "json" or "isscoop") and report memory."""
    import tracemalloc

    code = source_hash()
    if use_tracemalloc:
        tracemalloc.start()
    rss0 = rss_mib()
    t0 = time.perf_counter()
    result: Any
    if kind == "json":
        result = []
        for f in files:
            with open(f, encoding="utf-8") as fh:
                result.append(json.load(fh))
    else:
        import isscoop

        result = isscoop.load(*files)
    out: dict[str, Any] = {"seconds": time.perf_counter() - t0, "isscoop_source_sha256": code}
    out["rss_retained_mib"] = _minus(rss_mib(), rss0)
    out["rss_peak_mib"] = _minus(peak_rss_mib(), rss0)
    if use_tracemalloc:
        current, peak = tracemalloc.get_traced_memory()
        out["tracemalloc_retained_mib"] = current / 2**20
        out["tracemalloc_peak_mib"] = peak / 2**20
        if kind == "isscoop":
            engine = engines.IsscoopEngine(result)
            params = engines.parameters()
            for shape in engines.SHAPES:
                engine.query(shape)(*params[shape][0])
            current, peak = tracemalloc.get_traced_memory()
            out["tracemalloc_with_indexes_mib"] = current / 2**20
            out["tracemalloc_peak_with_indexes_mib"] = peak / 2**20
    del result
    return out


def _child(args: list[str], timeout: float) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        path = tmp.name
    try:
        cmd = [sys.executable, str(Path(__file__).resolve()), *args, "--child-out", path]
        subprocess.run(cmd, check=True, timeout=timeout)
        with open(path, encoding="utf-8") as fh:
            result: dict[str, Any] = json.load(fh)
        return result
    finally:
        os.unlink(path)


# -- start-up ---------------------------------------------------------------------------------


def _startup_env() -> dict[str, str]:
    """The environment for start-up timings: bytecode cached (as after ``pip install``), for every module.

    The cache goes to ``benchmarks/.cache/pycache`` (``PYTHONPYCACHEPREFIX``), not into the package.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(generate.CACHE / "pycache")
    return env


def _import_us(module: str) -> int:
    """Cumulative import time of ``module`` in microseconds, from ``python -X importtime``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
        env=_startup_env(),
    )
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)\s*$", line)
        if m and m.group(2) == module:
            return int(m.group(1))
    raise RuntimeError(f"no import time for {module} in:\n{proc.stderr[-2000:]}")


def _wall_s(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        cwd=tempfile.gettempdir(),
        env=_startup_env(),
    )
    return time.perf_counter() - t0


def startup(runs: int) -> dict[str, Any]:
    generate.CACHE.mkdir(parents=True, exist_ok=True)
    for _ in range(2):  # write, then warm, the bytecode caches
        _import_us("isscoop")
        _import_us("attrs")
        _wall_s([sys.executable, "-m", "isscoop"])
    imp = {m: [_import_us(m) / 1e6 for _ in range(runs)] for m in ("isscoop", "attrs")}
    cli = [_wall_s([sys.executable, "-m", "isscoop"]) for _ in range(runs)]
    attrs_wall = [_wall_s([sys.executable, "-c", "import attrs"]) for _ in range(runs)]
    out: dict[str, Any] = {
        "runs": runs,
        "isscoop_source_sha256": source_hash(),
        "bytecode": "cached (PYTHONPYCACHEPREFIX), warmed up twice",
        "import_isscoop_s": statistics.median(imp["isscoop"]),
        "import_attrs_s": statistics.median(imp["attrs"]),
        "python_m_isscoop_s": statistics.median(cli),
        "python_c_import_attrs_s": statistics.median(attrs_wall),
    }
    out["import_ratio"] = out["import_isscoop_s"] / out["import_attrs_s"]
    out["cli_ratio"] = out["python_m_isscoop_s"] / out["python_c_import_attrs_s"]
    return out


# -- the machine ------------------------------------------------------------------------------


def source_hash() -> str:
    """A short hash of isscoop's source files, to tell which code a measurement ran on."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "isscoop").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gib = None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem_gib = int(fh.readline().split()[1]) / 2**20
    except (OSError, ValueError, IndexError):
        pass
    versions: dict[str, str] = {"sqlite": sqlite3.sqlite_version}
    for module in ("isscoop", "attrs", "pandas", "duckdb", "numpy", "matplotlib"):
        with contextlib.suppress(ImportError):
            versions[module] = __import__(module).__version__
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gib": mem_gib,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "versions": versions,
        "isscoop_source_sha256": source_hash(),
        "load_average_at_start": os.getloadavg(),
    }


# -- targets ----------------------------------------------------------------------------------


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The performance targets, each met (True), missed (False) or not measured (None)."""
    out: list[dict[str, Any]] = []
    sizes = results["sizes"]
    for size in ("100000", "1000000"):
        r = sizes.get(size)
        at = f"at {int(size):,}"
        for shape, factor in QUERY_TARGETS.items():
            ratio = r["shapes"][shape]["ratios"].get("SQLite") if r else None
            out.append(
                {
                    "target": f"({shape}) {engines.SHAPES[shape]} >= {factor:g}x faster than SQLite {at} (fresh)",
                    "value": ratio,
                    "met": None if ratio is None else ratio >= factor,
                }
            )
        e = r["shapes"]["e"]["ratios"] if r else {}
        scan, frame = e.get("naive scan"), e.get("pandas")
        out.append(
            {
                "target": f"(e) listing ~25% as objects at least as fast as a naive scan {at} (fresh)",
                "value": scan,
                "met": None if scan is None else scan >= 1,
            }
        )
        out.append(
            {
                "target": f"(e) listing ~25% as objects <= 2x pandas building a DataFrame {at} (fresh)",
                "value": frame,
                "met": None if frame is None else frame >= 0.5,
            }
        )
        bulk = r.get("bulk_heads") if r else None
        ratio = bulk["ratio"] if bulk else None
        same = bulk["differing_rows"] == 0 if bulk else None
        out.append(
            {
                "target": f"bulk heads of 1,000,000 rows at least as fast as pandas merge_asof {at}",
                "value": ratio,
                "met": None if ratio is None else ratio >= 1,
            }
        )
        out.append(
            {
                "target": f"bulk heads: identical answers to merge_asof where the data is certain {at}",
                "value": None if bulk is None else float(bulk["differing_rows"]),
                "met": same,
            }
        )
    big = sizes.get("1000000")
    if big:
        load = big["load"]
        ratio = load["isscoop_load_and_first_calls_s"] / load["json_load_s"]
        mem = big["memory"]
        objects = mem.get("isscoop_objects_rss_mib")
        peak = mem.get("isscoop_peak_rss_mib")
        mem_ratio = None if not objects or peak is None else peak / objects
    else:
        ratio = mem_ratio = None
    # tracemalloc (the objects' own size, without allocator slack) is only measured up to 100,000
    traced = [(int(k), v["memory"].get("isscoop_tracemalloc")) for k, v in sizes.items()]
    traced = [(k, t) for k, t in traced if t]
    tm_size, tm = max(traced, key=lambda kt: kt[0]) if traced else (0, None)
    tm_ratio = tm["tracemalloc_peak_with_indexes_mib"] / tm["tracemalloc_retained_mib"] if tm else None
    st = results.get("startup") or {}
    imp, cli = st.get("import_ratio"), st.get("cli_ratio")
    out += [
        {"target": "load 1M records with indexes <= 3x json.load", "value": ratio, "met": _le(ratio, 3)},
        {"target": "load 1M with indexes: peak RSS <= 2x objects' RSS", "value": mem_ratio, "met": _le(mem_ratio, 2)},
        {
            "target": f"load with indexes: peak <= 2x objects (tracemalloc, at {tm_size:,})",
            "value": tm_ratio,
            "met": _le(tm_ratio, 2),
        },
        {"target": "import isscoop <= 1.3x import attrs", "value": imp, "met": _le(imp, 1.3)},
        {"target": 'python -m isscoop <= 2x python -c "import attrs"', "value": cli, "met": _le(cli, 2)},
    ]
    return out


def _le(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def gate(result: dict[str, Any]) -> list[str]:
    """Shapes where isscoop is not at least ``GATE_FACTOR`` times faster than the naive scan."""
    failures = []
    for shape in engines.GATED:
        ratio = result["shapes"][shape]["ratios"].get("naive scan")
        if ratio is None or ratio < GATE_FACTOR:
            shown = "not measured" if ratio is None else f"{ratio:.2f}x"
            failures.append(f"({shape}) {engines.SHAPES[shape]}: isscoop vs naive scan {shown}")
    return failures


# -- printing ---------------------------------------------------------------------------------


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def table(results: dict[str, Any]) -> str:
    lines = []
    for size, r in results["sizes"].items():
        names = ["isscoop", "naive scan", "SQLite", "pandas", "pandas (objects)", "DuckDB"]
        present = [n for n in names if any(n in s["engines"] for s in r["shapes"].values())]
        lines.append(f"\n== {int(size):,} agreements: {r['counts']} ==")
        lines.append(f"{'shape':<48}" + "".join(f"{n:>22}" for n in present))
        for shape, s in r["shapes"].items():
            cells = []
            for n in present:
                e = s["engines"].get(n)
                if e is None:
                    cells.append("")
                elif n == "isscoop":
                    cells.append(_fmt(e["median_s"]))
                else:
                    mark = "" if s["agree"].get(n, True) else " !"
                    cells.append(f"{_fmt(e['median_s'])} ({_ratio(s['ratios'][n])}){mark}")
            lines.append(f"({shape}) {s['title']:<44}" + "".join(f"{c:>22}" for c in cells))
            again = s.get("repeated", {})
            cells = []
            for n in present:
                e = again.get(n)
                if e is None:
                    cells.append("")
                elif n == "isscoop":
                    cells.append(_fmt(e["median_s"]))
                else:
                    cells.append(f"{_fmt(e['median_s'])} ({_ratio(s['repeated_ratios'][n])})")
            if again:
                lines.append(f"    {'(repeated arguments)':<44}" + "".join(f"{c:>22}" for c in cells))
        bulk = r.get("bulk_heads")
        if bulk:
            lines.append(
                f"bulk heads of {bulk['rows']:,} rows: isscoop {_fmt(bulk['isscoop_s'])}, pandas merge_asof "
                f"{_fmt(bulk['merge_asof_s'])} ({_ratio(bulk['ratio'])}); certain rows {bulk['certain_rows']:,}, "
                f"compared {bulk['compared_rows']:,}: {bulk['identical_rows']:,} identical, "
                f"{bulk['handover_rows']:,} handover days, {bulk['differing_rows']:,} differing"
            )
        ld, mem = r["load"], r["memory"]
        lines.append(
            f"load: isscoop {_fmt(ld['isscoop_load_s'])}, json.load {_fmt(ld['json_load_s'])} "
            f"({ld['isscoop_load_s'] / ld['json_load_s']:.1f}x); first calls {_fmt(ld['first_calls_s'])}"
        )
        lines.append(
            "memory (RSS, MiB): objects {:.0f}, with indexes {:.0f}, peak {:.0f}; json.load retained {}".format(
                mem.get("isscoop_objects_rss_mib") or 0,
                mem.get("isscoop_with_indexes_rss_mib") or 0,
                mem.get("isscoop_peak_rss_mib") or 0,
                _mib((mem.get("json_probe") or {}).get("rss_retained_mib")),
            )
        )
    lines.append(
        "(fresh arguments, each asked once; then repeated ones. ratios: peer median / isscoop median;"
        " above 1 means isscoop is faster; ! = answers differ)"
    )
    st = results.get("startup")
    if st:
        lines.append(
            f"\nimport isscoop {_fmt(st['import_isscoop_s'])} vs import attrs {_fmt(st['import_attrs_s'])} "
            f"({st['import_ratio']:.2f}x); python -m isscoop {_fmt(st['python_m_isscoop_s'])} vs "
            f"python -c 'import attrs' {_fmt(st['python_c_import_attrs_s'])} ({st['cli_ratio']:.2f}x)"
        )
    if results.get("targets"):
        lines.append("\ntargets:")
        for t in results["targets"]:
            state = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
            value = "" if t["value"] is None else f" ({t['value']:.3g})"
            lines.append(f"  [{state}] {t['target']}{value}")
    return "\n".join(lines)


def _ratio(value: float) -> str:
    return f"{value:.0f}x" if value >= 10 else f"{value:.2f}x" if value >= 0.01 else f"{value:.1e}x"


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


# -- main -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="CI mode: 10,000 agreements, gate against the naive scan")
    parser.add_argument("--sizes", help="comma-separated numbers of agreements (default 10000,100000)")
    parser.add_argument("--out", type=Path, help=f"results JSON (default {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--chart", type=Path, default=DEFAULT_CHART, help="PNG chart of the medians")
    parser.add_argument("--no-chart", action="store_true")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument(
        "--startup-only", action="store_true", help="measure only the start-up times, into the existing --out file"
    )
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)  # internal: one size, in a fresh process
    parser.add_argument("--probe", choices=["json", "isscoop"], help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker is not None or args.probe is not None:
        if args.probe is not None:
            result = probe(args.probe, args.files, args.tracemalloc)
        else:
            result = worker(args.files, args.worker, args.quick)
        with open(args.child_out, "w", encoding="utf-8") as fh:
            json.dump(result, fh)
        return 0

    sizes = [10_000] if args.quick else [int(s) for s in (args.sizes or "10000,100000").split(",")]
    out_path: Path = args.out or (QUICK_OUT if args.quick else DEFAULT_OUT)
    if args.startup_only:
        previous: dict[str, Any] = json.loads(out_path.read_text(encoding="utf-8"))
        previous["startup"] = startup(5)
        previous["startup"]["measured"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        previous["targets"] = targets(previous)
        out_path.write_text(json.dumps(previous, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(table(previous))
        return 0
    started = dt.datetime.now(dt.UTC)
    results: dict[str, Any] = {
        "command": " ".join(["python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "quick": args.quick,
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "seed": args.seed,
        "sizes": {},
    }
    for size in sizes:
        data = generate.generate(size, args.seed)
        files = [str(f) for f in data.files]
        log(f"{size:,} agreements: {len(files)} file(s), {data.bytes / 2**20:.1f} MiB")
        worker_args = ["--worker", str(size), *(["--quick"] if args.quick else []), *files]
        r = _child(worker_args, timeout=3600)
        r["dataset"] = {"files": len(files), "bytes": data.bytes, "records": data.counts}
        if not args.quick:
            log("  memory probes ...")
            r["memory"]["json_probe"] = _child(["--probe", "json", *files], timeout=1800)
            if size <= 100_000:
                r["memory"]["json_tracemalloc"] = _child(["--probe", "json", "--tracemalloc", *files], 1800)
                r["memory"]["isscoop_tracemalloc"] = _child(["--probe", "isscoop", "--tracemalloc", *files], 3600)
        results["sizes"][str(size)] = r
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"  saved so far: {out_path}")
    log("start-up times ...")
    results["startup"] = startup(3 if args.quick else 5)
    results["targets"] = targets(results)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    failures = gate(results["sizes"]["10000"]) if args.quick else []
    if args.quick:
        results["gate"] = {"factor": GATE_FACTOR, "shapes": list(engines.GATED), "failures": failures}

    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nresults: {out_path}")
    if not args.no_chart and not args.quick:
        try:
            import chart

            chart.render(results, args.chart)
            print(f"chart: {args.chart}")
        except ImportError as e:
            print(f"no chart ({e})")
    if args.quick:
        if failures:
            print(f"\nFAILED: isscoop is not at least {GATE_FACTOR:g}x faster than the naive scan for:")
            for f in failures:
                print(f"  {f}")
            return 1
        shapes = ", ".join(engines.GATED)
        print(f"\nOK: isscoop is at least {GATE_FACTOR:g}x faster than the naive scan for shapes {shapes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
