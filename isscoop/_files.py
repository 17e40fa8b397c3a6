"""Data files: loading, merging and dumping datasets, and the bundled dataset.

Loading reads and parses each file with limits, decodes every record
(collecting every problem with its file, line and JSON path), builds the
objects, checks the dataset as a whole, and only then returns it.  Nothing
in a file is ever executed: the files are parsed with :mod:`json` and read
through a fixed specification of the format.
"""

from __future__ import annotations

import copy
import json
import os
import re
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final

from . import _codec
from ._dataset import Conflict, Dataset, _references, checked_dataset, integrity_problems
from ._errors import DatasetError, IsscoopError, Problem, bulleted
from ._model import Record
from ._public import present_as_isscoop

__all__ = [
    "MAX_FILE_BYTES",
    "IsscoopWarning",
    "MergeError",
    "conflicts",
    "dataset",
    "dump",
    "load",
    "merge",
    "schema",
]

#: Files larger than this are refused before they are parsed.
MAX_FILE_BYTES: Final = 64 * 1024 * 1024

PathLike = str | os.PathLike[str] | IO[str] | IO[bytes]


class IsscoopWarning(UserWarning):
    """A warning about data that loads but is not as it should be (e.g. a record with no source)."""


class MergeError(IsscoopError, ValueError):
    """Two datasets give different values for a field that cannot hold competing claims.

    Lists every such field; nothing is merged.
    """

    def __init__(self, conflicts: Iterable[str]) -> None:
        self.conflicts = tuple(conflicts)
        n = len(self.conflicts)
        super().__init__(bulleted(f"{n} conflicting field{'s' if n != 1 else ''}; nothing was merged:", self.conflicts))

    def __str__(self) -> str:
        return str(self.args[0])


# -- reading ------------------------------------------------------------------------------


def _read_text(source: PathLike, ctx: _codec.Context) -> tuple[str, str | None]:
    """The name and text of a file or file object; ``None`` text after a problem."""
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        ctx.file = name
        try:
            size = os.path.getsize(name)
            if size > MAX_FILE_BYTES:
                ctx.problem("$", "file too large", f"at most {MAX_FILE_BYTES} bytes", size)
                return name, None
            with open(name, "rb") as fh:
                data: bytes | str = fh.read()
        except OSError as e:
            ctx.problem("$", f"cannot read file: {e.strerror or e}")
            return name, None
    else:
        name = str(getattr(source, "name", "<stream>"))
        ctx.file = name
        data = source.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            ctx.problem("$", "file too large", f"at most {MAX_FILE_BYTES} bytes")
            return name, None
    if isinstance(data, bytes):
        try:
            return name, data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            ctx.problem("$", f"not UTF-8 text: {e.reason} at byte {e.start}")
            return name, None
    return name, data


def _no_constant(token: str) -> None:
    raise ValueError(f"{token} is not valid JSON")


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(items)
    if len(out) != len(items):
        seen: set[str] = set()
        for k, _ in items:
            if k in seen:
                raise ValueError(f"duplicate key {k!r}")
            seen.add(k)
    return out


def _parse(name: str, text: str, ctx: _codec.Context) -> object:
    """Parse JSON text; problems go to ``ctx``.  NaN, Infinity and duplicate keys are refused."""
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        ctx.problems.append(Problem(file=name, path="$", message=f"not valid JSON: {e.msg}", line=e.lineno))
    except RecursionError:
        ctx.problem("$", "not valid JSON: nested too deeply", "at most a few hundred levels of nesting")
    except ValueError as e:
        ctx.problem("$", f"not valid JSON: {e}")
    return _codec._BAD


_TOKEN: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}\n]')


def _record_lines(text: str, doc: Mapping[str, Any]) -> dict[str, int]:
    """The line each record starts on, by JSON path (``$.meetings[3]``).

    Only run when there are problems to place, so loading stays fast.
    """
    arrays = [k for k, v in doc.items() if isinstance(v, list)]
    lines: dict[str, int] = {}
    line, depth, array = 1, 0, -1
    index = 0
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok == "\n":
            line += 1
        elif tok[0] == '"':
            line += tok.count("\n")
        elif tok in "[{":
            if depth == 1 and tok == "[":
                array += 1
                index = 0
            elif depth == 2 and tok == "{" and 0 <= array < len(arrays):
                lines[f"$.{arrays[array]}[{index}]"] = line
                index += 1
            depth += 1
        else:
            depth -= 1
    return lines


