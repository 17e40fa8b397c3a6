"""isscoop.load on small files: every problem reported at once, with file and JSON path; never a stray exception."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

import isscoop
from isscoop import DatasetError, Problem

SOURCE = {"id": "src-a", "url": "https://example.org/a", "publisher": "Example"}
NASA = {"id": "nasa", "name": "NASA", "kind": "space_agency", "country": "US", "sources": ["src-a"]}
ROSCOSMOS = {"id": "roscosmos", "name": "Roscosmos", "kind": "state_corporation", "country": "RU", "sources": ["src-a"]}
DUFFY = {
    "id": "sean-duffy",
    "name": "Sean Duffy",
    "sources": ["src-a"],
    "tenures": [
        {"post": "Administrator", "agency": "nasa", "period": "2025-07-09/2025-12-18", "acting": True, "head": True}
    ],
}
BAKANOV = {"id": "dmitry-bakanov", "name": "Dmitry Bakanov", "aliases": ["Дмитрий Баканов"], "sources": ["src-a"]}
TALKS = {
    "id": "talks",
    "title": "Talks",
    "kind": "heads_of_agency",
    "date": "2025-07-31",
    "participants": ["dmitry-bakanov", "sean-duffy"],
    "agencies": ["roscosmos", "nasa"],
    "sources": ["src-a"],
}


def good_doc() -> dict[str, Any]:
    return {
        "format_version": 1,
        "sources": [dict(SOURCE)],
        "agencies": [dict(NASA), dict(ROSCOSMOS)],
        "officials": [json.loads(json.dumps(DUFFY)), dict(BAKANOV)],
        "meetings": [dict(TALKS)],
    }


def write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def load_problems(*paths: Any) -> tuple[DatasetError, tuple[Problem, ...]]:
    with pytest.raises(DatasetError) as info:
        isscoop.load(*paths)
    return info.value, info.value.problems


def problem_at(problems: tuple[Problem, ...], path: str) -> Problem:
    hits = [p for p in problems if p.path == path]
    assert len(hits) == 1, (path, [str(p) for p in problems])
    return hits[0]


# -- a good file -----------------------------------------------------------------------------------


def test_load_a_good_file(tmp_path: Path) -> None:
    ds = isscoop.load(write(tmp_path / "good.json", good_doc()))
    assert ds.agencies.ids == ("nasa", "roscosmos")
    talks = ds.meetings.get("talks")
    assert talks.participants == (ds.officials.get("Дмитрий Баканов"), ds.officials.get("Sean Duffy"))
    assert talks.participants[1].tenures[0].agency is ds.agencies.get("nasa")
    assert ds.officials.heads(of="NASA", on="2025-07-31").one().id == "sean-duffy"
    assert ds.version is None


def test_load_accepts_a_directory_several_files_and_file_objects(tmp_path: Path) -> None:
    doc = good_doc()
    folder = tmp_path / "data"
    folder.mkdir()
    write(folder / "a-sources.json", {"format_version": 1, "sources": doc["sources"], "version": "2026.1.0"})
    write(folder / "b-agencies.json", {"format_version": 1, "agencies": doc["agencies"]})
    write(folder / "c-rest.json", {"format_version": 1, "officials": doc["officials"], "meetings": doc["meetings"]})
    (folder / "notes.txt").write_text("not json, and not read", encoding="utf-8")
    from_folder = isscoop.load(folder)
    assert from_folder.version == "2026.1.0"
    assert from_folder.meetings.ids == ("talks",)
    from_files = isscoop.load(folder / "a-sources.json", folder / "b-agencies.json", str(folder / "c-rest.json"))
    assert from_files == from_folder
    one = write(tmp_path / "one.json", good_doc())
    with one.open(encoding="utf-8") as text_stream:
        from_text = isscoop.load(text_stream)
    with one.open("rb") as byte_stream:
        from_bytes = isscoop.load(byte_stream)
    from_memory = isscoop.load(io.StringIO(one.read_text(encoding="utf-8")))
    assert from_text == from_bytes == from_memory
    assert from_text.meetings == from_folder.meetings


def test_load_needs_a_source() -> None:
    with pytest.raises(TypeError):
        isscoop.load()


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(good_doc()).encode("utf-8"))
    assert isscoop.load(path).agencies.ids == ("nasa", "roscosmos")


# -- one error listing every mistake ---------------------------------------------------------------


def many_mistakes() -> dict[str, Any]:
    """Six mistakes, each in a record that nothing else depends on, so none can hide another."""
    doc = good_doc()
    doc["agencies"] += [
        {"id": "esa", "name": 5, "kind": "intergovernmental_organization", "sources": ["src-a"]},  # wrong type
        {"id": "jaxa", "name": "JAXA", "acronyms": "JAXA", "kind": "space_agency", "sources": ["src-a"]},  # unknown
    ]
    doc["officials"] += [
        {
            "id": "bob-smith",
            "name": "Bob Smith",
            "sources": ["src-a"],
            "tenures": [{"post": "Director", "agency": "nasa", "period": "2025-12-18/2025-07-09"}],  # reversed
        },
        {"id": "nasa", "name": "Not An Agency", "sources": ["src-a"]},  # duplicate id
    ]
    doc["meetings"][0]["participants"] = ["dmitry-bakanov", "sean-dufy"]  # dangling reference
    doc["meetings"].append(dict(TALKS, id="later-talks", date="2025-13"))  # bad EDTF date
    return doc


EXPECTED_PATHS = {
    "$.agencies[2].name",
    "$.agencies[3].acronyms",
    "$.officials[2].tenures[0].period",
    "$.officials[3].id",
    "$.meetings[0].participants[1]",
    "$.meetings[1].date",
}


def test_every_mistake_is_listed_once_with_file_and_path(tmp_path: Path) -> None:
    path = write(tmp_path / "mistakes.json", many_mistakes())
    err, problems = load_problems(path)
    assert isinstance(err, ValueError)
    assert isinstance(err, isscoop.IsscoopError)
    assert {p.path for p in problems} == EXPECTED_PATHS
    assert len(problems) == len(EXPECTED_PATHS)
    assert all(p.file == str(path) for p in problems)

    wrong_type = problem_at(problems, "$.agencies[2].name")
    assert wrong_type.message == "wrong type"
    assert wrong_type.got is not None
    assert "5" in wrong_type.got

    unknown = problem_at(problems, "$.agencies[3].acronyms")
    assert "unknown field" in unknown.message
    assert "did you mean 'acronym'?" in unknown.message

    reversed_period = problem_at(problems, "$.officials[2].tenures[0].period")
    assert "2025-12-18/2025-07-09" in str(reversed_period)

    duplicate = problem_at(problems, "$.officials[3].id")
    assert "duplicate id" in duplicate.message
    assert "'nasa'" in str(duplicate)

    dangling = problem_at(problems, "$.meetings[0].participants[1]")
    assert "sean-dufy" in str(dangling)
    assert "sean-duffy" in dangling.message  # a close match is offered

    bad_date = problem_at(problems, "$.meetings[1].date")
    assert "2025-13" in str(bad_date)
    assert "month" in bad_date.message


def test_the_message_lists_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "mistakes.json", many_mistakes())
    err, problems = load_problems(path)
    text = str(err)
    lines = text.splitlines()
    assert lines[0] == "6 problems in the dataset:"
    assert len(lines) == len(problems) + 1
    for p in problems:
        assert str(p) in text
    for expected in EXPECTED_PATHS:
        assert re.search(rf"mistakes\.json(:\d+)?: {re.escape(expected)}: ", text), expected


def test_problems_in_several_files_are_all_listed(tmp_path: Path) -> None:
    first = good_doc()
    first["agencies"][0]["kind"] = "space_agnecy"
    second = {"format_version": 1, "meetings": [dict(TALKS, id="other", date="2025-02-30")]}
    a = write(tmp_path / "a.json", first)
    b = write(tmp_path / "b.json", second)
    _, problems = load_problems(a, b)
    kinds = problem_at(problems, "$.agencies[0].kind")
    assert kinds.file == str(a)
    assert "did you mean 'space_agency'?" in kinds.message
    date = problem_at(problems, "$.meetings[0].date")
    assert date.file == str(b)


def test_a_dangling_reference_is_reported_even_in_a_record_with_another_mistake(tmp_path: Path) -> None:
    doc = good_doc()
    doc["meetings"][0]["date"] = "2025-13"
    doc["meetings"][0]["participants"] = ["dmitry-bakanov", "no-such-person"]
    _, problems = load_problems(write(tmp_path / "both.json", doc))
    assert {p.path for p in problems} == {"$.meetings[0].date", "$.meetings[0].participants[1]"}


def test_a_duplicate_of_a_record_with_another_mistake_is_reported(tmp_path: Path) -> None:
    doc = good_doc()
    doc["agencies"][0]["name"] = 5
    doc["officials"].append({"id": "nasa", "name": "Not An Agency", "sources": ["src-a"]})
    doc["officials"][0]["tenures"] = []  # nothing refers to the broken agency
    doc["meetings"][0]["agencies"] = ["roscosmos"]
    _, problems = load_problems(write(tmp_path / "dup.json", doc))
    assert {p.path for p in problems} == {"$.agencies[0].name", "$.officials[2].id"}


def test_a_reference_to_a_record_with_a_mistake_is_not_called_unknown(tmp_path: Path) -> None:
    doc = good_doc()
    doc["agencies"][1]["country"] = "RUS"
    _, problems = load_problems(write(tmp_path / "cascade.json", doc))
    assert [p.path for p in problems] == ["$.agencies[1].country"]


def test_a_mistake_in_a_nested_object_is_located(tmp_path: Path) -> None:
    doc = good_doc()
    doc["officials"][0]["tenures"][0]["acting"] = "yes"
    doc["meetings"][0]["location"] = {"place": "KSC", "country": "USA"}
    _, problems = load_problems(write(tmp_path / "nested.json", doc))
    assert problem_at(problems, "$.officials[0].tenures[0].acting").expected == "true or false"
    assert "USA" in str(problem_at(problems, "$.meetings[0].location.country"))


def test_missing_required_field(tmp_path: Path) -> None:
    doc = good_doc()
    del doc["meetings"][0]["kind"]
    _, problems = load_problems(write(tmp_path / "missing.json", doc))
    assert problem_at(problems, "$.meetings[0].kind").message == "missing field"


def test_reference_to_the_wrong_kind_of_record(tmp_path: Path) -> None:
    doc = good_doc()
    doc["meetings"][0]["agencies"] = ["roscosmos", "sean-duffy"]
    _, problems = load_problems(write(tmp_path / "kind.json", doc))
    assert "sean-duffy" in str(problem_at(problems, "$.meetings[0].agencies[1]"))


def test_two_heads_at_once_is_a_problem(tmp_path: Path) -> None:
    doc = good_doc()
    doc["officials"][1]["tenures"] = [
        {"post": "Administrator", "agency": "nasa", "period": "2025-08/..", "head": True},
    ]
    doc["officials"][0]["tenures"][0]["acting"] = False
    doc["officials"][0]["tenures"][0]["head"] = True
    _, problems = load_problems(write(tmp_path / "heads.json", doc))
    assert any("overlaps" in p.message for p in problems)
    assert all(p.file == str(tmp_path / "heads.json") for p in problems)


# -- nothing is loaded ----------------------------------------------------------------------------


def test_nothing_is_partially_loaded(tmp_path: Path) -> None:
    bundled_before = isscoop.dataset()
    good = write(tmp_path / "good.json", good_doc())
    bad = write(tmp_path / "bad.json", {"format_version": 1, "programs": [{"id": "BAD"}]})
    with pytest.raises(DatasetError):
        isscoop.load(good, bad)
    assert isscoop.dataset() is bundled_before
    assert "talks" not in isscoop.meetings
    # the good file alone still loads
    assert isscoop.load(good).meetings.ids == ("talks",)


# -- broken files give DatasetError, never another exception ---------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"format_version": 1, "agencies": [', "not valid JSON"),
        ("", "not valid JSON"),
        ('{"format_version": NaN}', "NaN"),
        ('{"format_version": 1, "agencies": [{"id": "x", "founded": Infinity}]}', "Infinity"),
        ('{"format_version": 1, "format_version": 1}', "duplicate key 'format_version'"),
        ('{"format_version": 1, "agencies": [{"id": "a", "id": "b"}]}', "duplicate key 'id'"),
        ("[]", "wrong type"),
        ('"agencies"', "wrong type"),
        ("42", "wrong type"),
        ("null", "wrong type"),
        ('{"format_version": 2}', "unsupported format version"),
        ('{"format_version": "1"}', "unsupported format version"),
        ('{"format_version": true}', "unsupported format version"),
        ("{}", "missing field"),
        ('{"format_version": 1, "agencies": {}}', "wrong type"),
        ('{"format_version": 1, "agencies": [5]}', "wrong type"),
        ('{"format_version": 1, "agencys": []}', "did you mean 'agencies'?"),
        ('{"format_version": 1, "agencies": [{"id": "x", "name": "X", "kind": "state", "aliases": "X"}]}', "wrong"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
    ],
)
def test_broken_files_give_dataset_error(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    err, problems = load_problems(path)
    assert problems
    assert fragment in str(err)
    assert all(p.file == str(path) for p in problems)
    # and the same from a file object
    err2, _ = load_problems(io.StringIO(text))
    assert fragment in str(err2)


def test_truncated_json_reports_the_line(tmp_path: Path) -> None:
    text = json.dumps(good_doc(), indent=2)
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    _, problems = load_problems(path)
    assert len(problems) == 1
    assert problems[0].line is not None
    assert problems[0].line > 1
    assert f"cut.json:{problems[0].line}: $: not valid JSON" in str(problems[0])


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format_version": 1, "agencies": [{"name": "Agence spatiale européenne"}]}'.encode("latin-1"))
    err, _ = load_problems(path)
    assert "not UTF-8" in str(err)
    err2, _ = load_problems(io.BytesIO(b"\xff\xfe\x00"))
    assert "not UTF-8" in str(err2)


def test_a_missing_file_is_a_problem_too(tmp_path: Path) -> None:
    err, problems = load_problems(tmp_path / "nowhere.json")
    assert "cannot read file" in str(err)
    assert problems[0].file == str(tmp_path / "nowhere.json")


def test_problem_text() -> None:
    p = Problem(file="f.json", path="$.meetings[0].date", message="bad date", expected="an EDTF date", got="'x'")
    assert str(p) == "f.json: $.meetings[0].date: bad date; expected an EDTF date, got 'x'"
    assert str(Problem(file="f.json", path="$", message="not valid JSON", line=3)) == "f.json:3: $: not valid JSON"
    one = DatasetError([p])
    assert str(one).startswith("1 problem in the dataset:")
