"""Deterministic synthetic datasets in the isscoop JSON format, for the benchmarks.

``python benchmarks/generate.py 10000 100000`` writes (or reuses) one dataset
per size under ``benchmarks/.cache/``.  A dataset of size N holds:

* 1,000 agencies, each with a name, an acronym and two aliases (one of them
  Cyrillic, so that the script-folding lookup is exercised);
* the officials who headed them from about 1958 to 2030: one official per head
  tenure, tenures back to back (never overlapping) per agency, about 5% of them
  acting, the last one open-ended;
* N agreements with 2-5 parties, history events ``signed`` and ``in_force``
  between 1958 and 2030; 20% open-ended, the rest with an ``end`` date;
* N/10 meetings between two or three agencies, with the heads of those
  agencies on that day as participants;
* 1,000 + N/20 sources; every record cites one.

Dates are mostly known to the day; about 10% only to the month and 5% only to
the year, so that isscoop's partial-date logic (UNKNOWN answers) is exercised.
Party choice is skewed (a few agencies take part in many agreements), like the
real world, so that "agreements between A and B" has answers.

isscoop refuses files over 64 MiB, so a large dataset is written as several
combined files (each a valid ``"format_version": 1`` document holding several
record arrays); ``isscoop.load(*paths)`` reads them as one dataset.  The same
seed and size always give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Bump when the generated data changes, so that stale caches are not reused.
GENERATOR_VERSION = 1
DEFAULT_SEED = 20250731
CACHE = Path(__file__).resolve().parent / ".cache"

N_AGENCIES = 1000
FIRST_DAY = dt.date(1958, 1, 1).toordinal()
LAST_DAY = dt.date(2030, 12, 31).toordinal()
#: Stay well under isscoop's 64 MiB per-file limit.
MAX_SHARD_BYTES = 48 * 1024 * 1024

COUNTRIES = ["US", "RU", "CN", "JP", "IN", "FR", "DE", "IT", "GB", "CA", "BR", "KR", "AU", "ES", "NL", "SE", "IL", "AE"]
AGENCY_WORDS = ["Space", "Aerospace", "Orbital", "Astronautics", "Rocket", "Satellite", "Cosmic", "Launch"]
AGENCY_NOUNS = ["Agency", "Administration", "Office", "Institute", "Centre", "Corporation", "Board", "Directorate"]
FIRST_NAMES = ["Anna", "Boris", "Chen", "Dmitry", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Katya", "Liam"]
LAST_NAMES = ["Ivanova", "Smith", "Tanaka", "Garcia", "Okafor", "Novak", "Kim", "Rossi", "Dubois", "Singh", "Berg"]
AGREEMENT_KINDS = [
    "intergovernmental_agreement",
    "memorandum_of_understanding",
    "implementing_arrangement",
    "no_exchange_of_funds_arrangement",
    "supplement",
    "joint_statement",
]
MEETING_KINDS = ["heads_of_agency", "working_level", "visit", "signing"]
TOPICS = ["crew exchange", "lunar exploration", "station operations", "launch services", "data sharing"]


@dataclass(frozen=True)
class Dataset:
    """Where a generated dataset is, and what it holds."""

    size: int
    seed: int
    folder: Path
    files: tuple[Path, ...]
    counts: dict[str, int]
    bytes: int


# -- dates -----------------------------------------------------------------------------


def _precision(rng: random.Random) -> str:
    """Mostly day, some month, a few year."""
    r = rng.random()
    return "day" if r < 0.85 else "month" if r < 0.95 else "year"


def edtf(ordinal: int, precision: str) -> str:
    """The EDTF text of a day, cut to a precision: ``2025-07-31``, ``2025-07`` or ``2025``."""
    d = dt.date.fromordinal(ordinal)
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def edtf_bounds(text: str) -> tuple[int, int]:
    """First and last possible day (ordinals) of an unqualified EDTF date (what the generator writes)."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        o = dt.date(*parts).toordinal()
        return o, o
    if len(parts) == 2:
        y, m = parts
        first = dt.date(y, m, 1)
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return first.toordinal(), nxt.toordinal() - 1
    (y,) = parts
    return dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal()


# -- records ---------------------------------------------------------------------------


def acronym(i: int) -> str:
    """A unique all-letter acronym: ``SAAA``, ``SAAB``, ..."""
    letters = ""
    n = i
    for _ in range(3):
        n, r = divmod(n, 26)
        letters = chr(ord("A") + r) + letters
    return "S" + letters


def agency_id(i: int) -> str:
    return f"ag-{i:04d}"


