"""Data files: loading, merging and dumping datasets, and the bundled dataset.

Loading reads and parses each file with limits, decodes every record
(collecting every problem with its file, line and JSON path), builds the
objects, checks the dataset as a whole, and only then returns it.  Nothing
in a file is ever executed: the files are parsed with :mod:`json` and read
through a fixed specification of the format.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final

import attrs

from . import _codec
from ._args import check_flag, check_path, got, has_method, is_path
from ._atomic import MAX_FILE_BYTES, read_regular, write_files, write_stream
from ._dataset import (
    Conflict,
    Dataset,
    _by_collection,
    checked_dataset,
    derived_horizon,
    integrity_problems,
    merged_records,
    newer,
    overlap_problems,
)
from ._errors import DatasetError, InvalidArgument, IsscoopWarning, NotRegular, Problem, TooLarge, cut
from ._model import Record
from ._public import present_as_isscoop

__all__ = [
    "conflicts",
    "dataset",
    "dump",
    "load",
    "schema",
]

#: Files larger than this are refused before they are parsed; no more than this is ever read.

PathLike = str | os.PathLike[str] | IO[str] | IO[bytes]


# -- reading ------------------------------------------------------------------------------


def _read_text(source: PathLike, ctx: _codec.Context) -> tuple[str, str | None]:
    """The name and text of a file or file object; ``None`` text after a problem."""
    data: bytes | str
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        ctx.file = name
        try:
            data = read_regular(name)
        except NotRegular as e:
            ctx.problem("$", f"cannot read file: it is {e}")
            return name, None
        except TooLarge as e:
            ctx.problem("$", "file too large", f"at most {MAX_FILE_BYTES} bytes", e.size)
            return name, None
        except OSError as e:
            ctx.problem("$", f"cannot read file: {e.strerror or e}")
            return name, None
    else:
        name = _stream_name(source)
        ctx.file = name
        try:
            data = source.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as e:  # a closed file gives ValueError
            ctx.problem("$", f"cannot read file: {cut(str(e), 100)}")
            return name, None
        if not isinstance(data, str | bytes):
            ctx.problem("$", "cannot read file: read() did not return text or bytes", "str or bytes", data)
            return name, None
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


#: Strings up to this long that repeat (ids, dates, statuses) are kept once while a file is read.
_SHARED_LEN: Final = 48


def _object_reader() -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """A JSON object hook that refuses duplicate keys and keeps one copy of each short string value.

    Data files repeat the same ids, dates and statuses thousands of times;
    sharing them keeps the parsed document (and the records built from it)
    small while a large file loads.
    """
    shared: dict[str, str] = {}
    share = shared.setdefault

    def read(items: list[tuple[str, Any]]) -> dict[str, Any]:
        for i, (key, value) in enumerate(items):
            kind = type(value)
            if kind is str:
                if len(value) <= _SHARED_LEN:
                    items[i] = (key, share(value, value))
            elif kind is list and value and type(value[0]) is str:
                value[:] = [share(x, x) if type(x) is str and len(x) <= _SHARED_LEN else x for x in value]
        out = dict(items)
        if len(out) != len(items):
            seen: set[str] = set()
            for k, _ in items:
                if k in seen:
                    raise ValueError(f"duplicate key {k!r}")
                seen.add(k)
        return out

    return read


def _parse(name: str, text: str, ctx: _codec.Context) -> object:
    """Parse JSON text; problems go to ``ctx``.  NaN, Infinity and duplicate keys are refused."""
    try:
        return json.loads(text, object_pairs_hook=_object_reader(), parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        ctx.problems.append(Problem(file=name, path="$", message=f"not valid JSON: {e.msg}", line=e.lineno))
    except RecursionError:
        ctx.problem("$", "not valid JSON: nested too deeply", "at most a few hundred levels of nesting")
    except ValueError as e:
        ctx.problem("$", f"not valid JSON: {e}")
    return _codec._BAD


_TOKEN: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}\n]')


def _record_lines(text: str, arrays: list[str]) -> dict[str, int]:
    """The line each record starts on, by JSON path (``$.meetings[3]``); ``arrays`` are the
    document's top-level keys whose values are arrays, in order.

    Only run when there are problems to place, so loading stays fast.
    """
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


def _add_lines(problems: list[Problem], texts: Mapping[str, _Text]) -> list[Problem]:
    """The problems, each with the line its record starts on where that can be found."""
    out = []
    cache: dict[str, dict[str, int]] = {}
    for p in problems:
        if p.line is None and p.file in texts:
            m = re.match(r"\$\.\w+\[\d+\]", p.path)
            if m:
                if p.file not in cache:
                    cache[p.file] = texts[p.file].lines()
                lines = cache[p.file]
                if m.group() in lines:
                    p = Problem(**{**_fields(p), "line": lines[m.group()]})
        out.append(p)
    return out


def _fields(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "path": p.path, "message": p.message, "expected": p.expected, "got": p.got}


def _stream_name(source: object) -> str:
    """A file object's name, for problem messages (cut short)."""
    try:
        name = getattr(source, "name", None)
    except Exception:  # a property that fails
        name = None
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if isinstance(name, int) and not isinstance(name, bool):  # a file opened from a descriptor
        name = str(name)
    return name[:1000] if isinstance(name, str) else "<stream>"


