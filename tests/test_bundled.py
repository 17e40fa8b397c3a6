"""The bundled dataset: integrity checked from the raw JSON, the loader's round trip, and the July 2025 story."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import isscoop
from isscoop import AgreementStatus, MeetingKind, MeetingStatus, PartialDate, Period, Rank, Tri

DATA = Path(isscoop.__file__).parent / "data"
KINDS = ("sources", "agencies", "officials", "programs", "meetings", "agreements", "coverage")

# JSON keys that hold references, and the record types they may point at.
REF_KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("sources",),
    "agency": ("agencies",),
    "agencies": ("agencies",),
    "lead": ("agencies",),
    "party": ("agencies",),
    "parties": ("agencies",),
    "predecessors": ("agencies",),
    "person": ("officials",),
    "participants": ("officials",),  # meetings; a program's participants are objects, walked into
    "signatories": ("officials",),
    "parent": ("programs",),
    "programs": ("programs",),
    "extends": ("agreements",),
    "supersedes": ("agreements",),
    "stated_by": ("officials", "agencies"),
}


def raw_records() -> dict[str, list[dict[str, Any]]]:
    """Every record in the data files, by record type, straight from the JSON."""
    found: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for path in sorted(DATA.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for kind in KINDS:
            found[kind].extend(doc.get(kind, []))
    return found


RAW = raw_records()


def walk_refs(value: object, path: str) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """``(json path, referenced id, allowed kinds)`` for every reference inside ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}"
            if key == "cites" and isinstance(item, dict):  # field paths, each with its source ids
                for field, ids in item.items():
                    for i, x in enumerate(ids):
                        yield f"{sub}.{field}[{i}]", x, ("sources",)
                continue
            if key == "revisions" and isinstance(item, list):  # earlier values: checked by loading, not here
                continue
            kinds = REF_KEYS.get(key)
            if kinds is not None and isinstance(item, str):
                yield sub, item, kinds
            elif kinds is not None and isinstance(item, list) and all(isinstance(x, str) for x in item):
                for i, x in enumerate(item):
                    yield f"{sub}[{i}]", x, kinds
            else:
                yield from walk_refs(item, sub)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk_refs(item, f"{path}[{i}]")


