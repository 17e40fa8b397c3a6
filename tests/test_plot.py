"""Pictures: the timeline and the network (matplotlib extra)."""

from __future__ import annotations

import builtins
import sys
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
    assert any(t.startswith("seat-swap agreement (in force from 2022-07-14)") for t in texts)
    assert any(t.startswith("2019-02 ") for t in texts)  # a month, not a day
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


def test_network(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    pytest.importorskip("networkx")
    fig = plot.network(bundled, path=tmp_path / "n.png", title="network")
    assert (tmp_path / "n.png").exists()
    assert plot.label_overlaps(fig) == []
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