def _add_lines(problems: list[Problem], texts: Mapping[str, tuple[str, Mapping[str, Any]]]) -> list[Problem]:
    """The problems, each with the line its record starts on where that can be found."""
    out = []
    cache: dict[str, dict[str, int]] = {}
    for p in problems:
        if p.line is None and p.file in texts:
            m = re.match(r"\$\.\w+\[\d+\]", p.path)
            if m:
                if p.file not in cache:
                    cache[p.file] = _record_lines(*texts[p.file])
                lines = cache[p.file]
                if m.group() in lines:
                    p = Problem(**{**_fields(p), "line": lines[m.group()]})
        out.append(p)
    return out


def _fields(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "path": p.path, "message": p.message, "expected": p.expected, "got": p.got}


def _expand(paths: Iterable[PathLike]) -> Iterator[PathLike]:
    for p in paths:
        if isinstance(p, str | os.PathLike) and os.path.isdir(p):
            yield from sorted(Path(p).glob("*.json"))
        else:
            yield p


# -- loading ------------------------------------------------------------------------------


def load(*paths: PathLike, include_bundled: bool = False, strict: bool = False) -> Dataset:
    """A dataset from JSON files, directories of them, or open file objects.

    Every problem in every file is collected first; if there is any, one
    :class:`~isscoop.DatasetError` lists them all (file, line, JSON path,
    expected and got) and nothing is loaded.

    With ``include_bundled=True`` the files are laid over the bundled data
    (see :func:`merge`): their records may refer to bundled records by id, a
    record with a bundled record's id corrects it, and it only needs the
    fields it changes.  Records that cite no source give an
    :class:`IsscoopWarning`, or a problem when ``strict=True``.
    """
    if not paths:
        raise TypeError("load() needs at least one path or file object")
    ctx = _codec.Context()
    docs: list[tuple[str, Any]] = []
    texts: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for source in _expand(paths):
        name, text = _read_text(source, ctx)
        if text is None:
            continue
        doc = _parse(name, text, ctx)
        if doc is _codec._BAD:
            continue
        if isinstance(doc, dict):
            texts[name] = (text, doc)
        docs.append((name, doc))
    base = dataset() if include_bundled else None
    if base is not None:
        docs = [(name, _fill_corrections(doc, base)) for name, doc in docs]
    try:
        ds = _build(docs, ctx, base, strict)
    except DatasetError as e:
        raise DatasetError(_add_lines(list(e.problems), texts)) from None
    return ds


def _build(docs: list[tuple[str, Any]], ctx: _codec.Context, base: Dataset | None, strict: bool) -> Dataset:
    located: list[_codec.Located] = []
    version: str | None = None
    for name, doc in docs:
        if isinstance(doc, dict) and isinstance(doc.get("version"), str):
            version = doc["version"]
        located.extend(_codec.decode(doc, name, ctx))
    seen: dict[str, _codec.Located] = {}
    anonymous: list[_codec.Located] = []
    for item in located:
        if item.id is None:
            anonymous.append(item)
        elif item.id in seen:
            ctx.file = item.file
            ctx.problem(f"{item.pending.path}.id", "duplicate id", "an id used once in the dataset", item.id)
        else:
            seen[item.id] = item
    known = {r.id: r for r in base.records()} if base is not None else None
    built = _codec.build([*seen.values(), *anonymous], ctx, known)
    for kind in _codec.KINDS:
        for obj in built[kind]:
            if isinstance(obj, Record) and not obj.sources:
                item = seen[obj.id]
                if strict:
                    ctx.file = item.file
                    ctx.problem(f"{item.pending.path}.sources", "no source", "at least one source id", [])
                else:
                    warnings.warn(
                        f"{item.file}: {item.pending.path} ({obj.id}) cites no source", IsscoopWarning, stacklevel=4
                    )
    if ctx.problems:
        raise DatasetError(ctx.problems)
    where = {(item.kind, item.id): item for item in seen.values()}
    collections = {k: tuple(built[k]) for k in _codec.KINDS}

    def locate(kind: str, index: int) -> tuple[str, str]:
        item = where[(kind, collections[kind][index].id)]
        return item.file, item.pending.path

    if base is None:
        problems = integrity_problems(collections, locate)
        if problems:
            raise DatasetError(problems)
        return checked_dataset(version=version, **collections)
    overlay = _overlay_dataset(collections, base, locate)
    return merge(base, overlay)


