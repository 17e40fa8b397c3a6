"""The record classes: validation messages, defaults, immutability, claims and reprs."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest

import isscoop
from isscoop import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Claim,
    CrewMember,
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

SRC = Source(id="src-a", url="https://example.org/a", publisher="Example")
NASA = Agency(
    id="nasa", name="National Aeronautics and Space Administration", acronym="NASA", kind=AgencyKind.SPACE_AGENCY
)


def meeting(**changes: Any) -> Meeting:
    fields: dict[str, Any] = {"id": "m", "title": "Talks", "kind": MeetingKind.HEADS_OF_AGENCY, "date": "2025-07-31"}
    fields.update(changes)
    return Meeting(**fields)


def invalid(cls: type, **fields: Any) -> isscoop.InvalidRecord:
    """Build ``cls`` with ``fields``, expecting InvalidRecord; return the error."""
    with pytest.raises(isscoop.InvalidRecord) as info:
        cls(**fields)
    return info.value


# -- the error class ------------------------------------------------------------------------


def test_invalid_record_is_a_value_error_and_an_isscoop_error() -> None:
    assert issubclass(isscoop.InvalidRecord, ValueError)
    assert issubclass(isscoop.InvalidRecord, isscoop.IsscoopError)
    err = invalid(Agency, id="NASA", name="NASA", kind=AgencyKind.SPACE_AGENCY)
    assert isinstance(err, ValueError)
    assert isinstance(err, isscoop.IsscoopError)


# -- messages name class.field, what was expected, and what arrived ----------------------------


@pytest.mark.parametrize(
    ("cls", "fields", "where", "expected", "got"),
    [
        (Agency, {"id": "NASA", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY}, "Agency.id", "an id", "'NASA' (str)"),
        (Agency, {"id": "nasa-", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY}, "Agency.id", "an id", "'nasa-'"),
        (Agency, {"id": "a--b", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY}, "Agency.id", "an id", "'a--b'"),
        (Agency, {"id": 7, "name": "NASA", "kind": AgencyKind.SPACE_AGENCY}, "Agency.id", "an id", "7 (int)"),
        (
            Agency,
            {"id": "nasa", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY, "country": "USA"},
            "Agency.country",
            "ISO 3166-1 alpha-2",
            "'USA' (str)",
        ),
        (
            Agency,
            {"id": "nasa", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY, "country": "us"},
            "Agency.country",
            "ISO 3166-1 alpha-2",
            "'us' (str)",
        ),
        (Agency, {"id": "nasa", "name": "NASA", "kind": "space_agency"}, "Agency.kind", "AgencyKind", "'space_agency'"),
        (Agency, {"id": "nasa", "name": "", "kind": AgencyKind.SPACE_AGENCY}, "Agency.name", "non-empty str", "''"),
        (Agency, {"id": "nasa", "name": "  ", "kind": AgencyKind.SPACE_AGENCY}, "Agency.name", "non-empty str", "'  '"),
        (
            Agency,
            {"id": "nasa", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY, "aliases": ["ok", 5]},
            "Agency.aliases[1]",
            "non-empty str",
            "5 (int)",
        ),
        (
            Agency,
            {"id": "nasa", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY, "aliases": "NASA"},
            "Agency.aliases",
            "a tuple",
            "'NASA' (str)",
        ),
        (
            Agency,
            {"id": "nasa", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY, "founded": "1958-13"},
            "Agency.founded",
            "PartialDate",
            "'1958-13'",
        ),
        (
            Agency,
            {"id": "nasa", "name": "NASA", "kind": AgencyKind.SPACE_AGENCY, "sources": ["src-a"]},
            "Agency.sources[0]",
            "Source",
            "'src-a' (str)",
        ),
        (
            Meeting,
            {"id": "m", "title": "T", "kind": MeetingKind.VISIT, "date": "2025-13"},
            "Meeting.date",
            "PartialDate",
            "'2025-13' (str)",
        ),
        (
            Meeting,
            {"id": "m", "title": "T", "kind": MeetingKind.VISIT, "date": None},
            "Meeting.date",
            "Partial",
            "None",
        ),
        (
            Meeting,
            {"id": "m", "title": "T", "kind": MeetingKind.VISIT, "date": "2025", "in_person": "yes"},
            "Meeting.in_person",
            "a bool",
            "'yes' (str)",
        ),
        (
            Meeting,
            {"id": "m", "title": "T", "kind": MeetingKind.VISIT, "date": "2025", "participants": ["sean-duffy"]},
            "Meeting.participants[0]",
            "Official",
            "'sean-duffy' (str)",
        ),
        (
            Meeting,
            {"id": "m", "title": "T", "kind": MeetingKind.VISIT, "date": "2025", "location": "KSC"},
            "Meeting.location",
            "Location",
            "'KSC' (str)",
        ),
        (
            Meeting,
            {"id": "m", "title": "T", "kind": MeetingKind.VISIT, "date": "2025", "status": "held"},
            "Meeting.status",
            "MeetingStatus",
            "'held' (str)",
        ),
        (Tenure, {"post": "Administrator", "agency": "nasa"}, "Tenure.agency", "an Agency", "'nasa' (str)"),
        (
            Tenure,
            {"post": "Administrator", "agency": NASA, "period": "2025/2024"},
            "Tenure.period",
            "a Period",
            "'2025/2024' (str)",
        ),
        (Tenure, {"post": "Administrator", "agency": NASA, "acting": 1}, "Tenure.acting", "a bool", "1 (int)"),
        (
            Program,
            {"id": "p", "name": "P", "kind": ProgramKind.OTHER, "parent": "iss"},
            "Program.parent",
            "Program",
            "'iss'",
        ),
        (
            Program,
            {"id": "p", "name": "P", "kind": ProgramKind.OTHER, "lead": "nasa"},
            "Program.lead",
            "Agency",
            "'nasa'",
        ),
        (
            Agreement,
            {"id": "a", "title": "A", "kind": AgreementKind.CONTRACT, "extends": "b"},
            "Agreement.extends",
            "an Agreement",
            "'b'",
        ),
        (StatusEvent, {"status": AgreementStatus.SIGNED}, "StatusEvent.date", "known_by", "None"),
        (StatusEvent, {"status": "signed", "date": "2025"}, "StatusEvent.status", "AgreementStatus", "'signed'"),
        (Source, {"id": "s", "url": "", "publisher": "P"}, "Source.url", "non-empty str", "''"),
        (Location, {"place": "Houston", "country": "USA"}, "Location.country", "ISO 3166-1", "'USA'"),
        (Claim, {"field": "location", "value": 2025}, "Claim.value", "a str, PartialDate, Period", "2025 (int)"),
        (Claim, {"field": "location", "value": "x", "rank": "preferred"}, "Claim.rank", "Rank", "'preferred'"),
        (Claim, {"field": "location", "value": "x", "stated_by": "nasa"}, "Claim.stated_by", "an Official", "'nasa'"),
        (
            CrewMember,
            {"person": "cardman", "agency": NASA, "role": "pilot"},
            "CrewMember.person",
            "Official",
            "'cardman",
        ),
        (Participation, {"agency": NASA, "role": ""}, "Participation.role", "non-empty str", "''"),
        (Milestone, {"date": "2025-02-30", "what": "launch"}, "Milestone.date", "PartialDate", "'2025-02-30'"),
        (Official, {"id": "o", "name": "O", "tenures": [NASA]}, "Official.tenures[0]", "Tenure", "Agency(id='nasa'"),
    ],
)
def test_messages_name_class_field_expected_and_got(
    cls: type, fields: dict[str, Any], where: str, expected: str, got: str
) -> None:
    message = str(invalid(cls, **fields))
    assert message.startswith(f"{where}: expected ")
    assert expected in message
    assert f", got {got}" in message


def test_long_values_are_shortened_in_messages() -> None:
    message = str(invalid(Agency, id="x" * 500 + "!", name="N", kind=AgencyKind.STATE))
    assert len(message) < 250
    assert "..." in message


def test_enum_message_lists_the_choices() -> None:
    message = str(invalid(Meeting, id="m", title="T", kind="visit", date="2025"))
    for member in MeetingKind:
        assert member.name in message


# -- conversion, immutability, defaults --------------------------------------------------------


def test_lists_become_tuples() -> None:
    m = meeting(topics=["ISS", "Crew-11"], outcomes=["2028"], sources=[SRC], agencies=[NASA])
    assert m.topics == ("ISS", "Crew-11")
    assert m.outcomes == ("2028",)
    assert m.sources == (SRC,)
    assert m.agencies == (NASA,)
    a = Agency(id="x", name="X", kind=AgencyKind.STATE, aliases=["y"])
    assert a.aliases == ("y",)


def test_date_and_period_fields_accept_text_and_dates() -> None:
    import datetime as dt

    m = meeting(date=dt.date(2025, 7, 31), end="2025-08-01~")
    assert m.date == PartialDate.parse("2025-07-31")
    assert m.end == PartialDate.parse("2025-08-01~")
    assert m.period == Period.parse("2025-07-31/2025-08-01~")
    t = Tenure(post="Administrator", agency=NASA, period="2025-07-09/2025-12-18")
    assert t.period == Period.parse("2025-07-09/2025-12-18")
    assert (t.start, t.end) == (PartialDate.parse("2025-07-09"), PartialDate.parse("2025-12-18"))
    assert meeting().period == Period.parse("2025-07-31/2025-07-31")


def test_records_are_frozen() -> None:
    m = meeting()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        m.title = "Other"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        NASA.name = "Other"  # type: ignore[misc]
    t = Tenure(post="Administrator", agency=NASA)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        t.acting = True  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        SRC.url = "https://example.org/b"  # type: ignore[misc]
    d = PartialDate.parse("2025")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        d.year = 2026  # type: ignore[misc]


def test_records_are_hashable_and_compare_by_value() -> None:
    assert meeting() == meeting()
    assert hash(meeting()) == hash(meeting())
    assert meeting() != meeting(title="Other")
    assert len({meeting(), meeting()}) == 1


def test_keyword_only() -> None:
    with pytest.raises(TypeError):
        Location("Houston")  # type: ignore[call-arg]


_OFFICIAL = Official(id="o", name="O P")
_MINIMAL: dict[type, dict[str, Any]] = {
    Source: {"id": "s", "url": "https://example.org", "publisher": "P"},
    Location: {"place": "Houston"},
    Claim: {"field": "location", "value": "Houston"},
    Agency: {"id": "a", "name": "A", "kind": AgencyKind.STATE},
    Tenure: {"post": "Head", "agency": NASA},
    Official: {"id": "o", "name": "O P"},
    Participation: {"agency": NASA, "role": "partner"},
    CrewMember: {"person": _OFFICIAL, "agency": NASA, "role": "commander"},
    Milestone: {"date": "2025-08-01", "what": "launch"},
    Program: {"id": "p", "name": "P", "kind": ProgramKind.OTHER},
    Meeting: {"id": "m", "title": "T", "kind": MeetingKind.VISIT, "date": "2025"},
    StatusEvent: {"status": AgreementStatus.SIGNED, "date": "2025"},
    Agreement: {"id": "g", "title": "G", "kind": AgreementKind.CONTRACT},
}
_RECORD_DEFAULTS: dict[str, object] = {"sources": (), "statements": (), "note": None}
_DEFAULTS: dict[type, dict[str, object]] = {
    Source: {"published": None, "title": None, "note": None},
    Location: {"country": None},
    Claim: {
        "rank": Rank.NORMAL,
        "reason": None,
        "stated_by": None,
        "stated_on": None,
        "sources": (),
        "note": None,
    },
    Agency: {**_RECORD_DEFAULTS, "acronym": None, "country": None, "aliases": (), "founded": None},
    Tenure: {
        "period": Period(),
        "acting": False,
        "head": False,
        "attested": (),
        "sources": (),
        "note": None,
    },
    Official: {**_RECORD_DEFAULTS, "aliases": (), "tenures": ()},
    Participation: {"period": None, "sources": (), "note": None},
    CrewMember: {"note": None},
    Milestone: {"note": None, "sources": ()},
    Program: {
        **_RECORD_DEFAULTS,
        "aliases": (),
        "lead": None,
        "parent": None,
        "period": Period(),
        "planned_end": None,
        "participations": (),
        "crew": (),
        "milestones": (),
    },
    Meeting: {
        **_RECORD_DEFAULTS,
        "end": None,
        "status": MeetingStatus.HELD,
        "location": None,
        "in_person": None,
        "participants": (),
        "agencies": (),
        "programs": (),
        "topics": (),
        "outcomes": (),
        "since_last_heads_meeting": None,
    },
    StatusEvent: {"known_by": None, "party": None, "end": None, "sources": (), "note": None},
    Agreement: {
        **_RECORD_DEFAULTS,
        "aliases": (),
        "parties": (),
        "signatories": (),
        "programs": (),
        "signed": None,
        "end": None,
        "extends": None,
        "events": (),
    },
}


_EMPTY: tuple[object, ...] = (None, (), {}, False, Period(), Rank.NORMAL, MeetingStatus.HELD)


@pytest.mark.parametrize("cls", list(_DEFAULTS), ids=lambda c: c.__name__)
def test_every_optional_field_has_an_empty_default(cls: type) -> None:
    built = cls(**_MINIMAL[cls])
    optional = {a.name for a in attrs.fields(cls) if a.default is not attrs.NOTHING}
    # the optional fields the model documents exist, with these defaults ...
    for name, value in _DEFAULTS[cls].items():
        assert name in optional, name
        assert getattr(built, name) == value, name
    # ... and every optional field (including any added later) defaults to an empty value
    for name in optional - set(_MINIMAL[cls]):
        assert any(getattr(built, name) == empty for empty in _EMPTY), (name, getattr(built, name))
    # the required fields are only the ones the minimal record gives
    required = {a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING}
    assert required <= set(_MINIMAL[cls])


def test_status_event_accepts_known_by_alone() -> None:
    e = StatusEvent(status=AgreementStatus.SIGNED, known_by="2025-01-11")
    assert e.date is None
    assert e.when == "by 2025-01-11"


# -- claims ---------------------------------------------------------------------------------


KSC = Location(place="Kennedy Space Center, Florida", country="US")
HOUSTON = Location(place="Houston, Texas", country="US")


def test_preferred_claim_must_match_the_plain_field() -> None:
    with pytest.raises(isscoop.InvalidRecord) as info:
        meeting(location=KSC, statements=[Claim(field="location", value=HOUSTON, rank=Rank.PREFERRED)])
    message = str(info.value)
    assert message.startswith("Meeting.location: expected the preferred claim's value")
    assert "Houston" in message
    assert "Kennedy" in message


def test_preferred_claim_with_no_plain_value_raises() -> None:
    with pytest.raises(isscoop.InvalidRecord, match=r"Meeting\.location"):
        meeting(statements=[Claim(field="location", value=KSC, rank=Rank.PREFERRED)])


def test_two_preferred_claims_for_one_field_raise() -> None:
    claims = [
        Claim(field="location", value=KSC, rank=Rank.PREFERRED),
        Claim(field="location", value=KSC, rank=Rank.PREFERRED),
    ]
    with pytest.raises(isscoop.InvalidRecord, match=r"Meeting\.statements\[1\]\.rank: expected one preferred"):
        meeting(location=KSC, statements=claims)


def test_claim_for_a_field_that_takes_no_claims_raises() -> None:
    with pytest.raises(isscoop.InvalidRecord) as info:
        meeting(statements=[Claim(field="title", value="Other")])
    message = str(info.value)
    assert message.startswith("Meeting.statements[0].field: expected one of: date, location, since_last_heads_meeting")
    assert "'title'" in message
    with pytest.raises(isscoop.InvalidRecord, match=r"Official\.statements\[0\]\.field: expected one of: none"):
        Official(id="a", name="A", statements=[Claim(field="name", value="B")])


def test_claims_are_listed_preferred_first() -> None:
    m = meeting(
        location=KSC,
        since_last_heads_meeting="since 2018",
        statements=[
            Claim(field="since_last_heads_meeting", value="eight years", rank=Rank.DEPRECATED),
            Claim(field="location", value=HOUSTON),
            Claim(field="since_last_heads_meeting", value="since 2018", rank=Rank.PREFERRED),
            Claim(field="location", value=KSC, rank=Rank.PREFERRED),
        ],
    )
    assert [c.value for c in m.claims("location")] == [KSC, HOUSTON]
    assert [c.value for c in m.claims("since_last_heads_meeting")] == ["since 2018", "eight years"]
    assert [c.rank for c in m.claims()] == [Rank.PREFERRED, Rank.PREFERRED, Rank.NORMAL, Rank.DEPRECATED]
    assert m.claims("date") == ()


def test_claims_for_an_unclaimable_field_raise() -> None:
    with pytest.raises(isscoop.InvalidRecord, match="fields with claims: date, location, since_last_heads_meeting"):
        meeting().claims("title")


def test_claims_stated_before() -> None:
    m = meeting(
        statements=[
            Claim(field="date", value=PartialDate.parse("2025-07-30"), stated_on="2025-07"),
            Claim(field="date", value=PartialDate.parse("2025-07-31"), stated_on="2025-08-02"),
            Claim(field="date", value=PartialDate.parse("2025-08-01")),
        ]
    )
    # "2025-07" might be the 31st, so it is not certainly before 2025-07-31.
    assert [str(c.value) for c in m.claims("date", stated_before="2025-07-31")] == []
    assert [str(c.value) for c in m.claims("date", stated_before="2025-08-01")] == ["2025-07-30"]
    assert [str(c.value) for c in m.claims("date", stated_before="2025-08-03")] == ["2025-07-30", "2025-07-31"]
    assert [str(c.value) for c in m.claims("date", stated_before="2025-08")] == ["2025-07-30"]


def test_claim_values_may_be_dates_periods_and_locations() -> None:
    p = Program(
        id="p",
        name="P",
        kind=ProgramKind.SPACE_STATION,
        planned_end="2030",
        period="1998-11-20/..",
        statements=[
            Claim(field="planned_end", value=PartialDate.parse("2030"), rank=Rank.PREFERRED),
            Claim(field="planned_end", value=PartialDate.parse("2028"), stated_by=NASA, stated_on="2025-07-31"),
            Claim(field="period", value=Period.parse("1998-11-20/2030"), rank=Rank.NORMAL),
        ],
    )
    assert p.claims("planned_end")[1].stated_by is NASA
    assert p.claims("planned_end")[1].stated_on == PartialDate.parse("2025-07-31")


# -- reprs ---------------------------------------------------------------------------------


def test_reprs_are_short_and_do_not_nest() -> None:
    duffy = Official(
        id="sean-duffy",
        name="Sean Duffy",
        sources=[SRC],
        tenures=[Tenure(post="Administrator", agency=NASA, period="2025-07-09/2025-12-18", acting=True, sources=[SRC])],
    )
    m = meeting(participants=[duffy], agencies=[NASA], sources=[SRC], location=KSC, topics=["x" * 300])
    assert repr(m) == "Meeting(id='m', title='Talks')"
    assert repr(duffy) == "Official(id='sean-duffy', name='Sean Duffy')"
    assert repr(NASA) == "Agency(id='nasa', name='National Aeronautics and Space Administration')"
    assert repr(SRC) == "Source(id='src-a', publisher='Example', published=None)"
    assert repr(duffy.tenures[0]) == (
        "Tenure(post='Administrator', agency='nasa', period='2025-07-09/2025-12-18', acting=True)"
    )
    claim = Claim(field="location", value=KSC, rank=Rank.PREFERRED, stated_by=NASA, stated_on="2025-07-31")
    assert repr(claim) == (
        "Claim(field='location', value='Kennedy Space Center, Florida (US)', rank=Rank.PREFERRED, "
        "stated_by='nasa', stated_on='2025-07-31')"
    )
    crew = CrewMember(person=duffy, agency=NASA, role="commander")
    assert repr(crew) == "CrewMember(person='sean-duffy', agency='nasa', role='commander')"
    assert repr(Milestone(date="2025-08-01", what="launch")) == "Milestone(date='2025-08-01', what='launch')"
    event = StatusEvent(status=AgreementStatus.SIGNED, known_by="2025-01-11", party=NASA)
    assert repr(event) == "StatusEvent(status=AgreementStatus.SIGNED, when='by 2025-01-11', party='nasa')"
    part = Participation(agency=NASA, role="partner", period="2008-02/..")
    assert repr(part) == "Participation(agency='nasa', role='partner', period='2008-02/..')"


def test_reprs_of_every_bundled_record_are_short(bundled: isscoop.Dataset) -> None:
    nested = re.compile(r"\b(Source|Agency|Official|Tenure|Program|Meeting|Agreement|Coverage|Claim)\(")
    for record in bundled.records():
        text = repr(record)
        assert len(text) < 200, text
        assert "\n" not in text
        assert len(nested.findall(text)) == 1, text  # only the record's own class name


def test_str_and_labels() -> None:
    assert str(NASA) == "NASA"
    assert NASA.label == "NASA"
    assert str(meeting()) == "Talks"
    assert str(KSC) == "Kennedy Space Center, Florida (US)"
    assert str(Location(place="Somewhere")) == "Somewhere"
    assert str(SRC) == "Example: https://example.org/a"
    t = Tenure(post="Administrator", agency=NASA, period="2025-07-09/2025-12-18", acting=True)
    assert str(t) == "Acting Administrator, NASA, 2025-07-09/2025-12-18"
    assert MeetingStatus.CANCELLED.label == "cancelled"
    assert AgreementStatus.AGREED_IN_PRINCIPLE.label == "agreed in principle"
    assert str(AgreementStatus.IN_FORCE) == "in_force"
