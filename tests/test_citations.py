"""The bundled data cites every fact on its own, and release 2026.12.0 answers as promised.

* Every stated value (each field with a value, each list item, each end of
  a period, each claim) has sources of its own, and a record's ``sources``
  is exactly the union of what its facts cite.
* Mirrors are labelled as copies.
* The acceptance questions of the issue "A dataset analysts can rely on".
* ``dataset(as_known_on="2026.11.0")`` differs from today's data exactly in
  the fields the CHANGELOG's Data section lists as corrected.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import isscoop
from isscoop import MeetingKind, MeetingStatus, Record, Source

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ds() -> isscoop.Dataset:
    return isscoop.dataset()


def _records(ds: isscoop.Dataset) -> list[Record]:
    return [r for r in ds.records() if isinstance(r, Record)]


# -- every fact cites its own sources ----------------------------------------------------------


def test_every_stated_value_has_a_source_of_its_own(ds: isscoop.Dataset) -> None:
    missing = [f"{r.id}: {path}" for r, path in ds.uncited()]
    assert missing == []


def test_sources_for_every_field_with_a_value(ds: isscoop.Dataset) -> None:
    checked = 0
    for r in _records(ds):
        for path, sources in r.citations():
            assert sources, f"{r.id}.{path}"
            assert r.sources_for(path) == sources
            checked += 1
    assert checked > 1500


def test_record_sources_are_exactly_the_union_of_its_citations(ds: isscoop.Dataset) -> None:
    for r in _records(ds):
        cited: set[str] = set()
        for _, sources in r.citations():
            cited |= {s.id for s in sources}
        assert cited == {s.id for s in r.sources}, r.id


def test_every_bundled_source_is_cited_by_some_fact(ds: isscoop.Dataset) -> None:
    cited = {s.id for r in _records(ds) for s in r.sources}
    assert {s.id for s in ds.sources} == cited


def test_nasa_founding_is_cited_by_the_pages_on_the_space_act(ds: isscoop.Dataset) -> None:
    nasa = ds.agencies.get("NASA")
    founded = nasa.sources_for("founded")
    assert set(founded) < set(nasa.sources)
    assert all("1958" in (s.title or "") or "nasa" in s.url.lower() for s in founded)
    assert not {"src-3af-midi-pyrenees", "src-upi-2021-12-31", "src-indulgexpress-2024-06-27"} & {s.id for s in founded}
    assert [str(c.value) for c in nasa.claims("founded")] == ["1958-07-29", "1958-10-01"]


def test_tenure_bounds_cite_their_own_pages(ds: isscoop.Dataset) -> None:
    aschbacher = ds.officials.get("josef-aschbacher")
    start = aschbacher.sources_for("tenures[0].period.start")
    end = aschbacher.sources_for("tenures[0].period.end")
    assert start and end and set(start) != set(end)
    assert "esa.int" in start[0].url


def test_mirrors_are_labelled_as_copies(ds: isscoop.Dataset) -> None:
    for s in ds.sources:
        if "(copy on " in s.publisher:
            assert re.fullmatch(r".+ \(copy on [^()]+\)", s.publisher), s.publisher


# -- the acceptance questions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("agency", "day", "name"),
    [
        ("NASA", "2025-07-31", "Sean Duffy"),
        ("Roscosmos", "2025-07-31", "Dmitry Bakanov"),
        ("ESA", "2025-07-31", "Josef Aschbacher"),
        ("JAXA", "2025-07-31", "Hiroshi Yamakawa"),
        ("CSA", "2025-07-31", "Lisa Campbell"),
        ("ISRO", "2025-07-31", "V. Narayanan"),
        ("CNSA", "2020-01-01", "Zhang Kejian"),
    ],
)
def test_one_head_on_a_day(ds: isscoop.Dataset, agency: str, day: str, name: str) -> None:
    assert ds.officials.heads(of=agency, on=day).one().name == name


def test_heads_2018_to_the_horizon_have_a_start_and_an_end(ds: isscoop.Dataset) -> None:
    for agency in ("ESA", "JAXA", "CSA", "CNSA", "ISRO", "NASA", "Roscosmos"):
        for year in range(2018, 2026):
            heads = ds.officials.heads(of=agency, on=f"{year}-07-01")
            assert len(heads) >= 1, (agency, year)
            for o in heads:
                for t in o.tenures:
                    if t.head and t.agency.label == agency:
                        assert t.start is not None and t.period.end_known, (o.id, t)


def test_the_bakanov_duffy_talks_are_the_one_meeting_on_the_day(ds: isscoop.Dataset) -> None:
    talks = ds.meetings.between("NASA", "Roscosmos").on("2025-07-31").one()
    assert talks.id == "bakanov-duffy-2025"
    assert talks.part_of is not None and talks.part_of.kind is MeetingKind.VISIT
    visit = ds.meetings.get("bakanov-us-visit-2025")
    assert [p.id for p in visit.participants] == ["dmitry-bakanov"]
    assert talks.role_of("sean-duffy") is not None


def test_no_heads_met_in_person_between_2018_and_july_2025(ds: isscoop.Dataset) -> None:
    for m in ds.meetings.during("2018-10-11", "2025-07-30", status=None, visits=True, assume="possible"):
        people = {p.id for p in m.participants}
        heads = set()
        for day in (m.date, m.end or m.date):
            for agency in ("NASA", "Roscosmos"):
                heads |= {o.id for o in ds.officials.heads(of=agency, on=day, assume="possible")}
        both = len(people & heads) >= 2
        if both:  # only a teleconference, or what never took place, may name both
            assert m.in_person is False or m.status is not MeetingStatus.HELD, m.id


def test_cancelled_and_planned_meetings_come_back_only_when_asked(ds: isscoop.Dataset) -> None:
    assert "rogozin-us-visit-2019" not in ds.meetings.on("2019-02", assume="possible")
    assert "rogozin-us-visit-2019" in ds.meetings.on("2019-02", status="cancelled", visits=True)


def test_program_participants(ds: isscoop.Dataset) -> None:
    artemis = ds.programs.get("Artemis")
    ilrs = ds.programs.get("ILRS")
    on_day = {a.id for a in artemis.participants(on="2025-08-01")}
    assert "nasa" in on_day and "roscosmos" not in on_day
    on_day = {a.id for a in ilrs.participants(on="2025-08-01")}
    assert {"roscosmos", "cnsa"} <= on_day and "nasa" not in on_day
    for program in (artemis, ilrs):
        assert program.participants(on="1990", assume="possible") == ()


def test_nasda_before_jaxa_on_the_station(ds: isscoop.Dataset) -> None:
    iss = ds.programs.get("iss")
    assert [a.id for a in iss.participants(on="2000")] == ["nasa", "roscosmos", "esa", "csa", "nasda"]
    assert "jaxa" in [a.id for a in iss.participants(on="2025-08-01")]
    assert "jaxa" not in [a.id for a in iss.participants(on="2000", assume="possible")]


def test_integrated_crew_flights(ds: isscoop.Dataset) -> None:
    for n in range(22, 29):
        flight = ds.programs.get(f"soyuz-ms-{n}")
        assert flight.period.start is not None and flight.period.start.precision is isscoop.Precision.DAY
        if n != 23:
            assert any(c.agency.id == "nasa" for c in flight.crew), flight.id
    for n in range(5, 12):
        flight = ds.programs.get(f"crew-{n}")
        assert flight.period.start is not None and flight.period.start.precision is isscoop.Precision.DAY
        assert any(c.agency.id == "roscosmos" for c in flight.crew), flight.id
    for still_flying in ("soyuz-ms-28", "crew-12"):
        flight = ds.programs.get(still_flying)
        assert flight.period.open_end
        assert still_flying in ds.programs.on("2026-02-20")


def test_undated_programs_match_no_date(ds: isscoop.Dataset) -> None:
    assert ds.programs.on("1990", assume="possible").ids == ()


def test_the_accords_list_all_59_signatories(ds: isscoop.Dataset) -> None:
    accords = ds.agreements.get("artemis-accords")
    assert len(accords.parties) == 59
    assert all(accords.sources_for(f"parties[{p.id}]") for p in accords.parties)
    assert "roscosmos" not in [p.id for p in accords.parties]
    undated = [e for e in accords.events if e.date is None]
    assert len(undated) == 1  # Estonia: known only to have signed by 13 October 2024


def test_rogozin_refused_artemis_and_the_gateway_not_the_accords(ds: isscoop.Dataset) -> None:
    accords = ds.agreements.get("artemis-accords")
    assert not [e for e in accords.events if e.status.value == "declined"]
    remarks = ds.meetings.involving("artemis").filter(kind="statement")
    assert {m.id for m in remarks} == {"rogozin-artemis-remarks-2020-08", "rogozin-iac-remarks-2020-10-12"}


def test_iss_2030_commitments_are_claims_with_who_and_when(ds: isscoop.Dataset) -> None:
    iss = ds.programs.get("iss")
    by = {
        (c.stated_by.id if c.stated_by else None, str(c.stated_on))
        for c in iss.claims("planned_end")
        if str(c.value) == "2030"
    }
    assert {("keiko-nagaoka", "2022-11-18"), ("esa", "2022-11-23"), ("canada", "2023-03-24")} <= by


def test_notes_only_facts_became_fields(ds: isscoop.Dataset) -> None:
    deorbit = ds.programs.get("iss-deorbit")
    assert {str(c.value) for c in deorbit.claims("planned_duration")} >= {"about two and a half years"}
    isaacman = ds.officials.get("jared-isaacman").tenures[0]
    assert [m.what for m in isaacman.milestones] == [
        "named as the president-elect's pick",
        "nomination sent to the Senate",
        "nomination withdrawn",
        "nominated again",
        "confirmed by the Senate (67-30)",
    ]


# -- the earlier release ----------------------------------------------------------------------


def _changelog_corrections() -> set[tuple[str, str]]:
    """``(record id, field)`` pairs the CHANGELOG's Data section lists as corrected in 2026.12.0."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = text.split("### Data", 1)[1].split("\n## ", 1)[0]
    return {(m.group(1), m.group(2)) for m in re.finditer(r"`([a-z0-9-]+)\.([a-z_]+)`", section)}


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("sources", "cites", "note")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _plain(record: Record, attr: str) -> object:
    """A field's value in file form, without its citations and notes."""
    from isscoop import _codec

    kind = next(kd for a, kd in _codec.specs()[record.collection].fields.values() if a == attr)
    return _strip(kind.dump(getattr(record, attr)))


