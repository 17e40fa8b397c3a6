"""Mutation test of the loader: one fault at a time, injected into the bundled data files.

The bundled files (``isscoop/data/*.json``) are read as plain JSON.  For each
fault type, a copy is made with ONE fault at one place; the mutated file is
written to a temporary folder and loaded together with the untouched files.
Every fault must be reported -- and only that fault -- at the exact JSON path
of the mutated value, in the mutated file, on the line its record starts
(the line is computed here independently, from the indented text).

Fault types: a dangling reference, a reference to a record of the wrong kind,
a reversed period, a duplicate id (same kind and across kinds), a wrong type,
a missing source (with ``strict=True``), a bad EDTF date and an unknown field.
Each is injected at a deterministic sample of at least 50 places (every place
if there are fewer; every place of every type with ``ISSCOOP_MUTATION_ALL=1``).
The detection rate must be 100%.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest

import isscoop

DATA: Final = Path(isscoop.__file__).parent / "data"
FILES: Final = tuple(sorted(p.name for p in DATA.glob("*.json")))
KIND_FILE: Final = {name[: -len(".json")]: name for name in FILES if name != "dataset.json"}
PER_FAULT: Final = 10**9 if os.environ.get("ISSCOOP_MUTATION_ALL") else 50
MISSING_ID: Final = "no-such-record-zz"


def _read(name: str) -> dict[str, Any]:
    doc = json.loads((DATA / name).read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


ORIGINAL: Final = {name: _read(name) for name in FILES}
ALL_IDS: Final = {r["id"]: kind for kind, name in KIND_FILE.items() for r in ORIGINAL[name][kind]}


# -- places in the data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A value in a data file: its JSON path, its container and key, and its normalized path."""

    file: str
    path: str
    shape: str  # the path with indices removed: $.meetings[].participants[]
    parent: Any
    key: str | int
    value: Any

    @property
    def kind(self) -> str:
        m = re.match(r"\$\.(\w+)", self.path)
        assert m
        return m.group(1)

    @property
    def record(self) -> str:
        m = re.match(r"\$\.\w+\[\d+\]", self.path)
        assert m
        return m.group()


def _walk(value: Any, path: str, shape: str, parent: Any, key: str | int, file: str) -> Iterator[Slot]:
    yield Slot(file, path, shape, parent, key, value)
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{path}.{k}", f"{shape}.{k}", value, k, file)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]", f"{shape}[]", value, i, file)


def slots(doc: dict[str, Any], file: str) -> list[Slot]:
    return list(_walk(doc, "$", "$", None, "", file))


#: Where references are, by normalized path; the value is the kinds they may name.
_REFS: Final = {
    r"\$\.(?!sources\[)\w+\[\]\.sources\[\]": "sources",
    r"\$\.\w+\[\]\..*\.sources\[\]": "sources",
    r"\$\.\w+\[\]\.claims\[\]\.stated_by": "officials agencies",
    r"\$\.agencies\[\]\.predecessors\[\]": "agencies",
    r"\$\.officials\[\]\.tenures\[\]\.agency": "agencies",
    r"\$\.programs\[\]\.(lead|participants\[\]\.agency|crew\[\]\.agency)": "agencies",
    r"\$\.programs\[\]\.parent": "programs",
    r"\$\.programs\[\]\.crew\[\]\.person": "officials",
    r"\$\.meetings\[\]\.participants\[\]": "officials",
    r"\$\.meetings\[\]\.agencies\[\]": "agencies",
    r"\$\.(meetings|agreements)\[\]\.programs\[\]": "programs",
    r"\$\.agreements\[\]\.(parties\[\]|history\[\]\.party)": "agencies",
    r"\$\.agreements\[\]\.signatories\[\]": "officials",
    r"\$\.agreements\[\]\.(extends|supersedes)": "agreements",
}

_DATES: Final = (
    r"\$\.sources\[\]\.published",
    r"\$\.agencies\[\]\.founded",
    r"\$\.officials\[\]\.tenures\[\]\.attested\[\]",
    r"\$\.programs\[\]\.(planned_end|milestones\[\]\.date)",
    r"\$\.meetings\[\]\.(date|end)",
    r"\$\.agreements\[\]\.(signed|end|history\[\]\.(date|known_by|end))",
    r"\$\.\w+\[\]\.claims\[\]\.stated_on",
)
_PERIODS: Final = (
    r"\$\.officials\[\]\.tenures\[\]\.(period|titles\[\]\.period)",
    r"\$\.programs\[\]\.(period|participants\[\]\.period)",
    r"\$\.agencies\[\]\.names\[\]\.period",
)


def _matches(patterns: Any, shape: str) -> bool:
    return any(re.fullmatch(p, shape) for p in patterns)


