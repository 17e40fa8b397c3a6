"""Fuzzing the loader: every input either loads or raises :class:`isscoop.DatasetError`.

Any other exception fails, and so does any single input that takes more than
2 seconds (a bound for a hang, not a benchmark).

The random part makes ``ISSCOOP_FUZZ_N`` inputs (10,000 by default, well
under a minute) from small valid files, by byte and character mutations
(truncation, deletion, insertion and replacement of bytes and characters,
invalid UTF-8, other encodings) and by structural ones (a value swapped for
one of another type, huge numbers, NaN and Infinity, lone surrogates, long
strings, deep nesting, duplicate keys, wrong top-level types).  It is
deterministic; ``ISSCOOP_FUZZ_SEED`` changes the seed.  To fuzz longer::

    ISSCOOP_FUZZ_N=200000 ISSCOOP_FUZZ_SEED=7 python -m pytest tests/test_fuzz.py -q -p no:cacheprovider

The explicit cases of the issue (truncated JSON, wrong types everywhere,
huge numbers, NaN and Infinity, surrogates, nesting 100,000 levels deep, a
50 MB string, duplicate keys, wrong top-level types) are separate tests.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

import pytest

import isscoop

from .datagen import make_dataset

N: Final = int(os.environ.get("ISSCOOP_FUZZ_N", "10000"))
SEED: Final = int(os.environ.get("ISSCOOP_FUZZ_SEED", "20251124"))
LIMIT: Final = 2.0  # seconds, for any one input

SMALL: Final[dict[str, Any]] = {
    "format_version": 1,
    "version": "2026.11.0",
    "description": "A small file.",
    "sources": [{"id": "src-a", "url": "https://example.org/a", "publisher": "Example", "published": "2025-07"}],
    "agencies": [
        {"id": "nasa", "name": "NASA", "kind": "space_agency", "country": "US", "sources": ["src-a"]},
        {
            "id": "roscosmos",
            "name": "Roscosmos",
            "kind": "state_corporation",
            "aliases": ["Роскосмос"],
            "names": [{"name": "Rosaviakosmos", "period": "1999/2004"}],
            "sources": ["src-a"],
        },
    ],
    "officials": [
        {
            "id": "sean-duffy",
            "name": "Sean Duffy",
            "sources": ["src-a"],
            "tenures": [
                {"post": "Administrator", "agency": "nasa", "period": "2025-07-09/..", "acting": True, "head": True}
            ],
        }
    ],
    "programs": [
        {
            "id": "iss",
            "name": "ISS",
            "kind": "space_station",
            "period": "1998-11-20/..",
            "participants": [{"agency": "nasa", "role": "lead"}],
            "claims": [{"field": "planned_end", "value": "2030~", "stated_by": "nasa", "sources": ["src-a"]}],
            "sources": ["src-a"],
        }
    ],
    "meetings": [
        {
            "id": "talks",
            "title": "Talks",
            "kind": "heads_of_agency",
            "date": "2025-07-31",
            "location": {"place": "Houston", "country": "US"},
            "participants": ["sean-duffy"],
            "agencies": ["roscosmos", "nasa"],
            "programs": ["iss"],
            "sources": ["src-a"],
        }
    ],
    "agreements": [
        {
            "id": "seat-swap",
            "title": "Seat swap",
            "kind": "implementing_arrangement",
            "parties": ["nasa", "roscosmos"],
            "history": [{"status": "signed", "date": "2022-07-14"}, {"status": "in_force", "known_by": "2022-09"}],
            "sources": ["src-a"],
        }
    ],
}


def seeds() -> list[str]:
    """Small valid files: the one above, generated datasets, and the newsroom example."""
    out = [json.dumps(SMALL, ensure_ascii=False, indent=2), json.dumps(SMALL, separators=(",", ":"))]
    for seed in range(12):
        ds = make_dataset(random.Random(seed), sizes=(2, 2, 2, 2, 1, 1))
        stream = io.StringIO()
        isscoop.dump(ds, stream)
        out.append(stream.getvalue())
    newsroom = Path(__file__).resolve().parent.parent / "docs" / "examples" / "newsroom.json"
    if newsroom.exists():
        out.append(newsroom.read_text(encoding="utf-8"))
    return out


# -- outcomes -------------------------------------------------------------------------------------------


class Outcome:
    """What loading one input did: ``ok``, ``error`` (DatasetError), or ``crash`` (anything else)."""

    def __init__(self, kind: str, seconds: float, detail: str = "") -> None:
        self.kind = kind
        self.seconds = seconds
        self.detail = detail


@contextmanager
def prepared(data: str | bytes, *, via_file: bool = False) -> Iterator[Path | io.StringIO | io.BytesIO]:
    """What ``isscoop.load`` gets: the input in a temporary file, or in a stream."""
    if via_file:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fuzz.json"
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
            yield path
    elif isinstance(data, bytes):
        yield io.BytesIO(data)
    else:
        yield io.StringIO(data)


def attempt(data: str | bytes, *, via_file: bool = False) -> Outcome:
    with warnings.catch_warnings(), prepared(data, via_file=via_file) as source:
        warnings.simplefilter("ignore", isscoop.IsscoopWarning)
        start = time.perf_counter()
        try:
            isscoop.load(source)
        except isscoop.DatasetError as e:
            str(e)  # the message can be built
            return Outcome("error", time.perf_counter() - start)
        except Exception as e:
            return Outcome("crash", time.perf_counter() - start, f"{type(e).__name__}: {e}"[:300])
        return Outcome("ok", time.perf_counter() - start)


def must_fail(
    data: str | bytes, *, via_file: bool = False, clock: Callable[[], float] = time.perf_counter
) -> isscoop.DatasetError:
    """Load ``data``, which must raise DatasetError, within the time bound.

    Inputs of tens of megabytes are timed in CPU time (``clock=time.process_time``), so that a busy
    machine does not make them fail; the bound is the same.
    """
    with prepared(data, via_file=via_file) as source:
        start = clock()
        with pytest.raises(isscoop.DatasetError) as info:
            isscoop.load(source)
        elapsed = clock() - start
    assert elapsed < LIMIT, f"took {elapsed:.2f} s"
    str(info.value)
    return info.value


# -- mutators ------------------------------------------------------------------------------------------

SPECIAL_TOKENS: Final = (
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "1e-999",
    "-0",
    "0.1e1",
    "1" * 4300,
    "9" * 5000,
    "1." + "0" * 5000,
    '"\\ud800"',
    '"\\udfff\\ud800"',
    '"\\ud83d\\ude80"',
    '"\\u0000"',
    '"\\"',
    "true",
    "false",
    "null",
    "[]",
    "{}",
    '""',
    '" "',
    '"2025-13-45"',
    '"../.."',
    '"x-"',
    "[" * 50 + "]" * 50,
    "[" * 3000 + "]" * 3000,
    '{"a":' * 2000 + "1" + "}" * 2000,
    '"' + "y" * 30000 + '"',
)

JSON_CHARS: Final = '{}[]",:\\0123456789.eE+-truefalsn \n\t/'


def _text_mutation(rng: random.Random, text: str) -> str:
    choice = rng.randrange(9)
    n = len(text)
    i = rng.randrange(n + 1)
    j = min(n, i + rng.randrange(1, 40))
    if choice == 0:  # truncate
        return text[:i]
    if choice == 1:  # delete a slice
        return text[:i] + text[j:]
    if choice == 2:  # replace a char by a JSON-significant one
        return text[:i] + rng.choice(JSON_CHARS) + text[i + 1 :]
    if choice == 3:  # insert a special token
        return text[:i] + rng.choice(SPECIAL_TOKENS) + text[i:]
    if choice == 4:  # replace a slice by a special token
        return text[:i] + rng.choice(SPECIAL_TOKENS) + text[j:]
    if choice == 5:  # duplicate a slice
        return text[:j] + text[i:j] + text[j:]
    if choice == 6:  # insert random characters, lone surrogates included
        chars = "".join(chr(rng.choice((rng.randrange(0x20, 0x7F), rng.randrange(0x110000)))) for _ in range(3))
        return text[:i] + chars + text[i:]
    if choice == 7:  # swap two slices
        k = rng.randrange(n + 1)
        a, b = sorted((i, k))
        return text[:a] + text[b : b + 10] + text[a + 10 : b] + text[a : a + 10] + text[b + 10 :]
    # several small replacements
    out = list(text)
    for _ in range(rng.randrange(1, 6)):
        if out:
            out[rng.randrange(len(out))] = rng.choice(JSON_CHARS)
    return "".join(out)


def _byte_mutation(rng: random.Random, text: str) -> bytes:
    data = bytearray(text.encode("utf-8"))
    choice = rng.randrange(6)
    if choice == 0 and data:  # flip bits
        for _ in range(rng.randrange(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)
    if choice == 1:  # invalid UTF-8 sequences
        bad = rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80"))
        i = rng.randrange(len(data) + 1)
        return bytes(data[:i] + bad + data[i:])
    if choice == 2:  # another encoding
        return text.encode(rng.choice(("utf-16", "utf-16-le", "utf-32", "latin-1", "cp1251")), "replace")
    if choice == 3:  # byte order marks, NULs
        return rng.choice((b"\xef\xbb\xbf\xef\xbb\xbf", b"\x00", b"\xfe\xff")) + bytes(data)
    if choice == 4:  # random bytes
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
    return b"\xef\xbb\xbf" + bytes(data)  # a BOM: fine


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    """Any JSON value (as Python), including ones no field accepts."""
    choice = rng.randrange(14 if depth < 3 else 11)
    if choice == 0:
        return rng.choice((0, 1, -1, 2**63, -(2**64), 10**300))
    if choice == 1:
        return rng.choice((0.5, -0.0, 1e308, float("inf"), float("-inf"), float("nan")))
    if choice == 2:
        return rng.choice((True, False))
    if choice == 3:
        return None
    if choice == 4:
        return rng.choice(("", " ", "\t\n", "x", "NASA", "2025-07-31", "2025/..", "src-a", "nasa", "held"))
    if choice == 5:
        return "\ud800" + rng.choice(("", "x", "\udc00"))
    if choice == 6:
        return "z" * rng.choice((199, 200, 201, 20_000, 20_001, 300_000))
    if choice == 7:
        return rng.choice(("2025-02-29", "0000", "9999-12-31~", "2025-07-31T25:00", "1/2/3", "../..", "/"))
    if choice == 8:
        return rng.choice(("space_agency", "SPACE_AGENCY", "preferred", "in_force", "US", "us", "2026.11.0"))
    if choice == 9:
        return rng.choice(("A-b", "a--b", "-a", "a-", "ÿ", "a" * 201, "a" * 200))
    if choice == 10:
        return {"": None}
    if choice == 11:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if choice == 12:
        return {rng.choice(("id", "name", "x", "sources", "")): _random_value(rng, depth + 1) for _ in range(3)}
    nested: Any = 1
    for _ in range(rng.randrange(1, 400)):
        nested = [nested]
    return nested


def _paths(value: Any) -> Iterator[tuple[Any, str | int]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield value, k
            yield from _paths(v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield value, i
            yield from _paths(v)


def _structural_mutation(rng: random.Random, text: str) -> str:
    doc = json.loads(text)
    places = list(_paths(doc))
    choice = rng.randrange(7)
    if choice == 0 or not places:  # wrong top-level type
        return json.dumps(rng.choice(([], [doc], "x", 1, None, True, 1.5, {})))
    parent, key = rng.choice(places)
    if choice <= 2:  # a value of another type
        parent[key] = _random_value(rng)
    elif choice == 3 and isinstance(parent, dict):  # drop a key
        del parent[key]
    elif choice == 4 and isinstance(parent, dict):  # an unknown key
        parent[rng.choice(("colour", "ID", "", "claims", "\ud800"))] = _random_value(rng)
    elif choice == 5 and isinstance(parent, dict) and isinstance(key, str):  # a duplicate key
        out = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
        token = json.dumps(key) + ": "
        at = out.find(token)
        if at >= 0:
            return out[:at] + token + json.dumps(_random_value(rng)) + ", " + out[at:]
        return out
    else:  # a list or object where a scalar was, or the other way round
        parent[key] = [parent[key]] if rng.random() < 0.5 else {"value": parent[key]}
    # json.dumps writes NaN and Infinity; big ints and surrogates go through as they are
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5)


def fuzz_inputs(n: int, seed: int) -> Iterator[tuple[str, str | bytes, bool]]:
    """``n`` inputs: (how it was made, the input, whether to load it from a file)."""
    rng = random.Random(seed)
    pool = seeds()
    for k in range(n):
        base = rng.choice(pool)
        kind = rng.randrange(10)
        via_file = k % 50 == 0
        if kind < 4:
            text = _text_mutation(rng, base)
            for _ in range(rng.randrange(3)):  # sometimes stack a few
                text = _text_mutation(rng, text)
            yield "text", text, via_file
        elif kind < 6:
            yield "bytes", _byte_mutation(rng, base), via_file
        else:
            text = _structural_mutation(rng, base)
            if rng.random() < 0.2:
                text = _text_mutation(rng, text)
            yield "structure", text, via_file


# -- the random fuzz -----------------------------------------------------------------------------------


def test_fuzz_the_loader() -> None:
    counts = {"ok": 0, "error": 0}
    crashes: list[str] = []
    slow: list[str] = []
    worst = 0.0
    start = time.perf_counter()
    for how, data, via_file in fuzz_inputs(N, SEED):
        outcome = attempt(data, via_file=via_file)
        worst = max(worst, outcome.seconds)
        if outcome.kind == "crash":
            crashes.append(f"{how}: {outcome.detail} <- {data[:200]!r}")
        else:
            counts[outcome.kind] += 1
        if outcome.seconds > LIMIT:
            slow.append(f"{how}: {outcome.seconds:.2f} s <- {data[:200]!r}")
    total = time.perf_counter() - start
    print(
        f"\nfuzz: {N} inputs (seed {SEED}) in {total:.1f} s: {counts['ok']} loaded, {counts['error']} DatasetError, "
        f"{len(crashes)} other exceptions; slowest input {worst * 1000:.0f} ms"
    )
    assert not crashes, f"{len(crashes)} inputs raised something else than DatasetError:\n" + "\n".join(crashes[:10])
    assert not slow, "\n".join(slow[:10])
    assert counts["error"] > N // 2  # most mutations break the file
    assert counts["ok"] > 0  # and some do not


def test_the_seeds_load() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", isscoop.IsscoopWarning)
        for text in seeds()[:-1]:
            isscoop.load(io.StringIO(text))


# -- the explicit cases of the issue -------------------------------------------------------------------

SMALL_TEXT: Final = json.dumps(SMALL, ensure_ascii=False, indent=1)


def test_every_truncation_is_a_dataset_error() -> None:
    data = SMALL_TEXT.encode("utf-8")
    for cut in range(len(data)):
        error = must_fail(data[:cut])
        assert len(error.problems) == 1
        assert error.problems[0].path == "$"


def test_truncated_json_reports_the_line() -> None:
    cut = SMALL_TEXT.index('"officials"')
    error = must_fail(SMALL_TEXT[:cut])
    (problem,) = error.problems
    assert problem.message.startswith("not valid JSON")
    assert problem.line == SMALL_TEXT[:cut].count("\n") + 1


def _slots(value: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield f"{path}.{k}", v
            yield from _slots(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield f"{path}[{i}]", v
            yield from _slots(v, f"{path}[{i}]")


def _set(doc: Any, path: str, value: Any) -> None:
    parts = re.findall(r"\.([^.\[]+)|\[(\d+)\]", path)
    target = doc
    for key, index in parts[:-1]:
        target = target[key] if key else target[int(index)]
    key, index = parts[-1]
    if key:
        target[key] = value
    else:
        target[int(index)] = value


#: Values no field accepts where the original value was of another JSON type.
_WRONG: Final = (12345, 1.5, True, {"x": 1}, ["x"], "")


def test_wrong_types_everywhere() -> None:
    """Every value of a valid file in turn, swapped for values of other types: each only a DatasetError,
    reported at (or inside) that value's path."""
    count = 0
    for path, original in _slots(SMALL):
        for wrong in _WRONG:
            if type(wrong) is type(original) or (path == "$.format_version" and wrong == 1.5):
                continue
            if isinstance(wrong, str) and not isinstance(original, str | None):
                continue  # "" is a wrong type only where a string or null was; elsewhere see below
            doc = json.loads(SMALL_TEXT)
            _set(doc, path, wrong)
            error = must_fail(json.dumps(doc))
            assert any(p.path == path or p.path.startswith(path + ".") for p in error.problems), (
                path,
                wrong,
                [str(p) for p in error.problems],
            )
            count += 1
    assert count > 300


