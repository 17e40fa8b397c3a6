"""The brief that ``python -m isscoop`` prints: what the data holds, then the NASA–Roscosmos story."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ._dataset import Dataset
from ._dates import PartialDate
from ._model import Agreement, Meeting, Official, Program, Rank, Source


@attrs.frozen(kw_only=True)
class Entry:
    """One line of a timeline: a date at its own precision, words, and sources."""

    date: PartialDate
    text: str
    sources: tuple[Source, ...]


def story(ds: Dataset, a: str = "nasa", b: str = "roscosmos") -> list[Entry]:
    """Timeline entries about agencies ``a`` and ``b``, in date order."""
    entries: list[Entry] = []
    pair = {a, b}
    for o in ds.officials:
        entries.extend(_tenure_entries(o, pair))
    for m in ds.meetings.between(a, b):
        entries.append(_meeting_entry(m))
    for ag in ds.agreements:
        if _concerns(ag, pair):
            entries.extend(_agreement_entries(ag))
    for p in ds.programs:
        ids = {x.agency.id for x in p.participations}
        if pair <= ids:
            entries.extend(_program_entries(p))
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.text))


def _concerns(ag: Agreement, pair: set[str]) -> bool:
    ids = {p.id for p in ag.parties}
    return pair <= ids or {"united-states", "russia"} <= ids


def _tenure_entries(o: Official, pair: set[str]) -> Iterable[Entry]:
    for t in o.tenures:
        if t.head and t.agency.id in pair and t.start is not None:
            acting = "acting " if t.acting else ""
            yield Entry(
                date=t.start,
                text=f"{o.name} becomes {acting}head of {t.agency.label} ({t.post})",
                sources=t.sources or o.sources,
            )


def _meeting_entry(m: Meeting) -> Entry:
    who = ", ".join(p.name for p in m.participants)
    where = f" at {m.location}" if m.location else ""
    others = [c for c in m.claims("location") if c.rank is not Rank.PREFERRED]
    if others:
        where += " (other reports: " + "; ".join(str(c.value) for c in others) + ")"
    status = "" if m.status.value == "held" else f" [{m.status}]"
    return Entry(date=m.date, text=f"{m.title}: {who}{where}{status}", sources=m.sources)


def _agreement_entries(ag: Agreement) -> Iterable[Entry]:
    for e in ag.events:
        if e.date is None or e.party is not None:
            continue
        end = f", to {e.end}" if e.end else ""
        yield Entry(date=e.date, text=f"{ag.title}: {e.status.label}{end}", sources=e.sources or ag.sources)


def _program_entries(p: Program) -> Iterable[Entry]:
    for m in p.milestones:
        yield Entry(date=m.date, text=f"{p.name}: {m.what}", sources=m.sources or p.sources)
    for c in p.claims("planned_end"):
        if c.stated_on is not None and c.rank is not Rank.DEPRECATED:
            who = f"{c.stated_by.label}: " if c.stated_by else ""
            yield Entry(
                date=c.stated_on,
                text=f"{who}{p.name} planned end {c.value}",
                sources=c.sources,
            )


def render(ds: Dataset, *, width: int = 100) -> str:
    """The whole brief as text."""
    lines = [
        f"isscoop dataset {ds.version or '(unversioned)'}",
        "  "
        + ", ".join(
            f"{len(getattr(ds, n))} {n}"
            for n in ("agencies", "officials", "programs", "meetings", "agreements", "sources")
        ),
        "  Covers: the July 2025 Bakanov-Duffy talks and Crew-11; NASA and Roscosmos heads since 2018;",
        "  ISS end-of-life statements 2021-2026; ISS, seat-swap, Artemis and ILRS agreements.",
        "  Dates are shown at their own precision (2025-05 is a month). [n] marks a source, listed below.",
        "",
        "NASA and Roscosmos, in date order:",
    ]
    numbers: dict[str, int] = {}
    cited: list[Source] = []
    for e in story(ds):
        marks = []
        for s in e.sources[:3]:
            if s.id not in numbers:
                numbers[s.id] = len(numbers) + 1
                cited.append(s)
            marks.append(f"[{numbers[s.id]}]")
        lines.append(f"  {e.date!s:<11} {e.text} {''.join(marks)}")
    lines += ["", "Sources:"]
    lines += [f"  [{numbers[s.id]}] {s}" for s in cited]
    return "\n".join(lines) + "\n"
