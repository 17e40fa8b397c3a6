"""PartialDate, Period, Tri and Answer: parsing, precision, bounds, ordering and three-valued questions."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import dateutil.parser
import pytest
from hypothesis import given
from hypothesis import strategies as st

import isscoop
from isscoop import Answer, PartialDate, Period, Precision, Tri, to_partial_date
from isscoop._dates import DATE_PATTERN, PERIOD_PATTERN

from .strategies import day_dates, partial_dates, periods, ref_period_bounds, ref_span


def P(text: str) -> PartialDate:  # noqa: N802 - short constructor for readability
    return PartialDate.parse(text)


def D(y: int, m: int, d: int) -> dt.date:  # noqa: N802
    return dt.date(y, m, d)


# -- PartialDate.parse ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "month", "day", "precision"),
    [
        ("2025", 2025, None, None, Precision.YEAR),
        ("2025-07", 2025, 7, None, Precision.MONTH),
        ("2025-07-31", 2025, 7, 31, Precision.DAY),
        ("0001", 1, None, None, Precision.YEAR),
        ("9999-12-31", 9999, 12, 31, Precision.DAY),
    ],
)
def test_parse_precisions(text: str, year: int, month: int | None, day: int | None, precision: Precision) -> None:
    d = P(text)
    assert (d.year, d.month, d.day) == (year, month, day)
    assert d.precision is precision
    assert not d.approximate
    assert not d.uncertain
    assert not d.qualified
    assert str(d) == text
    assert d.isoformat() == text


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("2030~", True, False),
        ("2028?", False, True),
        ("2025-07%", True, True),
        ("2025-07-31~", True, False),
        ("2025-01-28?", False, True),
    ],
)
def test_parse_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    d = P(text)
    assert d.approximate is approximate
    assert d.uncertain is uncertain
    assert d.qualified
    assert str(d) == text
    assert P(str(d)) == d


def test_qualifier_does_not_change_precision_or_plain_bounds() -> None:
    assert P("2030~").precision is Precision.YEAR
    assert P("2025-07?").precision is Precision.MONTH
    assert P("2025-07-31%").precision is Precision.DAY
    assert (P("2025-07~").earliest, P("2025-07~").latest) == (D(2025, 7, 1), D(2025, 7, 31))


def test_parse_drops_time_of_day() -> None:
    assert P("2025-07-31T15:43:00Z") == P("2025-07-31")
    assert P("2025-07-31T15:43:00+03:00") == P("2025-07-31")


def test_parse_strips_whitespace() -> None:
    assert P("  2025-07 ") == P("2025-07")


def test_qualified_and_plain_dates_differ() -> None:
    assert P("2030~") != P("2030")
    assert P("2030~") != P("2030?")
    assert hash(P("2025-07")) == hash(P("2025-07"))


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("2025-07", D(2025, 7, 1), D(2025, 7, 31)),
        ("2025-07-31", D(2025, 7, 31), D(2025, 7, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),  # leap year
        ("2025-02", D(2025, 2, 1), D(2025, 2, 28)),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28)),  # century, not leap
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29)),  # 400-year rule, leap
        ("2025-04", D(2025, 4, 1), D(2025, 4, 30)),
        ("2025-12", D(2025, 12, 1), D(2025, 12, 31)),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29)),
    ],
)
def test_earliest_and_latest(text: str, earliest: dt.date, latest: dt.date) -> None:
    d = P(text)
    assert d.earliest == earliest
    assert d.latest == latest


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2030~", D(2029, 1, 1), D(2031, 12, 31)),
        ("2025-07?", D(2025, 6, 1), D(2025, 8, 31)),
        ("2025-01~", D(2024, 12, 1), D(2025, 2, 28)),
        ("2024-12~", D(2024, 11, 1), D(2025, 1, 31)),
        ("2024-03~", D(2024, 2, 1), D(2024, 4, 30)),
        ("2025-07-31%", D(2025, 7, 30), D(2025, 8, 1)),
        ("2025-07-31", D(2025, 7, 31), D(2025, 7, 31)),
    ],
)
def test_bounds_widen_qualified_dates_by_one_unit(text: str, first: dt.date, last: dt.date) -> None:
    assert P(text).bounds() == (first.toordinal(), last.toordinal())


def test_qualified_month_bounds_at_calendar_edges() -> None:
    late = PartialDate(year=9999, month=12, approximate=True)
    assert late.bounds() == (D(9999, 11, 1).toordinal(), D(9999, 12, 31).toordinal())
    early = PartialDate(year=1, month=1, uncertain=True)  # widened into December of the year 0000
    assert early.bounds() == (D(1, 1, 1).toordinal() - 31, D(1, 2, 28).toordinal())
    assert str(Period.parse("9999-12~/9999-12~")) == "9999-12~/9999-12~"


def test_to_date_only_for_exact_days() -> None:
    assert P("2025-07-31").to_date() == D(2025, 7, 31)
    with pytest.raises(isscoop.Undecidable):
        P("2025-07").to_date()
    with pytest.raises(isscoop.Undecidable):
        P("2025-07-31~").to_date()


def test_describe() -> None:
    assert P("2025-07-31").describe() == "2025-07-31"
    assert P("2025-07").describe() == "known only to the month: 2025-07"
    assert P("2025").describe() == "known only to the year: 2025"


def test_repr_is_short() -> None:
    assert repr(P("2025-07")) == "PartialDate('2025-07')"
    assert repr(Period.parse("2025-07-09/..")) == "Period('2025-07-09/..')"


# -- bad inputs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "shown"),
    [
        ("2025-13", "2025-13"),
        ("2025-02-30", "2025-02-30"),
        ("2025-02-29", "2025-02-29"),
        ("2025-00", "2025-00"),
        ("2025-07-00", "2025-07-00"),
        ("25", "25"),
        ("2025-1X", "2025-1X"),
        ("-0500", "-0500"),
        ("", "''"),
        ("Y2025", "Y2025"),
        ("2025/07/31", "2025/07/31"),
        ("2025-7-31", "2025-7-31"),
        ("Y12345", "Y12345"),
        ("31 July 2025", "31 July 2025"),  # human text is for from_text, not parse
    ],
)
def test_parse_rejects_bad_text(bad: str, shown: str) -> None:
    with pytest.raises(isscoop.DateParseError) as info:
        P(bad)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, isscoop.IsscoopError)
    assert shown in str(info.value)


def test_parse_messages_say_what_is_wrong() -> None:
    with pytest.raises(isscoop.DateParseError, match=r"month: expected 1\.\.12, got 13"):
        P("2025-13")
    with pytest.raises(isscoop.DateParseError, match=r"day: expected 1\.\.28, got 30"):
        P("2025-02-30")
    with pytest.raises(isscoop.DateParseError, match="negative years"):
        P("-0500")
    with pytest.raises(isscoop.DateParseError, match=r"level 2 \(X here; level 1 has 201X"):
        P("1XXX")


@pytest.mark.parametrize("bad", [2025, 2025.0, None, dt.date(2025, 7, 31), b"2025"])
def test_parse_rejects_non_strings(bad: object) -> None:
    with pytest.raises(isscoop.DateParseError) as info:
        PartialDate.parse(bad)  # type: ignore[arg-type]
    assert repr(bad) in str(info.value)
    assert type(bad).__name__ in str(info.value)


@pytest.mark.parametrize(
    "fields",
    [
        {"year": -1},
        {"year": 10000},
        {"year": 2025, "month": 13},
        {"year": 2025, "day": 1},  # a day needs a month
        {"year": 2023, "month": 2, "day": 29},
        {"year": "2025"},
        {"year": True},
        {"year": 2025, "month": 7.0},
        {"year": 2025, "approximate": "yes"},
    ],
)
def test_constructor_validates(fields: dict[str, object]) -> None:
    with pytest.raises(isscoop.DateParseError):
        PartialDate(**fields)  # type: ignore[arg-type]


# -- from_text and to_partial_date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 July 2025", "2025-07-31"),
        ("Thursday 31 July 2025", "2025-07-31"),
        ("July 31, 2025", "2025-07-31"),
        ("1 January 2025", "2025-01-01"),
        ("2 March 2025", "2025-03-02"),
        ("29 February 2024", "2024-02-29"),
        ("July 2025", "2025-07"),
        ("January 2025", "2025-01"),
        ("March 2025", "2025-03"),
        ("2025", "2025"),
        ("2025-07", "2025-07"),
        ("2030~", "2030~"),
    ],
)
def test_from_text(text: str, expected: str) -> None:
    assert PartialDate.from_text(text) == P(expected)


def test_from_text_never_fills_missing_parts() -> None:
    # If any part were taken from today (or from a default), these would have a day or month.
    july = PartialDate.from_text("July 2025")
    assert (july.year, july.month, july.day) == (2025, 7, None)
    assert july.precision is Precision.MONTH
    year = PartialDate.from_text("2025")
    assert (year.month, year.day) == (None, None)
    # The months whose number equals a plausible default day or month stay months.
    for name, number in [("January", 1), ("February", 2), ("March", 3)]:
        d = PartialDate.from_text(f"{name} 2031")
        assert (d.year, d.month, d.day) == (2031, number, None)


@pytest.mark.parametrize("text", ["Thursday July 2025", "Monday July 2025"])
def test_from_text_weekday_without_a_day_does_not_invent_a_day(text: str) -> None:
    try:
        d = PartialDate.from_text(text)
    except isscoop.DateParseError:
        return  # refusing is fine too
    assert (d.year, d.month, d.day) == (2025, 7, None)


def test_from_text_two_digit_year_does_not_depend_on_today(monkeypatch: pytest.MonkeyPatch) -> None:
    info = dateutil.parser.DEFAULTPARSER.info

    def read_as_if_the_year_were(year: int) -> str:
        monkeypatch.setattr(info, "_year", year)
        monkeypatch.setattr(info, "_century", year // 100 * 100)
        try:
            return str(PartialDate.from_text("31 July 25"))
        except isscoop.DateParseError:
            return "refused"

    assert read_as_if_the_year_were(1990) == read_as_if_the_year_were(2090)


@pytest.mark.parametrize("text", ["July", "31 July", "Thursday", "hello", "29 February 2025", "", "31 2025"])
def test_from_text_rejects_text_without_a_year_or_nonsense(text: str) -> None:
    with pytest.raises(isscoop.DateParseError) as info:
        PartialDate.from_text(text)
    assert repr(text) in str(info.value)


def test_to_partial_date_accepts_every_date_like() -> None:
    expected = P("2025-07-31")
    assert to_partial_date(D(2025, 7, 31)) == expected
    assert to_partial_date(dt.datetime(2025, 7, 31, 23, 59)) == expected
    assert to_partial_date("2025-07-31") == expected
    assert to_partial_date("31 July 2025") == expected
    assert to_partial_date(expected) is expected
    assert to_partial_date("2025-07").precision is Precision.MONTH


@pytest.mark.parametrize("bad", [2025, None, 2025.5, ["2025"]])
def test_to_partial_date_rejects_other_types(bad: object) -> None:
    with pytest.raises(isscoop.DateParseError, match="day: expected a date"):
        to_partial_date(bad)  # type: ignore[arg-type]


def test_to_partial_date_names_the_field() -> None:
    with pytest.raises(isscoop.DateParseError, match=r"^on: .*2025-13"):
        to_partial_date("2025-13", field="on")


# -- ordering -----------------------------------------------------------------------------


def test_sort_order_first_day_then_coarser_then_last_day() -> None:
    shuffled = [P("2025-07-01"), P("2026"), P("2025-07"), P("2025"), P("2024-12-31"), P("2025-01-01"), P("2025-01")]
    assert [str(d) for d in sorted(shuffled)] == [
        "2024-12-31",
        "2025",
        "2025-01",
        "2025-01-01",
        "2025-07",
        "2025-07-01",
        "2026",
    ]


def test_operators_are_consistent() -> None:
    a, b = P("2025"), P("2025-07")
    assert a < b
    assert a <= b
    assert b > a
    assert b >= a
    assert not b < a
    assert not a > b
    assert a <= P("2025")
    assert a >= P("2025")


@pytest.mark.parametrize(
    "other",
    [D(2025, 1, 1), dt.datetime(2025, 1, 1, 12, 0), "2025-01-01", "1 January 2025"],
)
def test_operators_compare_with_dates_and_strings_both_ways(other: object) -> None:
    year = P("2025")  # listed before its own first day: coarser first
    assert year < other
    assert year <= other
    assert not year > other
    assert not year >= other
    assert other > year
    assert other >= year
    assert not other < year
    assert not other <= year


def test_operators_with_strings_and_dates_order_by_day() -> None:
    assert P("2025-07") > "2025-06-30"
    assert P("2025-07") < D(2025, 8, 1)
    assert D(2025, 6, 30) < P("2025-07")
    assert "2025-08-01" > P("2025-07")  # noqa: SIM300 - the reflected operator is the point
    assert sorted([P("2025-07-15"), P("2025-07"), P("2025-06")]) == [P("2025-06"), P("2025-07"), P("2025-07-15")]


def test_operators_with_unrelated_types_raise_type_error() -> None:
    with pytest.raises(TypeError):
        _ = P("2025") < 2025
    with pytest.raises(TypeError):
        _ = P("2025") >= None


def test_equality_with_non_dates_is_false_not_an_error() -> None:
    text: object = "2025"
    day: object = D(2025, 7, 31)
    assert P("2025") != text
    assert P("2025-07-31") != day


@pytest.mark.parametrize(
    ("a", "b", "value"),
    [
        ("2025-05", "2025-07-31", Tri.YES),
        ("2025-07", "2025-07-15", Tri.UNKNOWN),
        ("2025-07-15", "2025-07", Tri.UNKNOWN),
        ("2025-08", "2025-07-31", Tri.NO),
        ("2025-07-31", "2025-07-31", Tri.NO),
        ("2025-07-30", "2025-07-31", Tri.YES),
        ("2025-07-30~", "2025-07-31", Tri.UNKNOWN),  # one day wider each side
        ("2024", "2025", Tri.YES),
        ("2024~", "2025", Tri.UNKNOWN),
    ],
)
def test_precedes_is_three_valued(a: str, b: str, value: Tri) -> None:
    answer = P(a).precedes(b)
    assert isinstance(answer, Answer)
    assert answer.value is value
    assert a.rstrip("~") in answer.reason


def test_precedes_reasons() -> None:
    assert P("2025-05").precedes("2025-07-31") == Answer(value=Tri.YES, reason="2025-05 ends before 2025-07-31 begins")
    assert P("2025-07").precedes(D(2025, 7, 15)).reason == "2025-07 and 2025-07-15 overlap"


# -- Tri and Answer -----------------------------------------------------------------------


def test_tri_truthiness() -> None:
    assert bool(Tri.YES) is True
    assert bool(Tri.NO) is False
    with pytest.raises(isscoop.Undecidable):
        bool(Tri.UNKNOWN)
    with pytest.raises(isscoop.Undecidable):
        _ = not Tri.UNKNOWN


_Y, _N, _U = Tri.YES, Tri.NO, Tri.UNKNOWN


@pytest.mark.parametrize(
    ("a", "b", "conj", "disj"),
    [
        (_Y, _Y, _Y, _Y),
        (_Y, _N, _N, _Y),
        (_Y, _U, _U, _Y),
        (_N, _Y, _N, _Y),
        (_N, _N, _N, _N),
        (_N, _U, _N, _U),
        (_U, _Y, _U, _Y),
        (_U, _N, _N, _U),
        (_U, _U, _U, _U),
    ],
)
def test_tri_and_or(a: Tri, b: Tri, conj: Tri, disj: Tri) -> None:
    assert (a & b) is conj
    assert (a | b) is disj


def test_tri_invert() -> None:
    assert ~Tri.YES is Tri.NO
    assert ~Tri.NO is Tri.YES
    assert ~Tri.UNKNOWN is Tri.UNKNOWN


def test_tri_text() -> None:
    assert str(Tri.UNKNOWN) == "UNKNOWN"
    assert repr(Tri.YES) == "Tri.YES"


def test_answer_flags_and_bool() -> None:
    yes = Answer(value=Tri.YES, reason="r")
    no = Answer(value=Tri.NO, reason="r")
    unknown = Answer(value=Tri.UNKNOWN, reason="too coarse")
    assert (yes.yes, yes.no, yes.unknown) == (True, False, False)
    assert (no.yes, no.no, no.unknown) == (False, True, False)
    assert (unknown.yes, unknown.no, unknown.unknown) == (False, False, True)
    assert bool(yes) is True
    assert bool(no) is False
    with pytest.raises(isscoop.Undecidable, match="too coarse"):
        bool(unknown)
    assert repr(unknown) == "Answer(UNKNOWN, 'too coarse')"


def test_undecidable_is_a_value_error() -> None:
    assert issubclass(isscoop.Undecidable, ValueError)
    assert issubclass(isscoop.Undecidable, isscoop.IsscoopError)


# -- Period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2018-10-10/2025-07-31", "2025-07-09/..", "2025-07-09/", "/2025", "../2025", "/", "../..", "2025-01-28?/.."],
)
def test_period_round_trip(text: str) -> None:
    p = Period.parse(text)
    assert str(p) == text
    assert Period.parse(str(p)) == p


def test_period_parts() -> None:
    p = Period.parse("2018-10-10/2025-07-31")
    assert (p.start, p.end) == (P("2018-10-10"), P("2025-07-31"))
    assert not p.open_start
    assert not p.open_end


def test_open_end_is_not_unknown_end() -> None:
    still_going = Period.parse("2025-07-09/..")
    unknown = Period.parse("2025-07-09/")
    assert still_going.end is None
    assert unknown.end is None
    assert still_going.open_end
    assert not unknown.open_end
    assert still_going.end_known
    assert not unknown.end_known
    assert still_going != unknown
    assert still_going.covers("2030-01-01").value is Tri.YES
    later = unknown.covers("2030-01-01")
    assert later.value is Tri.UNKNOWN
    assert later.reason == "end unknown"
    assert unknown.covers("2025-07-09").value is Tri.YES
    assert unknown.covers("2025-07-08").value is Tri.NO


def test_open_start_is_not_unknown_start() -> None:
    assert Period.parse("../2025").open_start
    assert not Period.parse("/2025").open_start
    assert Period.parse("../2025").covers("1900-01-01").value is Tri.YES
    assert Period.parse("/2025").covers("1900-01-01").value is Tri.UNKNOWN
    assert Period.parse("/2025").covers("2025-06-01").value is Tri.UNKNOWN
    assert Period.parse("/2025").covers("2026-01-01").value is Tri.NO


def test_single_date_is_a_period_of_that_date() -> None:
    p = Period.parse("2025-07")
    assert (p.start, p.end) == (P("2025-07"), P("2025-07"))


@pytest.mark.parametrize(
    "bad",
    ["2025/2024", "2025-07-31/2025-07-30", "2025-08/2025-07", "2025-13/..", "2025/2026/2027", "soon/.."],
)
def test_bad_periods_raise(bad: str) -> None:
    with pytest.raises(isscoop.DateParseError) as info:
        Period.parse(bad)
    assert repr(bad) in str(info.value)


def test_period_parse_rejects_non_strings() -> None:
    with pytest.raises(isscoop.DateParseError, match="2025"):
        Period.parse(2025)  # type: ignore[arg-type]


def test_period_constructor_validates() -> None:
    with pytest.raises(isscoop.DateParseError):
        Period(start=P("2025"), open_start=True)
    with pytest.raises(isscoop.DateParseError):
        Period(end=P("2025"), open_end=True)
    with pytest.raises(isscoop.DateParseError):
        Period(start="2025")  # type: ignore[arg-type]
    with pytest.raises(isscoop.DateParseError):
        Period(start=P("2026"), end=P("2025"))


def test_period_between() -> None:
    assert Period.between("2018-10-10", D(2025, 7, 31)) == Period.parse("2018-10-10/2025-07-31")
    assert Period.between(None, "2025") == Period.parse("/2025")


def test_qualified_start_may_overlap_an_earlier_end() -> None:
    # 2026~ may be any day from 2025 on, so it is not certainly after an end in 2025.
    assert Period.parse("2026~/2025").start == P("2026~")
    with pytest.raises(isscoop.DateParseError):
        Period.parse("2027~/2025")


@pytest.mark.parametrize(
    ("period", "day", "value", "reason"),
    [
        ("2021-05-03/2025-01-20", "2025-07-31", Tri.NO, "ended 2025-01-20, before 2025-07-31"),
        ("2025-07-09/2025-12-18", "2025-07-31", Tri.YES, "2025-07-09/2025-12-18 covers 2025-07-31"),
        ("2025-07-09/2025-12-18", "2025-07-08", Tri.NO, "starts 2025-07-09, after 2025-07-08"),
        ("2022-07/..", "2022-07-10", Tri.UNKNOWN, "start known only to the month: 2022-07"),
        ("2022-07/..", "2022-08-01", Tri.YES, "2022-07/.. covers 2022-08-01"),
        ("2022-07/..", "2022-07", Tri.YES, "2022-07/.. covers 2022-07"),
        ("2018/2022-07", "2022-07-10", Tri.UNKNOWN, "end known only to the month: 2022-07"),
        ("2018/2022-07", "2022-08-01", Tri.NO, "ended 2022-07, before 2022-08-01"),
        ("2018~/..", "2017-06-01", Tri.UNKNOWN, "start known only to the year: 2018~"),
        ("2025-07-09/2025-12-18", "2025", Tri.YES, "2025-07-09/2025-12-18 covers 2025"),
        ("2025-07-09/2025-12-18", "2025-12-18", Tri.YES, "2025-07-09/2025-12-18 covers 2025-12-18"),
        ("2025-07-09/2025-12-18", "2025-12-19", Tri.NO, "ended 2025-12-18, before 2025-12-19"),
    ],
)
def test_covers(period: str, day: str, value: Tri, reason: str) -> None:
    answer = Period.parse(period).covers(day)
    assert answer.value is value
    assert answer.reason == reason


def test_covers_accepts_every_date_like() -> None:
    p = Period.parse("2025-07-09/2025-12-18")
    for day in (D(2025, 7, 31), dt.datetime(2025, 7, 31, 8), "31 July 2025", P("2025-07-31"), "2025-07-31"):
        assert p.covers(day).value is Tri.YES


def test_overlaps() -> None:
    p = Period.parse("2025-07-09/2025-12-18")
    assert p.overlaps("2025-12-01", "2026-01-31").value is Tri.YES
    assert p.overlaps("2026-01-01", None).value is Tri.NO
    assert p.overlaps(None, None).value is Tri.YES
    with pytest.raises(isscoop.DateParseError):
        p.overlaps("2026", "2025")


def test_in_operator() -> None:
    going = Period.parse("2025-07-09/..")
    assert "2025-08-01" in going
    assert "2025-07-01" not in going
    assert D(2025, 8, 1) in going
    assert P("2025-07-09") in going
    fuzzy = Period.parse("2022-07/..")
    with pytest.raises(isscoop.Undecidable, match="start known only to the month: 2022-07"):
        _ = "2022-07-10" in fuzzy
    assert "2022-08-01" in fuzzy
    assert "2022-06-30" not in fuzzy


def test_in_operator_is_false_for_non_dates() -> None:
    assert 2025 not in Period.parse("2025/2025")
    assert None not in Period.parse("../..")


# -- properties ---------------------------------------------------------------------------


@given(partial_dates())
def test_partial_date_round_trips_through_str(d: PartialDate) -> None:
    text = str(d)
    assert PartialDate.parse(text) == d
    assert PartialDate.from_text(text) == d
    assert to_partial_date(text) == d


@given(partial_dates())
def test_plain_bounds_match_calendar(d: PartialDate) -> None:
    plain = PartialDate(year=d.year, month=d.month, day=d.day)
    assert (d.earliest.toordinal(), d.latest.toordinal()) == ref_span(plain)
    assert d.earliest <= d.latest
    assert d.bounds() == ref_span(d)


@given(periods())
def test_period_round_trips_through_str(p: Period) -> None:
    assert Period.parse(str(p)) == p


@given(partial_dates(), partial_dates())
def test_precedes_matches_reference_bounds(a: PartialDate, b: PartialDate) -> None:
    a_lo, a_hi = ref_span(a)
    b_lo, b_hi = ref_span(b)
    value = a.precedes(b).value
    if a_hi < b_lo:
        assert value is Tri.YES
    elif a_lo >= b_hi:
        assert value is Tri.NO
    else:
        assert value is Tri.UNKNOWN


@given(partial_dates(qualifiers=False), partial_dates(qualifiers=False))
def test_sort_order_matches_documented_key(a: PartialDate, b: PartialDate) -> None:
    def key(d: PartialDate) -> tuple[int, int, int]:
        first, last = ref_span(d)
        return first, int(d.precision), last

    assert (a < b) == (key(a) < key(b))
    assert (a <= b) == (key(a) <= key(b))
    assert (a > b) == (key(a) > key(b))
    assert (a >= b) == (key(a) >= key(b))
    assert (a < b.earliest) == (key(a) < key(PartialDate.from_date(b.earliest)))


@given(periods(), day_dates())
def test_covers_a_day_agrees_with_reference_bounds(p: Period, day: PartialDate) -> None:
    """YES exactly when the day lies within [latest possible start, earliest possible end];
    NO exactly when it lies outside [earliest possible start, latest possible end]."""
    w = day.earliest.toordinal()
    s_first, s_last, e_first, e_last = ref_period_bounds(p)
    answer = p.covers(day)
    if s_last <= w <= e_first:
        assert answer.value is Tri.YES, answer
    elif w < s_first or w > e_last:
        assert answer.value is Tri.NO, answer
    else:
        assert answer.value is Tri.UNKNOWN, answer
        with pytest.raises(isscoop.Undecidable):
            _ = day in p


@given(periods(min_year=1900, max_year=2100), partial_dates(min_year=1900, max_year=2100))
def test_covers_a_partial_window_agrees_with_reference_bounds(p: Period, window: PartialDate) -> None:
    """For a partial ``day`` the question is "at some time within it" (documented in Period.covers)."""
    w_lo, w_hi = ref_span(window)
    s_first, s_last, e_first, e_last = ref_period_bounds(p)
    value = p.covers(window).value
    if s_last <= w_hi and e_first >= w_lo:
        assert value is Tri.YES
    elif s_first > w_hi or e_last < w_lo:
        assert value is Tri.NO
    else:
        assert value is Tri.UNKNOWN


@given(periods(), day_dates())
def test_in_agrees_with_covers(p: Period, day: PartialDate) -> None:
    answer = p.covers(day)
    if answer.unknown:
        with pytest.raises(isscoop.Undecidable):
            _ = day in p
    else:
        assert (day in p) is answer.yes


@given(st.sampled_from(list(Tri)), st.sampled_from(list(Tri)))
def test_tri_de_morgan(a: Tri, b: Tri) -> None:
    assert ~(a & b) is (~a | ~b)
    assert ~(a | b) is (~a & ~b)


# -- EDTF level 1: seasons, unspecified digits, the year 0000 ---------------------------------------------------


def _day_number(y: int, m: int, d: int) -> int:
    """A day's ordinal, the year 0000 included: it is numbered as the same day 400 years (146097 days) on."""
    return D(y, m, d).toordinal() if y >= 1 else D(y + 400, m, d).toordinal() - 146_097


