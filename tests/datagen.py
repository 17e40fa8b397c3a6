"""Hypothesis strategies that build small, VALID :class:`isscoop.Dataset` objects.

The datasets exercise every part of the format: sources; agencies with dated
names and predecessors; officials with tenures (head posts, acting or not,
attested dates, dated titles); programs with participations, crew,
milestones and a parent; meetings with locations; agreements with history
events and ``extends``/``supersedes`` links; claims (at most one current
preferred claim per field, matching the plain field; superseded preferred
claims with any value); partial dates of every precision, with and without
qualifiers, from year 1 to 9999; periods with known, unknown and open ends;
and text in many scripts, with spaces, controls and astral characters.

Validity rules the generator keeps:

* every reference points at a record of the same dataset (``prefix`` keeps
  the ids of several datasets apart, so that they can be merged without
  overlap);
* same-kind references (predecessors, parent, extends, supersedes) only
  point at records made earlier, so there are no cycles;
* one official at most holds the non-acting head post of an agency, so head
  tenures of different people never overlap (acting heads may);
* a meeting's ``end`` is never before its ``date``;
* a status event has a ``date`` or a ``known_by`` date (or both).

How it is drawn: every choice goes through a :class:`random.Random` that
Hypothesis provides.  ``datasets()`` uses a seeded one (``st.randoms(
use_true_random=True)``): cheap enough for 500 examples a property on a
small machine, reproducible from Hypothesis' seed, but not shrunk.
``datasets(shrinkable=True)`` routes every choice through Hypothesis
(``use_true_random=False``), so failures shrink to small datasets; it is
several times slower.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

from hypothesis import strategies as st

from isscoop import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Claim,
    CrewMember,
    Dataset,
    DatedName,
    Location,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Milestone,
    Official,
    PartialDate,
    Participation,
    Period,
    Program,
    ProgramKind,
    Rank,
    Source,
    StatusEvent,
    Tenure,
)

T = TypeVar("T")

__all__ = [
    "KINDS",
    "NAMES",
    "dataset_and_days",
    "datasets",
    "make_dataset",
    "make_date",
    "make_period",
    "make_text",
    "partial_dates",
    "periods",
]

KINDS: Final = ("sources", "agencies", "officials", "programs", "meetings", "agreements", "coverage")

#: Realistic names, so that lookups by name sometimes hit, collide, or miss.
NAMES: Final = (
    "NASA",
    "Roscosmos",
    "Роскосмос",
    "ESA",
    "Sean Duffy",
    "Dmitry Bakanov",
    "Дмитрий Баканов",
    "International Space Station",
    "Crew-11",
    "Artemis Accords",
    "Bakanov-Duffy talks",
    "Baikonur",
    "Kennedy Space Center, Florida",
    "Jérôme Müller",
    "a",
    "  padded  ",
)

#: Code point ranges for free text: ASCII, Latin-1 and Latin Extended, combining marks,
#: Cyrillic, CJK, line and paragraph separators, private use, astral (emoji, CJK Ext. B).
_RANGES: Final = (
    (0x20, 0x7E),
    (0x09, 0x0D),
    (0xA0, 0x17F),
    (0x300, 0x36F),
    (0x400, 0x4FF),
    (0x4E00, 0x4E80),
    (0x2028, 0x2029),
    (0xE000, 0xE010),
    (0xFEFF, 0xFEFF),
    (0x1F600, 0x1F64F),
    (0x20000, 0x20010),
)


def make_text(rng: random.Random, max_size: int = 10) -> str:
    """Non-blank text: usually a realistic name, else any mix of the ranges above (never a lone surrogate)."""
    if rng.random() < 0.7:
        return rng.choice(NAMES)
    chars = []
    for _ in range(rng.randint(1, max_size)):
        lo, hi = rng.choice(_RANGES)
        chars.append(chr(rng.randint(lo, hi)))
    text = "".join(chars)
    return text if text.strip() else text + "x"


def make_version(rng: random.Random) -> str:
    return f"{rng.randint(2000, 2099)}.{rng.randint(1, 12)}.{rng.randint(0, 30)}"


def _year(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.7:
        return rng.randint(1990, 2030)
    if r < 0.8:
        return rng.choice((1, 2, 9998, 9999))
    return rng.randint(1, 9999)


def make_date(rng: random.Random) -> PartialDate:
    """A valid partial date: year, month or day precision; approximate and/or uncertain or neither."""
    year = _year(rng)
    precision = rng.choice(("year", "month", "day"))
    month = None if precision == "year" else rng.randint(1, 12)
    day = None
    if precision == "day":
        assert month is not None
        day = rng.randint(1, calendar.monthrange(year, month)[1])
    qualifier = rng.choice(("", "", "", "~", "?", "%"))
    return PartialDate(
        year=year,
        month=month,
        day=day,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def _ordered(a: PartialDate, b: PartialDate) -> tuple[PartialDate, PartialDate]:
    """The two dates in an order a period accepts (start's first day not after end's last day)."""
    if a.bounds()[0] <= b.bounds()[1]:
        return a, b
    return b, a


def make_period(rng: random.Random) -> Period:
    """A valid period: each side a date, unknown (empty) or open (``..``)."""
    start_form = rng.choice(("date", "date", "unknown", "open"))
    end_form = rng.choice(("date", "date", "unknown", "open"))
    a, b = make_date(rng), make_date(rng)
    if start_form == "date" and end_form == "date":
        a, b = _ordered(a, b)
    return Period(
        start=a if start_form == "date" else None,
        end=b if end_form == "date" else None,
        open_start=start_form == "open",
        open_end=end_form == "open",
    )


def _maybe(rng: random.Random, make: Callable[[random.Random], T], p: float = 0.5) -> T | None:
    return make(rng) if rng.random() < p else None


def _some(rng: random.Random, items: Sequence[T], max_size: int = 2, min_size: int = 0) -> tuple[T, ...]:
    """A few distinct items of ``items``, in a random order."""
    lo, hi = min(min_size, len(items)), min(max_size, len(items))
    return tuple(rng.sample(list(items), rng.randint(lo, hi)))


def _opt_one(rng: random.Random, items: Sequence[T]) -> T | None:
    if not items or rng.random() < 0.5:
        return None
    return rng.choice(list(items))


def _texts(rng: random.Random, max_size: int = 2) -> tuple[str, ...]:
    return tuple(make_text(rng) for _ in range(rng.randint(0, max_size)))


def _cite(rng: random.Random, sources: Sequence[Source]) -> tuple[Source, ...]:
    """The sources of a record: usually one or two, now and then none."""
    return _some(rng, sources, max_size=2, min_size=0 if rng.random() < 0.1 else 1)


def _dated_names(rng: random.Random, sources: Sequence[Source], max_size: int = 2) -> tuple[DatedName, ...]:
    return tuple(
        DatedName(
            name=make_text(rng),
            period=make_period(rng),
            aliases=_texts(rng, 1),
            sources=_some(rng, sources, max_size=1),
            note=_maybe(rng, make_text, 0.3),
        )
        for _ in range(rng.randint(0, max_size))
    )


def _record_extras(rng: random.Random) -> dict[str, Any]:
    """``note``, ``added_in`` and ``superseded_in``, each often absent."""
    out: dict[str, Any] = {}
    if rng.random() < 0.5:
        out["note"] = make_text(rng)
    if rng.random() < 0.25:
        out["added_in"] = make_version(rng)
    if rng.random() < 0.15:
        out["superseded_in"] = make_version(rng)
    return out


def _claims(
    rng: random.Random,
    plain: dict[str, Any],
    values: dict[str, Callable[[random.Random], Any]],
    sources: Sequence[Source],
    speakers: Sequence[Official | Agency],
) -> tuple[Claim, ...]:
    """Claims about the claimable fields: at most one current preferred claim per field,
    whose value is the plain field's value; the other claims have any value."""
    out: list[Claim] = []
    for field, make in values.items():
        for _ in range(rng.choice((0, 0, 1, 2))):
            rank = rng.choice((Rank.NORMAL, Rank.DEPRECATED, Rank.PREFERRED))
            superseded = make_version(rng) if rank is Rank.PREFERRED else _maybe(rng, make_version, 0.2)
            out.append(
                Claim(
                    field=field,
                    value=make(rng),
                    rank=rank,
                    reason=_maybe(rng, make_text, 0.3),
                    stated_by=_opt_one(rng, speakers),
                    stated_on=_maybe(rng, make_date),
                    sources=_some(rng, sources, max_size=2),
                    note=_maybe(rng, make_text, 0.2),
                    added_in=_maybe(rng, make_version, 0.2),
                    superseded_in=superseded,
                )
            )
        if plain[field] is not None and rng.random() < 0.4:
            out.insert(
                rng.randint(0, len(out)),
                Claim(
                    field=field,
                    value=plain[field],
                    rank=Rank.PREFERRED,
                    reason=_maybe(rng, make_text, 0.5),
                    stated_by=_opt_one(rng, speakers),
                    sources=_some(rng, sources, max_size=1),
                ),
            )
    return tuple(out)


