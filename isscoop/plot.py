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
import io
import itertools
import math
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._args import check_opt_text, check_path, check_text, got
from ._atomic import write_files
from ._dates import NEG_INF, POS_INF, PartialDate, Precision, SpanLike, span_window
from ._errors import InvalidArgument, InvalidRecord, cut
from ._export import records_of, require, to_networkx
from ._model import Agency, Mark, Record, Source

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._dataset import Dataset

__all__ = ["network", "timeline"]

_COLORS = {"tenure": "#4C72B0", "acting": "#8FA8D0", "agreement": "#55A868", "meeting": "#C44E52", "other": "#8172B2"}
_FONT = 8.0
_SAVE_FORMATS = (".png", ".svg", ".pdf")


def _mpl(what: str) -> Any:
    mpl = require("matplotlib", "plot", what)
    require("matplotlib.pyplot", "plot", what)
    return mpl


def _check_common(path: object, ax: object, title: object) -> None:
    """Check the arguments both pictures take, before anything is drawn."""
    if path is not None:
        name = check_path(path, "path")
        if os.path.splitext(name)[1].lower() not in _SAVE_FORMATS:
            raise InvalidRecord(f"path: expected a file name ending in .png, .svg or .pdf, got {cut(name)}")
    if ax is not None:
        from matplotlib.axes import Axes

        if not isinstance(ax, Axes):
            raise InvalidArgument(f"ax: expected matplotlib Axes or None, got {got(ax)}")
    check_opt_text(title, "title")


def _check_agencies(agencies: object) -> None:
    if agencies is None:
        return
    if not isinstance(agencies, list | tuple):
        raise InvalidArgument(f"agencies: expected a list of Agency objects, ids or names, got {got(agencies)}")
    for a in agencies:
        if isinstance(a, str):
            check_text(a, "agencies")
        elif not isinstance(a, Agency):
            raise InvalidArgument(f"agencies: expected Agency objects, ids or names, got an item {got(a)}")


def _num(d: _dt.date) -> float:
    return float(d.toordinal())


def _ord_bounds(d: PartialDate) -> tuple[float, float]:
    lo, hi = d.bounds()
    return float(lo), float(hi) + 1.0  # a day covers [day, next day)


def _window_edge(value: SpanLike | None, which: int, default: float) -> float:
    """The first day of a start (``which=0``) or the end of the last day of an end (``1``), as plot numbers.

    ``None``, or an unbounded side (``..``), gives ``default``.
    """
    if value is None:
        return default
    lo, hi, _ = span_window(value, None) if which == 0 else span_window(None, value)
    edge = lo if which == 0 else hi
    if edge in (NEG_INF, POS_INF):
        return default
    return float(edge) + float(which)


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
    start_known: bool = True
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
        # An agency named here that none of the records draws in would have an empty lane: it is left out.
        key = want.casefold()
        match = [a for a in seen.values() if key in (a.id.casefold(), a.label.casefold(), a.name.casefold())]
        out.extend(match[:1])
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
        exact=exact and m.start_known, marker=marker, status=m.status, start_known=m.start_known,
    )  # fmt: skip


def _items(records: Sequence[Record | Source], lanes: list[Agency]) -> list[_Item]:
    ids = [a.id for a in lanes]
    wanted = frozenset(ids)
    return [_item(m, ids) for r in records if isinstance(r, Record) for m in r.marks(wanted)]


#: The lane that gathers the quieter lanes when there are more than ``max_lanes``.
OTHERS: tuple[str, ...] = ("*others*",)


def _lane_order(lanes: list[Agency], items: list[_Item], max_lanes: int) -> list[tuple[str, ...]]:
    """The lanes that have something to show, busiest first (a pair's shared lane between its two);
    past ``max_lanes``, the quieter ones are gathered into one lane, :data:`OTHERS`."""
    used = {i.lane for i in items}
    singles = [(a.id,) for a in lanes if (a.id,) in used]
    joint = sorted({i.lane for i in items if len(i.lane) > 1}, key=lambda k: (len(k), k))
    if len(singles) == 2 and len(joint) == 1:
        return [singles[0], joint[0], singles[1]]
    order = singles + joint
    if len(order) <= max_lanes:
        return order
    busy = sorted(order, key=lambda k: -sum(i.lane == k for i in items))[: max(1, max_lanes - 1)]
    kept = [k for k in order if k in busy]
    for it in items:
        if it.lane not in kept:
            it.label = f"{_lane_name(it.lane, {}, items_names=True)}: {it.label}"
            it.lane = OTHERS
    return [*kept, OTHERS]