def _overlay_dataset(collections: dict[str, tuple[Any, ...]], base: Dataset, locate: Any) -> Dataset:
    """The overlay's own records, with the bundled records they refer to pulled in."""
    own = {r.id for items in collections.values() for r in items}
    needed: dict[str, Any] = {}
    stack = [r for items in collections.values() for r in items]

    while stack:
        r = stack.pop()
        for _, ref in _references(r):
            if ref.id not in own and ref.id not in needed:
                needed[ref.id] = ref
                stack.append(ref)
    merged = {k: list(v) for k, v in collections.items()}
    for ref in needed.values():
        merged[_codec._kind_of(ref)].append(ref)
    problems = integrity_problems(collections, locate)
    problems = [p for p in problems if "not in the dataset" not in p.message]
    if problems:
        raise DatasetError(problems)
    return Dataset(version=base.version, **{k: tuple(v) for k, v in merged.items()})


def _fill_corrections(doc: Any, base: Dataset) -> Any:
    """Records that reuse a bundled id only need the fields they change: fill in the rest."""
    if not isinstance(doc, dict):
        return doc
    ids = {r.id: r for r in base.records()}
    out = dict(doc)
    for kind in _codec.KINDS:
        items = doc.get(kind)
        if not isinstance(items, list):
            continue
        filled = []
        for raw in items:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"] in ids:
                target = ids[raw["id"]]
                if _codec._kind_of(target) == kind:
                    complete = _codec.dump_record(target)
                    if kind != "sources":
                        complete.pop("claims", None)
                        complete["sources"] = []
                    raw = {**complete, **raw}
            filled.append(raw)
        out[kind] = filled
    return out


# -- merging ------------------------------------------------------------------------------


def merge(base: Dataset, overlay: Dataset) -> Dataset:
    """``base`` with ``overlay`` laid over it; neither is changed.

    Records with new ids are added.  A record whose id is in ``base``
    corrects it field by field: sources and claims are combined; a field that
    can hold claims and differs becomes competing claims (the overlay's value
    preferred, with the overlay record's sources; the base value kept as a
    normal claim); a field that is empty on one side takes the other's value.
    Any other difference raises :class:`MergeError` listing every one.
    ``base | overlay`` does the same.
    """
    base_doc = _codec.encode(base._collections())
    over_doc = _codec.encode(overlay._collections())
    problems: list[str] = []
    merged: dict[str, list[dict[str, Any]]] = {}
    for kind in _codec.KINDS:
        by_id = {r["id"]: copy.deepcopy(r) for r in base_doc[kind]}
        claimable = _claimable(kind)
        for rec in over_doc[kind]:
            old = by_id.get(rec["id"])
            if old is None:
                by_id[rec["id"]] = copy.deepcopy(rec)
            else:
                by_id[rec["id"]] = _merge_record(kind, old, rec, claimable, problems)
        merged[kind] = sorted(by_id.values(), key=lambda r: r["id"])
    if problems:
        raise MergeError(problems)
    ctx = _codec.Context()
    doc = {"format_version": _codec.FORMAT_VERSION, **merged}
    built = _codec.build(_codec.decode(doc, "<merge>", ctx), ctx)
    if ctx.problems:
        raise DatasetError(ctx.problems)
    return Dataset(version=overlay.version or base.version, **{k: tuple(v) for k, v in built.items()})


def _claimable(kind: str) -> frozenset[str]:
    cls = _codec.SPECS[kind].cls
    return frozenset(getattr(cls, "claimable", frozenset()))


def _empty(value: Any) -> bool:
    return value is None or value == [] or value is False