@pytest.mark.parametrize(
    "token",
    ["1e999", "-1e999", "1" * 4300, "9" * 5000, "-" + "7" * 4301, "1" + "0" * 100_000, "1e-999", "2.5", "-1"],
)
@pytest.mark.parametrize("where", ["format_version", "date", "published", "in_person", "id", "top"])
def test_huge_and_odd_numbers(token: str, where: str) -> None:
    text = {
        "format_version": SMALL_TEXT.replace('"format_version": 1', f'"format_version": {token}', 1),
        "date": SMALL_TEXT.replace('"2025-07-31"', token, 1),
        "published": SMALL_TEXT.replace('"2025-07"', token, 1),
        "in_person": SMALL_TEXT.replace('"title": "Talks"', f'"title": "Talks", "in_person": {token}', 1),
        "id": SMALL_TEXT.replace('"id": "iss"', f'"id": {token}', 1),
        "top": token,
    }[where]
    must_fail(text)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "nan", "inf"])
@pytest.mark.parametrize("where", ["format_version", "date", "value", "list", "top"])
def test_nan_and_infinity(token: str, where: str) -> None:
    text = {
        "format_version": SMALL_TEXT.replace('"format_version": 1', f'"format_version": {token}', 1),
        "date": SMALL_TEXT.replace('"2025-07-31"', token, 1),
        "value": SMALL_TEXT.replace('"2030~"', token, 1),
        "list": SMALL_TEXT.replace('"participants": [', f'"participants": [{token}, ', 1),
        "top": token,
    }[where]
    error = must_fail(text)
    assert error.problems