def cited_objects(value: object, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object (at any depth) that has a ``sources`` key."""
    if isinstance(value, dict):
        if "sources" in value:
            yield path, value
        for key, item in value.items():
            if key != "sources":
                yield from cited_objects(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from cited_objects(item, f"{path}[{i}]")


# -- integrity, from the raw JSON -------------------------------------------------------------


def test_the_data_files_hold_every_record_type() -> None:
    for kind in KINDS:
        assert RAW[kind], kind


def test_ids_are_unique_across_all_record_types(bundled: isscoop.Dataset) -> None:
    raw_ids = [r["id"] for kind in KINDS for r in RAW[kind]]
    duplicates = {i for i in raw_ids if raw_ids.count(i) > 1}
    assert duplicates == set()
    loaded_ids = [r.id for r in bundled.records()]
    assert sorted(loaded_ids) == sorted(raw_ids)


def test_every_record_cites_a_source() -> None:
    for kind in KINDS[1:]:
        for r in RAW[kind]:
            assert r.get("sources"), f"{kind}: {r['id']}"


def test_every_nested_object_with_sources_cites_one() -> None:
    for kind in KINDS[1:]:
        for i, r in enumerate(RAW[kind]):
            for path, obj in cited_objects(r, f"$.{kind}[{i}]"):
                assert obj["sources"], path


def test_every_tenure_claim_and_history_step_cites_a_source(bundled: isscoop.Dataset) -> None:
    for o in bundled.officials:
        for t in o.tenures:
            assert t.sources, (o.id, t.post)
    for record in bundled.records():
        if isinstance(record, isscoop.Record):
            for c in record.claims(superseded=True):
                assert c.sources, (record.id, c.field, c.value)
    for a in bundled.agreements:
        for e in a.history():
            assert e.sources, (a.id, str(e))


def test_every_source_has_url_and_publisher() -> None:
    for s in RAW["sources"]:
        assert isinstance(s.get("url"), str), s["id"]
        assert s["url"].startswith(("http://", "https://")), s["id"]
        assert isinstance(s.get("publisher"), str), s["id"]
        assert s["publisher"].strip(), s["id"]


def test_every_source_is_cited() -> None:
    cited = {
        ref
        for kind in KINDS[1:]
        for i, r in enumerate(RAW[kind])
        for _, ref, kinds in walk_refs(r, f"$.{kind}[{i}]")
        if kinds == ("sources",)
    }
    assert {s["id"] for s in RAW["sources"]} - cited == set()


def test_no_dangling_references() -> None:
    ids_by_kind = {kind: {r["id"] for r in RAW[kind]} for kind in KINDS}
    dangling = []
    count = 0
    for kind in KINDS[1:]:
        for i, r in enumerate(RAW[kind]):
            for path, ref, kinds in walk_refs(r, f"$.{kind}[{i}]"):
                count += 1
                if not any(ref in ids_by_kind[k] for k in kinds):
                    dangling.append((path, ref))
    assert dangling == []
    assert count > 500  # the walk did find the references


def _dates_in_order(first: PartialDate, last: PartialDate) -> bool:
    return first.earliest <= last.latest


def test_periods_start_on_or_before_their_end(bundled: isscoop.Dataset) -> None:
    periods: list[tuple[str, Period]] = []
    for o in bundled.officials:
        periods += [(f"{o.id} {t.post}", t.period) for t in o.tenures]
    for p in bundled.programs:
        periods.append((p.id, p.period))
        periods += [(f"{p.id} {x.agency.id}", x.period) for x in p.participations if x.period is not None]
    for m in bundled.meetings:
        periods.append((m.id, m.period))
    for name, period in periods:
        if period.start is not None and period.end is not None:
            assert _dates_in_order(period.start, period.end), (name, str(period))
    for a in bundled.agreements:
        if a.signed is not None and a.end is not None:
            assert _dates_in_order(a.signed, a.end), a.id


def test_raw_period_strings_parse() -> None:
    for kind in ("officials", "programs"):
        for r in RAW[kind]:
            for sub in (r.get("tenures", []), r.get("participants", []), [r]):
                for obj in sub:
                    if isinstance(obj.get("period"), str):
                        Period.parse(obj["period"])


def test_one_non_acting_head_at_a_time(bundled: isscoop.Dataset) -> None:
    """Computed from earliest/latest days, ignoring qualifiers: stricter than the package's own check."""
    far = dt.date.max
    posts: dict[str, list[tuple[str, dt.date, dt.date]]] = {}
    for o in bundled.officials:
        for t in o.tenures:
            if not t.head or t.acting or t.start is None:
                continue
            latest_start = t.start.latest
            if t.period.open_end:
                earliest_end = far
            elif t.end is not None:
                earliest_end = t.end.earliest
            else:
                earliest_end = t.start.earliest  # unknown end: may have ended at once
            posts.setdefault(t.agency.id, []).append((o.id, latest_start, earliest_end))
    clashes = []
    for agency, holders in posts.items():
        for i, (a, a_start, a_end) in enumerate(holders):
            for b, b_start, b_end in holders[i + 1 :]:
                if a != b and max(a_start, b_start) < min(a_end, b_end):  # more than a handover day
                    clashes.append((agency, a, b))
    assert clashes == []
    assert len(posts["roscosmos"]) >= 3
    assert len(posts["nasa"]) >= 3


def test_nothing_is_unsourced(bundled: isscoop.Dataset) -> None:
    assert bundled.unsourced() == ()
    assert isscoop.dataset().unsourced() == ()


def test_bundled_dataset_is_cached_and_versioned(bundled: isscoop.Dataset) -> None:
    assert isscoop.dataset() is bundled
    assert bundled.version is not None
    assert bundled.version == json.loads((DATA / "dataset.json").read_text(encoding="utf-8"))["version"]
    assert isscoop.agencies == bundled.agencies
    assert isscoop.meetings.get("bakanov-duffy-2025") is bundled.meetings.get("bakanov-duffy-2025")


# -- the loader's round trip ----------------------------------------------------------------------


def test_dump_to_a_folder_and_load(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    isscoop.dump(bundled, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{k}.json" for k in KINDS)
    again = isscoop.load(tmp_path)
    assert again == bundled
    assert again.version == bundled.version
    assert again.meetings.get("bakanov-duffy-2025").claims("location") == bundled.meetings.get(
        "bakanov-duffy-2025"
    ).claims("location")


def test_dump_to_one_file_and_load(bundled: isscoop.Dataset, tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    isscoop.dump(bundled, target)
    again = isscoop.load(target)
    assert again == bundled
    # canonical: dumping the reloaded data gives the same bytes
    second = tmp_path / "again.json"
    isscoop.dump(again, second)
    assert second.read_bytes() == target.read_bytes()
    assert "Роскосмос" in target.read_text(encoding="utf-8")  # UTF-8, not \u escapes


def test_dump_to_a_file_object_and_load(bundled: isscoop.Dataset) -> None:
    import io

    buffer = io.StringIO()
    isscoop.dump(bundled, buffer)
    buffer.seek(0)
    assert isscoop.load(buffer) == bundled


# -- the July 2025 story, one public call each ----------------------------------------------------

DAY = "2025-07-31"


def test_who_headed_roscosmos_and_nasa() -> None:
    assert isscoop.officials.heads(of="Roscosmos", on=DAY).one().name == "Dmitry Bakanov"
    assert isscoop.officials.heads(of="NASA", on=DAY).one().name == "Sean Duffy"
    nasa_post = next(t for t in isscoop.officials.get("Sean Duffy").tenures if t.agency.id == "nasa")
    assert nasa_post.acting
    assert nasa_post.covers(DAY).value is Tri.YES


def test_duffys_two_posts() -> None:
    posts = {(t.agency.id, t.post, t.acting) for t in isscoop.officials.get("sean-duffy").tenures_on(DAY)}
    assert posts == {("us-dot", "Secretary of Transportation", False), ("nasa", "Administrator", True)}


def test_the_meeting() -> None:
    talks = isscoop.meetings.between("Bakanov", "Duffy").filter(kind="heads_of_agency").on(DAY).one()
    assert talks.id == "bakanov-duffy-2025"
    assert talks.date == PartialDate.parse(DAY)
    assert talks.status is MeetingStatus.HELD
    assert talks.location is not None
    assert talks.location.place == "Kennedy Space Center, Florida"
    assert talks.location.country == "US"
    locations = talks.claims("location")
    assert locations[0].rank is Rank.PREFERRED
    assert locations[0].value == talks.location
    assert any(c.rank is not Rank.PREFERRED and "Houston" in str(c.value) for c in locations)
    assert [o.id for o in talks.participants] == ["dmitry-bakanov", "sean-duffy"]
    assert {a.id for a in talks.agencies} == {"nasa", "roscosmos"}
    words = " ".join(talks.topics + talks.outcomes)
    assert "2028" in words
    assert "2030" in words


def test_since_last_heads_meeting_claims() -> None:
    talks = isscoop.meetings.get("bakanov-duffy-2025")
    claims = talks.claims("since_last_heads_meeting")
    assert claims[0].value == "since 2018"
    assert claims[0].rank is Rank.PREFERRED
    assert talks.since_last_heads_meeting == "since 2018"
    eight = next(c for c in claims if c.value == "eight years")
    assert eight.rank is Rank.DEPRECATED
    assert eight.stated_by is isscoop.agencies.get("roscosmos")


def test_the_previous_heads_meeting() -> None:
    heads = isscoop.meetings.between("NASA", "Roscosmos").filter(kind="heads_of_agency", status="held")
    previous = heads.filter(in_person=True).before(DAY).latest()  # the January 2019 teleconference aside
    assert previous is not None
    assert previous.id == "bridenstine-rogozin-2018"
    assert previous.date == PartialDate.parse("2018-10-10")
    assert previous.location is not None
    assert "Baikonur" in previous.location.place
    assert {o.id for o in previous.participants} == {"jim-bridenstine", "dmitry-rogozin"}


def test_the_cancelled_2019_visit() -> None:
    visit = isscoop.meetings.between("NASA", "Roscosmos").filter(status="cancelled").one()
    assert visit.id == "rogozin-us-visit-2019"
    assert visit.kind is MeetingKind.VISIT
    assert str(visit.date) == "2019-02"
    assert visit.date.precision is isscoop.Precision.MONTH


def test_crew_11() -> None:
    crew11 = isscoop.programs.get("Crew-11")
    assert [c.person.id for c in crew11.crew] == ["zena-cardman", "mike-fincke", "kimiya-yui", "oleg-platonov"]
    assert [c.agency.id for c in crew11.crew] == ["nasa", "nasa", "jaxa", "roscosmos"]
    assert crew11.period.start == PartialDate.parse("2025-08-01")
    assert crew11.parent is isscoop.programs.get("ISS")
    scrub = next(m for m in crew11.milestones if m.what == "scrub")
    assert scrub.date == PartialDate.parse(DAY)
    launch = next(m for m in crew11.milestones if m.what == "launch")
    assert launch.date == crew11.period.start
    assert crew11.active_on(DAY).no  # the scrub day is before the mission began


def test_iss_partners() -> None:
    partners = isscoop.programs.get("ISS").participants(on=DAY)
    assert {a.label for a in partners} == {"NASA", "Roscosmos", "ESA", "JAXA", "CSA"}


def test_agreements_in_force() -> None:
    in_force = isscoop.agreements.in_force(on=DAY)
    assert {"seat-swap-2022", "iss-iga-1998"} <= set(in_force.ids)


def test_the_july_2025_understanding() -> None:
    understanding = isscoop.agreements.get("iss-2028-2030-understanding-2025")
    assert understanding.status_on(DAY) in (AgreementStatus.AGREED_IN_PRINCIPLE, AgreementStatus.PENDING_APPROVAL)
    assert understanding.in_force_on(DAY).value is Tri.NO
    assert understanding not in isscoop.agreements.in_force(on=DAY, assume="possible")
    assert understanding.status_on("2025-07-30") is None


def test_a_month_precision_signing() -> None:
    # 2026.11.0 knew the May 2025 ILRS memorandum only to the month; 2026.12.0 has its day (8 May)
    memo = isscoop.agreements.get("lunar-power-plant-contract-2025")
    assert memo.signed is not None
    assert memo.signed.precision is isscoop.Precision.MONTH
    answer = memo.in_force_on("2025-12-15")
    assert answer.value is Tri.UNKNOWN
    assert "2025-12" in answer.reason
    with pytest.raises(isscoop.Undecidable):
        bool(answer)


def test_russian_names_resolve() -> None:
    assert isscoop.agencies.get("Роскосмос").id == "roscosmos"
    assert isscoop.officials.get("Дмитрий Баканов").id == "dmitry-bakanov"
