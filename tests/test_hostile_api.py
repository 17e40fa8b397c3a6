"""Every public function and method, given hostile values of every type: no hang, only isscoop's errors.

The public API is enumerated, not listed: the functions and classes of
``isscoop.__all__`` (every public method of every class, and the
constructors of the record and date classes), the functions of
``isscoop.export`` and ``isscoop.plot``, and ``isscoop.cli.main``.  A new
function or method is covered as soon as it is public; if its arguments
cannot be guessed from their names, ``test_every_base_call_works`` says so.

Each call starts from a base call that works, with one argument replaced by
a hostile value (:func:`tests.hostile.hostile_values`: numbers huge and
odd, strings of a million characters, NUL and control characters, lone
surrogates, containers huge and deeply nested, objects whose ``repr`` fails,
records of the wrong kind or from another dataset, devices and FIFOs, ...).
Every call must keep the rules of :mod:`tests.hostile`: return, or raise an
``IsscoopError`` with a short message, within 2 seconds.

The Hypothesis test draws the target, the argument and the value at
random; ``ISSCOOP_HOSTILE_N`` sets its number of examples (300 by default)::

    ISSCOOP_HOSTILE_N=20000 python -m pytest tests/test_hostile_api.py -q -s -p no:cacheprovider
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import inspect
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import isscoop
import isscoop.cli
import isscoop.export
import isscoop.plot

from .hostile_args import MILLION, Outcome, Tally, consume, hostile_values, run, safe_path, show, stranger

N: Final = int(os.environ.get("ISSCOOP_HOSTILE_N", "300"))

#: Parameters that name a file to write: hostile strings for them are kept inside the test folder.
WRITE_PARAMS: Final = frozenset({"path", "path_or_file", "output", "folder"})


@attrs.frozen
class Target:
    """A public callable, how to call it so that it works, and the arguments that may be replaced."""

    label: str
    func: Callable[..., Any]
    base: dict[str, Any]
    star: tuple[Any, ...] = ()  # values for a *args parameter
    star_name: str | None = None
    params: tuple[str, ...] = ()  # the arguments to replace (the *args one by its name)
    star_star: str | None = None  # a **kwargs parameter, and a real key for it

    def call(self, name: str | None = None, value: object = None) -> Callable[[], object]:
        """The call with argument ``name`` replaced by ``value`` (``None``: the base call)."""
        kwargs = dict(self.base)
        star = self.star
        if name is not None:
            if name == self.star_name:
                star = (value,)
            elif name == "**":
                kwargs[self.star_star or "x"] = value
            elif name == "**name":
                kwargs[value if isinstance(value, str) else "bogus"] = 1
            else:
                kwargs[name] = value
        func = self.func
        positional_only = [
            p.name
            for p in inspect.signature(func).parameters.values()
            if p.kind is inspect.Parameter.POSITIONAL_ONLY and p.name in kwargs
        ]
        first = tuple(kwargs.pop(p) for p in positional_only)
        return lambda: func(*first, *star, **kwargs)


# -- the samples the methods are called on, and the base arguments ----------------------------------------


@attrs.frozen
class World:
    """What the targets need: the bundled dataset, a folder to write in, small files and records."""

    folder: Path
    ds: isscoop.Dataset
    small_ds: isscoop.Dataset
    small_file: Path
    parquet: Path
    csv_file: Path
    items: list[Any]


def make_world(folder: Path) -> World:
    ds = isscoop.dataset()
    small_file = folder / "small.json"
    items = [ds.meetings.get("bakanov-duffy-2025"), ds.agreements.get("seat-swap-2022")]
    rows = isscoop.export.to_records([ds.agencies.get("nasa")])
    small_ds = isscoop.export.from_records(rows)
    isscoop.dump(small_ds, small_file)
    csv_file = folder / "small.csv"
    isscoop.export.to_csv(items, csv_file)
    parquet = folder / "small-parquet"
    isscoop.export.to_parquet(small_ds, parquet)
    return World(
        folder=folder, ds=ds, small_ds=small_ds, small_file=small_file, parquet=parquet, csv_file=csv_file, items=items
    )


def samples(w: World) -> dict[type, list[tuple[str, object]]]:
    """The instances each class's methods are called on."""
    ds = w.ds
    roscosmos = ds.agencies.get("roscosmos")
    bakanov = ds.officials.get("dmitry-bakanov")
    iss = ds.programs.get("iss")
    crew = ds.programs.get("crew-11")
    talks = ds.meetings.get("bakanov-duffy-2025")
    accords = ds.agreements.get("artemis-accords")
    in_person = ds.meetings.between("nasa", "roscosmos").filter(kind="heads_of_agency", in_person=True)
    gap = in_person.gap_before("2025-07-31")
    return {
        isscoop.Query: [("agencies", ds.agencies), ("sources", ds.sources)],
        isscoop.MeetingQuery: [("meetings", ds.meetings)],
        isscoop.OfficialQuery: [("officials", ds.officials)],
        isscoop.AgreementQuery: [("agreements", ds.agreements)],
        isscoop.Dataset: [("dataset", ds)],
        isscoop.Agency: [("roscosmos", roscosmos)],
        isscoop.Official: [("bakanov", bakanov)],
        isscoop.Program: [("iss", iss)],
        isscoop.Meeting: [("talks", talks)],
        isscoop.Agreement: [("accords", accords)],
        isscoop.Revision: [("revision", accords.revisions[0])],
        isscoop.Role: [("role", talks.roles[0])],
        isscoop.Cites: [("cites", talks.cites)],
        isscoop.Source: [("source", ds.sources[0])],
        isscoop.Tenure: [("tenure", bakanov.tenures[0])],
        isscoop.DatedName: [("name", roscosmos.names[0])],
        isscoop.Claim: [("claim", iss.statements[0])],
        isscoop.StatusEvent: [("step", accords.events[0])],
        isscoop.Participation: [("participation", iss.participations[0])],
        isscoop.CrewMember: [("crew", crew.crew[0])],
        isscoop.Milestone: [("milestone", crew.milestones[0])],
        isscoop.Location: [("location", talks.location)],
        isscoop.PartialDate: [("date", isscoop.PartialDate.parse("2025-07"))],
        isscoop.Period: [("period", isscoop.Period.parse("2018-10-10/2025-07-31"))],
        isscoop.Answer: [("answer", accords.in_force_on("2025"))],
        isscoop.Conflict: [("conflict", ds.conflicts()[0])],
        isscoop.Coverage: [("coverage", ds.coverage[0])],
        isscoop.Gap: [("gap", gap)],
        isscoop.Duration: [("duration", gap.length)],
        isscoop.Column: [("column", ds.officials.heads_each(of=["NASA", "ESA"], on="2025-07-31"))],
    }