@pytest.mark.parametrize(
    ("escaped", "where"),
    [
        ("\\ud800", "text"),
        ("\\udfff", "text"),
        ("x\\udc00\\ud800y", "text"),
        ("\\ud800", "id"),
        ("\\ud800", "reference"),
        ("\\ud800", "key"),
        ("\\ud800", "top key"),
        ("\\ud800", "date"),
        ("\\ud800", "enum"),
        ("\\ud800", "description"),
        ("\\ud800", "claim value"),
        ("\\ud800", "alias"),
    ],
)
def test_lone_surrogates(escaped: str, where: str) -> None:
    replacements = {
        "text": ('"name": "NASA"', f'"name": "NASA{escaped}"'),
        "id": ('"id": "iss"', f'"id": "iss{escaped}"'),
        "reference": ('"agency": "nasa"', f'"agency": "nasa{escaped}"'),
        "key": ('"title": "Talks"', f'"title": "Talks", "x{escaped}": 1'),
        "top key": ('"format_version": 1', f'"format_version": 1, "{escaped}": []'),
        "date": ('"2025-07-31"', f'"2025-07-31{escaped}"'),
        "enum": ('"space_station"', f'"space{escaped}"'),
        "description": ('"A small file."', f'"{escaped}"'),
        "claim value": ('"2030~"', f'"{escaped}"'),
        "alias": ('"Роскосмос"', f'"{escaped}"'),
    }
    old, new = replacements[where]
    text = SMALL_TEXT.replace(old, new, 1)
    assert text != SMALL_TEXT, where
    must_fail(text)
    # the same character unescaped, in a str or in bytes (where it is not valid UTF-8)
    raw = text.replace(escaped, json.loads(f'"{escaped}"'))
    must_fail(raw)
    must_fail(raw.encode("utf-8", "surrogatepass"))
    must_fail(raw, via_file=True)