@pytest.mark.parametrize(
    ("text", "fields", "precision", "first", "last"),
    [
        ("2001-21", {"year": 2001, "season": 21}, Precision.SEASON, (2001, 3, 1), (2001, 5, 31)),
        ("2001-22", {"year": 2001, "season": 22}, Precision.SEASON, (2001, 6, 1), (2001, 8, 31)),
        ("2001-23", {"year": 2001, "season": 23}, Precision.SEASON, (2001, 9, 1), (2001, 11, 30)),
        ("2023-24", {"year": 2023, "season": 24}, Precision.SEASON, (2023, 12, 1), (2024, 2, 29)),
        ("201X", {"year": 2010, "unspecified_year_digits": 1}, Precision.DECADE, (2010, 1, 1), (2019, 12, 31)),
        ("20XX", {"year": 2000, "unspecified_year_digits": 2}, Precision.CENTURY, (2000, 1, 1), (2099, 12, 31)),
        ("2004-XX", {"year": 2004, "unspecified_month": True}, Precision.YEAR, (2004, 1, 1), (2004, 12, 31)),
        (
            "1985-04-XX",
            {"year": 1985, "month": 4, "unspecified_day": True},
            Precision.MONTH,
            (1985, 4, 1),
            (1985, 4, 30),
        ),
        (
            "1985-XX-XX",
            {"year": 1985, "unspecified_month": True, "unspecified_day": True},
            Precision.YEAR,
            (1985, 1, 1),
            (1985, 12, 31),
        ),
        ("0000", {"year": 0}, Precision.YEAR, (0, 1, 1), (0, 12, 31)),
        ("0000-02-29", {"year": 0, "month": 2, "day": 29}, Precision.DAY, (0, 2, 29), (0, 2, 29)),
        ("0000-24", {"year": 0, "season": 24}, Precision.SEASON, (0, 12, 1), (1, 2, 28)),
        ("00XX", {"year": 0, "unspecified_year_digits": 2}, Precision.CENTURY, (0, 1, 1), (99, 12, 31)),
    ],
)
def test_level_1_forms(
    text: str, fields: dict[str, int], precision: Precision, first: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    d = P(text)
    assert d == PartialDate(**fields)  # type: ignore[arg-type]
    assert d.precision is precision
    assert str(d) == text
    assert repr(d) == f"PartialDate({text!r})"
    assert d.bounds() == (_day_number(*first), _day_number(*last))
    assert to_partial_date(text) == d
    assert PartialDate.from_text(text) == d


def test_level_1_forms_keep_what_was_written() -> None:
    assert P("2004-XX") != P("2004")  # the same days, written differently
    assert P("2004-XX").bounds() == P("2004").bounds()
    assert P("201X").year == 2010
    assert P("2025-21").describe() == "known only to the season: 2025-21"
    assert P("201X").describe() == "known only to the decade: 201X"
    assert str(P("2025-21").precision) == "season"


def test_the_year_0000_has_no_datetime_date() -> None:
    d = P("0000-06")
    with pytest.raises(isscoop.DateParseError, match=r"^0000-06: datetime\.date has no year 0"):
        _ = d.earliest
    assert P("0000-24").latest == D(1, 2, 28)
    assert P("0000") < P("0001") < P("0001-01-01")
    assert P("0000-12-31").precedes("0001-01-01").yes
    assert Period.parse("0000/0001").covers("0000-12-31").yes
    assert Period.parse("0000/0001").covers("0001-06").unknown  # it may have ended earlier in 0001


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2001-21~", (2000, 12, 1), (2001, 8, 31)),  # one season wider each side
        ("2001-24?", (2001, 9, 1), (2002, 5, 31)),
        ("201X~", (2000, 1, 1), (2029, 12, 31)),  # one decade
        ("20XX%", (1900, 1, 1), (2199, 12, 31)),  # one century
        ("2004-XX?", (2003, 1, 1), (2005, 12, 31)),  # known to the year: one year
        ("1985-04-XX~", (1985, 3, 1), (1985, 5, 31)),  # known to the month: one month
        ("0000~", (0, 1, 1), (1, 12, 31)),  # not before the year 0000
        ("0001~", (0, 1, 1), (2, 12, 31)),
        ("0001-01-01~", (0, 12, 31), (1, 1, 2)),
        ("00XX~", (0, 1, 1), (199, 12, 31)),
        ("99XX~", (9800, 1, 1), (9999, 12, 31)),  # nor after 9999
        ("9999-23~", (9999, 6, 1), (9999, 12, 31)),
    ],
)
def test_qualified_level_1_forms_widen_by_one_unit(
    text: str, first: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    d = P(text)
    assert d.qualified
    assert d.bounds() == (_day_number(*first), _day_number(*last))
    assert str(d) == text


def test_seasons_answer_three_valued_questions_and_sort() -> None:
    spring, winter = P("2025-21"), P("2025-24")
    assert spring.precedes("2025-06").value is Tri.YES
    assert spring.precedes("2025-05").value is Tri.UNKNOWN
    assert winter.precedes("2026-03-01").value is Tri.YES
    assert winter.precedes("2026-02-28").value is Tri.UNKNOWN  # winter 2025 runs into February 2026
    assert Period.parse("2025-21/2025-23").covers("2025-07-15").value is Tri.YES
    assert Period.parse("2025-21/2025-23").covers("2025-12-01").value is Tri.NO
    listed = ["2025-07", "2025-24", "2025", "202X", "20XX", "2025-21", "2025-03", "2025-03-01", "2025-22"]
    assert [str(d) for d in sorted(P(t) for t in listed)] == [
        "20XX",
        "202X",
        "2025",
        "2025-21",
        "2025-03",
        "2025-03-01",
        "2025-22",
        "2025-07",
        "2025-24",
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-1985", r"negative years are not supported; isscoop reads the years 0000 to 9999"),
        ("Y-170000002", r"negative years are not supported"),
        ("Y170000002", r"years beyond 9999 \(Y\.\.\.\) are not supported; isscoop reads the years 0000 to 9999"),
        ("9999-24", r"winter 9999 runs into the year 10000; isscoop reads the years 0000 to 9999"),
        ("20255", r"a year has four digits"),
        ("Y2025", r"Y only before a year of five or more digits"),
        ("1XXX", r"EDTF level 2 \(X here"),
        ("201X-05", r"EDTF level 2 \(unspecified year digits with a month\)"),
        ("2004-XX-05", r"EDTF level 2 \(a day with an unspecified month\)"),
        ("2001-25", r"EDTF level 2 \(seasons 25-41\)"),
        ("2004-06~-11", r"EDTF level 2 \(qualifiers inside a date\)"),
        ("[1667,1668]", r"EDTF level 2 \(sets of dates"),
        ("1950S2", r"EDTF level 2 \(significant digits"),
        ("2001-21-05", r"a season \(21\) has no day"),
        ("2025-07-31T10:00", r"a time needs seconds \(hh:mm:ss\)"),
        ("2025-07-31T10:00Z", r"a time needs seconds \(hh:mm:ss\)"),
        ("2025-07-31T10:00:00~", r"a qualifier \(~\) follows a date, not a date and time"),
        ("2025-07-31T10:00:00.5", r"EDTF times have no fractional seconds"),
        ("2025-07-31T10:00:00+0430", r"expected a time hh:mm:ss"),
        ("2025-XX-31T10:00:00", r"a date with a time has all its digits"),
        ("2004/2005", r"an EDTF interval, not one date \(Period\.parse reads intervals\)"),
        ("..", r"'\.\.' marks an open end"),
    ],
)
def test_refusals_name_the_reason(text: str, reason: str) -> None:
    with pytest.raises(isscoop.DateParseError, match=f"^{re.escape(repr(text))}: .*{reason}") as info:
        P(text)
    assert len(str(info.value)) < 300
    assert not re.fullmatch(DATE_PATTERN, text)