def base_args(w: World) -> dict[str, Any]:
    """A value that works, by parameter name."""
    return {
        "day": "2025-07-31",
        "statement": "since 2018",
        "first": dt.date(2018, 10, 10),
        "last": dt.date(2025, 7, 31),
        "on": "2025-07-31",
        "start": "2018",
        "end": "2026",
        "stated_before": "2026",
        "other": "2026",
        "assume": "certain",
        "key": "NASA",
        "text": "NASA",
        "a": "NASA",
        "b": "Roscosmos",
        "things": "NASA",
        "of": "NASA",
        "party": "roscosmos",
        "agency": w.ds.agencies.get("nasa"),
        "field": None,
        "version": "2026.11.0",
        "predicate": None,
        "reverse": False,
        "default": None,
        "superseded": False,
        "kinds": ("meetings", "agreements"),
        "agencies": ("NASA", "Roscosmos"),
        "lanes": frozenset({"nasa", "roscosmos"}),
        "items": w.items,
        "path": None,
        "path_or_file": str(w.folder / "out.csv"),
        "paths": str(w.small_file),
        "ds": w.small_ds,
        "base": w.small_ds,
        "overlay": w.small_ds,
        "rows": isscoop.export.to_records([w.ds.agencies.get("esa")]),
        "value": "2025-07",
        "title": "A title",
        "name": "A calendar",
        "explode": None,
        "ax": None,
        "gap_years": 3.0,
        "argv": ["schema"],
        "include_bundled": False,
        "agreements": ("artemis-accords", "seat-swap-2022"),
        "folder": str(w.folder / "parquet"),
        "sep": "; ",
        "labels": False,
        "strict": False,
        "as_known_on": None,
    }


