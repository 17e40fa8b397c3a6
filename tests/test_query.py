"""Queries: the sequence protocol, lookups, search, selection by records and by time, picking one.

Most tests run on a small hand-built :class:`isscoop.Dataset` whose answers are
known exactly; the last section asks the same questions of the bundled data.
"""

from __future__ import annotations

import pytest

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Dataset,
    Location,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Official,
    PartialDate,
    Participation,
    Program,
    ProgramKind,
    Source,
    StatusEvent,
    Tenure,
)

SRC = Source(id="src-a", url="https://example.org/a", publisher="Example")


def _agency(id: str, name: str, kind: AgencyKind, **extra: object) -> Agency:
    return Agency(id=id, name=name, kind=kind, sources=[SRC], **extra)  # type: ignore[arg-type]


NASA = _agency("nasa", "National Aeronautics and Space Administration", AgencyKind.SPACE_AGENCY, acronym="NASA")
JPL = _agency("jpl", "Jet Propulsion Laboratory", AgencyKind.SPACE_AGENCY, aliases=["NASA JPL"])
ROSCOSMOS = _agency(
    "roscosmos",
    "Roscosmos",
    AgencyKind.STATE_CORPORATION,
    country="RU",
    aliases=["Роскосмос", "State Space Corporation Roscosmos"],
)
ESA = _agency(
    "esa",
    "European Space Agency",
    AgencyKind.INTERGOVERNMENTAL_ORGANIZATION,
    acronym="ESA",
    aliases=["Agence spatiale européenne"],
)
CNES = _agency("cnes", "Centre national d'études spatiales", AgencyKind.SPACE_AGENCY, acronym="CNES", country="FR")


def _official(id: str, name: str, *tenures: Tenure, aliases: tuple[str, ...] = ()) -> Official:
    return Official(id=id, name=name, aliases=aliases, tenures=tenures, sources=[SRC])


BAKANOV = _official(
    "dmitry-bakanov",
    "Dmitry Bakanov",
    Tenure(post="Director General", agency=ROSCOSMOS, period="2025-02-06/..", head=True),
    aliases=("Дмитрий Баканов",),
)
BORISOV = _official(
    "yury-borisov",
    "Yury Borisov",
    Tenure(post="Director General", agency=ROSCOSMOS, period="2022-07-15/2025-02-06", head=True),
)
DUFFY = _official(
    "sean-duffy",
    "Sean Duffy",
    Tenure(post="Secretary of Transportation", agency=CNES, period="2025-01-28/.."),  # a second post, any agency
    Tenure(post="Administrator", agency=NASA, period="2025-07-09/2025-12-18", acting=True, head=True),
)
ALICE = _official(
    "alice-smith", "Alice Smith", Tenure(post="Director General", agency=ESA, period="2025-05/..", head=True)
)
BOB = _official("bob-smith", "Bob Smith", Tenure(post="Director", agency=ESA, period="2024/2025-06"))

ISS = Program(
    id="iss",
    name="International Space Station",
    aliases=["ISS"],
    kind=ProgramKind.SPACE_STATION,
    period="1998-11-20/..",
    participations=[
        Participation(agency=NASA, role="partner"),
        Participation(agency=ROSCOSMOS, role="partner"),
        Participation(agency=ESA, role="partner", period="2008-02/.."),
    ],
    sources=[SRC],
)

TALKS = Meeting(
    id="talks-2025",
    title="Bakanov-Duffy talks",
    kind=MeetingKind.HEADS_OF_AGENCY,
    date="2025-07-31",
    location=Location(place="Kennedy Space Center", country="US"),
    participants=[BAKANOV, DUFFY],
    agencies=[ROSCOSMOS, NASA],
    programs=[ISS],
    sources=[SRC],
)
VISIT = Meeting(
    id="visit-2025-05",
    title="ESA visit to Moscow",
    kind=MeetingKind.VISIT,
    date="2025-05",
    participants=[ALICE, BAKANOV],
    agencies=[ESA, ROSCOSMOS],
    sources=[SRC],
)
PLANNED = Meeting(
    id="planned-2026",
    title="Planned talks",
    kind=MeetingKind.HEADS_OF_AGENCY,
    status=MeetingStatus.PLANNED,
    date="2026",
    agencies=[NASA, ROSCOSMOS],
    sources=[SRC],
)
SUMMIT = Meeting(
    id="summit-2019",
    title="ESA-NASA summit",
    kind=MeetingKind.WORKING_LEVEL,
    date="2019-03-01",
    end="2019-03-03",
    agencies=[ESA, NASA],
    sources=[SRC],
)

