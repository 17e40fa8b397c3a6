"""Pictures: the timeline and the network (matplotlib extra)."""

from __future__ import annotations

import builtins
import re
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

import isscoop
from isscoop import MissingExtra

pytest.importorskip("matplotlib")
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from isscoop import plot


@pytest.fixture(autouse=True)
def _close() -> Any:
    yield
    plt.close("all")


def _story(ds: isscoop.Dataset) -> tuple[list[isscoop.Record], list[isscoop.Agency]]:
    pair = [ds.agencies.get("NASA"), ds.agencies.get("Roscosmos")]
    return ds.timeline(*pair, kinds=("meetings", "agreements", "tenures")), pair


def test_timeline_of_the_story(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    records, pair = _story(bundled)
    fig = plot.timeline(records, agencies=pair, start="2017", end="2026-12", path=tmp_path / "t.png")
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")
    assert plot.label_overlaps(fig) == []
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("6 years 10 months with no meeting of agency heads" in t for t in texts)
    assert any(t.startswith("seat-swap agreement (in force from 14 Jul 2022)") for t in texts)
    assert any(t.startswith("Feb 2019 ") for t in texts)  # a month, not a day
    lanes = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert lanes == ["NASA", "NASA + Roscosmos", "Roscosmos"]


def test_timeline_saves_svg(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    records, pair = _story(bundled)
    plot.timeline(records, agencies=pair, path=tmp_path / "t.svg")
    assert "<svg" in (tmp_path / "t.svg").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match=r"\.png, \.svg"):
        plot.timeline(records, agencies=pair, path=tmp_path / "t.gif")


def test_timeline_on_given_axes_and_whole_dataset(bundled: isscoop.Dataset) -> None:
    fig, ax = plt.subplots()
    assert plot.timeline(bundled.meetings, ax=ax) is fig
    assert plot.timeline(bundled).axes


def _inside(fig: Any) -> list[str]:
    """Labels that stick out of the saved figure (a clipped label)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    out = []
    for ax in fig.axes:
        for t in [*ax.texts, *(ax.get_yticklabels() if ax.axison else [])]:
            if not t.get_text():
                continue
            e = t.get_window_extent(renderer)
            if e.x0 < box.x0 - 0.5 or e.x1 > box.x1 + 0.5 or e.y0 < box.y0 - 0.5 or e.y1 > box.y1 + 0.5:
                out.append(t.get_text())
    return out


def test_whole_dataset_timeline_reads_at_any_size(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. constrained layout giving up on a too-tall picture
        fig = plot.timeline(bundled, path=tmp_path / "all.png")
    assert plot.label_overlaps(fig) == []
    assert _inside(fig) == []
    ax = fig.axes[0]
    lanes = [t.get_text() for t in ax.get_yticklabels()]
    assert 2 <= len(lanes) <= 12 and lanes[-1] == "other agencies", lanes
    # every lane has something in it: no empty lanes
    ys = [t.get_position()[1] for t in ax.texts]
    ticks = list(ax.get_yticks())
    for tick in ticks:
        assert any(abs(y - tick) < 12 for y in ys), (tick, lanes)
    _, height = fig.get_size_inches() * 150
    # tall only as its labels need (it was 5,288 px with about 20 empty lanes): under 60 px per label
    assert height / len(ax.texts) < 60, (height, len(ax.texts))
    texts = [t.get_text() for t in ax.texts]
    # an agreement in force from a day not recorded says so, instead of a made-up start
    assert any("US-Russia agreement" in t and "in force from a date not recorded" in t for t in texts)
    assert not any(re.search(r"\d{4}-\d{2}|\d[~?]|\.\.", t) for t in texts), texts  # dates in words


def test_timeline_groups_lanes_past_max_lanes(bundled: isscoop.Dataset) -> None:
    fig = plot.timeline(bundled, max_lanes=4)
    lanes = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(lanes) == 4 and lanes[-1] == "other agencies"
    assert plot.label_overlaps(fig) == []


def test_network(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    pytest.importorskip("networkx")
    fig = plot.network(bundled, path=tmp_path / "n.png", title="network")
    assert (tmp_path / "n.png").exists()
    assert plot.label_overlaps(fig) == []
    assert _inside(fig) == []
    texts = [t.get_text() for t in fig.axes[0].texts]
    # the ISS, Artemis and ILRS partners are grouped, each group named
    assert {"ISS partners", "Artemis partners", "ILRS partners"} <= set(texts)
    assert {"Netherlands", "Germany", "United Kingdom", "Canada"} <= set(texts)
    assert plot.network([]).axes


def test_plot_without_matplotlib(bundled: isscoop.Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "matplotlib":
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    for mod in list(sys.modules):
        if mod.split(".")[0] == "matplotlib":
            monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", fake)
    monkeypatch.setattr("importlib.import_module", lambda name, package=None: fake(name))
    with pytest.raises(MissingExtra, match=r'pip install "isscoop\[plot\]"'):
        plot.timeline(bundled.meetings)
    with pytest.raises(MissingExtra, match=r'pip install "isscoop\[plot\]"'):
        plot.network(bundled)