def _location(rng: random.Random) -> Location:
    return Location(place=make_text(rng), country=rng.choice((None, "US", "RU", "KZ", "FR", "JP")))


def make_dataset(
    rng: random.Random,
    prefix: str = "",
    sizes: tuple[int, int, int, int, int, int] = (3, 3, 3, 3, 2, 2),
) -> Dataset:
    """A small valid dataset whose ids all start with ``prefix`` (e.g. ``"a-"``).

    ``sizes`` are the most sources, agencies, officials, programs, meetings and
    agreements; there is always at least one source and one agency.
    """
    n_src, n_ag, n_off, n_prog, n_meet, n_agr = sizes

    def ident(kind: str, i: int) -> str:
        return f"{prefix}{kind}-{i}"

    sources = [
        Source(
            id=ident("src", i),
            url=f"https://example.org/{prefix}{i}",
            publisher=make_text(rng),
            published=_maybe(rng, make_date),
            title=_maybe(rng, make_text),
            note=_maybe(rng, make_text, 0.2),
        )
        for i in range(rng.randint(1, max(1, n_src)))
    ]

    agencies: list[Agency] = []
    for i in range(rng.randint(1, max(1, n_ag))):
        agencies.append(
            Agency(
                id=ident("ag", i),
                name=make_text(rng),
                kind=rng.choice(list(AgencyKind)),
                acronym=_maybe(rng, make_text),
                country=rng.choice((None, "US", "RU", "CN", "JP")),
                aliases=_texts(rng),
                founded=_maybe(rng, make_date),
                names=_dated_names(rng, sources),
                predecessors=_some(rng, agencies, max_size=2),
                sources=_cite(rng, sources),
                **_record_extras(rng),
            )
        )

    head_holder: dict[str, str] = {}  # agency id -> the one official with non-acting head tenures
    officials: list[Official] = []
    for i in range(rng.randint(0, n_off)):
        oid = ident("off", i)
        tenures = []
        for _ in range(rng.randint(0, 2)):
            agency = rng.choice(agencies)
            head = rng.random() < 0.6
            acting = rng.random() < 0.3
            if head and not acting and head_holder.setdefault(agency.id, oid) != oid:
                acting = True  # someone else holds this post; an acting head may overlap
            tenures.append(
                Tenure(
                    post=make_text(rng),
                    agency=agency,
                    period=make_period(rng),
                    acting=acting,
                    head=head,
                    attested=tuple(make_date(rng) for _ in range(rng.choice((0, 0, 1, 2)))),
                    titles=_dated_names(rng, sources, 1),
                    sources=_some(rng, sources, max_size=1),
                    note=_maybe(rng, make_text, 0.2),
                )
            )
        officials.append(
            Official(
                id=oid,
                name=make_text(rng),
                aliases=_texts(rng),
                tenures=tuple(tenures),
                sources=_cite(rng, sources),
                **_record_extras(rng),
            )
        )

    speakers: list[Official | Agency] = [*officials, *agencies]
    programs: list[Program] = []
    for i in range(rng.randint(0, n_prog)):
        period = make_period(rng)
        planned_end = _maybe(rng, make_date)
        programs.append(
            Program(
                id=ident("prog", i),
                name=make_text(rng),
                kind=rng.choice(list(ProgramKind)),
                aliases=_texts(rng, 1),
                lead=_opt_one(rng, agencies),
                parent=_opt_one(rng, programs),
                period=period,
                planned_end=planned_end,
                participations=tuple(
                    Participation(
                        agency=rng.choice(agencies),
                        role=make_text(rng),
                        period=_maybe(rng, make_period),
                        sources=_some(rng, sources, max_size=1),
                        note=_maybe(rng, make_text, 0.2),
                    )
                    for _ in range(rng.randint(0, 2))
                ),
                crew=tuple(
                    CrewMember(
                        person=rng.choice(officials),
                        agency=rng.choice(agencies),
                        role=make_text(rng),
                        note=_maybe(rng, make_text, 0.2),
                    )
                    for _ in range(rng.randint(0, 2) if officials else 0)
                ),
                milestones=tuple(
                    Milestone(
                        date=make_date(rng),
                        what=make_text(rng),
                        note=_maybe(rng, make_text, 0.2),
                        sources=_some(rng, sources, max_size=1),
                    )
                    for _ in range(rng.randint(0, 2))
                ),
                statements=_claims(
                    rng,
                    {"planned_end": planned_end, "period": period},
                    {"planned_end": make_date, "period": make_period},
                    sources,
                    speakers,
                ),
                sources=_cite(rng, sources),
                **_record_extras(rng),
            )
        )

    meetings: list[Meeting] = []
    for i in range(rng.randint(0, n_meet)):
        date = make_date(rng)
        end = None
        if rng.random() < 0.4:
            date, end = _ordered(date, make_date(rng))
        location = _maybe(rng, _location)
        since = _maybe(rng, make_text, 0.3)
        meetings.append(
            Meeting(
                id=ident("meet", i),
                title=make_text(rng),
                kind=rng.choice(list(MeetingKind)),
                date=date,
                end=end,
                status=rng.choice(list(MeetingStatus)),
                location=location,
                in_person=rng.choice((None, True, False)),
                participants=_some(rng, officials, max_size=3),
                agencies=_some(rng, agencies, max_size=3),
                programs=_some(rng, programs, max_size=2),
                topics=_texts(rng),
                outcomes=_texts(rng, 1),
                since_last_heads_meeting=since,
                statements=_claims(
                    rng,
                    {"location": location, "date": date, "since_last_heads_meeting": since},
                    {"location": _location, "date": make_date, "since_last_heads_meeting": make_text},
                    sources,
                    speakers,
                ),
                sources=_cite(rng, sources),
                **_record_extras(rng),
            )
        )

    agreements: list[Agreement] = []
    for i in range(rng.randint(0, n_agr)):
        signed = _maybe(rng, make_date)
        end = _maybe(rng, make_date, 0.3)
        events = []
        for _ in range(rng.randint(0, 3)):
            when = rng.choice(("date", "date", "known_by", "both"))
            events.append(
                StatusEvent(
                    status=rng.choice(list(AgreementStatus)),
                    date=make_date(rng) if when != "known_by" else None,
                    known_by=make_date(rng) if when != "date" else None,
                    party=_opt_one(rng, agencies),
                    end=_maybe(rng, make_date, 0.2),
                    sources=_some(rng, sources, max_size=1),
                    note=_maybe(rng, make_text, 0.2),
                )
            )
        agreements.append(
            Agreement(
                id=ident("agr", i),
                title=make_text(rng),
                kind=rng.choice(list(AgreementKind)),
                aliases=_texts(rng, 1),
                parties=_some(rng, agencies, max_size=3),
                signatories=_some(rng, officials, max_size=2),
                programs=_some(rng, programs, max_size=2),
                signed=signed,
                end=end,
                extends=_opt_one(rng, agreements),
                supersedes=_opt_one(rng, agreements),
                events=tuple(events),
                statements=_claims(
                    rng,
                    {"signed": signed, "end": end},
                    {"signed": make_date, "end": make_date},
                    sources,
                    speakers,
                ),
                sources=_cite(rng, sources),
                **_record_extras(rng),
            )
        )

    return Dataset(
        sources=tuple(sources),
        agencies=tuple(agencies),
        officials=tuple(officials),
        programs=tuple(programs),
        meetings=tuple(meetings),
        agreements=tuple(agreements),
        version=_maybe(rng, make_version),
    )