SEAT_SWAP = Agreement(
    id="seat-swap",
    title="Cross-flight arrangement",
    aliases=["seat-swap agreement"],
    kind=AgreementKind.NO_EXCHANGE_OF_FUNDS_ARRANGEMENT,
    parties=[NASA, ROSCOSMOS],
    signed="2022-07-14",
    events=[
        StatusEvent(status=AgreementStatus.SIGNED, date="2022-07-14"),
        StatusEvent(status=AgreementStatus.IN_FORCE, date="2022-07-14"),
    ],
    sources=[SRC],
)
MAY_MOU = Agreement(
    id="mou-2025-05",
    title="May memorandum",
    kind=AgreementKind.MEMORANDUM_OF_UNDERSTANDING,
    parties=[ESA, ROSCOSMOS],
    events=[StatusEvent(status=AgreementStatus.IN_FORCE, date="2025-05")],
    sources=[SRC],
)
OLD_DEAL = Agreement(
    id="old-deal",
    title="Old deal",
    kind=AgreementKind.CONTRACT,
    parties=[NASA, ESA],
    events=[
        StatusEvent(status=AgreementStatus.IN_FORCE, date="2000-01-01"),
        StatusEvent(status=AgreementStatus.EXPIRED, date="2010-01-01"),
    ],
    sources=[SRC],
)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset(
        sources=[SRC],
        agencies=[NASA, JPL, ROSCOSMOS, ESA, CNES],
        officials=[BAKANOV, BORISOV, DUFFY, ALICE, BOB],
        programs=[ISS],
        meetings=[TALKS, VISIT, PLANNED, SUMMIT],
        agreements=[SEAT_SWAP, MAY_MOU, OLD_DEAL],
    )


def ids(q: isscoop.Query[isscoop.Meeting] | isscoop.Query[isscoop.Agency] | isscoop.OfficialQuery) -> list[str]:
    return [x.id for x in q]


# -- the sequence protocol --------------------------------------------------------------------


def test_len_iter_index_slice(ds: Dataset) -> None:
    meetings = ds.meetings
    assert len(meetings) == 4
    assert ids(meetings) == ["planned-2026", "summit-2019", "talks-2025", "visit-2025-05"]  # id order
    assert meetings.ids == ("planned-2026", "summit-2019", "talks-2025", "visit-2025-05")
    assert meetings[0] is PLANNED
    assert meetings[-1] is VISIT
    part = meetings[1:3]
    assert isinstance(part, isscoop.Query)
    assert ids(part) == ["summit-2019", "talks-2025"]
    with pytest.raises(IndexError):
        _ = meetings[10]


def test_slices_keep_the_query_type(ds: Dataset) -> None:
    assert isinstance(ds.officials[:2], isscoop.OfficialQuery)
    assert isinstance(ds.agreements[1:], isscoop.AgreementQuery)
    assert ids(ds.officials[:0].heads(of="Roscosmos", on="2025-07-31")) == []


def test_contains_by_object_and_by_id(ds: Dataset) -> None:
    assert TALKS in ds.meetings
    assert "talks-2025" in ds.meetings
    assert "Bakanov-Duffy talks" not in ds.meetings  # `in` with a string means the id
    assert "no-such-meeting" not in ds.meetings
    assert NASA not in ds.meetings
    assert NASA in ds.agencies


def test_bool(ds: Dataset) -> None:
    assert ds.meetings
    assert not ds.meetings.filter(kind="signing")
    assert not isscoop.Query()


def test_queries_are_immutable_values(ds: Dataset) -> None:
    before = ids(ds.meetings)
    ds.meetings.filter(kind="visit")
    ds.meetings.sorted()
    assert ids(ds.meetings) == before
    assert ds.meetings.filter(kind="visit") == ds.meetings.filter(kind="visit")
    assert hash(ds.meetings.filter(kind="visit")) == hash(ds.meetings.filter(kind="visit"))