def test_the_earlier_release_differs_exactly_where_the_changelog_says(ds: isscoop.Dataset) -> None:
    old = ds.as_known_on("2026.11.0")
    revised = {(r.id, rev.field) for r in _records(ds) for rev in r.revisions}
    assert revised <= _changelog_corrections()
    added = {r.id for r in _records(ds) if r.added_in == "2026.12.0"}
    assert {r.id for r in _records(old)} == {r.id for r in _records(ds)} - added
    # every other difference is a record or a claim added in 2026.12.0 (or a reference to such a record)
    for r in _records(old):
        now = ds.resolve(r.id)
        for field in {f for f in r.__attrs_attrs__ if f.init}:
            name = field.name
            if name in ("sources", "cites", "note", "statements", "revisions", "added_in", "superseded_in"):
                continue
            was, is_ = getattr(r, name), getattr(now, name)
            if was == is_ or _plain(r, name) == _plain(now, name):  # the same value, cited better
                continue
            new_refs = isinstance(is_, tuple) and is_ and all(isinstance(x, Record) for x in is_ + was)
            if new_refs and {x.id for x in is_} - {x.id for x in was} <= added:
                continue
            assert (r.id, name) in revised or any(
                c.field == name and c.added_in == "2026.12.0" for c in now.statements
            ), (r.id, name)


def test_the_earlier_release_gives_the_2026_11_0_answers(ds: isscoop.Dataset) -> None:
    old = ds.as_known_on("2026.11.0")
    assert len(old.agreements.get("artemis-accords").parties) == 13
    assert [p.id for p in old.meetings.get("bakanov-us-visit-2025").participants] == ["dmitry-bakanov", "sean-duffy"]
    assert old.officials.heads(of="ESA", on="2025-07-31").ids == ()
    assert str(old.agencies.get("cnsa").founded) == "1993-04-22"
    assert old.programs.get("artemis").participants(on="2025-08-01") == ()


def test_the_release_is_recorded(ds: isscoop.Dataset) -> None:
    assert ds.version == "2026.12.0"
    meta = json.loads((ROOT / "isscoop" / "data" / "dataset.json").read_text(encoding="utf-8"))
    assert meta["version"] == "2026.12.0"


def test_sources_are_pages(ds: isscoop.Dataset) -> None:
    for s in ds.sources:
        assert isinstance(s, Source) and s.url.startswith(("http://", "https://")), s.id