def _lane_name(lane: tuple[str, ...], names: dict[str, str], *, items_names: bool = False) -> str:
    """A lane's name: one agency, a pair, or the first two and how many more."""
    if lane == OTHERS:
        return "other agencies"
    labels = [names.get(i, i) for i in lane] if not items_names else [_LABELS.get(i, i) for i in lane]
    if len(labels) <= 2:
        return " + ".join(labels)
    return f"{labels[0]} + {labels[1]} + {len(labels) - 2} more"


#: Agency labels by id, for the lanes of the picture being laid out.
_LABELS: dict[str, str] = {}


def timeline(
    items: Dataset | Iterable[Record | Source],
    *,
    path: str | os.PathLike[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    agencies: Sequence[Agency | str] | None = None,
    start: SpanLike | None = None,
    end: SpanLike | None = None,
    gap_years: float = 3.0,
    max_lanes: int = 12,
) -> Figure:
    """Draw a timeline of ``items`` (matplotlib extra) and return the Figure.

    Lanes are ``agencies`` (by default every agency the items involve, the
    busiest first); what involves several of them goes in a shared lane.
    Heads' tenures and agreements' time in force are bars, meetings are
    points (a diamond for an in-person meeting of agency heads), and an agreement never
    in force is a square at its first step.  Two heads' meetings in a lane
    more than ``gap_years`` apart get a bracket naming the gap.  ``start``
    and ``end`` limit the dates shown.  With ``path``, the picture is saved
    as PNG or SVG by the file's extension, atomically (see :func:`isscoop.dump`).
    Every argument is checked before anything is drawn.

    Only lanes with something to show are drawn.  With more than
    ``max_lanes``, the busiest keep their own lanes and the rest share one,
    "other agencies", each label naming its agencies.  No label is clipped
    and no two labels overlap (``label_overlaps`` finds none).  Labels
    say dates in words; an agreement in force from a day not recorded fades
    in from its signing.
    """
    mpl = _mpl("isscoop.plot.timeline()")
    import matplotlib.pyplot as plt

    _check_common(path, ax, title)
    _check_agencies(agencies)
    if start is not None or end is not None:
        span_window(start, end)  # raises on a bad date, or an end before the start
    if isinstance(gap_years, bool) or not isinstance(gap_years, int | float):
        raise InvalidArgument(f"gap_years: expected a number of years, got {got(gap_years)}")
    if not math.isfinite(float(min(gap_years, 1e300))) or gap_years < 0:
        raise InvalidRecord(f"gap_years: expected a finite number of years, 0 or more, got {cut(gap_years)}")
    if isinstance(max_lanes, bool) or not isinstance(max_lanes, int):
        raise InvalidArgument(f"max_lanes: expected a whole number of lanes, got {got(max_lanes)}")
    if max_lanes < 1:
        raise InvalidRecord(f"max_lanes: expected 1 or more, got {max_lanes}")

    lay = _layout(records_of(items), agencies, start, end, gap_years, max_lanes)
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
    names: dict[tuple[str, ...], str]
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
    start: SpanLike | None,
    end: SpanLike | None,
    gap_years: float,
    max_lanes: int = 12,
) -> _Layout:
    """Lanes, the dates shown, and a row for every item so that no two labels or shapes overlap."""
    lane_agencies = _lane_agencies(records, agencies)
    drawn = _items(records, lane_agencies)
    names = {a.id: a.label for a in lane_agencies}
    _LABELS.clear()
    _LABELS.update(names)

    # -- the dates shown
    xs = [i.x0 for i in drawn] + [i.x1_sure or i.x0_sure for i in drawn]
    lo = min(xs, default=_num(_dt.date.today()) - 365)
    hi = max(xs, default=_num(_dt.date.today()))
    pad = max(60.0, (hi - lo) * 0.03)
    xmin = _window_edge(start, 0, lo - pad)
    xmax = _window_edge(end, 1, hi + pad)
    drawn = [i for i in drawn if (i.x1_sure if i.x1_sure is not None else i.x0_sure) >= xmin and i.x0 <= xmax]
    lanes = _lane_order(lane_agencies, drawn, max_lanes)
    lane_names = {lane: _lane_name(lane, names) for lane in lanes}

    width_in = 12.0
    longest = max((len(n) for n in lane_names.values()), default=0)
    days_per_inch = (xmax - xmin) / (width_in - 0.6 - longest * _FONT * 0.6 / 72.0)
    char_days = _FONT * 0.6 / 72.0 * days_per_inch

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
                label_x = max(xmin, it.x0 - char_days - text_w)
        else:  # a bar: its label above it, from its start
            label_x = max(xmin, min(x_start, xmax - text_w))
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
        drawn=drawn, lanes=lanes, names=lane_names, xmin=xmin, xmax=xmax, lane_y=lane_y, lane_rows=lane_rows,
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
        if not it.start_known:  # in force from a day not recorded: fades in from the first possible day
            fade = 0.08 * (xmax - xmin)
            sure_from = max(sure_from, min(it.x0 + fade, sure_to))
            _fade(ax, max(it.x0, xmin), sure_from, yy - h, h, color, rising=True)
        elif it.x0_sure > it.x0 and it.x0 < xmax:  # uncertain start: hatched over its possible days
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
            _fade(ax, sure_to, min(xmax, sure_to + 0.08 * (xmax - xmin)), yy - h, h, color, rising=False)
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
        labels.append(lay.names[lane])
    ax.set_yticks(ticks, labels)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-lay.total + 0.05, 0.75)
    ax.set_xlim(xmin, xmax)
    _date_axis(ax, xmin, xmax)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#DDDDDD", lw=0.6, zorder=0)


