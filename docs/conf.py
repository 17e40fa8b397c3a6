"""Sphinx configuration for the isscoop docs.

The doctest builder runs every ``>>>`` example here and in the docstrings
that autodoc pulls in; pytest runs the same examples.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import _inventory

import isscoop

project = "isscoop"
author = "The isscoop developers"
copyright = "2026, The isscoop developers"
version = release = isscoop.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "myst_parser",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"isscoop {release}"

nitpicky = True
nitpick_ignore = [
    ("py:class", "T"),
    ("py:class", "V"),
    ("py:class", "isscoop._bulk.V"),
    ("py:obj", "isscoop._bulk.V"),
    ("py:class", "isscoop._query.T"),
    ("py:class", "Self"),
    ("py:class", "attrs.Attribute"),
    ("py:class", "ClaimValue"),
    ("py:class", "isscoop._model.ClaimValue"),
    ("py:class", "PathLike"),
    ("py:class", "isscoop._dataset.PathLike"),
    ("py:obj", "isscoop._query.T"),
    ("py:class", "isscoop._query.Query"),
    ("py:class", "isscoop._model._Enum"),
    ("py:class", "isscoop._exportable.Exportable"),
    # what records hand to exports, pictures and the command line (not public names)
    ("py:class", "isscoop._model.Row"),
    ("py:class", "isscoop._model.Event"),
    ("py:class", "isscoop._model.Entry"),
    ("py:class", "isscoop._model.Mark"),
    ("py:class", "Fact"),
    ("py:class", "isscoop._model.Fact"),
    ("py:class", "Items"),
    ("py:class", "collections.abc.Sequence"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "isscoop._model._Cited"),
    ("py:class", "Statuses"),
    ("py:class", "isscoop._query.Statuses"),
]
nitpick_ignore_regex = [
    ("py:class", r"typing_extensions\..*"),
    ("py:class", r"_io\..*"),
    ("py:class", r"(pandas|networkx|matplotlib|pyarrow)\..*"),
    ("py:class", r"(DataFrame|MultiGraph|Figure|Axes|Literal)(\[.*\])?"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "undoc-members": True, "show-inheritance": True}

# No network here: intersphinx reads a small inventory written by
# docs/_inventory.py, whose entries point at the real Python docs.
intersphinx_mapping = {"python": ("https://docs.python.org/3", str(_inventory.write(HERE / "_build")))}

doctest_global_setup = "import datetime\nimport isscoop\nfrom isscoop import *"
doctest_test_doctest_blocks = "default"
myst_heading_anchors = 2


def _draw_pictures(app: object) -> None:
    """Draw the pictures the docs embed, from the bundled data, into docs/_generated/."""
    import matplotlib

    matplotlib.use("Agg")
    from isscoop import plot

    out = HERE / "_generated"
    out.mkdir(exist_ok=True)
    ds = isscoop.dataset()
    pair = [ds.agencies.get("NASA"), ds.agencies.get("Roscosmos")]
    story = ds.timeline(*pair, kinds=("meetings", "agreements", "tenures"))
    title = "NASA and Roscosmos, 2017-2026: heads, meetings and agreements"
    for ext in ("png", "svg"):
        path = out / f"timeline.{ext}"
        fig = plot.timeline(story, agencies=pair, start="2017", end="2026-12", title=title, path=path)
    plot.network(ds, path=out / "network.png", title="Who works with whom: meetings, agreements, shared programs")
    plot.timeline(ds, path=out / "timeline-all.png", title="Everything in the bundled data, by agency")
    import matplotlib.pyplot as plt

    plt.close("all")
    del fig


def setup(app: object) -> None:
    app.connect("builder-inited", _draw_pictures)  # type: ignore[attr-defined]