def test_repr_is_short(ds: Dataset) -> None:
    assert repr(ds.meetings.filter(kind="visit")) == "<Query: 1 meeting: ESA visit to Moscow>"
    assert repr(ds.meetings.filter(kind="signing")) == "<Query: 0 meetings>"
    assert repr(ds.agencies) == "<Query: 5 agencies: CNES, ESA, Jet Propulsion Laboratory, NASA, Roscosmos>"


def test_dataset_records_and_len(ds: Dataset) -> None:
    assert len(ds) == 1 + 5 + 5 + 1 + 4 + 3
    assert next(iter(ds.records())) is SRC
    assert "5 agencies" in repr(ds)


# -- lookups ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("nasa", "nasa"),  # id
        ("NASA", "nasa"),  # acronym
        ("National Aeronautics and Space Administration", "nasa"),  # name
        ("national aeronautics and space ADMINISTRATION", "nasa"),  # case
        ("State Space Corporation Roscosmos", "roscosmos"),  # alias
        ("Роскосмос", "roscosmos"),  # Cyrillic alias
        ("РОСКОСМОС", "roscosmos"),
        ("Agence spatiale europeenne", "esa"),  # accents do not matter
        ("Agence Spatiale Européenne", "esa"),
        ("Centre National d'Etudes Spatiales", "cnes"),
        ("centre national detudes spatiales", "cnes"),  # punctuation does not matter
        ("NASA JPL", "jpl"),
    ],
)
def test_get_agency(ds: Dataset, key: str, expected: str) -> None:
    assert ds.agencies.get(key).id == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("dmitry-bakanov", "dmitry-bakanov"),
        ("Dmitry Bakanov", "dmitry-bakanov"),
        ("Bakanov", "dmitry-bakanov"),  # surname
        ("Дмитрий Баканов", "dmitry-bakanov"),  # Cyrillic alias
        ("Баканов", "dmitry-bakanov"),  # Cyrillic surname
        ("sean duffy", "sean-duffy"),
        ("Alice Smith", "alice-smith"),
    ],
)
def test_get_official(ds: Dataset, key: str, expected: str) -> None:
    assert ds.officials.get(key).id == expected


def test_get_returns_the_same_object(ds: Dataset) -> None:
    assert ds.agencies.get("Роскосмос") is ds.agencies.get("roscosmos")
    assert ds.agencies.get(NASA) is NASA
    assert ds.meetings.get("talks-2025").participants[1] is ds.officials.get("Sean Duffy")


def test_get_missing_raises_not_found_with_close_matches(ds: Dataset) -> None:
    with pytest.raises(isscoop.NotFound) as info:
        ds.officials.get("Dmitry Bakanof")
    err = info.value
    assert isinstance(err, LookupError)
    assert isinstance(err, isscoop.IsscoopError)
    assert "Dmitry Bakanof" in str(err)
    assert err.close_matches
    assert any("bakanov" in m.lower() for m in err.close_matches)
    assert "close matches" in str(err)
    assert "bakanov" in str(err).lower()


def test_get_missing_without_close_matches(ds: Dataset) -> None:
    with pytest.raises(isscoop.NotFound) as info:
        ds.agencies.get("Zzzzqqq")
    assert info.value.close_matches == ()
    assert str(info.value) == "no agency matches 'Zzzzqqq'"


def test_get_with_default(ds: Dataset) -> None:
    assert ds.agencies.get("no such agency", None) is None
    assert ds.agencies.get("no such agency", NASA) is NASA
    assert ds.agencies.get("NASA", None) is NASA
    assert ds.meetings.get(ds.agencies.get("NASA"), None) is None  # type: ignore[call-overload]


def test_get_a_record_that_is_not_there(ds: Dataset) -> None:
    stranger = Agency(id="stranger", name="Stranger", kind=AgencyKind.COMPANY)
    with pytest.raises(isscoop.NotFound):
        ds.agencies.get(stranger)


def test_shared_surname_is_ambiguous(ds: Dataset) -> None:
    with pytest.raises(isscoop.Ambiguous) as info:
        ds.officials.get("Smith")
    err = info.value
    assert isinstance(err, LookupError)
    assert isinstance(err, isscoop.IsscoopError)
    assert "alice-smith" in str(err)
    assert "bob-smith" in str(err)
    assert len(err.candidates) == 2
    # the ambiguity does not hide a default
    with pytest.raises(isscoop.Ambiguous):
        ds.officials.get("smith", None)