#: Base arguments that differ from the ones by name, for some targets.
OVERRIDES: Final[dict[str, dict[str, Any]]] = {
    "isscoop.dump": {"path": "dumped.json"},
    "Dataset.successors": {"agency": "Roscosmos"},
    "PartialDate.parse": {"text": "2025-07"},
    "PartialDate.from_text": {"text": "July 2025"},
    "PartialDate.from_date": {"value": dt.date(2025, 7, 31)},
    "Period.parse": {"text": "2018/2025"},
    "isscoop.to_partial_date": {"field": "day"},
    "isscoop.export.read_csv": {"path_or_file": "small.csv"},
    "isscoop.export.read_parquet": {"folder": "small-parquet"},
    "isscoop.plot.timeline": {"agencies": None},
    "Record.entries": {"agencies": frozenset({"nasa", "roscosmos"})},
    "Query.sorted": {"key": None},
    "*.sources_for": {"field": "note"},
}


def _override_key(label: str) -> list[str]:
    """The override keys that apply to a target label (``Query[agencies].get``: that, and ``Query.get``)."""
    keys = [label]
    if "[" in label:
        cls, rest = label.split("[", 1)
        keys.append(cls + rest.split("]", 1)[1])
    method = label.rpartition(".")[2]
    if method == "sources_for":
        keys.append("*.sources_for")
    if method in ("entries", "marks"):
        keys.append(f"Record.{method}")
    if label.startswith(("OfficialQuery.", "AgreementQuery.", "MeetingQuery.")):
        keys.append(f"Query.{method}")
    return keys


def _skip_member(cls: type, name: str) -> bool:
    if name.startswith("_"):
        return True
    static = inspect.getattr_static(cls, name)
    if isinstance(static, property) or not callable(getattr(cls, name)):
        return True
    func = static.__func__ if isinstance(static, classmethod | staticmethod) else static
    module = getattr(func, "__module__", "") or ""
    return not module.startswith("isscoop")


def _target(label: str, func: Callable[..., Any], w: World, names: dict[str, Any]) -> Target:
    overrides: dict[str, Any] = {}
    for key in reversed(_override_key(label)):  # the most specific key wins
        overrides.update(OVERRIDES.get(key, {}))
    signature = inspect.signature(func)
    base: dict[str, Any] = {}
    star: tuple[Any, ...] = ()
    star_name = None
    star_star = None
    params = []
    for p in signature.parameters.values():
        if p.kind is inspect.Parameter.VAR_POSITIONAL:
            value = overrides.get(p.name, names.get(p.name))
            star = tuple(value) if isinstance(value, tuple) else (value,)
            star_name = p.name
            params.append(p.name)
        elif p.kind is inspect.Parameter.VAR_KEYWORD:
            star_star = "kind"
            params += ["**", "**name"]
        else:
            if p.name in overrides:
                base[p.name] = overrides[p.name]
            elif p.default is inspect.Parameter.empty or p.name in names:
                base[p.name] = names.get(p.name, f"<no base value for {p.name}>")
            params.append(p.name)
    return Target(label, func, base, star, star_name, tuple(params), star_star)


def _constructor(label: str, cls: type, sample: object) -> Target:
    fields = [f for f in attrs.fields(cls) if f.init]
    base = {} if cls is isscoop.Dataset else {f.alias: getattr(sample, f.name) for f in fields}
    names = [f.alias for f in fields]
    return Target(label, cls, base, params=tuple(names))


#: Record and date classes whose constructors are targets too.
CONSTRUCTED: Final = (
    "Source", "Agency", "Official", "Program", "Meeting", "Agreement", "Tenure", "DatedName", "Location",
    "Claim", "Participation", "CrewMember", "Milestone", "StatusEvent", "PartialDate", "Period", "Dataset",
)  # fmt: skip