@pytest.mark.parametrize(
    "text",
    ["2004-06/2006-08", "-1985", "1985-04-12/..", "2025-07-31T10:00", "1XXX", "2025~~", "..", "2025-7-31", "Y12345"],
)
def test_to_partial_date_refuses_edtf_it_cannot_read_exactly(text: str) -> None:
    # dateutil, the fallback for human text, would skip '/', '..' and '-' and read these as another date
    with pytest.raises(isscoop.DateParseError, match=f"^on: {re.escape(repr(text))}: "):
        to_partial_date(text, field="on")


def test_human_text_still_goes_to_dateutil() -> None:
    assert to_partial_date("2025-07-31 10:00") == P("2025-07-31")
    assert to_partial_date("31 July 2025") == P("2025-07-31")


def test_long_input_is_cut_in_messages() -> None:
    for bad in ("2" * 500, "2025-07-31T" + "1" * 400, "x" * 1000 + "/.."):
        with pytest.raises(isscoop.DateParseError) as info:
            Period.parse(bad) if "/" in bad else P(bad)
        assert len(str(info.value)) < 300
        assert f"({len(bad):,} characters)" in str(info.value)


@pytest.mark.parametrize(
    "fields",
    [
        {"year": 2025, "season": 20},
        {"year": 2025, "season": 25},
        {"year": 2025, "season": 21, "month": 3},
        {"year": 2025, "season": 21, "unspecified_year_digits": 1},
        {"year": 9999, "season": 24},
        {"year": 2015, "unspecified_year_digits": 1},
        {"year": 2010, "unspecified_year_digits": 2},
        {"year": 2000, "unspecified_year_digits": 3},
        {"year": 2010, "unspecified_year_digits": 1, "unspecified_month": True},
        {"year": 2025, "month": 7, "unspecified_month": True},
        {"year": 2025, "unspecified_day": True},
        {"year": 2025, "month": 7, "day": 1, "unspecified_day": True},
        {"year": 2025, "unspecified_month": 1},
        {"year": 2025, "month": 7, "unspecified_day": "yes"},
    ],
)
def test_constructor_validates_level_1_fields(fields: dict[str, object]) -> None:
    with pytest.raises(isscoop.DateParseError):
        PartialDate(**fields)  # type: ignore[arg-type]