def _merge_record(
    kind: str, old: dict[str, Any], new: dict[str, Any], claimable: frozenset[str], problems: list[str]
) -> dict[str, Any]:
    out = copy.deepcopy(old)
    if kind != "sources":
        new_sources = [s for s in new.get("sources", []) if s not in old.get("sources", [])]
        out["sources"] = old.get("sources", []) + new_sources
    claims = list(out.get("claims", []))
    for claim in new.get("claims", []):
        if claim not in claims:
            claims.append(copy.deepcopy(claim))
    for key, value in new.items():
        if key in ("id", "sources", "claims"):
            continue
        have = old.get(key)
        if have == value or _empty(value):
            continue
        if _empty(have):
            out[key] = copy.deepcopy(value)
        elif key in claimable:
            for c in claims:
                if c["field"] == key and c.get("rank") == "preferred":
                    c["rank"] = "normal"
            if not any(c["field"] == key and c["value"] == have for c in claims):
                claims.append({"field": key, "value": have, "rank": "normal", "sources": old.get("sources", [])})
            same = [c for c in claims if c["field"] == key and c["value"] == value]
            reason = "correction laid over the earlier value"
            if same:
                same[0]["rank"] = "preferred"
                same[0]["reason"] = reason
                same[0]["sources"] = same[0].get("sources", []) + [
                    s for s in new.get("sources", []) if s not in same[0].get("sources", [])
                ]
            else:
                claims.append(
                    {
                        "field": key,
                        "value": value,
                        "rank": "preferred",
                        "reason": reason,
                        "sources": new.get("sources", []),
                    }
                )
            out[key] = copy.deepcopy(value)
        else:
            problems.append(f"{kind} {old['id']!r}, field {key!r}: {json.dumps(have)} vs {json.dumps(value)}")
    if claims:
        out["claims"] = claims
    return out


# -- writing ------------------------------------------------------------------------------


def dump(ds: Dataset, path: str | os.PathLike[str] | IO[str]) -> None:
    """Write ``ds`` in the bundled format: canonical, sorted, UTF-8, EDTF dates.

    A directory gets one file per record type; anything else gets one
    combined file.  ``isscoop.load(path) == ds``.
    """
    doc = _codec.encode(ds._collections())
    if ds.version is not None:
        doc["version"] = ds.version
    if isinstance(path, str | os.PathLike) and os.path.isdir(path):
        for kind in _codec.KINDS:
            part: dict[str, Any] = {"format_version": doc["format_version"], kind: doc[kind]}
            if ds.version is not None:
                part["version"] = ds.version
            _write(Path(path) / f"{kind}.json", part)
    elif isinstance(path, str | os.PathLike):
        _write(Path(path), doc)
    else:
        path.write(_dumps(doc))


def _dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _write(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(_dumps(doc), encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of isscoop data files.

    >>> import isscoop
    >>> isscoop.schema()["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    return _codec.schema()


# -- the bundled dataset ------------------------------------------------------------------

_bundled: Dataset | None = None
_bundled_lock = threading.Lock()


def dataset(*, as_known_on: str | None = None) -> Dataset:
    """The bundled dataset: read on first use, then cached. It is immutable.

    ``as_known_on`` gives it as an earlier release had it (see
    :meth:`Dataset.as_known_on`), so that old answers can be reproduced.
    """
    global _bundled
    if _bundled is None:
        with _bundled_lock:
            if _bundled is None:
                _bundled = _load_bundled()
    if as_known_on is not None:
        return _bundled.as_known_on(as_known_on)
    return _bundled


def conflicts() -> tuple[Conflict, ...]:
    """Every field of the bundled data whose sources disagree (see :meth:`Dataset.conflicts`)."""
    return dataset().conflicts()


class _Named:
    """A text stream with a name, for problem messages."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self._text = text

    def read(self, size: int = -1) -> str:
        return self._text


def _load_bundled() -> Dataset:
    from importlib import resources

    folder = resources.files("isscoop") / "data"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    streams: list[Any] = [_Named(f"isscoop/data/{f.name}", f.read_text(encoding="utf-8")) for f in files]
    return load(*streams)


present_as_isscoop(globals())