def _expand(paths: Iterable[PathLike], ctx: _codec.Context) -> Iterator[PathLike]:
    """The files to read: each path, with a folder replaced by its ``*.json`` files in name order
    (hidden ones aside, as a glob would: temporary files of a write in progress among them)."""
    for p in paths:
        if isinstance(p, str | os.PathLike) and os.path.isdir(p):
            try:
                names = sorted(e.name for e in os.scandir(p) if e.name.endswith(".json") and e.name[0] != ".")
            except OSError as e:
                ctx.file = os.fspath(p)
                ctx.problem("$", f"cannot list folder: {e.strerror or e}")
                continue
            yield from (Path(p) / n for n in names)
        else:
            yield p


# -- loading ------------------------------------------------------------------------------


@attrs.define
class _Text:
    """What is kept of a file to place problems on lines: its text (or how to read it again)."""

    text: str | None
    path: str | None
    arrays: list[str]

    def lines(self) -> dict[str, int]:
        text = self.text
        if text is None and self.path is not None:
            try:
                text = read_regular(self.path).decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return {}
        return _record_lines(text, self.arrays) if text is not None else {}


def load(*paths: PathLike, include_bundled: bool = False, strict: bool = False) -> Dataset:
    """A dataset from JSON files, directories of them, or open file objects.

    Every problem in every file is collected first; if there is any, one
    :class:`~isscoop.DatasetError` lists them all (file, line, JSON path,
    expected and got) and nothing is loaded.

    With ``include_bundled=True`` the files are laid over the bundled data
    (see :func:`~isscoop.merge`): their records may refer to bundled records by id, a
    record with a bundled record's id corrects it, and it only needs the
    fields it changes.  Files that declare a newer ``version`` than the
    bundled data's make the result that version, and every record and claim
    they add (or correct) carries it, so that
    ``result.as_known_on(isscoop.dataset().version)`` answers as the bundled
    data did; otherwise the result keeps the bundled version.

    A file may declare its ``"horizon"``, the last day its facts were
    checked; every record it gives carries it (see :attr:`Dataset.horizon`,
    which also says what is assumed when no file declares one).  Records that
    cite no source give an
    :class:`IsscoopWarning`, or a problem when ``strict=True``.

    Only regular files are read: a FIFO, a device or a socket is a problem
    found by ``stat`` before anything is opened, so that loading never
    blocks, and no more than the size limit (64 MiB) is read from a
    file, whatever size it claims.  A path that is not a ``str`` or
    ``os.PathLike`` (or a file object with ``read``) raises
    :class:`~isscoop.InvalidArgument`; an empty path, one with a NUL
    character or one longer than 4,096 characters raises
    :class:`~isscoop.InvalidRecord`.

    The cyclic garbage collector is paused while the records are built (the
    objects are acyclic and it would only rescan them) and restored after,
    however the load ends.
    """
    if not paths:
        raise InvalidArgument("load() needs at least one path or file object")
    for p in paths:
        if is_path(p):
            check_path(p, "path")
        elif not has_method(p, "read"):
            raise InvalidArgument(f"path: expected a path or a file object with read(), got {got(p)}")
    check_flag(include_bundled, "include_bundled")
    check_flag(strict, "strict")
    base = dataset() if include_bundled else None
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(paths, base, strict)
    finally:
        if enabled:
            gc.enable()