def ref_kinds(slot: Slot) -> str | None:
    if not isinstance(slot.value, str):
        return None
    for pattern, kinds in _REFS.items():
        if re.fullmatch(pattern, slot.shape):
            return kinds
    return None


def _claim_field(slot: Slot) -> str | None:
    """For a claim's ``value``, the field it is about."""
    if slot.shape.endswith(".claims[].value") and isinstance(slot.parent, dict):
        field = slot.parent.get("field")
        return field if isinstance(field, str) else None
    return None


def is_date(slot: Slot) -> bool:
    if _claim_field(slot) in ("planned_end", "date", "signed", "end"):
        return True
    return _matches(_DATES, slot.shape)


def is_period(slot: Slot) -> bool:
    return _claim_field(slot) == "period" or _matches(_PERIODS, slot.shape)


# -- the faults -----------------------------------------------------------------------------------------


@dataclass
class Mutation:
    """One fault: the mutated copy of a file, and the problem it must give."""

    fault: str
    file: str
    doc: dict[str, Any]
    path: str  # the exact JSON path of the fault
    message: str  # a regular expression the problem's message must match
    strict: bool = False


def _sample(items: list[Any], fault: str, n: int = PER_FAULT) -> list[Any]:
    """A deterministic sample; one of every normalized path first, so that every kind of place is tried."""
    if len(items) <= n:
        return items
    rng = random.Random(fault)
    firsts: dict[str, Any] = {}
    for item in items:
        firsts.setdefault(getattr(item, "shape", ""), item)
    chosen = list(firsts.values())
    rng.shuffle(chosen)
    chosen = chosen[:n]
    rest = [i for i in items if all(i is not c for c in chosen)]
    chosen += rng.sample(rest, max(0, n - len(chosen)))
    return chosen


def _all_slots(test: Callable[[Slot], bool]) -> list[Slot]:
    out: list[Slot] = []
    for name in FILES:
        out.extend(s for s in slots(ORIGINAL[name], name) if s.path.startswith("$.") and "[" in s.path and test(s))
    return out


def _mutate(slot: Slot, fault: str, message: str, change: Callable[[Any, str | int], None], **kw: Any) -> Mutation:
    """Apply ``change(container, key)`` to a fresh copy of the slot's file."""
    doc = copy.deepcopy(ORIGINAL[slot.file])
    target = {s.path: s for s in slots(doc, slot.file)}[slot.path]
    change(target.parent, target.key)
    return Mutation(fault, slot.file, doc, slot.path, message, **kw)


def _set(value: Any) -> Callable[[Any, str | int], None]:
    def change(parent: Any, key: str | int) -> None:
        parent[key] = value

    return change


def dangling_references() -> list[Mutation]:
    places = _sample(_all_slots(lambda s: ref_kinds(s) is not None), "dangling")
    return [_mutate(s, "dangling reference", r"^unknown reference", _set(MISSING_ID)) for s in places]


def wrong_kind_references() -> list[Mutation]:
    """A reference to a record that exists, but is of another kind."""
    out = []
    for s in _sample(_all_slots(lambda s: ref_kinds(s) is not None), "wrong-kind"):
        kinds = str(ref_kinds(s)).split()
        other = next(i for i, k in ALL_IDS.items() if k not in kinds)
        out.append(_mutate(s, "wrong-kind reference", r"^unknown reference", _set(other)))
    return out


_DAY: Final = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _span(text: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """First and last day of an unqualified EDTF date, as (y, m, d) tuples."""
    m = _DAY.match(text)
    if m is None:
        return None
    y, mo, d = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    first = (y, mo or 1, d or 1)
    last = (y, mo or 12, d or 31)
    return first, last


def _reversed(period: Any) -> str:
    """The period turned back to front: its end before its start."""
    if isinstance(period, str) and period.count("/") == 1:
        a, b = period.split("/")
        sa, sb = _span(a), _span(b)
        if sa and sb and sb[0] > sa[1]:  # B begins after A ends: B/A is reversed for sure
            return f"{b}/{a}"
        for side in (sa, sb):
            if side:
                y = side[0][0]
                return f"{min(y + 2, 9999)}/{y}" if y < 9999 else "9999/9997"
    return "2025-03-01/2024-12-31"


def reversed_periods() -> list[Mutation]:
    places = _sample(_all_slots(is_period), "reversed")
    return [
        _mutate(s, "reversed period", r"^bad period: .*on or after the start", _set(_reversed(s.value))) for s in places
    ]


def duplicate_ids() -> list[Mutation]:
    """A copy of a record appended to its own array; and records of one kind given another kind's id."""
    out = []
    records = _all_slots(lambda s: bool(re.fullmatch(r"\$\.\w+\[\]", s.shape)))
    for s in _sample(records, "duplicate"):
        doc = copy.deepcopy(ORIGINAL[s.file])
        items = doc[s.kind]
        items.append(copy.deepcopy(s.value))
        out.append(Mutation("duplicate id", s.file, doc, f"$.{s.kind}[{len(items) - 1}].id", r"^duplicate id"))
    # sources.json is read last: a new source there with the id of a record of another kind
    for other_kind in ("agencies", "officials", "programs", "meetings", "agreements"):
        for record in ORIGINAL[KIND_FILE[other_kind]][other_kind][:3]:
            doc = copy.deepcopy(ORIGINAL["sources.json"])
            doc["sources"].append({**doc["sources"][0], "id": record["id"]})
            path = f"$.sources[{len(doc['sources']) - 1}].id"
            out.append(Mutation("duplicate id", "sources.json", doc, path, r"^duplicate id"))
    return out


def _wrong_value(value: Any) -> Any:
    """A value of another JSON type than ``value``, and one no field of its kind accepts."""
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, str) or value is None:
        return 12345
    if isinstance(value, list):
        return "not an array"
    if isinstance(value, dict):
        return ["not", "an", "object"]
    return [value]