def test_exact_id_wins_over_names(ds: Dataset) -> None:
    assert ds.agencies.get("esa") is ESA


# -- search -------------------------------------------------------------------------------------


def test_search_ranks_exact_before_partial(ds: Dataset) -> None:
    # jpl comes first in the collection (id order) but only has "NASA JPL"; NASA is an exact match.
    assert ids(ds.agencies)[:3] == ["cnes", "esa", "jpl"]
    assert ids(ds.agencies.search("NASA")) == ["nasa", "jpl"]
    assert ids(ds.agencies.search("nasa jpl")) == ["jpl"]


def test_search_prefix_then_substring(ds: Dataset) -> None:
    found = ids(ds.officials.search("Smith"))
    assert set(found) == {"alice-smith", "bob-smith"}
    assert ids(ds.officials.search("Bakanov"))[0] == "dmitry-bakanov"
    assert ids(ds.agencies.search("Space Agency")) == ["esa"]
    assert ids(ds.agencies.search("Роскосмос")) == ["roscosmos"]


def test_search_fuzzy_and_empty(ds: Dataset) -> None:
    assert ids(ds.agencies.search("Roscosmso")) == ["roscosmos"]
    assert ids(ds.agencies.search("")) == []
    assert ids(ds.agencies.search("!!!")) == []
    assert ids(ds.agencies.search("qqqqqqqq")) == []


# -- selection ----------------------------------------------------------------------------------


def test_filter_by_predicate_and_fields(ds: Dataset) -> None:
    assert ids(ds.meetings.filter(lambda m: m.date.year == 2025)) == ["talks-2025", "visit-2025-05"]
    assert ids(ds.meetings.filter(kind="heads_of_agency")) == ["planned-2026", "talks-2025"]
    assert ids(ds.meetings.filter(kind=MeetingKind.HEADS_OF_AGENCY)) == ["planned-2026", "talks-2025"]
    assert ids(ds.meetings.filter(kind="heads_of_agency", status="held")) == ["talks-2025"]
    assert ids(ds.meetings.filter(lambda m: bool(m.participants), kind="visit")) == ["visit-2025-05"]
    assert ids(ds.agencies.filter(country="RU")) == ["roscosmos"]
    assert ids(ds.meetings.filter(kind="no such kind")) == []


def test_filter_by_a_record_compares_ids(ds: Dataset) -> None:
    esa_copy = Agency(id="esa", name="European Space Agency", kind=AgencyKind.INTERGOVERNMENTAL_ORGANIZATION)
    assert [p.id for p in ds.programs.filter(lead=None)] == ["iss"]
    tenure_agency = ds.officials.filter(lambda o: any(t.agency.id == esa_copy.id for t in o.tenures))
    assert ids(tenure_agency) == ["alice-smith", "bob-smith"]


def test_filter_unknown_field_raises(ds: Dataset) -> None:
    with pytest.raises(AttributeError, match="no field 'colour'"):
        ds.meetings.filter(colour="red")


def test_involving(ds: Dataset) -> None:
    assert ids(ds.meetings.involving("NASA")) == ["planned-2026", "summit-2019", "talks-2025"]
    assert ids(ds.meetings.involving(DUFFY)) == ["talks-2025"]
    assert ids(ds.meetings.involving("Sean Duffy")) == ["talks-2025"]
    assert ids(ds.meetings.involving("ISS")) == ["talks-2025"]
    assert ids(ds.meetings.involving("Роскосмос")) == ["planned-2026", "talks-2025", "visit-2025-05"]
    assert ids(ds.meetings.involving(ESA, DUFFY)) == ["summit-2019", "talks-2025", "visit-2025-05"]
    assert ids(ds.officials.involving("ESA")) == ["alice-smith", "bob-smith"]
    assert [a.id for a in ds.agreements.involving("roscosmos")] == ["mou-2025-05", "seat-swap"]


