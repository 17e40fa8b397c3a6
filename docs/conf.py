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
]
nitpick_ignore_regex = [("py:class", r"typing_extensions\..*"), ("py:class", r"_io\..*")]

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