def test_periods_with_level_1_ends() -> None:
    p = Period.parse("2001-21/2002-24")
    assert (p.start, p.end) == (P("2001-21"), P("2002-24"))
    assert str(p) == "2001-21/2002-24"
    assert str(Period.parse("2001-21~/..")) == "2001-21~/.."
    # a lone X date is written alone: X in an interval end is level 2
    assert str(Period.parse("201X")) == "201X"
    assert Period.parse("201X") == Period(start=P("201X"), end=P("201X"))
    assert str(Period.parse("2025")) == "2025/2025"
    with pytest.raises(isscoop.DateParseError, match=r"level 2 \(unspecified digits in an interval\)"):
        Period.parse("201X/2020")
    with pytest.raises(isscoop.DateParseError, match="EDTF intervals have no time of day"):
        Period.parse("2025-07-31T10:00:00Z/..")
    assert str(Period(start=P("201X"), end=P("2020"))) == "201X/2020"  # built in Python: written, level 2


# -- the JSON-Schema patterns ----------------------------------------------------------------------------------

_TOKENS = (
    *("0000", "2025", "2024", "1900", "2000", "9999", "201X", "20XX", "1XXX", "00XX"),
    *("-", "-", "-", "02", "29", "30", "31", "04", "12", "13", "00", "21", "24", "25", "XX", "X"),
    *("~", "?", "%", "/", "/", "..", "T", "10:00:00", "10:00", "24:00:00", "Z", "+00:00", "+14", "+0430", ".5", "Y"),
)


