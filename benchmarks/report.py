"""Print the tables of a results file as reStructuredText, for ``docs/performance.rst``.

``python benchmarks/report.py [benchmarks/results/latest.json]``
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PEERS = ["naive scan", "SQLite", "pandas", "pandas (objects)", "DuckDB"]


def _time(seconds: float | None) -> str:
    if seconds is None:
        return "--"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def _ratio(value: float | None) -> str:
    if value is None:
        return "--"
    if value >= 10:
        return f"{value:,.0f}×"
    if value >= 0.01:
        return f"{value:.2f}×"
    return f"{value:.4f}×"


def _mib(value: float | None) -> str:
    return "--" if value is None else f"{value:,.0f} MiB"


def list_table(title: str, header: list[str], rows: list[list[str]], widths: str | None = None) -> str:
    lines = [f".. list-table:: {title}", "   :header-rows: 1"]
    if widths:
        lines.append(f"   :widths: {widths}")
    lines.append("")
    for row in [header, *rows]:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    return "\n".join(lines) + "\n"


def shapes_table(size: str, r: dict[str, Any]) -> str:
    """Fresh arguments first; the repeated-argument figure under each, labelled."""
    present = [p for p in PEERS if any(p in s["engines"] for s in r["shapes"].values())]
    header = ["Shape", "isscoop", *present]
    rows = []
    for key, s in r["shapes"].items():
        row = [f"({key}) {s['title']}", f"**{_time(s['engines']['isscoop']['median_s'])}**"]
        for p in present:
            e = s["engines"].get(p)
            if e is None:
                row.append("")
                continue
            flag = "" if s["agree"].get(p, True) else " (answers differ!)"
            row.append(f"{_time(e['median_s'])} (**{_ratio(s['ratios'][p])}**){flag}")
        rows.append(row)
        again = s.get("repeated") or {}
        if again:
            row = ["*repeated arguments*", _time(again["isscoop"]["median_s"])]
            for p in present:
                e = again.get(p)
                row.append("" if e is None else f"{_time(e['median_s'])} ({_ratio(s['repeated_ratios'][p])})")
            rows.append(row)
    title = f"Medians per call, {int(size):,} agreements: fresh arguments, then repeated ones (ratio: peer / isscoop)"
    return list_table(title, header, rows)


def bulk_table(results: dict[str, Any]) -> str:
    header = ["Agreements", "rows", "isscoop heads_each", "pandas merge_asof", "ratio", "certain rows",
              "compared", "identical", "handover days", "differing"]  # fmt: skip
    rows = []
    for size, r in results["sizes"].items():
        b = r.get("bulk_heads")
        if not b:
            continue
        rows.append(
            [
                f"{int(size):,}",
                f"{b['rows']:,}",
                _time(b["isscoop_s"]),
                _time(b["merge_asof_s"]),
                _ratio(b["ratio"]),
                f"{b['certain_rows']:,}",
                f"{b['compared_rows']:,}",
                f"{b['identical_rows']:,}",
                f"{b['handover_rows']:,}",
                f"{b['differing_rows']:,}",
            ]
        )
    title = "Bulk heads: (agency, day) rows of a DataFrame, medians of 3 (ratio: pandas / isscoop)"
    return list_table(title, header, rows)


def first_calls_table(results: dict[str, Any]) -> str:
    sizes = list(results["sizes"])
    header = ["Shape", *[f"{int(s):,}" for s in sizes]]
    rows = []
    first = results["sizes"][sizes[0]]["shapes"]
    for key, s in first.items():
        row = [f"({key}) {s['title']}"]
        for size in sizes:
            e = results["sizes"][size]["shapes"][key]["engines"]["isscoop"]
            row.append(f"{_time(e['first_call_s'])} / {_time(e['median_s'])}")
        rows.append(row)
    return list_table("isscoop: first call (builds lazy indexes) / median", header, rows)


def load_table(results: dict[str, Any]) -> str:
    header = ["Agreements", "records", "JSON", "json.load", "isscoop.load", "ratio", "+ first calls", "ratio"]
    rows = []
    for size, r in results["sizes"].items():
        ld = r["load"]
        total = sum(r["counts"].values())
        rows.append(
            [
                f"{int(size):,}",
                f"{total:,}",
                f"{r['dataset']['bytes'] / 2**20:,.0f} MiB in {r['dataset']['files']} file(s)",
                _time(ld["json_load_s"]),
                f"{_time(ld['isscoop_load_s'])} (n={ld['isscoop_load_runs']})",
                _ratio(ld["isscoop_load_s"] / ld["json_load_s"]),
                _time(ld["isscoop_load_and_first_calls_s"]),
                _ratio(ld["isscoop_load_and_first_calls_s"] / ld["json_load_s"]),
            ]
        )
    return list_table("Loading (medians; ratio: isscoop / json.load)", header, rows)


def memory_table(results: dict[str, Any]) -> str:
    header = [
        "Agreements",
        "isscoop objects (RSS)",
        "with indexes (RSS)",
        "peak (RSS)",
        "json.load retained / peak (RSS)",
        "isscoop retained / with indexes / peak (tracemalloc)",
        "json.load retained / peak (tracemalloc)",
    ]
    rows = []
    for size, r in results["sizes"].items():
        m = r["memory"]
        jp = m.get("json_probe") or {}
        it = m.get("isscoop_tracemalloc") or {}
        jt = m.get("json_tracemalloc") or {}
        rows.append(
            [
                f"{int(size):,}",
                _mib(m.get("isscoop_objects_rss_mib")),
                _mib(m.get("isscoop_with_indexes_rss_mib")),
                _mib(m.get("isscoop_peak_rss_mib")),
                f"{_mib(jp.get('rss_retained_mib'))} / {_mib(jp.get('rss_peak_mib'))}",
                " / ".join(
                    _mib(it.get(k))
                    for k in (
                        "tracemalloc_retained_mib",
                        "tracemalloc_with_indexes_mib",
                        "tracemalloc_peak_with_indexes_mib",
                    )
                ),
                f"{_mib(jt.get('tracemalloc_retained_mib'))} / {_mib(jt.get('tracemalloc_peak_mib'))}",
            ]
        )
    return list_table("Memory (above the process's memory before loading)", header, rows)


def startup_table(results: dict[str, Any]) -> str:
    st = results["startup"]
    rows = [
        ["``import isscoop`` (-X importtime)", _time(st["import_isscoop_s"]), "``import attrs``",
         _time(st["import_attrs_s"]), _ratio(st["import_ratio"])],
        ["``python -m isscoop`` (wall)", _time(st["python_m_isscoop_s"]), '``python -c "import attrs"``',
         _time(st["python_c_import_attrs_s"]), _ratio(st["cli_ratio"])],
    ]  # fmt: skip
    return list_table(f"Start-up (medians of {st['runs']})", ["", "isscoop", "", "baseline", "ratio"], rows)


def targets_table(results: dict[str, Any]) -> str:
    rows = []
    for t in results["targets"]:
        state = {True: "met", False: "**missed**", None: "not measured"}[t["met"]]
        value = _ratio(t["value"])
        if "identical answers" in t["target"] and t["value"] is not None:
            value = f"{t['value']:,.0f} rows differ"
        rows.append([t["target"].replace("<=", "≤").replace(">=", "≥"), value, state])
    return list_table("Targets", ["Target", "measured", ""], rows)


def main(argv: Sequence[str]) -> int:
    source = Path(argv[0]) if argv else HERE / "results" / "latest.json"
    results = json.loads(source.read_text(encoding="utf-8"))
    m = results["machine"]
    print(f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']:.0f} GiB, Python {m['python']} ({m['platform']})")
    print(f"Run: {results['started']} to {results.get('finished')}, load average {m['load_average_at_start']}\n")
    for size, r in results["sizes"].items():
        print(shapes_table(size, r))
    print(bulk_table(results))
    print(first_calls_table(results))
    print(load_table(results))
    print(memory_table(results))
    if results.get("startup"):
        print(startup_table(results))
    if results.get("targets"):
        print(targets_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