def test_between(ds: Dataset) -> None:
    assert ids(ds.meetings.between("NASA", "Roscosmos")) == ["planned-2026", "talks-2025"]
    assert ids(ds.meetings.between("Roscosmos", "NASA")) == ["planned-2026", "talks-2025"]
    assert ids(ds.meetings.between(BAKANOV, "Alice Smith")) == ["visit-2025-05"]
    assert ids(ds.meetings.between("ESA", "Sean Duffy")) == []


def test_involving_unknown_name_raises(ds: Dataset) -> None:
    with pytest.raises(isscoop.NotFound):
        ds.meetings.involving("Zzzzqqq")
    with pytest.raises(TypeError):
        ds.meetings.involving(42)


# -- time ---------------------------------------------------------------------------------------


def test_on_a_day(ds: Dataset) -> None:
    assert ids(ds.meetings.on("2025-07-31")) == ["talks-2025"]
    assert ids(ds.meetings.on("2019-03-02")) == ["summit-2019"]  # inside a multi-day meeting
    assert ids(ds.meetings.on("2019-03-04")) == []


def test_on_with_month_precision_data(ds: Dataset) -> None:
    # The visit is known only to the month: on 15 May it may or may not have happened.
    # (Visits, the trips during which meetings are held, come back only when asked for.)
    assert ids(ds.meetings.on("2025-05-15", visits=True)) == []
    assert ids(ds.meetings.on("2025-05-15", assume="certain", visits=True)) == []
    assert ids(ds.meetings.on("2025-05-15", assume="possible", visits=True)) == ["visit-2025-05"]
    # Asked about the whole month (or year), it certainly happened within it.
    assert ids(ds.meetings.on("2025-05", visits=True)) == ["visit-2025-05"]
    assert ids(ds.meetings.on("2025", visits=True)) == ["talks-2025", "visit-2025-05"]
    assert ids(ds.meetings.on("2025")) == ["talks-2025"]
    assert ids(ds.meetings.on("2025-06-01", assume="possible", visits=True)) == []


def test_on_with_a_year_precision_plan(ds: Dataset) -> None:
    assert ids(ds.meetings.on("2026-03-01", status="planned")) == []
    assert ids(ds.meetings.on("2026-03-01", assume="possible", status="planned")) == ["planned-2026"]
    # planned meetings come back only when asked for
    assert ids(ds.meetings.on("2026-03-01", assume="possible")) == []


def test_bad_assume_raises(ds: Dataset) -> None:
    with pytest.raises(ValueError, match="assume"):
        ds.meetings.on("2025-05-15", assume="maybe")  # type: ignore[arg-type]


def test_during(ds: Dataset) -> None:
    assert ids(ds.meetings.during("2025-04-01", "2025-06-30", visits=True)) == ["visit-2025-05"]
    assert ids(ds.meetings.during("2025-05-10", "2025-05-20", visits=True)) == []
    assert ids(ds.meetings.during("2025-05-10", "2025-05-20", assume="possible", visits=True)) == ["visit-2025-05"]
    assert ids(ds.meetings.during("2025-07-01", None, status=None)) == ["planned-2026", "talks-2025"]
    assert ids(ds.meetings.during("2025-07-01", None)) == ["talks-2025"]
    assert ids(ds.meetings.during("2025-07-01", "2026-03-01")) == ["talks-2025"]
    assert ids(ds.meetings.during("2025-07-01", "2026-03-01", assume="possible", status=None)) == [
        "planned-2026",
        "talks-2025",
    ]


def test_before_and_after(ds: Dataset) -> None:
    assert ids(ds.meetings.before("2025-07-31")) == ["summit-2019", "visit-2025-05"]
    assert ids(ds.meetings.before("2025-05-20")) == ["summit-2019"]
    assert ids(ds.meetings.before("2025-05-20", assume="possible")) == ["summit-2019", "visit-2025-05"]
    assert ids(ds.meetings.after("2025-07-31")) == ["planned-2026"]
    assert ids(ds.meetings.after("2025-05-10")) == ["planned-2026", "talks-2025"]
    assert ids(ds.meetings.after("2025-05-10", assume="possible")) == ["planned-2026", "talks-2025", "visit-2025-05"]
    assert ids(ds.meetings.after("2026-06-01")) == []
    assert ids(ds.meetings.after("2026-06-01", assume="possible")) == ["planned-2026"]