def _accepts(read: object, text: str) -> bool:
    try:
        read(text)  # type: ignore[operator]
    except isscoop.DateParseError:
        return False
    return True


@given(st.lists(st.sampled_from(_TOKENS), max_size=7).map("".join))
def test_date_pattern_matches_exactly_what_parse_reads(text: str) -> None:
    assert bool(re.fullmatch(DATE_PATTERN, text)) == _accepts(PartialDate.parse, text), text


@given(st.lists(st.sampled_from(_TOKENS), max_size=7).map("".join))
def test_period_pattern_matches_exactly_what_period_parse_reads(text: str) -> None:
    try:
        Period.parse(text)
        read = True
    except isscoop.DateParseError as e:
        read = "expected a date on or after the start" in str(e)  # the order of the ends: not for a pattern
    assert bool(re.fullmatch(PERIOD_PATTERN, text)) == read, text


@pytest.mark.parametrize(
    "text",
    ["2025", "0000-02-29", "2024-02-29", "2001-24", "201X~", "1985-04-XX", "1985-04-12T23:20:30+04:30", "2025-07-31"],
)
def test_the_patterns_take_every_date_form(text: str) -> None:
    assert re.fullmatch(DATE_PATTERN, text)
    assert re.fullmatch(PERIOD_PATTERN, text)
    assert re.fullmatch(PERIOD_PATTERN, f"../{text}") or "X" in text or "T" in text