def wrong_types() -> list[Mutation]:
    def wanted(s: Slot) -> bool:
        # not an id (the record could not be named then) and not a claim's "field" (another message)
        return not s.path.endswith(".id") and not s.shape.endswith("claims[].field") and s.shape.count("[]") >= 1

    places = _sample(_all_slots(lambda s: wanted(s) and s.shape.count(".") >= 2), "wrong-type")
    out = [
        _mutate(
            s,
            "wrong type",
            r"^(wrong type|bad reference|unknown value|bad country code|bad version)",
            _set(_wrong_value(s.value)),
        )
        for s in places
    ]
    # a whole array of the wrong type (of records nothing refers to), and a version that is not a string
    doc = copy.deepcopy(ORIGINAL["meetings.json"])
    doc["meetings"] = {"not": "an array"}
    out.append(Mutation("wrong type", "meetings.json", doc, "$.meetings", r"^wrong type"))
    doc = copy.deepcopy(ORIGINAL["dataset.json"])
    doc["version"] = 2026.11
    out.append(Mutation("wrong type", "dataset.json", doc, "$.version", r"^bad version"))
    return out


def missing_sources() -> list[Mutation]:
    records = _all_slots(lambda s: bool(re.fullmatch(r"\$\.(?!sources)\w+\[\]", s.shape)))
    out = []
    for i, s in enumerate(_sample(records, "missing-source")):
        doc = copy.deepcopy(ORIGINAL[s.file])
        record = doc[s.kind][int(s.path.rsplit("[", 1)[1][:-1])]
        if i % 2 == 0:
            record["sources"] = []  # every source id removed from the list
        else:
            del record["sources"]  # the key left out
        out.append(Mutation("missing source", s.file, doc, f"{s.path}.sources", r"^no source", strict=True))
    return out


_BAD_DATES: Final = (
    "2025-13",
    "2025-02-30",
    "2023-02-29",
    "2025-00",
    "2025-07-00",
    "Y2025",
    "20255",
    "July 2025",
    "2025-7-31",
    "2025-07-31X",
    "",
    "2025~~",
    "-2025",
    "Y12345",
    "2025-25",
    "2025-1X",
    "2025-07-32",
    "2025-06-31",
    "31.07.2025",
    "x" * 300,
)


def bad_dates() -> list[Mutation]:
    out = []
    places = _sample(_all_slots(lambda s: is_date(s) or is_period(s)), "bad-date")
    for i, s in enumerate(places):
        bad = _BAD_DATES[i % len(_BAD_DATES)]
        if is_period(s):
            bad = bad or "2025-13"  # an empty side is an unknown end, not a mistake
            bad = f"{bad}/.." if i % 2 else f"2020/{bad}"
            out.append(_mutate(s, "bad EDTF date", r"^bad period", _set(bad)))
        else:
            out.append(_mutate(s, "bad EDTF date", r"^bad date", _set(bad)))
    return out


def unknown_fields() -> list[Mutation]:
    places = _sample(_all_slots(lambda s: isinstance(s.value, dict)), "unknown-field")
    out = []
    for i, s in enumerate(places):
        key = ("colour", "Title", "sources_", "x-extra", "émoji🚀")[i % 5]

        def change(parent: Any, k: str | int, key: str = key) -> None:
            parent[k][key] = True

        m = _mutate(s, "unknown field", r"^unknown field", change)
        m.path = f"{s.path}.{key}"
        out.append(m)
    for name in FILES:  # an unknown array at the top of a file
        doc = copy.deepcopy(ORIGINAL[name])
        doc["meeting"] = []
        message = r"^unknown record type \(did you mean 'meetings'\?\)"
        out.append(Mutation("unknown field", name, doc, "$.meeting", message))
    return out