def test_before_and_after_skip_undated_records(ds: Dataset) -> None:
    assert ids(ds.officials.filter(lambda o: False).before("2025")) == []
    undated = Agency(id="undated", name="Undated", kind=AgencyKind.STATE)
    q = isscoop.Query([undated], kind="agency")
    assert list(q.after("1900")) == []


# -- order and picking --------------------------------------------------------------------------


def test_sorted_is_timeline_order(ds: Dataset) -> None:
    assert ids(ds.meetings.sorted()) == ["summit-2019", "visit-2025-05", "talks-2025", "planned-2026"]
    assert ids(ds.meetings.sorted(reverse=True)) == ["planned-2026", "talks-2025", "visit-2025-05", "summit-2019"]
    assert ids(ds.meetings.sorted(key=lambda m: m.title)) == [
        "talks-2025",
        "visit-2025-05",
        "summit-2019",
        "planned-2026",
    ]


def test_sorted_puts_undated_records_last(ds: Dataset) -> None:
    # JPL, ESA and CNES have no founding date here.
    assert ids(ds.agencies.sorted()) == ["cnes", "esa", "jpl", "nasa", "roscosmos"]
    founded = Agency(id="founded", name="Founded", kind=AgencyKind.STATE, founded="1958")
    q = isscoop.Query([NASA, founded], kind="agency")
    assert [a.id for a in q.sorted()] == ["founded", "nasa"]


def test_first_earliest_latest(ds: Dataset) -> None:
    assert ds.meetings.first() is PLANNED
    assert ds.meetings.earliest() is SUMMIT
    assert ds.meetings.latest() is PLANNED
    empty = ds.meetings.filter(kind="signing")
    assert empty.first() is None
    assert empty.earliest() is None
    assert empty.latest() is None
    assert ds.agencies.earliest() is None  # none of the test agencies is dated


def test_one(ds: Dataset) -> None:
    assert ds.meetings.filter(kind="visit").one() is VISIT
    with pytest.raises(isscoop.NotFound):
        ds.meetings.filter(kind="signing").one()
    with pytest.raises(isscoop.Ambiguous) as info:
        ds.meetings.filter(kind="heads_of_agency").one()
    assert "planned-2026" in str(info.value)
    assert "talks-2025" in str(info.value)


# -- heads, agreements, participants, tenures ---------------------------------------------------


def test_heads(ds: Dataset) -> None:
    assert ids(ds.officials.heads(of="Roscosmos", on="2025-07-31")) == ["dmitry-bakanov"]
    assert ids(ds.officials.heads(of="roscosmos", on="2023")) == ["yury-borisov"]
    # the handover day belongs to both
    assert ids(ds.officials.heads(of="Роскосмос", on="2025-02-06")) == ["dmitry-bakanov", "yury-borisov"]
    # acting heads count
    assert ids(ds.officials.heads(of=NASA, on="2025-07-31")) == ["sean-duffy"]
    assert ids(ds.officials.heads(of="NASA", on="2025-07-08")) == []
    # not a head post
    assert ids(ds.officials.heads(of="CNES", on="2025-07-31")) == []


def test_heads_with_month_precision(ds: Dataset) -> None:
    assert ids(ds.officials.heads(of="ESA", on="2025-05-15")) == []
    assert ids(ds.officials.heads(of="ESA", on="2025-05-15", assume="possible")) == ["alice-smith"]
    assert ids(ds.officials.heads(of="ESA", on="2025-06-01")) == ["alice-smith"]


def test_heads_rejects_bad_input(ds: Dataset) -> None:
    with pytest.raises(isscoop.DateParseError):
        ds.officials.heads(of="ESA", on="2025-13")
    with pytest.raises(isscoop.NotFound):
        ds.officials.heads(of="Zzzzqqq", on="2025")


def test_in_force(ds: Dataset) -> None:
    assert [a.id for a in ds.agreements.in_force(on="2025-07-31")] == ["mou-2025-05", "seat-swap"]
    assert [a.id for a in ds.agreements.in_force(on="2025-05-15")] == ["seat-swap"]
    assert [a.id for a in ds.agreements.in_force(on="2025-05-15", assume="possible")] == ["mou-2025-05", "seat-swap"]
    assert [a.id for a in ds.agreements.in_force(on="2005")] == ["old-deal"]
    assert [a.id for a in ds.agreements.in_force(on="2010-01-02")] == []


