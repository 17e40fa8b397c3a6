"""Loading speed and memory, against ``json.load`` of the same files.

``python benchmarks/loading.py --sizes 100000,1000000`` measures, for each size
of the generated data (see ``generate.py``), in fresh processes:

* ``json.load`` of the files (as called, with the cyclic garbage collector
  on, and again with it paused, as ``isscoop.load`` runs), and
  ``isscoop.load`` of the same files (the median of ``--runs`` processes
  each; each process times one first load, so no cache of a previous load
  helps);
* with tracemalloc, in separate processes: the peak while loading, and the
  memory the loaded dataset keeps (what is still allocated after the load,
  minus what was before), so ``peak / kept``;
* laying a 3-record overlay over the bundled data, against loading the
  bundled data alone: each in its own fresh process, the overlay with new
  ids every run.

Results go to ``--out`` (JSON) and are printed as a table.  Ratios are taken
within one run on one machine; absolute times are printed only to show the
scale.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _child(args: list[str], timeout: float = 3600) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[:2]} failed: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def probe(kind: str, files: list[str], traced: bool) -> dict[str, Any]:
    """One measurement in this (fresh) process."""
    import gc
    import tracemalloc

    if kind in ("additions", "correction", "bundle"):
        import isscoop

        bundle = sorted(str(p) for p in (Path(isscoop.__file__).parent / "data").glob("*.json"))
        isscoop.schema()  # import the modules and derive the file format first: not part of either timing
        if kind == "bundle":
            t0 = time.perf_counter()
            isscoop.load(*bundle)
            return {"seconds": time.perf_counter() - t0}
        isscoop.dataset()  # the bundled data a user's overlay is laid over, loaded once per process
        tag = os.urandom(4).hex()
        doc = {
            "format_version": 1,
            "sources": [{"id": f"src-bench-{tag}", "url": "https://example.org/bench", "publisher": "Bench"}],
            "meetings": [
                {
                    "id": f"bench-meeting-{tag}",
                    "title": "Benchmark meeting",
                    "kind": "working_level",
                    "date": "2025-07-30",
                    "agencies": ["nasa", "roscosmos"],
                    "sources": [f"src-bench-{tag}"],
                }
            ],
            "agencies": [
                {"id": "esa", "acronym": "ESA", "sources": [f"src-bench-{tag}"]}
                if kind == "correction"
                else {
                    "id": f"bench-agency-{tag}",
                    "name": "Bench",
                    "kind": "space_agency",
                    "sources": [f"src-bench-{tag}"],
                }
            ],
        }
        path = Path(files[0]) / f"overlay-{tag}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        try:
            t0 = time.perf_counter()
            ds = isscoop.load(path, include_bundled=True)
            seconds = time.perf_counter() - t0
        finally:
            path.unlink()
        assert ds.meetings.get(f"bench-meeting-{tag}")
        return {"seconds": seconds}
    if kind == "isscoop":
        import isscoop

        isscoop.schema()  # imports and the derived file format are start-up, not loading
    if traced:
        gc.collect()
        tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0] if traced else 0
    if kind == "json-nogc":  # the baseline as isscoop runs: with the cyclic collector paused
        gc.disable()
    t0 = time.perf_counter()
    if kind in ("json", "json-nogc"):
        kept: Any = []
        for f in files:
            with open(f, encoding="utf-8") as fh:
                kept.append(json.load(fh))
    else:
        import isscoop

        kept = isscoop.load(*files)
    seconds = time.perf_counter() - t0
    out: dict[str, Any] = {"seconds": seconds}
    if traced:
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        out["kept_mib"] = (current - before) / 2**20
        out["peak_mib"] = (peak - before) / 2**20
    del kept
    return out


def measure(size: int, runs: int, traced: bool) -> dict[str, Any]:
    from generate import generate

    files = [str(f) for f in generate(size).files]
    json_s = [_child(["--probe", "json", *files])["seconds"] for _ in range(runs)]
    nogc_s = [_child(["--probe", "json-nogc", *files])["seconds"] for _ in range(runs)]
    load_s = [_child(["--probe", "isscoop", *files])["seconds"] for _ in range(runs)]
    out: dict[str, Any] = {
        "size": size,
        "files": len(files),
        "json_load_s": statistics.median(json_s),
        "isscoop_load_s": statistics.median(load_s),
        "runs": runs,
    }
    out["load_ratio"] = out["isscoop_load_s"] / out["json_load_s"]
    out["json_load_nogc_s"] = statistics.median(nogc_s)
    out["load_ratio_nogc"] = out["isscoop_load_s"] / out["json_load_nogc_s"]
    if traced:
        mem = _child(["--probe", "isscoop", "--traced", *files])
        out["tracemalloc_kept_mib"] = mem["kept_mib"]
        out["tracemalloc_peak_mib"] = mem["peak_mib"]
        out["peak_over_kept"] = mem["peak_mib"] / mem["kept_mib"]
    return out


def overlay(runs: int) -> dict[str, Any]:
    """Three new records (a source, a meeting, an agency), and two new ones with a correction of a
    bundled agency that 40-odd records refer to (each of them is re-linked to the corrected one)."""
    import tempfile

    out: dict[str, Any] = {"runs": runs}
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("bundle", "additions", "correction"):
            out[f"{kind}_s"] = statistics.median(_child(["--probe", kind, folder])["seconds"] for _ in range(runs))
    out["additions_over_bundle"] = out["additions_s"] / out["bundle_s"]
    out["correction_over_bundle"] = out["correction_s"] / out["bundle_s"]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated numbers of agreements")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per timing (median)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the memory probes")
    parser.add_argument("--out", default=str(HERE / "results" / "loading.json"))
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(args.probe, args.files, args.traced)))
        return 0
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "sizes": {},
    }
    results["overlay"] = overlay(max(args.runs, 7))
    o = results["overlay"]
    print(
        f"bundled data alone {o['bundle_s'] * 1000:.1f} ms; overlay of 3 new records {o['additions_s'] * 1000:.1f} ms"
        f" (ratio {o['additions_over_bundle']:.2f}); 2 new + 1 correction {o['correction_s'] * 1000:.1f} ms"
        f" (ratio {o['correction_over_bundle']:.2f}); target <= 0.25",
        flush=True,
    )
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        r = measure(size, args.runs, not args.no_tracemalloc)
        results["sizes"][str(size)] = r
        line = (
            f"{size:>9,}: json.load {r['json_load_s']:.2f} s, isscoop.load {r['isscoop_load_s']:.2f} s,"
            f" ratio {r['load_ratio']:.2f} (target <= 3); json.load with the collector paused"
            f" {r['json_load_nogc_s']:.2f} s, ratio {r['load_ratio_nogc']:.2f}"
        )
        if "peak_over_kept" in r:
            line += (
                f"; tracemalloc peak {r['tracemalloc_peak_mib']:.0f} MiB, kept {r['tracemalloc_kept_mib']:.0f} MiB,"
                f" ratio {r['peak_over_kept']:.2f} (target <= 2.5)"
            )
        print(line, flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