def _fade(ax: Axes, x0: float, x1: float, y: float, h: float, color: str, *, rising: bool) -> None:
    """A bar that fades out from ``x0`` to ``x1`` (or, ``rising``, fades in): an unknown end or start."""
    from matplotlib.patches import Rectangle

    steps = 12
    if x1 <= x0:
        return
    w = (x1 - x0) / steps
    for k in range(steps):
        alpha = 0.9 * ((k + 1) if rising else (steps - k)) / (steps + 1)
        ax.add_patch(Rectangle((x0 + k * w, y), w, h, fc=color, ec="none", alpha=alpha, zorder=2))


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
        Patch(fc="#BBBBBB", alpha=0.5, label="unknown end fades out; unknown start fades in"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=_FONT, frameon=False)


def _save(fig: Figure, path: str | os.PathLike[str]) -> None:
    """Save the picture by the file's extension (checked before drawing), atomically (see :func:`isscoop.dump`)."""
    name = os.fspath(path)
    ext = os.path.splitext(name)[1].lower()
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format=ext[1:],
        dpi=150 if ext == ".png" else "figure",
        metadata={"Date": None} if ext == ".svg" else None,
    )
    write_files([(name, buffer.getvalue())])


# -- the network --------------------------------------------------------------------------


#: Kinds of program that gather partners into a group of the network picture (ISS, Artemis, ILRS).
_GROUP_KINDS = frozenset({"space_station", "lunar_station", "exploration_program"})
_GROUP_COLORS = ("#DD8452", "#8172B3", "#937860", "#64B5CD", "#CCB974")
#: At most this many agencies stand in one column of the network picture.
_ROWS = 9
#: A record with more agencies than this is drawn as a group's membership, not as lines between every pair.
_MANY = 4


def _root(p: Record) -> Record:
    parent = getattr(p, "parent", None)
    return p if parent is None else _root(parent)


def _groups(records: Sequence[Record | Source]) -> dict[str, tuple[str, set[str]]]:
    """The partner groups: a station's or exploration program's participants and its agreements' parties.

    ``{program id: (short name, agency ids)}``; a program's missions and
    modules count for the program they are part of.
    """
    out: dict[str, tuple[str, set[str]]] = {}
    for r in records:
        if r.kind_name != "program":
            continue
        root = _root(r)  # type: ignore[arg-type]
        kind = getattr(getattr(root, "kind", None), "value", "")
        if kind not in _GROUP_KINDS:
            continue
        name = min((root.label, *getattr(root, "aliases", ())), key=len)
        members = out.setdefault(root.id, (name, set()))[1]
        if root is r:
            members.update(a.id for a in r.agencies_involved())
    for r in records:
        if not isinstance(r, Record):
            continue
        for prog in getattr(r, "programs", ()):
            root = _root(prog)
            if root.id in out and r.kind_name == "agreement":
                out[root.id][1].update(a.id for a in r.agencies_involved())
    return {k: v for k, v in out.items() if v[1]}