def test_a_surrogate_pair_is_one_character_and_loads() -> None:
    ds = isscoop.load(io.StringIO(SMALL_TEXT.replace('"name": "NASA"', '"name": "NASA \\ud83d\\ude80"', 1)))
    assert ds.agencies.get("nasa").name == "NASA \U0001f680"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "[" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        '{"format_version": 1, "meetings": [{"id": "m", "note": ' + "[" * 100_000 + "]" * 100_000 + "}]}",
        '{"format_version": 1, "meetings": [{"id": "m", "location": ' + '{"place":' * 100_000 + '"x"' + "}" * 100_000,
        '{"format_version": 1, "meetings": [{"id": "m", "note": ' + "[" * 500 + "]" * 500 + "}]}",
    ],
    ids=["list", "unclosed", "object", "in-a-record", "objects-in-a-record", "500-in-a-record"],
)
def test_deep_nesting(text: str) -> None:
    must_fail(text)
    must_fail(text, via_file=True)


FIFTY_MB: Final = 50 * 1024 * 1024


@pytest.mark.parametrize("where", ["description", "top-level key"])
def test_a_50_mb_string_outside_records(where: str) -> None:
    big = "x" * FIFTY_MB
    text = {
        "description": '{"format_version": 1, "description": "%s"}',
        "top-level key": '{"format_version": 1, "%s": []}',
    }[where] % big
    error = must_fail(text, clock=time.process_time)
    if where == "description":
        assert error.problems[0].path == "$.description"
    else:  # a huge key is cut short in the path, with its length
        assert error.problems[0].path == f"$.{'x' * 40}...({FIFTY_MB} characters)"
    assert error.problems[0].message.startswith("text too long" if where == "description" else "unknown record type")


