"""Profile isscoop on a generated dataset: where loading and each query shape spend their time.

``python benchmarks/profiling.py [--size 100000] [--what load,a,b,c,d,e,f] [--top 15]``

Each query shape is called once to build its lazy indexes, then profiled over
``--calls`` calls, each with fresh arguments (those of ``run.py``'s timings:
never asked before).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engines
import generate


def _report(prof: cProfile.Profile, title: str, top: int) -> None:
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    print(f"\n===== {title} =====")
    text = out.getvalue()
    print(text[text.find("   ncalls") :] if "   ncalls" in text else text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--what", default="load,a,b,c,d,e,f")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args(argv)
    what = args.what.split(",")

    import isscoop

    files = [str(f) for f in generate.generate(args.size).files]
    if "load" in what:
        prof = cProfile.Profile()
        prof.enable()
        ds = isscoop.load(*files)
        prof.disable()
        _report(prof, f"isscoop.load, {args.size:,} agreements", args.top)
    else:
        ds = isscoop.load(*files)
    engine = engines.IsscoopEngine(ds)
    params = engines.fresh_parameters()
    for shape in (s for s in what if s in engines.SHAPES):
        fn = engine.query(shape)
        t0 = time.perf_counter()
        fn(*params[shape][0])
        first = time.perf_counter() - t0
        asked = params[shape][1 : 1 + args.calls]
        prof = cProfile.Profile()
        prof.enable()
        for p in asked:
            fn(*p)
        prof.disable()
        title = f"({shape}) {engines.SHAPES[shape]}: first call {first * 1e3:.1f} ms, then {len(asked)} fresh calls"
        _report(prof, title, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