def test_in_force_on_reasons(ds: Dataset) -> None:
    fuzzy = MAY_MOU.in_force_on("2025-05-15")
    assert fuzzy.unknown
    assert "2025-05" in fuzzy.reason
    assert "month" in fuzzy.reason
    assert OLD_DEAL.in_force_on("1999-12-31").no
    assert OLD_DEAL.in_force_on("2005-06-01").yes


def test_status_on(ds: Dataset) -> None:
    assert SEAT_SWAP.status_on("2022-07-13") is None
    assert SEAT_SWAP.status_on("2022-07-14") is AgreementStatus.IN_FORCE
    assert OLD_DEAL.status_on("2009-12-31") is AgreementStatus.IN_FORCE
    assert OLD_DEAL.status_on("2010-01-01") is AgreementStatus.EXPIRED


def test_program_participants(ds: Dataset) -> None:
    iss = ds.programs.get("ISS")
    assert [a.id for a in iss.participants()] == ["nasa", "roscosmos", "esa"]  # recorded order
    assert [a.id for a in iss.participants(on="2005-01-01")] == ["nasa", "roscosmos"]
    assert [a.id for a in iss.participants(on="2008-02-15")] == ["nasa", "roscosmos"]
    assert [a.id for a in iss.participants(on="2008-02-15", assume="possible")] == ["nasa", "roscosmos", "esa"]
    assert [a.id for a in iss.participants(on="2025-07-31")] == ["nasa", "roscosmos", "esa"]
    assert [a.id for a in iss.participants(on="1990")] == []
    assert iss.includes(ESA, on="2005").no
    assert iss.includes(CNES, on="2005").no


def test_tenures_on(ds: Dataset) -> None:
    duffy = ds.officials.get("Duffy")
    assert [t.post for t in duffy.tenures_on("2025-07-31")] == ["Secretary of Transportation", "Administrator"]
    assert [t.post for t in duffy.tenures_on("2025-03-01")] == ["Secretary of Transportation"]
    assert duffy.tenures_on("2024-12-31") == ()
    alice = ds.officials.get("Alice Smith")
    assert alice.tenures_on("2025-05-15") == ()
    assert [t.post for t in alice.tenures_on("2025-05-15", assume="possible")] == ["Director General"]


def test_active_on(ds: Dataset) -> None:
    assert TALKS.active_on("2025-07-31").yes
    assert VISIT.active_on("2025-05-02").unknown
    assert SUMMIT.active_on("2019-03-04").no


# -- a hand-built dataset is checked as a whole -------------------------------------------------


def test_dataset_rejects_dangling_references() -> None:
    with pytest.raises(isscoop.DatasetError) as info:
        Dataset(sources=[SRC], agencies=[ROSCOSMOS], officials=[BAKANOV, DUFFY])
    paths = [p.path for p in info.value.problems]
    assert "$.officials[1].tenures[0].agency" in paths  # CNES is missing
    assert "$.officials[1].tenures[1].agency" in paths  # NASA is missing


def test_dataset_rejects_duplicate_ids() -> None:
    other = Official(id="nasa", name="Not An Agency", sources=[SRC])
    with pytest.raises(isscoop.DatasetError, match="duplicate id"):
        Dataset(sources=[SRC], agencies=[NASA], officials=[other])


def test_dataset_rejects_two_heads_at_once() -> None:
    rival = _official(
        "rival", "Rival Person", Tenure(post="Director General", agency=ROSCOSMOS, period="2025-06/..", head=True)
    )
    with pytest.raises(isscoop.DatasetError, match="overlaps"):
        Dataset(sources=[SRC], agencies=[ROSCOSMOS], officials=[BAKANOV, rival])
    # a handover day is shared without complaint
    Dataset(sources=[SRC], agencies=[ROSCOSMOS], officials=[BAKANOV, BORISOV])


# -- the same questions of the bundled data -----------------------------------------------------


def test_bundled_sequence_protocol(bundled: Dataset) -> None:
    agencies = bundled.agencies
    assert len(agencies) == len(list(agencies)) > 5
    assert list(agencies.ids) == sorted(agencies.ids)
    assert agencies[0].id == agencies.ids[0]
    assert len(agencies[:3]) == 3
    assert "nasa" in agencies
    assert agencies.get("nasa") in agencies
    assert bool(agencies)
    assert not agencies.filter(lambda a: False)