#: The width of one column of the network picture, and of one character of a label, in inches.
_COLUMN_IN: Final = 0.95
_CHAR_IN: Final = 0.075


def _figure(ax: Axes | None, width_in: float) -> tuple[Figure, Axes]:
    """The figure and axes to draw on: ``ax``'s, or a new figure ``width_in`` wide."""
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax.figure, ax  # type: ignore[return-value]
    fig = plt.figure(figsize=(width_in, 8.5), layout="constrained")
    return fig, fig.add_subplot()


def network(
    items: Dataset | Iterable[Record | Source],
    *,
    path: str | os.PathLike[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw the cooperation network (matplotlib and networkx extras) and return the Figure.

    Agencies are grouped by the partnerships they belong to: the parties and
    participants of each station or exploration program (the ISS, Artemis,
    ILRS), each group a shaded box, and an agency in two groups stands where
    the two boxes overlap.  Lines join two agencies that met, share an
    agreement of a few parties or take part in the same mission, thicker
    for more ties and coloured by the most common kind; the agreements of
    many parties (the ISS agreement, the Artemis Accords) are the boxes, not
    a line between every pair.  Agencies are laid out in columns with their
    labels beside them, so no two labels overlap (``label_overlaps``
    finds none).  With ``path``, the picture is saved as PNG or SVG by the
    file's extension, atomically (see :func:`isscoop.dump`).
    """
    _mpl("isscoop.plot.network()")
    nx: Any = require("networkx", "networkx", "isscoop.plot.network()")
    from matplotlib.patches import FancyBboxPatch

    _check_common(path, ax, title)
    records = records_of(items)
    multi = to_networkx(records)
    many = {r.id for r in records if isinstance(r, Record) and len(r.agencies_involved()) > _MANY}
    groups = _groups(records)
    many |= set(groups)
    g = nx.Graph()
    g.add_nodes_from(multi.nodes(data=True))
    for a, b, key, data in multi.edges(keys=True, data=True):
        if key in many:
            continue
        if g.has_edge(a, b):
            g[a][b]["weight"] += 1
            g[a][b]["types"].append(data["type"])
        else:
            g.add_edge(a, b, weight=1, types=[data["type"]])
    order = list(groups)
    member_of = {n: tuple(k for k in order if n in groups[k][1]) for n in g.nodes}
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0 and not member_of[n]])
    own_fig = ax is None
    if g.number_of_nodes() == 0:
        fig, ax = _figure(ax, 12.0)
        ax.text(0.5, 0.5, "no ties between agencies", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        if path is not None:
            _save(fig, path)
        return fig

    # -- columns: one per combination of groups, in a chain so that overlapping groups are neighbours
    def column_key(combo: tuple[str, ...]) -> tuple[float, int]:
        if not combo:
            return (len(order) + 1.0, 0)
        return (sum(order.index(k) for k in combo) / len(combo), -len(combo))

    combos = sorted({member_of[n] for n in g.nodes}, key=column_key)
    if len(order) == 3:  # the middle group between the other two, so that each pair can meet
        sizes = {k: len(v[1]) for k, v in groups.items()}
        middle = max(order, key=lambda k: sizes[k])
        rest = [k for k in order if k != middle]
        chain = [rest[0], middle, rest[1]]
        combos = sorted(combos, key=lambda c: (sum(chain.index(k) for k in c) / len(c), -len(c)) if c else (9.0, 0))
    members: dict[tuple[str, ...], list[str]] = {c: [] for c in combos}
    for n in sorted(g.nodes, key=lambda n: (-g.degree(n), g.nodes[n].get("label", n))):
        members[member_of[n]].append(n)
    columns = [(c, members[c][i : i + _ROWS]) for c in combos for i in range(0, len(members[c]), _ROWS)]
    longest = max(len(ns) for _, ns in columns)
    # each column as wide as its longest label needs (in column units of _COLUMN_IN inches)
    widths = [
        max(1.0, (0.2 + _CHAR_IN * max(len(str(g.nodes[n].get("label", n))) for n in ns)) / _COLUMN_IN)
        for _, ns in columns
    ]
    xcol: list[float] = []
    x = 0.0
    for (combo, _), w in zip(columns, widths, strict=True):
        x += 0.4 if combo == () else 0.0  # set apart: no group
        xcol.append(x)
        x += w
    fig, ax = _figure(ax, max(12.0, _COLUMN_IN * (x + 0.6)))
    pos: dict[str, tuple[float, float]] = {}
    for x, (_, ns) in zip(xcol, columns, strict=True):
        for y, n in enumerate(ns):
            pos[n] = (x, -float(y))

    # -- group boxes, each over the columns its members stand in, staggered so that overlaps show
    for k_i, key in enumerate(order):
        xs = [i for i, (combo, _) in enumerate(columns) if key in combo]
        if not xs:
            continue
        color = _GROUP_COLORS[k_i % len(_GROUP_COLORS)]
        top, bottom = 1.1 + 0.45 * (k_i % 2), -(longest - 1) - 0.6 - 0.15 * k_i
        x0 = xcol[min(xs)] - 0.12 - 0.04 * k_i
        x1 = xcol[max(xs)] + widths[max(xs)] - 0.12 + 0.04 * k_i
        ax.add_patch(
            FancyBboxPatch(
                (x0, bottom), x1 - x0, top - bottom, boxstyle="round,pad=0.02,rounding_size=0.15",
                fc=color, ec=color, alpha=0.10, lw=1.2, zorder=0,
            )
        )  # fmt: skip
        ax.add_patch(
            FancyBboxPatch(
                (x0, bottom), x1 - x0, top - bottom, boxstyle="round,pad=0.02,rounding_size=0.15",
                fc="none", ec=color, alpha=0.8, lw=1.2, zorder=0,
            )
        )  # fmt: skip
        ax.text(
            x0 + 0.08, top - 0.12, f"{groups[key][0]} partners", ha="left", va="top", fontsize=_FONT + 2,
            color=color, fontweight="bold", zorder=4,
        )  # fmt: skip
    if () in members:
        x = next(x for x, (combo, _) in zip(xcol, columns, strict=True) if combo == ())
        ax.text(x, 1.0, "other ties", ha="left", va="top", fontsize=_FONT + 2, color="#555555", zorder=4)

    colors = {"meeting": _COLORS["meeting"], "agreement": _COLORS["agreement"], "program": _COLORS["tenure"]}
    for a, b, data in g.edges(data=True):
        kind = max(set(data["types"]), key=lambda t: (data["types"].count(t), t))
        (x0, y0), (x1, y1) = pos[a], pos[b]
        bend = 0.25 if x0 == x1 else 0.08
        ax.annotate(
            "", xy=(x1, y1), xytext=(x0, y0),
            arrowprops={
                "arrowstyle": "-", "color": colors[kind], "lw": 0.6 + 0.7 * min(data["weight"], 6), "alpha": 0.5,
                "connectionstyle": f"arc3,rad={bend}", "shrinkA": 3, "shrinkB": 3,
            },
            zorder=1,
        )  # fmt: skip
    sizes = {n: 25 + 12 * g.degree(n) for n in g.nodes}
    ax.scatter(
        [pos[n][0] for n in g.nodes], [pos[n][1] for n in g.nodes], s=[sizes[n] for n in g.nodes],
        c="#333333", zorder=2, edgecolors="white", linewidths=0.8,
    )  # fmt: skip
    for n in g.nodes:
        ax.annotate(
            g.nodes[n].get("label", n), xy=pos[n], xytext=(7, 0), textcoords="offset points", ha="left",
            va="center", fontsize=_FONT + 1, zorder=3, bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 0.6},
        )  # fmt: skip
    ax.set_xlim(-0.4, xcol[-1] + widths[-1] - 0.05)
    ax.set_ylim(-(longest - 1) - 1.0, 1.8)
    ax.set_axis_off()
    if title:
        ax.set_title(title, loc="left", fontsize=11)
    if own_fig:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], color=c, lw=2.5, label=f"mostly {k}s") for k, c in colors.items()]
        fig.legend(
            handles=handles, loc="outside lower center", ncol=3, fontsize=_FONT + 1, frameon=False,
            title="Lines: ties of a few agencies. Boxes: the partners of a station or exploration program "
            "(its participants and the parties to its agreements).",
            title_fontsize=_FONT + 1,
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