def targets(w: World) -> list[Target]:
    """Every public callable of isscoop, with a base call."""
    names = base_args(w)
    out: list[Target] = []
    for name in isscoop.__all__:
        obj = getattr(isscoop, name)
        if inspect.isfunction(obj):
            out.append(_target(f"isscoop.{name}", obj, w, names))
    for module in (isscoop.export, isscoop.plot):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                out.append(_target(f"{module.__name__}.{name}", obj, w, names))
    out.append(_target("isscoop.cli.main", isscoop.cli.main, w, names))
    have = samples(w)
    for name in isscoop.__all__:
        cls = getattr(isscoop, name)
        if not inspect.isclass(cls) or issubclass(cls, BaseException | enum.Enum | Warning):
            continue
        methods = [m for m in dir(cls) if not _skip_member(cls, m)]
        if name in CONSTRUCTED:
            out.append(_constructor(f"{name}()", cls, have[cls][0][1]))
        if not methods:
            continue
        if cls not in have and any(issubclass(c, cls) for c in have):
            continue  # a base class (Record): its methods are called on each subclass's sample
        if cls not in have:
            raise AssertionError(f"isscoop.{name} has public methods {methods} but no sample instance in samples()")
        for method in methods:
            static = inspect.getattr_static(cls, method)
            if isinstance(static, classmethod | staticmethod):
                out.append(_target(f"{name}.{method}", getattr(cls, method), w, names))
                continue
            for sample_name, instance in have[cls]:
                label = f"{name}[{sample_name}].{method}" if len(have[cls]) > 1 else f"{name}.{method}"
                out.append(_target(label, getattr(instance, method), w, names))
    return out


# -- running ----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Standard output and error swallowed (cli.main prints)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


def call_target(target: Target, name: str | None, value: object, folder: Path) -> Outcome:
    if name in WRITE_PARAMS:
        value = safe_path(value, folder)
    call = target.call(name, value)
    label = f"{target.label}({name}={show(value)})" if name else f"{target.label}(base)"
    if target.func is isscoop.cli.main:
        inner = call

        def call() -> object:
            try:
                return inner()
            except SystemExit as e:  # argparse's usage error or --help: an exit status, as documented
                if e.code not in (0, 2):
                    raise
                return e.code

    with quiet():
        return run(label, call)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("hostile-api")
    here = os.getcwd()
    os.chdir(folder)  # relative names that calls write stay in the folder
    try:
        import matplotlib

        matplotlib.use("Agg")
        w = make_world(folder)
        for draw in (isscoop.plot.network, isscoop.plot.timeline):  # the first picture loads fonts: not timed
            consume(draw(w.items, path=folder / "warm-up.png"))
        yield w
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def all_targets(world: World) -> list[Target]:
    return targets(world)


def test_the_api_is_enumerated(all_targets: list[Target]) -> None:
    labels = {t.label for t in all_targets}
    for expected in (
        "isscoop.load",
        "isscoop.dump",
        "isscoop.dataset",
        "isscoop.merge",
        "isscoop.to_partial_date",
        "Query[agencies].search",
        "MeetingQuery.filter",
        "OfficialQuery.heads",
        "OfficialQuery.heads_each",
        "AgreementQuery.in_force",
        "AgreementQuery.in_force_each",
        "AgreementQuery.participants_each",
        "Column.labels",
        "Column.to_series",
        "MeetingQuery.to_parquet",
        "Dataset.to_arrow",
        "isscoop.export.read_parquet",
        "Dataset.resolve",
        "Agency.name_on",
        "Program.includes",
        "Agreement.history",
        "Tenure.post_on",
        "PartialDate.parse",
        "Period.parse",
        "isscoop.export.read_csv",
        "isscoop.plot.timeline",
        "isscoop.cli.main",
        "Meeting()",
    ):
        assert expected in labels, expected
    for module in (isscoop.export, isscoop.plot):
        for name in module.__all__:
            if inspect.isfunction(getattr(module, name)):
                assert f"{module.__name__}.{name}" in labels


def test_every_base_call_works(all_targets: list[Target], world: World) -> None:
    """The base calls return: so the hostile calls each change one thing in a call that works.

    (A call with no arguments has nothing to replace; it need only keep the rules:
    ``one()`` of a query of many records raises Ambiguous.)
    """
    failed = []
    for t in all_targets:
        outcome = call_target(t, None, None, world.folder)
        if outcome.broken is not None or (t.params and outcome.error is not None):
            failed.append(f"{t.label}: {outcome.broken or repr(outcome.error)[:200]}")
    assert not failed, "\n".join(failed)


def test_every_argument_with_every_hostile_value(all_targets: list[Target], world: World) -> None:
    tally = Tally("hostile API calls")
    values = hostile_values(world.folder)
    for t in all_targets:
        for name in t.params:
            for _, value in values:
                tally.add(call_target(t, name, value, world.folder))
    print(f"\n{tally.report()} [{len(all_targets)} callables, {len(values)} values]")
    assert tally.calls >= 700
    assert not tally.broken, f"{len(tally.broken)} calls broke a rule:\n{tally.failures()}"


