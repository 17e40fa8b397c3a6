"""The brief that ``python -m isscoop`` prints: what the data holds, then the NASA–Roscosmos story."""

from __future__ import annotations

from ._dataset import Dataset
from ._model import KINDS, Agreement, Entry, Record, Source


def story(ds: Dataset, a: str = "nasa", b: str = "roscosmos") -> list[Entry]:
    """Timeline entries about agencies ``a`` and ``b``, in date order."""
    pair = frozenset({a, b})
    records: list[Record] = list(ds.officials)
    records += ds.meetings.between(a, b)
    records += [ag for ag in ds.agreements if _concerns(ag, pair)]
    records += [p for p in ds.programs if pair <= {x.agency.id for x in p.participations}]
    entries = [e for r in records for e in r.entries(pair) if e.kind != "tenure-end"]
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.text))


def _concerns(ag: Agreement, pair: frozenset[str]) -> bool:
    ids = {p.id for p in ag.parties}
    return pair <= ids or {"united-states", "russia"} <= ids


def render(ds: Dataset, *, width: int = 100) -> str:
    """The whole brief as text."""
    lines = [
        f"isscoop dataset {ds.version or '(unversioned)'}",
        "  "
        + ", ".join(f"{len(getattr(ds, n))} {n}" for n in [*(c.collection for c in KINDS[1:]), KINDS[0].collection]),
        "  Covers: NASA-Roscosmos contacts 2018-2026, among them the July 2025 visit and talks; the heads of NASA,",
        "  Roscosmos, ESA, JAXA, CSA, CNSA and ISRO since 2018; the integrated-crew flights from 2022; ISS",
        "  end-of-life statements; the 1998 ISS agreements, the seat swap, the Artemis Accords and the ILRS.",
        "  Every line cites the pages that state it.",
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