@given(
    st.sampled_from(("season", "decade", "century", "month", "day", "both", "zero")),
    st.integers(min_value=0, max_value=9998),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(("", "~", "?", "%")),
)
def test_level_1_forms_round_trip_and_match_a_reference(kind: str, year: int, month: int, q: str) -> None:
    text = {
        "season": f"{year:04d}-{21 + month % 4}",
        "decade": f"{year // 10:03d}X",
        "century": f"{year // 100:02d}XX",
        "month": f"{year:04d}-XX",
        "day": f"{year:04d}-{month:02d}-XX",
        "both": f"{year:04d}-XX-XX",
        "zero": f"0000-{month:02d}",
    }[kind] + q
    d = P(text)
    assert str(d) == text
    assert P(str(d)) == d
    assert to_partial_date(text) == d
    # The reference: whole months from the first to the last, from the written text alone
    head = text.rstrip("~?%")
    y = int(head[:4].replace("X", "0"))
    if kind == "season":
        first, last, unit = y * 12 + [2, 5, 8, 11][int(head[5:]) - 21], None, 3
        last = first + 2
    elif kind in ("decade", "century"):
        span = 10 ** head.count("X")
        first, last, unit = y * 12, (y + span) * 12 - 1, 12 * span
    elif kind in ("day", "zero"):
        first = last = y * 12 + month - 1
        unit = 1
    else:
        first, last, unit = y * 12, y * 12 + 11, 12
    if q:
        first, last = max(first - unit, 0), min(last + unit, 9999 * 12 + 11)
    ly, lm = divmod(last, 12)
    lo = _day_number(first // 12, first % 12 + 1, 1)
    hi = _day_number(ly, lm + 1, calendar.monthrange(2000 if ly == 0 else ly, lm + 1)[1])
    assert d.bounds() == (lo, hi)