def test_the_issue_cases_are_refused_with_isscoop_errors(world: World) -> None:
    """The calls the issue measured, one by one, with the error each must give."""
    ds: Any = world.ds  # the calls below break the type annotations on purpose
    nasa = ds.agencies.get("nasa")
    five: Any = 5
    cases: list[tuple[Callable[[], object], type[BaseException]]] = [
        (lambda: isscoop.to_partial_date("1" * MILLION), isscoop.DateParseError),
        (lambda: isscoop.PartialDate.from_text("1" * MILLION), isscoop.DateParseError),
        (lambda: isscoop.Period.parse("1" * MILLION), isscoop.DateParseError),
        (lambda: ds.agencies.search("x" * MILLION), isscoop.InvalidRecord),
        (lambda: ds.meetings.between(5, "NASA"), isscoop.InvalidArgument),
        (lambda: ds.officials.heads(of=5, on="2025"), isscoop.InvalidArgument),
        (lambda: ds.meetings.involving(["NASA"]), isscoop.InvalidArgument),
        (lambda: ds.resolve(["nasa"]), isscoop.InvalidArgument),
        (lambda: ds.resolve({"nasa": 1}), isscoop.InvalidArgument),
        (lambda: ds.programs.get("iss").claims(["planned_end"]), isscoop.InvalidArgument),
        (lambda: isscoop.dataset(as_known_on=five), isscoop.InvalidArgument),
        (lambda: ds.agencies.search(5), isscoop.InvalidArgument),
        (lambda: ds.meetings.filter(bogus=1), isscoop.UnknownField),
        (lambda: ds.programs.get("iss").includes("JAXA", on="2025"), isscoop.InvalidArgument),
        (lambda: ds.programs.get("iss").includes(None, on="2025"), isscoop.InvalidArgument),
        (lambda: ds.agreements.get("artemis-accords").history(5), isscoop.InvalidArgument),
        (lambda: ds.agreements.get("artemis-accords").status_on("2025", party=5), isscoop.InvalidArgument),
        (lambda: isscoop.merge(ds, five), isscoop.InvalidArgument),
        (lambda: isscoop.load(five), isscoop.InvalidArgument),
        (lambda: isscoop.dump(five, "x.json"), isscoop.InvalidArgument),
        (lambda: isscoop.dump(ds, five), isscoop.InvalidArgument),
        (lambda: isscoop.load("a\x00b.json"), isscoop.InvalidRecord),
        (lambda: isscoop.dump(ds, "a\x00b.json"), isscoop.InvalidRecord),
        (lambda: ds.agencies.get("roscosmos").name_on("2003", assume="maybe"), isscoop.InvalidRecord),
        (lambda: ds.agencies.get("roscosmos").name_on("2003", assume=None), isscoop.InvalidArgument),
        (lambda: ds.agencies.get("nasa").name_on("2003", assume="maybe"), isscoop.InvalidRecord),
        (lambda: isscoop.to_partial_date("2025-07-31\x00"), isscoop.DateParseError),
        (lambda: ds.meetings.between(ds.meetings.get("bakanov-duffy-2025"), "NASA"), isscoop.InvalidArgument),
        (lambda: ds.meetings.between("bakanov-duffy-2025", "NASA"), isscoop.NotFound),
        (lambda: ds.officials.heads(of=ds.officials.get("sean-duffy"), on="2025"), isscoop.InvalidArgument),
        (lambda: ds.officials.heads(of=stranger(), on="2025"), isscoop.NotFound),
        (lambda: ds.meetings.involving(stranger()), isscoop.NotFound),
        (lambda: ds.agencies.get(stranger()), isscoop.NotFound),
    ]
    for i, (call, expected) in enumerate(cases):
        outcome = run(f"case {i}", call)
        assert outcome.broken is None, f"case {i}: {outcome.broken}"
        assert isinstance(outcome.error, expected), f"case {i}: {outcome.error!r}"
    assert ds.agencies.get("nasa", None, on="2025") is nasa


