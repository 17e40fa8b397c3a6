"""The package's structure: imports point one way, exceptions live in one module, names are derived."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import isscoop

PACKAGE = Path(isscoop.__file__).parent
DOCS = PACKAGE.parent / "docs"


def _imports(path: Path) -> set[str]:
    """The isscoop modules a module imports, inside functions too, but not under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("isscoop."):
            found.add((node.module or "").split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("isscoop."))
        elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith("import_module"):
            # importlib.import_module(f"isscoop.{x}") in __init__ resolves names lazily: every module
            found.add("*")
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    return {m for m in found if m in modules}


def _graph() -> dict[str, set[str]]:
    return {p.stem: _imports(p) - {"__init__"} for p in PACKAGE.glob("*.py") if p.stem != "__init__"}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_the_import_graph_has_no_cycle() -> None:
    graph = _graph()
    assert len(graph) >= 15
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_model_knows_nothing_of_files_exports_or_queries() -> None:
    graph = _graph()
    below_model = {"_model", "_validators", "_dates", "_errors", "_args", "_links", "_public", "_text", "_version"}
    reach: set[str] = set()
    todo = ["_model"]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in reach:
                reach.add(nxt)
                todo.append(nxt)
    assert reach <= below_model, reach - below_model


def test_every_exception_lives_in_the_errors_module() -> None:
    defined = {}
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b) for b in node.bases}
                if bases & {"Exception", "IsscoopError", "UserWarning", "Warning"} or any(
                    b.endswith(("Error", "Warning")) for b in bases
                ):
                    defined[node.name] = path.stem
    assert defined and set(defined.values()) == {"_errors"}, defined
    from isscoop import _errors

    for name in defined:
        cls = getattr(_errors, name)  # a few are internal (caught inside isscoop, never raised to callers)
        if issubclass(cls, isscoop.IsscoopError):
            assert cls is isscoop.IsscoopError or cls.__str__ is isscoop.IsscoopError.__str__, name


def test_public_names_are_the_modules_own_lists() -> None:
    import importlib

    from isscoop import _model

    names: set[str] = set()
    for home in isscoop._MODULES:
        names |= set(importlib.import_module(f"isscoop.{home}").__all__)
    collections = {cls.collection for cls in _model.KINDS}
    assert set(isscoop.__all__) == names | collections | {"__version__"}
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    block = source[source.index("if TYPE_CHECKING:") : source.index("#: The modules behind")]
    typed = set(re.findall(r"\b([A-Za-z_]\w*)(?:,|\n|\))", block)) | set(re.findall(r"^    (\w+):", block, re.M))
    assert set(isscoop.__all__) - {"__version__"} <= typed


def test_no_doc_example_imports_a_private_module() -> None:
    texts = [*DOCS.glob("*.rst"), PACKAGE.parent / "README.md", *PACKAGE.glob("*.py")]
    private = re.compile(r"(?:from isscoop(?:\.\w+)* import[^\n]*\b_\w+|from isscoop\._\w+ import|import isscoop\._)")
    found = []
    for path in texts:
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.strip()
            example = code.startswith((">>>", "..."))
            docs_code = path.suffix in (".rst", ".md") and code.startswith(("from ", "import "))
            if (example or docs_code) and private.search(code):
                found.append(f"{path.name}: {code}")
    assert found == []
    assert private.search(">>> from isscoop._export import to_csv")
    assert private.search(">>> from isscoop import _export as export")
    assert not private.search(">>> from isscoop import export")