def test_bundled_lookups(bundled: Dataset) -> None:
    assert bundled.agencies.get("NASA").id == "nasa"
    assert bundled.agencies.get("National Aeronautics and Space Administration").id == "nasa"
    assert bundled.agencies.get("Роскосмос").id == "roscosmos"
    assert bundled.agencies.get("roscosmos") is bundled.agencies.get("Roskosmos")
    assert bundled.officials.get("Дмитрий Баканов").id == "dmitry-bakanov"
    assert bundled.officials.get("bakanov").id == "dmitry-bakanov"
    assert bundled.programs.get("ISS").id == "iss"
    assert bundled.agreements.get("IGA").id == "iss-iga-1998"
    assert bundled.agencies.get("Agence spatiale canadienne").id == "csa"
    assert bundled.agencies.get("agence spatiale CANADIENNE").id == "csa"
    assert bundled.agencies.get("no such agency", None) is None
    with pytest.raises(isscoop.NotFound) as info:
        bundled.officials.get("Baknov")
    assert any("bakanov" in m for m in info.value.close_matches)


def test_bundled_selection(bundled: Dataset) -> None:
    nasa_roscosmos = bundled.meetings.between("NASA", "Roscosmos")
    assert "bakanov-duffy-2025" in nasa_roscosmos
    assert "bridenstine-rogozin-2018" in nasa_roscosmos
    heads = nasa_roscosmos.filter(kind="heads_of_agency")
    assert all(m.kind is MeetingKind.HEADS_OF_AGENCY for m in heads)
    assert ids(heads.on("2025-07-31")) == ["bakanov-duffy-2025"]
    assert "bakanov-duffy-2025" in bundled.meetings.involving("Sean Duffy")
    assert ids(bundled.meetings.on("2019-02-15", status=None, visits=True)) == []
    assert ids(bundled.meetings.on("2019-02-15", assume="possible", status=None, visits=True)) == [
        "rogozin-us-visit-2019"
    ]
    # a cancelled visit comes back only when asked for
    assert ids(bundled.meetings.on("2019-02-15", assume="possible")) == []
    timeline = bundled.meetings.sorted()
    assert timeline.earliest() is timeline[0]
    assert [m.date for m in timeline] == sorted(m.date for m in timeline)


def test_bundled_heads_and_tenures(bundled: Dataset) -> None:
    assert bundled.officials.heads(of="Roscosmos", on="2025-07-31").one().name == "Dmitry Bakanov"
    assert bundled.officials.heads(of="NASA", on="2025-07-31").one().name == "Sean Duffy"
    assert bundled.officials.heads(of="NASA", on="2023-04-26").one().id == "bill-nelson"
    assert bundled.officials.heads(of="Roscosmos", on="2020").one().id == "dmitry-rogozin"
    assert {t.agency.id for t in bundled.officials.get("Sean Duffy").tenures_on("2025-07-31")} == {"us-dot", "nasa"}


def test_bundled_in_force_and_participants(bundled: Dataset) -> None:
    in_force = bundled.agreements.in_force(on="2025-07-31")
    assert "seat-swap-2022" in in_force
    assert "iss-iga-1998" in in_force
    assert "iss-2028-2030-understanding-2025" not in in_force
    assert [a.id for a in bundled.programs.get("iss").participants(on="2025-07-31")] == [
        "nasa",
        "roscosmos",
        "esa",
        "csa",
        "jaxa",
    ]
    # NASDA, JAXA's predecessor, was the partner until October 2003
    assert "nasda" in [a.id for a in bundled.programs.get("iss").participants(on="2000")]
    assert "jaxa" not in [a.id for a in bundled.programs.get("iss").participants(on="2000", assume="possible")]


def test_bundled_partial_date_with_assume(bundled: Dataset) -> None:
    memo = bundled.agreements.get("lunar-power-plant-contract-2025")
    assert memo not in bundled.agreements.in_force(on="2025-12-15")
    assert isinstance(memo.signed, PartialDate)
    assert memo.signed.precision is isscoop.Precision.MONTH