def test_messages_say_what_was_wrong_and_how_long() -> None:
    with pytest.raises(isscoop.DateParseError) as info:
        isscoop.to_partial_date("1" * MILLION)
    assert "1,000,000 characters" in str(info.value) and len(str(info.value)) < 300
    with pytest.raises(isscoop.InvalidArgument, match="the official 'sean-duffy'"):
        isscoop.officials.heads(of=cast(Any, isscoop.officials.get("sean-duffy")), on="2025")
    with pytest.raises(isscoop.NotFound, match="comes from another"):
        isscoop.officials.heads(of=stranger(), on="2025")
    with pytest.raises(isscoop.NotFound, match="names the meeting"):
        isscoop.meetings.between("bakanov-duffy-2025", "NASA")
    with pytest.raises(isscoop.DateParseError, match="U\\+0000 at position 10"):
        isscoop.to_partial_date("2025-07-31\x00")


def test_queries_index_only_by_int_or_slice() -> None:
    q: Any = isscoop.agencies
    assert q[0] is q[0:1][0]
    for bad in ("0", 1.5, None, [0], slice("a", None), True):
        with pytest.raises(isscoop.InvalidArgument):
            q[bad]
    with pytest.raises(isscoop.InvalidRecord):
        q[::0]
    with pytest.raises(IndexError):  # the sequence protocol: out of range is an IndexError
        q[10**6]


def test_membership_never_raises_for_odd_values(world: World) -> None:
    values = hostile_values(world.folder)
    for q in (world.ds.agencies, world.ds.meetings.on("2025")):
        for label, value in values:
            outcome = run(f"{label} in query", lambda v=value, q=q: v in q)  # type: ignore[misc]
            assert outcome.error is None and outcome.broken is None, (label, outcome.error)


def test_day_in_an_agreement_or_a_period_keeps_the_rules(world: World) -> None:
    """``day in agreement`` and ``day in period``: False for what is not a date, isscoop's errors otherwise."""
    tally = Tally("day in agreement/period")
    holders: list[object] = [world.ds.agreements.get("seat-swap-2022"), isscoop.Period.parse("2018/2025")]
    for holder in holders:
        for label, value in hostile_values(world.folder):
            tally.add(run(f"{label} in {holder!r}", lambda v=value, h=holder: v in h))  # type: ignore[misc]
    assert not tally.broken, tally.failures()


def test_a_record_from_another_version_of_the_dataset_is_matched_by_id(world: World) -> None:
    """A corrected copy of an agency (same id, other fields) is the same participant, not a stranger."""
    iss = world.ds.programs.get("iss")
    nasa = world.ds.agencies.get("nasa")
    corrected = attrs.evolve(nasa, note="a correction laid over the bundled record")
    assert corrected != nasa
    assert iss.includes(corrected, on="2020").value is iss.includes(nasa, on="2020").value is isscoop.Tri.YES
    assert world.ds.agencies.get(corrected) is nasa
    assert world.ds.meetings.involving(corrected) == world.ds.meetings.involving(nasa)


# -- Hypothesis: targets, arguments and values at random ------------------------------------------------


def hostile_strategy(world: World) -> st.SearchStrategy[object]:
    """Hostile values of every type: random ones, and the fixed ones of ``hostile_values``."""
    fixed = [v for _, v in hostile_values(world.folder)]
    text = st.text(alphabet=st.characters(codec=None, categories=None), max_size=300)
    dateish = st.text(alphabet="0123456789-/~?%XYS.T:Z +u", max_size=40)
    return st.one_of(
        st.sampled_from(fixed),
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        text,
        dateish,
        st.binary(max_size=50),
        st.lists(st.one_of(st.none(), st.integers(), text), max_size=5),
        st.dictionaries(text, st.integers(), max_size=3),
        st.dates(),
        st.datetimes(),
        st.builds(lambda c, n: c * n, st.sampled_from("x1 ж\x00-"), st.integers(0, 3 * MILLION)),
        st.tuples(text, text),
        st.frozensets(text, max_size=3),
    )


def test_hypothesis_drives_every_target(all_targets: list[Target], world: World) -> None:
    tally = Tally("hostile API Hypothesis examples")
    choices = [(t, name) for t in all_targets for name in t.params]

    @settings(
        max_examples=N,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.sampled_from(choices), hostile_strategy(world))
    def check(choice: tuple[Target, str], value: object) -> None:
        target, name = choice
        outcome = call_target(target, name, value, world.folder)
        tally.add(outcome)
        assert outcome.broken is None, f"{outcome.label}: {outcome.broken}"

    check()
    print(f"\n{tally.report()}")