def _load(paths: tuple[PathLike, ...], base: Dataset | None, strict: bool) -> Dataset:
    ctx = _codec.Context()
    docs: list[tuple[str, Any]] = []
    texts: dict[str, _Text] = {}
    version: str | None = None
    declared: list[dt.date] = []
    for source in _expand(paths, ctx):
        name, text = _read_text(source, ctx)
        if text is None:
            continue
        doc = _parse(name, text, ctx)
        if doc is _codec._BAD:
            continue
        if isinstance(doc, dict):
            arrays = [k for k, v in doc.items() if isinstance(v, list)]
            path = os.fspath(source) if isinstance(source, str | os.PathLike) else None
            texts[name] = _Text(text=None if path is not None else text, path=path, arrays=arrays)
            if isinstance(doc.get("version"), str):
                version = doc["version"]
            day = _codec.read_horizon(doc.get("horizon"))
            if day is not None:
                declared.append(day)
        del text
        docs.append((name, doc))
    known = {r.id: r for r in base.records()} if base is not None else None
    built = _codec.build(docs, ctx, known)
    del docs
    fresh = [obj for objects in built.collections.values() for obj in objects]
    horizon = min(declared) if declared else derived_horizon(fresh, base.horizon if base is not None else None)
    for obj in fresh:  # built just now and seen by no one yet: each takes the files' horizon
        if isinstance(obj, Record):
            obj._with_horizon(horizon)
    for _collection, objects in built.collections.items():
        for obj in objects:
            if isinstance(obj, Record) and not obj.sources:
                w = built.where[id(obj)]
                if strict:
                    ctx.file = w.file
                    ctx.problem(f"{w.path}.sources", "no source", "at least one source id", [])
                else:
                    warnings.warn(f"{w.file}: {w.path} ({obj.id}) cites no source", IsscoopWarning, stacklevel=4)
    try:
        if ctx.problems:
            raise DatasetError(ctx.problems)
        if base is None:
            collections = {k: tuple(v) for k, v in built.collections.items()}
            problems = overlap_problems(collections, built.locate)
            if problems:
                raise DatasetError(problems)
            return checked_dataset(version=version, horizon=horizon, **collections)
        return _overlay(base, built, version, horizon)
    except DatasetError as e:
        raise DatasetError(_add_lines(list(e.problems), texts)) from None


def _overlay(base: Dataset, built: _codec.Built, version: str | None, horizon: dt.date) -> Dataset:
    """The bundled data with the loaded records laid over it, checked once.

    The result's horizon is the earlier of the two (see :func:`~isscoop.merge`).
    """
    overlay = [r for objects in built.collections.values() for r in objects]
    records, changed = merged_records(base, overlay, version)
    version = version if newer(version, base.version) else base.version
    collections = _by_collection(records)
    where = {r.id: built.where[id(r)] for r in overlay}

    def locate(collection: str, index: int) -> tuple[str, str]:
        w = where.get(collections[collection][index].id)
        return (w.file, w.path) if w is not None else ("<bundled data>", f"$.{collection}[{index}]")

    # the records that refer to changed ones were consistent before, and were re-linked to them
    problems = integrity_problems(collections, locate, only=changed)
    if problems:
        raise DatasetError(problems)
    return checked_dataset(version=version, horizon=min(base.horizon, horizon), **collections)


# -- writing ------------------------------------------------------------------------------


def dump(ds: Dataset, path: str | os.PathLike[str] | IO[str]) -> None:
    """Write ``ds`` in the bundled format: canonical, sorted, UTF-8, EDTF dates, with its horizon.

    A directory gets one file per record type; anything else gets one
    combined file.  ``isscoop.load(path) == ds``.

    Writing is atomic: each file is written to a temporary file in the
    target's folder, flushed and synced, then renamed over the target.  A
    folder is written all or nothing: every file is staged before any is
    renamed, and a failure while renaming puts the old files back.  If
    anything fails -- no permission, a full disk, an interruption -- the
    files that were there are left byte for byte as they were and
    :class:`~isscoop.FileError` (an ``OSError``) is raised.  A target that
    exists but is not a regular file (a FIFO, a device) is refused.  A file
    object is written to directly; its safety is the caller's.
    """
    if not isinstance(ds, Dataset):
        raise InvalidArgument(f"ds: expected a Dataset, got {got(ds)}")
    if is_path(path):
        check_path(path, "path")
    elif not has_method(path, "write"):
        raise InvalidArgument(f"path: expected a path or a file object with write(), got {got(path)}")
    doc = _codec.encode(ds._collections())
    if ds.version is not None:
        doc["version"] = ds.version
    doc["horizon"] = ds.horizon.isoformat()
    if isinstance(path, str | os.PathLike) and os.path.isdir(path):
        files = []
        for kind in _codec.collections():
            part: dict[str, Any] = {"format_version": doc["format_version"], kind: doc[kind]}
            if ds.version is not None:
                part["version"] = ds.version
            part["horizon"] = doc["horizon"]
            files.append((os.path.join(os.fspath(path), f"{kind}.json"), _dumps(part).encode("utf-8")))
        write_files(files)
    elif isinstance(path, str | os.PathLike):
        write_files([(os.fspath(path), _dumps(doc).encode("utf-8"))])
    else:
        write_stream(path, _dumps(doc))


def _dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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
    if as_known_on is not None and not isinstance(as_known_on, str):
        raise InvalidArgument(f"as_known_on: expected a dataset version such as '2026.11.0', got {got(as_known_on)}")
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