@pytest.mark.parametrize("value", ["z" * 20_001, "\\ud800"], ids=["too-long", "surrogate"])
def test_a_bad_description_is_one_problem(value: str) -> None:
    error = must_fail('{"format_version": 1, "description": "' + value + '"}')
    assert [p.path for p in error.problems] == ["$.description"], [str(p)[:120] for p in error.problems]


def _timed_load_in_subprocess(template: str, timeout: float) -> float:
    """Seconds one load of ``template % ("x" * 50 MB)`` took, in a fresh interpreter; inf if it timed out."""
    script = (
        "import io, sys, time, isscoop\n"
        f"text = {template!r} % ('x' * {FIFTY_MB})\n"
        "start = time.process_time()\n"
        "try:\n"
        "    isscoop.load(io.StringIO(text))\n"
        "except isscoop.DatasetError:\n"
        "    print(time.process_time() - start)\n"
    )
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf")
    assert done.returncode == 0, done.stderr
    return float(done.stdout)


@pytest.mark.parametrize(
    "template",
    [
        '{"format_version": 1, "sources": [{"id": "s", "url": "%s", "publisher": "p"}]}',
        '{"format_version": 1, "sources": [{"id": "s", "url": "u", "publisher": "p", "%s": 1}]}',
    ],
    ids=["value", "key"],
)
def test_a_50_mb_string_in_a_record_is_refused_quickly(template: str) -> None:
    assert _timed_load_in_subprocess(template, timeout=6) < LIMIT


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed() -> None:
    size = isscoop.MAX_FILE_BYTES if hasattr(isscoop, "MAX_FILE_BYTES") else 64 * 1024 * 1024
    text = '{"format_version": 1, "description": "' + "x" * size + '"}'
    error = must_fail(text, clock=time.process_time)
    assert "too large" in error.problems[0].message
    error = must_fail(text.encode("ascii"), via_file=True, clock=time.process_time)
    assert "too large" in error.problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        '{"format_version": 1, "format_version": 1}',
        '{"format_version": 1, "sources": [], "sources": []}',
        '{"format_version": 1, "sources": [{"id": "a", "id": "b", "url": "u", "publisher": "p"}]}',
        '{"format_version": 1, "meetings": [{"location": {"place": "a", "place": "b"}}]}',
        '{"format_version": 1, "x": {"a": 1, "a": 1}}',
        '{"format_version": 1, "sources": [{"id": "a", "url": "u", "publisher": "p", "note": "n", "note": "n"}]}',
    ],
)
def test_duplicate_keys(text: str) -> None:
    error = must_fail(text)
    assert "duplicate key" in error.problems[0].message


