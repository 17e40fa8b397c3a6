"""Draw the benchmark medians as a PNG: one panel per dataset size, one group of bars per shape.

``python benchmarks/chart.py [benchmarks/results/latest.json] [docs/_static/benchmark-medians.png]``
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ENGINES = ["isscoop", "naive scan", "SQLite", "pandas", "pandas (objects)", "DuckDB"]
COLOURS = {
    "isscoop": "#1f6feb",
    "naive scan": "#8b949e",
    "SQLite": "#2da44e",
    "pandas": "#bf8700",
    "pandas (objects)": "#e3b341",
    "DuckDB": "#cf222e",
}


def render(results: dict[str, Any], out: Path) -> None:
    """Save the chart of ``results`` (as ``run.py`` writes them) to ``out``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = list(results["sizes"])
    fig, axes = plt.subplots(len(sizes), 1, figsize=(11, 3.9 * len(sizes)), squeeze=False)
    for ax, size in zip(axes[:, 0], sizes, strict=True):
        shapes = results["sizes"][size]["shapes"]
        keys = list(shapes)
        present = [e for e in ENGINES if any(e in shapes[k]["engines"] for k in keys)]
        width = 0.8 / len(present)
        for j, engine in enumerate(present):
            xs, ys = [], []
            for i, k in enumerate(keys):
                stats = shapes[k]["engines"].get(engine)
                if stats is not None:
                    xs.append(i - 0.4 + width * (j + 0.5))
                    ys.append(stats["median_s"] * 1e3)
            ax.bar(xs, ys, width, label=engine, color=COLOURS.get(engine))
        ax.set_yscale("log")
        ax.set_xticks(range(len(keys)))
        ax.set_xticklabels([textwrap.fill(f"({k}) {shapes[k]['title']}", 24) for k in keys], fontsize=8)
        ax.set_ylabel("median CPU time per call,\nfresh arguments (ms, log)")
        ax.set_title(f"{int(size):,} agreements", fontsize=10)
        ax.grid(axis="y", which="major", alpha=0.3)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, ncol=len(ENGINES), fontsize=8, loc="upper center")
    machine = results.get("machine", {})
    fig.text(
        0.01,
        0.005,
        f"{machine.get('cpu', '?')}, Python {machine.get('python', '?')}, {results.get('started', '')[:10]}"
        " - lower is better",
        fontsize=7,
        color="#57606a",
    )
    fig.tight_layout(rect=(0, 0.02, 1, 0.97))
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main(argv: Sequence[str]) -> int:
    source = Path(argv[0]) if argv else HERE / "results" / "latest.json"
    out = Path(argv[1]) if len(argv) > 1 else HERE.parent / "docs" / "_static" / "benchmark-medians.png"
    render(json.loads(source.read_text(encoding="utf-8")), out)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
