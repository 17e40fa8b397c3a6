"""Run the examples in every docstring of the package, methods included.

pytest's ``--doctest-modules`` skips methods of the classes that
``isscoop/__init__.py`` re-exports (their ``__module__`` is ``isscoop``), so
this collects the docstrings of each private module directly.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import pytest

import isscoop


def _docstring_tests() -> Iterator[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    seen: set[str] = set()
    for info in pkgutil.iter_modules(isscoop.__path__):
        if info.name == "__main__":
            continue
        module = importlib.import_module(f"isscoop.{info.name}")
        own = set(getattr(module, "__all__", ()))
        for name, obj in vars(module).items():
            if not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            defined_here = name in own or getattr(obj, "__globals__", None) is vars(module)
            if not defined_here:
                continue
            for test in finder.find(obj, f"{info.name}.{name}", module=False, globs=dict(vars(module))):
                if test.examples and test.name not in seen and _is_ours(module, test.name):
                    seen.add(test.name)
                    yield test


def _is_ours(module: object, dotted: str) -> bool:
    """Whether the docstring belongs to isscoop (not to a builtin base such as ``int``)."""
    obj: object = module
    for part in dotted.split(".")[1:]:
        obj = getattr(obj, part)
    return str(getattr(obj, "__module__", "") or "").startswith("isscoop")


TESTS = sorted(_docstring_tests(), key=lambda t: t.name)


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_docstring_examples(test: doctest.DocTest) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    output: list[str] = []
    result = runner.run(test, out=output.append)
    assert result.failed == 0, "".join(output)


def test_docstring_examples_were_found() -> None:
    assert len(TESTS) >= 15
