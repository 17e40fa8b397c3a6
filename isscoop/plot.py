"""Pictures: a timeline with agencies as lanes, and the cooperation network (matplotlib extra).

>>> import isscoop.plot  # matplotlib is imported only when a picture is drawn

``timeline`` draws agencies as lanes (with a shared lane for what
involves several of them), meetings as points, and agreements (their time in
force) and heads' tenures as bars.  The picture shows what the dates know:

* an exact day is a filled marker, or a bar end with a solid edge;
* a date known only to the month or year, or approximate or uncertain, is a
  hollow marker with a whisker over every day it could be, and a bar end over
  that range is hatched;
* an **open** end (still going) ends in an arrow at the right edge;
* an **unknown** end fades out.

Both functions save the picture when given ``path`` (PNG or SVG, by the
file's extension) and return the ``matplotlib.figure.Figure``.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._dataset import Dataset
from ._dates import PartialDate, Precision, to_partial_date
from ._export import records_of, require, to_networkx
from ._files import dataset
from ._model import Agency, Mark, Record, Source

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["network", "timeline"]

_COLORS = {"tenure": "#4C72B0", "acting": "#8FA8D0", "agreement": "#55A868", "meeting": "#C44E52", "other": "#8172B2"}
_FONT = 8.0
_SAVE_FORMATS = (".png", ".svg", ".pdf")


def _mpl(what: str) -> Any:
    mpl = require("matplotlib", "plot", what)
    require("matplotlib.pyplot", "plot", what)
    return mpl


def _num(d: _dt.date) -> float:
    return float(d.toordinal())


def _ord_bounds(d: PartialDate) -> tuple[float, float]:
    lo, hi = d.bounds()
    return float(lo), float(hi) + 1.0  # a day covers [day, next day)


def _exact(d: PartialDate) -> bool:
    return d.precision is Precision.DAY and not d.qualified


@attrs.define
class _Item:
    """Something to draw in a lane: a bar or a point, with its label."""

    kind: str  # "tenure", "acting", "agreement", "meeting"
    lane: tuple[str, ...]
    label: str
    x0: float  # earliest start
    x0_sure: float  # latest start (x0 == x0_sure when exact)
    x1: float | None = None  # earliest end; None for a point
    x1_sure: float | None = None  # latest end
    end: str = "closed"  # "closed", "open" or "unknown"
    exact: bool = True
    marker: str = "o"
    status: str = "held"
    row: int = 0
    label_x: float = 0.0


def _lane_agencies(records: Sequence[Record | Source], agencies: Sequence[Agency | str] | None) -> list[Agency]:
    seen: dict[str, Agency] = {}
    counts: dict[str, int] = {}
    for r in records:
        for a in r.lane_agencies() if isinstance(r, Record) else ():
            seen.setdefault(a.id, a)
            counts[a.id] = counts.get(a.id, 0) + 1
    if agencies is None:
        return sorted(seen.values(), key=lambda a: (-counts[a.id], a.id))
    out = []
    for want in agencies:
        if isinstance(want, Agency):
            out.append(want)
            continue
        match = [a for a in seen.values() if want.casefold() in (a.id.casefold(), a.label.casefold())]
        out.append(match[0] if match else dataset().agencies.get(want))
    return out


_MARKERS = {"meeting": "o", "agreement": "s"}


def _item(m: Mark, lanes: Sequence[str]) -> _Item:
    """A mark placed on the date axis: its possible first and last days as day numbers."""
    mine = {a.id for a in m.lane}
    lane = tuple(i for i in lanes if i in mine)
    s0, s1 = _ord_bounds(m.start)
    exact = not m.reported and _exact(m.start)
    if m.reported:  # only known to have happened by this date: up to a year before
        s0 = s1 - 365.0
    marker = "D" if m.heads else _MARKERS.get(m.kind, "o")
    if not m.bar:
        if m.until is not None:
            s1 = _ord_bounds(m.until)[1]
            exact = exact and _exact(m.until)
        x0 = s1 if m.reported else s0
        return _Item(
            kind=m.kind, lane=lane, label=m.label, x0=x0, x0_sure=s1, exact=exact, marker=marker, status=m.status
        )
    if m.end is not None:
        e0, e1 = _ord_bounds(m.end)
        e0, e1 = e0 - 1.0, e1 - 1.0
        exact = exact and _exact(m.end)
    else:
        e0 = e1 = s1
    return _Item(
        kind=m.kind, lane=lane, label=m.label, x0=s0, x0_sure=s1 - 1.0, x1=e0, x1_sure=e1, end=m.end_kind,
        exact=exact, marker=marker, status=m.status,
    )  # fmt: skip


def _items(records: Sequence[Record | Source], lanes: list[Agency]) -> list[_Item]:
    ids = [a.id for a in lanes]
    wanted = frozenset(ids)
    return [_item(m, ids) for r in records if isinstance(r, Record) for m in r.marks(wanted)]


def _lane_order(lanes: list[Agency], items: list[_Item]) -> list[tuple[str, ...]]:
    singles = [(a.id,) for a in lanes]
    joint = sorted({i.lane for i in items if len(i.lane) > 1}, key=lambda k: (len(k), k))
    if len(singles) == 2 and len(joint) == 1:
        return [singles[0], joint[0], singles[1]]
    return singles + joint


def timeline(
    items: Dataset | Iterable[Record | Source],
    *,
    path: str | os.PathLike[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    agencies: Sequence[Agency | str] | None = None,
    start: PartialDate | str | None = None,
    end: PartialDate | str | None = None,
    gap_years: float = 3.0,
) -> Figure:
    """Draw a timeline of ``items`` (matplotlib extra) and return the Figure.

    Lanes are ``agencies`` (by default every agency the items involve, the
    busiest first); what involves several of them goes in a shared lane.
    Heads' tenures and agreements' time in force are bars, meetings are
    points (a diamond for an in-person meeting of agency heads), and an agreement never
    in force is a square at its first step.  Two heads' meetings in a lane
    more than ``gap_years`` apart get a bracket naming the gap.  ``start``
    and ``end`` limit the dates shown.  With ``path``, the picture is saved
    as PNG or SVG by the file's extension.
    """
    mpl = _mpl("isscoop.plot.timeline()")
    import matplotlib.pyplot as plt

    lay = _layout(records_of(items), agencies, start, end, gap_years)
    own_fig = ax is None
    if ax is None:
        fig = plt.figure(figsize=(lay.width_in, 1.2 + lay.total * 0.36), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure  # type: ignore[assignment]
    assert ax is not None
    _draw(ax, lay)
    if title:
        ax.set_title(title, loc="left", fontsize=11)
    if own_fig:
        _legend(fig, ax, mpl)
    if path is not None:
        _save(fig, path)
    return fig


@attrs.define
class _Layout:
    """Where everything of a timeline picture goes, before anything is drawn."""

    drawn: list[_Item]
    lanes: list[tuple[str, ...]]
    names: dict[str, str]
    xmin: float
    xmax: float
    lane_y: dict[tuple[str, ...], float]
    lane_rows: dict[tuple[str, ...], int]
    gaps: list[tuple[tuple[str, ...], float, float, str]]
    total: float
    width_in: float
    row_h: float


def _layout(
    records: Sequence[Record | Source],
    agencies: Sequence[Agency | str] | None,
    start: PartialDate | str | None,
    end: PartialDate | str | None,
    gap_years: float,
) -> _Layout:
    """Lanes, the dates shown, and a row for every item so that no two labels or shapes overlap."""
    lane_agencies = _lane_agencies(records, agencies)
    drawn = _items(records, lane_agencies)
    lanes = _lane_order(lane_agencies, drawn)
    names = {a.id: a.label for a in lane_agencies}

    # -- the dates shown
    xs = [i.x0 for i in drawn] + [i.x1_sure or i.x0_sure for i in drawn]
    lo = min(xs, default=_num(_dt.date.today()) - 365)
    hi = max(xs, default=_num(_dt.date.today()))
    pad = max(60.0, (hi - lo) * 0.03)
    xmin = _ord_bounds(to_partial_date(start))[0] if start is not None else lo - pad
    xmax = _ord_bounds(to_partial_date(end))[1] if end is not None else hi + pad
    drawn = [i for i in drawn if (i.x1_sure if i.x1_sure is not None else i.x0_sure) >= xmin and i.x0 <= xmax]

    width_in = 12.0
    days_per_inch = (xmax - xmin) / (width_in * 0.78)
    char_days = _FONT * 0.5 / 72.0 * days_per_inch

    # -- rows: pack items so that no two labels or shapes overlap
    spans: list[tuple[float, float, _Item]] = []
    for it in drawn:
        x_start = max(it.x0, xmin)
        text_w = (len(it.label) + 1) * char_days
        shape_end = it.x1_sure if it.x1_sure is not None else it.x0_sure
        if it.end != "closed":
            shape_end = xmax if it.end == "open" else min(xmax, shape_end + 0.08 * (xmax - xmin))
        if it.x1 is None:  # a point: its label to the right, or to the left near the right edge
            label_x = shape_end + char_days
            if label_x + text_w > xmax:
                label_x = it.x0 - char_days - text_w
        else:  # a bar: its label above it, from its start
            label_x = min(x_start, xmax - text_w)
        it.label_x = label_x
        spans.append((min(x_start, label_x) - char_days, max(shape_end, label_x + text_w) + char_days, it))
    rows_in_lane: dict[tuple[str, ...], list[float]] = {lane: [] for lane in lanes}
    for occupied_from, occupied_to, it in sorted(spans, key=lambda s: (s[0], s[2].label)):
        ends = rows_in_lane[it.lane]
        for row, last in enumerate(ends):
            if last <= occupied_from:
                it.row = row
                ends[row] = occupied_to
                break
        else:
            it.row = len(ends)
            ends.append(occupied_to)

    gaps = _gaps(drawn, gap_years)
    row_h = 1.0
    lane_y: dict[tuple[str, ...], float] = {}
    lane_rows: dict[tuple[str, ...], int] = {}
    y = 0.0
    for lane in lanes:
        n = max(1, len(rows_in_lane[lane])) + (1 if any(g[0] == lane for g in gaps) else 0)
        lane_rows[lane] = n
        lane_y[lane] = y
        y += n * row_h + 0.6
    total = y

    return _Layout(
        drawn=drawn, lanes=lanes, names=names, xmin=xmin, xmax=xmax, lane_y=lane_y, lane_rows=lane_rows,
        gaps=gaps, total=total, width_in=width_in, row_h=row_h,
    )  # fmt: skip


def _draw(ax: Axes, lay: _Layout) -> None:
    """Draw a laid-out timeline on ``ax``."""
    from matplotlib.patches import Rectangle

    drawn, xmin, xmax, lane_y, lane_rows, row_h = lay.drawn, lay.xmin, lay.xmax, lay.lane_y, lay.lane_rows, lay.row_h

    def row_y(it: _Item) -> float:
        return -(lane_y[it.lane] + it.row * row_h)

    for it in drawn:
        yy = row_y(it)
        color = _COLORS.get(it.kind, _COLORS["other"])
        faded = it.status != "held"
        if it.x1 is None:  # a point
            mid = (it.x0 + it.x0_sure) / 2 if not it.exact else it.x0 + 0.5
            if not it.exact:
                ax.plot([it.x0, it.x0_sure], [yy, yy], color=color, lw=1.2, alpha=0.7, solid_capstyle="butt")
                ax.plot([it.x0, it.x0_sure], [yy, yy], "|", color=color, ms=6, alpha=0.7)
            ax.plot(
                [mid], [yy], it.marker, ms=7 if it.marker == "D" else 6, mec=color,
                mfc=color if it.exact and not faded else "white", mew=1.4, alpha=0.55 if faded else 1.0, zorder=3,
            )  # fmt: skip
            if it.status == "cancelled":
                ax.plot([mid], [yy], "x", ms=9, color="#444444", mew=1.4, zorder=4)
            ax.text(
                it.label_x, yy, it.label, va="center", ha="left", fontsize=_FONT,
                color="#555555" if faded else "#222222", style="italic" if faded else "normal",
            )  # fmt: skip
            continue
        h = 0.34
        sure_from = max(it.x0_sure, xmin)
        sure_to = it.x1 if it.x1 is not None else it.x0_sure
        if it.end == "open":
            sure_to = xmax
        elif it.end == "unknown":
            sure_to = it.x0_sure
        sure_to = min(sure_to, xmax)
        if sure_to > sure_from:
            ax.add_patch(Rectangle((sure_from, yy - h), sure_to - sure_from, h, fc=color, ec="none", zorder=2))
        if it.x0_sure > it.x0 and it.x0 < xmax:  # uncertain start: hatched over its possible days
            x = max(it.x0, xmin)
            ax.add_patch(
                Rectangle((x, yy - h), it.x0_sure - x, h, fc="white", ec=color, hatch="////", lw=0.6, zorder=2)
            )
        if it.end == "closed" and it.x1 is not None and it.x1_sure is not None and it.x1_sure > it.x1 + 1.5:
            ax.add_patch(
                Rectangle(
                    (it.x1, yy - h), min(it.x1_sure, xmax) - it.x1, h, fc="white", ec=color, hatch="////", lw=0.6,
                    zorder=2,
                )
            )  # fmt: skip
        if it.end == "open":
            ax.plot([xmax], [yy - h / 2], ">", ms=8, color=color, clip_on=False, zorder=3)
        elif it.end == "unknown":
            fade = 0.08 * (xmax - xmin)
            steps = 12
            for k in range(steps):
                x = sure_to + k * fade / steps
                if x >= xmax:
                    break
                w = min(fade / steps, xmax - x)
                alpha = 0.9 * (1 - (k + 1) / (steps + 1))
                ax.add_patch(Rectangle((x, yy - h), w, h, fc=color, ec="none", alpha=alpha, zorder=2))
        ax.text(it.label_x, yy + 0.08, it.label, va="bottom", ha="left", fontsize=_FONT, color="#222222")

    for lane, a, b, years in lay.gaps:
        yy = -(lane_y[lane] + (lane_rows[lane] - 1) * row_h)
        ax.annotate(
            "", xy=(b, yy), xytext=(a, yy),
            arrowprops={"arrowstyle": "<->", "color": "#C44E52", "lw": 1.2, "shrinkA": 0, "shrinkB": 0},
        )  # fmt: skip
        ax.text(
            (a + b) / 2, yy + 0.1, f"{years} with no meeting of agency heads", ha="center", va="bottom",
            fontsize=_FONT, color="#C44E52", fontweight="bold",
        )  # fmt: skip

    # -- lanes
    ticks, labels = [], []
    for k, lane in enumerate(lay.lanes):
        top = -lane_y[lane] + 0.55
        bottom = -(lane_y[lane] + (lane_rows[lane] - 1) * row_h) - 0.55
        if k % 2 == 0:
            ax.axhspan(bottom, top, color="#F2F2F2", zorder=0, lw=0)
        ticks.append((top + bottom) / 2)
        labels.append(" + ".join(lay.names[i] for i in lane))
    ax.set_yticks(ticks, labels)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-lay.total + 0.05, 0.75)
    ax.set_xlim(xmin, xmax)
    _date_axis(ax, xmin, xmax)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#DDDDDD", lw=0.6, zorder=0)


def _gaps(items: list[_Item], gap_years: float) -> list[tuple[tuple[str, ...], float, float, str]]:
    """Long spells between held heads' meetings, per lane: ``(lane, from, to, words)``."""
    out = []
    by_lane: dict[tuple[str, ...], list[_Item]] = {}
    for it in items:
        if it.kind == "meeting" and it.marker == "D" and it.status == "held":
            by_lane.setdefault(it.lane, []).append(it)
    for lane, found in by_lane.items():
        found.sort(key=lambda i: i.x0)
        for a, b in itertools.pairwise(found):
            days = b.x0 - a.x0_sure
            if days > gap_years * 365.25:
                months = round(days / 30.44)
                out.append((lane, a.x0_sure, b.x0, f"{months // 12} years {months % 12} months"))
    return out