FAULTS: Final[dict[str, Callable[[], list[Mutation]]]] = {
    "dangling reference": dangling_references,
    "wrong-kind reference": wrong_kind_references,
    "reversed period": reversed_periods,
    "duplicate id": duplicate_ids,
    "wrong type": wrong_types,
    "missing source": missing_sources,
    "bad EDTF date": bad_dates,
    "unknown field": unknown_fields,
}


# -- running them ---------------------------------------------------------------------------------------


def record_lines(text: str, kind: str) -> list[int]:
    """The line each record of ``kind`` starts on, in a file written with ``indent=2``."""
    lines = text.split("\n")
    start = lines.index(f'  "{kind}": [')
    return [n + 1 for n in range(start + 1, len(lines)) if lines[n] == "    {"]


def expected_line(m: Mutation, text: str) -> int | None:
    found = re.match(r"\$\.(\w+)\[(\d+)\]", m.path)
    if found is None:
        return None
    return record_lines(text, found.group(1))[int(found.group(2))]


def run(m: Mutation, folder: Path) -> list[str]:
    """Load the mutated copy; the ways the result falls short (empty: the fault was reported, alone)."""
    target = folder / m.file
    text = json.dumps(m.doc, ensure_ascii=False, indent=2)
    target.write_text(text, encoding="utf-8")
    paths = [target if name == m.file else DATA / name for name in FILES]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", isscoop.IsscoopWarning)
            isscoop.load(*paths, strict=m.strict)
    except isscoop.DatasetError as e:
        problems = e.problems
    except Exception as e:
        return [f"{type(e).__name__} instead of DatasetError: {e}"]
    else:
        return ["loaded without a problem"]
    failures = []
    hits = [p for p in problems if p.path == m.path]
    shown = [str(p)[:200] for p in problems[:3]]
    if not hits:
        failures.append(f"no problem at {m.path}; got {len(problems)}: {shown}")
    elif len(problems) != 1:
        failures.append(f"{len(problems)} problems, expected 1: {shown}")
    for p in hits:
        if not re.search(m.message, p.message):
            failures.append(f"message {p.message!r} does not match {m.message!r}")
        if p.file != str(target):
            failures.append(f"file {p.file!r}, expected {str(target)!r}")
        line = expected_line(m, text)
        if line is not None and p.line != line:
            failures.append(f"line {p.line}, expected {line}")
    return failures


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_injected_fault_is_reported_alone_at_its_path(fault: str) -> None:
    mutations = FAULTS[fault]()
    assert len(mutations) >= 50, len(mutations)
    failed: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for m in mutations:
            problems = run(m, Path(folder))
            if problems:
                failed[f"{m.file}: {m.path}"] = problems
    detected = len(mutations) - len(failed)
    rate = f"{fault}: {detected}/{len(mutations)} detected exactly ({100 * detected / len(mutations):.1f}%)"
    print(rate)
    assert not failed, rate + "\n" + "\n".join(f"{k}: {v}" for k, v in list(failed.items())[:10])


def test_the_unmutated_files_load_cleanly() -> None:
    """The baseline: the copies as written here load, so every problem above comes from its fault."""
    with tempfile.TemporaryDirectory() as folder:
        for name in FILES:
            (Path(folder) / name).write_text(json.dumps(ORIGINAL[name], ensure_ascii=False, indent=2), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("error", isscoop.IsscoopWarning)
            ds = isscoop.load(folder, strict=True)
    assert ds == isscoop.dataset()


def test_a_missing_source_without_strict_is_one_warning() -> None:
    """Without ``strict``, a record with no source loads, with one IsscoopWarning naming it."""
    name = KIND_FILE["meetings"]
    doc = copy.deepcopy(ORIGINAL[name])
    doc["meetings"][4]["sources"] = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        target.write_text(json.dumps(doc), encoding="utf-8")
        paths = [target if n == name else DATA / n for n in FILES]
        with pytest.warns(isscoop.IsscoopWarning) as caught:
            ds = isscoop.load(*paths)
    assert len(caught) == 1
    assert "$.meetings[4]" in str(caught[0].message)
    assert ds.unsourced() == (ds.meetings.get(doc["meetings"][4]["id"]),)


def test_a_meeting_that_ends_before_it_begins_is_a_problem() -> None:
    name = KIND_FILE["meetings"]
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        for i, meeting in enumerate(ORIGINAL[name]["meetings"]):
            doc = copy.deepcopy(ORIGINAL[name])
            year = int(meeting["date"][:4])
            doc["meetings"][i]["end"] = str(year - 1)
            m = Mutation("reversed period", name, doc, f"$.meetings[{i}].end", r"before|after|on or after")
            failures += run(m, Path(folder))
    assert not failures, failures[:3]