def agency_names(i: int) -> tuple[str, list[str]]:
    """The name and the aliases of agency ``i`` (the second alias is Cyrillic)."""
    word = AGENCY_WORDS[i % len(AGENCY_WORDS)]
    noun = AGENCY_NOUNS[(i // len(AGENCY_WORDS)) % len(AGENCY_NOUNS)]
    return f"National {word} {noun} {i}", [f"{word} {noun} Number {i}", f"Агентство {i}"]


def _agencies(rng: random.Random, sources: int) -> list[dict[str, Any]]:
    out = []
    for i in range(N_AGENCIES):
        name, aliases = agency_names(i)
        founded = rng.randint(FIRST_DAY - 3650, FIRST_DAY + 3650)
        out.append(
            {
                "id": agency_id(i),
                "name": name,
                "acronym": acronym(i),
                "aliases": aliases,
                "kind": "space_agency" if i % 10 else "state_corporation",
                "country": COUNTRIES[i % len(COUNTRIES)],
                "founded": edtf(founded, _precision(rng)),
                "sources": [_source_id(rng.randrange(sources))],
            }
        )
    return out


def _source_id(i: int) -> str:
    return f"src-{i:07d}"


def _sources(rng: random.Random, count: int) -> list[dict[str, Any]]:
    out = []
    for i in range(count):
        src: dict[str, Any] = {
            "id": _source_id(i),
            "publisher": f"Publisher {i % 97}",
            "url": f"https://news.example.org/{i % 97}/article-{i}",
        }
        if rng.random() < 0.7:
            src["published"] = edtf(rng.randint(FIRST_DAY, LAST_DAY), _precision(rng))
        out.append(src)
    return out


@dataclass
class _Heads:
    """Head tenures of one agency: handover days and the official after each."""

    starts: list[int]
    officials: list[str]

    def on(self, day: int) -> str | None:
        i = bisect_right(self.starts, day) - 1
        return self.officials[i] if i >= 0 else None


def _officials(rng: random.Random, sources: int) -> tuple[list[dict[str, Any]], dict[str, _Heads]]:
    """One official per head tenure; tenures of an agency are back to back, the last open."""
    out: list[dict[str, Any]] = []
    heads: dict[str, _Heads] = {}
    for a in range(N_AGENCIES):
        aid = agency_id(a)
        day = rng.randint(FIRST_DAY - 2000, FIRST_DAY + 1000)
        start_text = edtf(day, _precision(rng))
        record = _Heads([], [])
        k = 0
        while True:
            acting = rng.random() < 0.05
            length = rng.randint(60, 400) if acting else rng.randint(365, 10 * 365)
            nxt = day + length
            # the handover date ends one tenure and starts the next, so they never certainly overlap
            end_text = "" if nxt > LAST_DAY else edtf(nxt, _precision(rng))
            if end_text and edtf_bounds(end_text)[0] <= edtf_bounds(start_text)[1]:
                end_text = edtf(nxt, "day")  # keep a coarse handover from swallowing the whole tenure
            oid = f"off-{a:04d}-{k:02d}"
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}-{a}-{k}"
            out.append(
                {
                    "id": oid,
                    "name": name,
                    "tenures": [
                        {
                            "post": "Acting Director General" if acting else "Director General",
                            "agency": aid,
                            "period": f"{start_text}/{end_text or '..'}",
                            "head": True,
                            "acting": acting,
                            "sources": [_source_id(rng.randrange(sources))],
                        }
                    ],
                    "sources": [_source_id(rng.randrange(sources))],
                }
            )
            record.starts.append(day)
            record.officials.append(oid)
            k += 1
            if not end_text:
                break
            day, start_text = nxt, end_text
        heads[aid] = record
    return out, heads


def party_weights() -> list[float]:
    """A few agencies take part in many agreements (Zipf-like, exponent 0.8)."""
    return [1.0 / (i + 1) ** 0.8 for i in range(N_AGENCIES)]


def _pick_agencies(rng: random.Random, k: int, cum: list[float]) -> list[str]:
    chosen: list[int] = []
    while len(chosen) < k:
        i = rng.choices(range(N_AGENCIES), cum_weights=cum, k=1)[0]
        if i not in chosen:
            chosen.append(i)
    return [agency_id(i) for i in chosen]


def cumulative(weights: Sequence[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _agreements(rng: random.Random, n: int, sources: int) -> Iterator[dict[str, Any]]:
    cum = cumulative(party_weights())
    for i in range(n):
        signed = rng.randint(FIRST_DAY, LAST_DAY)
        signed_text = edtf(signed, _precision(rng))
        in_force = signed + rng.randint(0, 400)
        in_force_text = edtf(in_force, _precision(rng))
        src = [_source_id(rng.randrange(sources))]
        rec: dict[str, Any] = {
            "id": f"agr-{i:07d}",
            "title": f"Cooperation agreement {i}",
            "kind": AGREEMENT_KINDS[rng.randrange(len(AGREEMENT_KINDS))],
            "parties": _pick_agencies(rng, rng.randint(2, 5), cum),
            "signed": signed_text,
            "history": [
                {"status": "signed", "date": signed_text, "sources": src},
                {"status": "in_force", "date": in_force_text, "sources": src},
            ],
            "sources": src,
        }
        if rng.random() >= 0.2:  # 80% have an end; 20% are open-ended
            end = in_force + rng.randint(365, 30 * 365)
            rec["end"] = edtf(end, _precision(rng))
        yield rec


def _meetings(rng: random.Random, n: int, sources: int, heads: dict[str, _Heads]) -> Iterator[dict[str, Any]]:
    cum = cumulative(party_weights())
    kinds = MEETING_KINDS
    for i in range(n):
        day = rng.randint(FIRST_DAY, LAST_DAY)
        precision = _precision(rng)
        agencies = _pick_agencies(rng, 2 if rng.random() < 0.9 else 3, cum)
        rec: dict[str, Any] = {
            "id": f"mtg-{i:07d}",
            "title": f"Meeting {i}",
            "kind": kinds[rng.randrange(len(kinds))],
            "date": edtf(day, precision),
            "agencies": agencies,
            "topics": [rng.choice(TOPICS)],
            "sources": [_source_id(rng.randrange(sources))],
        }
        if precision == "day":
            if rng.random() < 0.2:
                rec["end"] = edtf(day + rng.randint(1, 4), "day")
            participants = [heads[a].on(day) for a in agencies]
            rec["participants"] = [p for p in participants if p is not None]
        yield rec


# -- writing ---------------------------------------------------------------------------


def _folder(size: int, seed: int) -> Path:
    return CACHE / f"n{size}-seed{seed}-v{GENERATOR_VERSION}"


def _records(size: int, seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record as ``(kind, JSON object)``; referenced records come first."""
    rng = random.Random(f"{seed}-{size}")
    n_sources = 1000 + size // 20
    for rec in _sources(rng, n_sources):
        yield "sources", rec
    for rec in _agencies(rng, n_sources):
        yield "agencies", rec
    officials, heads = _officials(rng, n_sources)
    for rec in officials:
        yield "officials", rec
    for rec in _meetings(rng, max(1000, size // 10), n_sources, heads):
        yield "meetings", rec
    for rec in _agreements(rng, size, n_sources):
        yield "agreements", rec


def _write_shards(records: Iterator[tuple[str, dict[str, Any]]], folder: Path) -> tuple[list[Path], dict[str, int]]:
    files: list[Path] = []
    counts: dict[str, int] = {}
    shard: dict[str, list[str]] = {}
    size = 0

    def flush() -> None:
        nonlocal shard, size
        if not shard:
            return
        path = folder / f"part-{len(files):03d}.json"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write('{"format_version":1')
            for kind, items in shard.items():
                fh.write(f',"{kind}":[\n')
                fh.write(",\n".join(items))
                fh.write("\n]")
            fh.write("}\n")
        files.append(path)
        shard, size = {}, 0

    for kind, rec in records:
        text = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
        if size + len(text.encode("utf-8")) + 64 > MAX_SHARD_BYTES:
            flush()
        shard.setdefault(kind, []).append(text)
        size += len(text.encode("utf-8")) + 2
        counts[kind] = counts.get(kind, 0) + 1
    flush()
    return files, counts


def generate(size: int, seed: int = DEFAULT_SEED, *, force: bool = False, quiet: bool = False) -> Dataset:
    """The dataset of ``size`` agreements: read from the cache, or written there first."""
    folder = _folder(size, seed)
    meta_path = folder.with_suffix(".meta")
    if not force and meta_path.exists() and folder.is_dir():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        files = tuple(folder / name for name in meta["files"])
        if all(f.exists() for f in files):
            return Dataset(size, seed, folder, files, meta["counts"], meta["bytes"])
    if not quiet:
        print(f"generating a synthetic dataset of {size:,} agreements in {folder} ...", file=sys.stderr, flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    paths, counts = _write_shards(_records(size, seed), tmp)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    names = [p.name for p in paths]
    total = sum((folder / name).stat().st_size for name in names)
    meta_path.write_text(json.dumps({"files": names, "counts": counts, "bytes": total}, indent=2), encoding="utf-8")
    return Dataset(size, seed, folder, tuple(folder / n for n in names), counts, total)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000], help="numbers of agreements")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="write again even if cached")
    args = parser.parse_args(argv)
    for size in args.sizes:
        ds = generate(size, args.seed, force=args.force)
        counts = ", ".join(f"{v:,} {k}" for k, v in ds.counts.items())
        print(f"{size:>9,}: {len(ds.files)} file(s), {ds.bytes / 2**20:.1f} MiB: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