def _date_axis(ax: Axes, xmin: float, xmax: float) -> None:
    span_years = (xmax - xmin) / 365.25
    step = 1 if span_years <= 14 else 2 if span_years <= 30 else 5
    first = _dt.date.fromordinal(int(xmin)).year + 1
    last = _dt.date.fromordinal(int(xmax) - 1).year
    years = [y for y in range(first, last + 1) if y % step == 0]
    ax.set_xticks([_num(_dt.date(y, 1, 1)) for y in years], [str(y) for y in years])
    ax.tick_params(axis="x", labelsize=_FONT + 1)


def _legend(fig: Figure, ax: Axes, mpl: Any) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    c = _COLORS
    handles = [
        Line2D([], [], marker="D", ls="", mfc=c["meeting"], mec=c["meeting"], label="heads' meeting, exact day"),
        Line2D([], [], marker="o", ls="", mfc=c["meeting"], mec=c["meeting"], label="other meeting"),
        Line2D(
            [],
            [],
            marker="o",
            ls="-",
            mfc="white",
            mec=c["meeting"],
            color=c["meeting"],
            label="date known to the month/year, or approximate: hollow, with its range",
        ),
        Line2D([], [], marker="x", ls="", color="#444444", label="cancelled (planned: faded)"),
        Patch(fc=c["tenure"], label="head's tenure"),
        Patch(fc=c["acting"], label="acting head"),
        Patch(fc=c["agreement"], label="agreement in force"),
        Line2D(
            [], [], marker="s", ls="", mfc=c["agreement"], mec=c["agreement"], label="agreement signed, not in force"
        ),
        Patch(fc="white", ec="#666666", hatch="////", label="end or start known only roughly"),
        Line2D([], [], marker=">", ls="", color="#666666", label="open end: still going"),
        Patch(fc="#BBBBBB", alpha=0.5, label="unknown end: fades out"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=_FONT, frameon=False)


def _save(fig: Figure, path: str | os.PathLike[str]) -> None:
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in _SAVE_FORMATS:
        raise ValueError(f"path: expected a file name ending in .png, .svg or .pdf, got {os.fspath(path)!r}")
    fig.savefig(path, dpi=150 if ext == ".png" else "figure", metadata={"Date": None} if ext == ".svg" else None)


# -- the network --------------------------------------------------------------------------


def network(
    items: Dataset | Iterable[Record | Source],
    *,
    path: str | os.PathLike[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    max_agencies: int = 8,
) -> Figure:
    """Draw the cooperation network (matplotlib and networkx extras) and return the Figure.

    Agencies are nodes, sized by how many others they work with; a line
    joins two agencies that met, share an agreement or take part in the same
    program, thicker for more ties and coloured by the most common kind.
    A record that joins more than ``max_agencies`` agencies (the Artemis
    Accords, with 59 signatories; the 15 governments of the ISS agreement)
    would tie every pair of them, so it is left out of the picture, and a
    note in the corner says so.  Labels are moved
    apart until none overlap.  With ``path``, the picture is saved as PNG or
    SVG by the file's extension.
    """
    _mpl("isscoop.plot.network()")
    nx: Any = require("networkx", "networkx", "isscoop.plot.network()")
    import matplotlib.pyplot as plt

    multi = to_networkx(items)
    members: dict[str, set[str]] = {}
    for a, b, key in multi.edges(keys=True):
        members.setdefault(key, set()).update((a, b))
    wide = sorted(key for key, nodes in members.items() if len(nodes) > max_agencies)
    g = nx.Graph()
    g.add_nodes_from(multi.nodes(data=True))
    for a, b, key, data in multi.edges(keys=True, data=True):
        if key in wide:
            continue
        if g.has_edge(a, b):
            g[a][b]["weight"] += 1
            g[a][b]["types"].append(data["type"])
        else:
            g.add_edge(a, b, weight=1, types=[data["type"]])
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    own_fig = ax is None
    if ax is None:
        fig = plt.figure(figsize=(11, 8.5), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure  # type: ignore[assignment]
    assert ax is not None
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no ties between agencies", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        if path is not None:
            _save(fig, path)
        return fig
    pos = nx.circular_layout(sorted(g.nodes))
    pos = nx.spring_layout(g, pos=pos, seed=7, k=1.6 / max(1, g.number_of_nodes()) ** 0.5, iterations=60)
    colors = {"meeting": _COLORS["meeting"], "agreement": _COLORS["agreement"], "program": _COLORS["tenure"]}
    for a, b, data in g.edges(data=True):
        kind = max(set(data["types"]), key=lambda t: (data["types"].count(t), t))
        (x0, y0), (x1, y1) = pos[a], pos[b]
        ax.plot([x0, x1], [y0, y1], color=colors[kind], lw=0.6 + 0.7 * min(data["weight"], 6), alpha=0.45, zorder=1)
    sizes = {n: 25 + 10 * g.degree(n) for n in g.nodes}
    ax.scatter(
        [pos[n][0] for n in g.nodes], [pos[n][1] for n in g.nodes], s=[sizes[n] for n in g.nodes],
        c="#333333", zorder=2, edgecolors="white", linewidths=0.8,
    )  # fmt: skip
    texts = [
        ax.annotate(
            g.nodes[n].get("label", n), xy=pos[n], xytext=(0, 6), textcoords="offset points", ha="center",
            va="bottom", fontsize=_FONT + 1, zorder=3, bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 0.5},
            arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5, "shrinkA": 0, "shrinkB": 3},
        )
        for n in g.nodes
    ]  # fmt: skip
    ax.set_axis_off()
    ax.margins(0.08)
    _spread_labels(fig, ax, texts)
    if title:
        ax.set_title(title, loc="left", fontsize=11)
    if own_fig:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], color=c, lw=2.5, label=f"mostly {k}s") for k, c in colors.items()]
        fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=_FONT + 1, frameon=False)
    if wide:
        shown = ", ".join(wide[:3]) + (f" and {len(wide) - 3} more" if len(wide) > 3 else "")
        fig.text(
            0.99, 0.99, f"Not drawn: records joining more than {max_agencies} agencies ({shown}).",
            fontsize=_FONT, color="#555555", ha="right", va="top",
        )  # fmt: skip
    if path is not None:
        _save(fig, path)
    return fig