def datasets(prefix: str = "", *, shrinkable: bool = False, most: int = 3) -> st.SearchStrategy[Dataset]:
    """Small valid datasets with at most ``most`` records of each kind (2 meetings, 2 agreements);
    see the module docstring for ``shrinkable``."""
    sizes = st.tuples(
        st.integers(1, most),
        st.integers(1, most),
        st.integers(0, most),
        st.integers(0, most),
        st.integers(0, min(most, 2)),
        st.integers(0, min(most, 2)),
    )
    return st.builds(
        lambda rng, n: make_dataset(rng, prefix, n),
        st.randoms(use_true_random=not shrinkable, note_method_calls=False),
        sizes,
    )


def partial_dates() -> st.SearchStrategy[PartialDate]:
    return st.randoms(use_true_random=True).map(make_date)


def periods() -> st.SearchStrategy[Period]:
    return st.randoms(use_true_random=True).map(make_period)


def dates_in(ds: Dataset) -> list[PartialDate]:
    """Dates that appear in a dataset, to ask queries about days where answers change."""
    found: list[PartialDate] = []
    for m in ds.meetings:
        found.extend(d for d in (m.date, m.end) if d is not None)
    for p in ds.programs:
        found.extend(d for d in (p.period.start, p.period.end, p.planned_end) if d is not None)
    for o in ds.officials:
        for t in o.tenures:
            found.extend(d for d in (t.period.start, t.period.end, *t.attested) if d is not None)
    for a in ds.agreements:
        found.extend(d for e in a.events for d in (e.date, e.known_by) if d is not None)
        found.extend(d for d in (a.signed, a.end) if d is not None)
    for g in ds.agencies:
        if g.founded is not None:
            found.append(g.founded)
    return found


def _with_days(rng: random.Random, ds: Dataset) -> tuple[Dataset, tuple[PartialDate, ...]]:
    own = dates_in(ds)
    days = list(_some(rng, own, max_size=3))
    days.extend(make_date(rng) for _ in range(rng.randint(1, 2)))
    return ds, tuple(days)


def dataset_and_days(*, shrinkable: bool = False) -> st.SearchStrategy[tuple[Dataset, tuple[PartialDate, ...]]]:
    """A dataset and a few days to query it on: some of its own dates, some arbitrary ones."""
    return st.builds(_with_days, st.randoms(use_true_random=not shrinkable), datasets(shrinkable=shrinkable))