@pytest.mark.parametrize(
    "text",
    ["[]", "[{}]", '"format_version"', "1", "1.5", "null", "true", "false", '""', "", " ", "\ufeff", "{", "}"],
)
def test_wrong_top_level_types(text: str) -> None:
    error = must_fail(text)
    assert [p.path for p in error.problems] == ["$"]


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00\x00", b"\xef\xbb", b"\x00" * 10, "{}".encode("utf-16"), b'{"format_version": 1, "x": "\xff"}'],
)
def test_bytes_that_are_not_utf8(data: bytes) -> None:
    must_fail(data)
    must_fail(data, via_file=True)


def test_format_version_must_be_the_integer_1() -> None:
    for token in ("1.0", "true", '"1"', "2", "0", "null", "[1]", "-1"):
        error = must_fail(SMALL_TEXT.replace('"format_version": 1', f'"format_version": {token}', 1))
        assert [p.path for p in error.problems] == ["$.format_version"], token


@pytest.mark.parametrize(
    ("key", "value"),
    [("published", "٢٠٢٥"), ("published", "２０２５-07"), ("published", "2025-07-31T99:99"), ("version", "٢٠٢٦.١١.٠")],
    ids=["arabic-indic-digits", "fullwidth-digits", "impossible-time", "version-digits"],
)
def test_dates_and_versions_are_ascii_edtf(key: str, value: str) -> None:
    source = {"id": "s", "url": "u", "publisher": "p"}
    doc = {"format_version": 1, "version": value} if key == "version" else {"format_version": 1, "sources": [source]}
    if key == "published":
        source["published"] = value
    must_fail(json.dumps(doc, ensure_ascii=False))