def _spread_labels(fig: Figure, ax: Axes, texts: list[Any], rounds: int = 200) -> None:
    """Nudge overlapping text labels apart, in display space, until none overlap."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined,unused-ignore]
    for _ in range(rounds):
        boxes = [t.get_window_extent(renderer).expanded(1.05, 1.15) for t in texts]
        moved = False
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                a, b = boxes[i], boxes[j]
                if not a.overlaps(b):
                    continue
                moved = True
                dy = (min(a.y1, b.y1) - max(a.y0, b.y0)) / 2 + 1.0
                dx = (min(a.x1, b.x1) - max(a.x0, b.x0)) / 2 + 1.0
                up = 1.0 if (a.y0 + a.y1) >= (b.y0 + b.y1) else -1.0
                right = 1.0 if (a.x0 + a.x1) >= (b.x0 + b.x1) else -1.0
                for t, s in ((texts[i], 1.0), (texts[j], -1.0)):
                    x, y = t.xyann
                    if dx < dy:
                        x += s * right * min(dx, 6.0) * 72.0 / fig.dpi
                    else:
                        y += s * up * min(dy, 6.0) * 72.0 / fig.dpi
                    t.xyann = (x, y)
                boxes[i] = texts[i].get_window_extent(renderer).expanded(1.05, 1.15)
                boxes[j] = texts[j].get_window_extent(renderer).expanded(1.05, 1.15)
        if not moved:
            break


def label_overlaps(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of text labels in the figure's axes whose boxes overlap (for checking pictures)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined,unused-ignore]
    found = []
    for ax in fig.axes:
        texts = [t for t in ax.texts if t.get_text() and t.get_visible()]
        boxes = [t.get_window_extent(renderer) for t in texts]
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                if boxes[i].overlaps(boxes[j]):
                    found.append((texts[i].get_text(), texts[j].get_text()))
    return found
