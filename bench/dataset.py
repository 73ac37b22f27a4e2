"""The generated data set the benchmarks run on: made once, reused while nothing changed."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from bench.harness import RESULTS, ROOT

# The day the data set is generated for, fixed so every run measures the same rows.
TODAY = date(2026, 11, 22)
SEED = 2020


@dataclass(frozen=True)
class Dataset:
    """A generated database and how long it took to make (None when reused)."""

    url: str
    path: Path
    scale: dict[str, int]
    generated_in: float | None
    rows: int


def _fingerprint(scale: dict[str, int]) -> str:
    """Changes when the scale, the schema or the generator changes."""
    digest = hashlib.sha256(json.dumps([scale, SEED, TODAY.isoformat()]).encode())
    for pattern in ("nettverk/migrations/versions/*.py", "nettverk/demo/generate*.py",
                    "nettverk/domain/*.py"):
        for file in sorted(ROOT.glob(pattern)):
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def national(quick: bool = False, regenerate: bool = False, times: int = 1) -> Dataset:
    """The national data set (or a small one with `quick`) in bench/results/, generated if needed.

    `times` (national only) multiplies what `generate.Scale` can grow: the gatherings (with
    their attendance and feedback) and the milestones. The 356 municipalities (there are no
    more) and the 10 years stay, and with them the programmes, persons and follow-ups
    (`national-x10.db` for 10)."""
    from nettverk.demo import generate
    from nettverk.persistence.engine import make_engine
    from nettverk.persistence.schema import upgrade

    if quick:
        scale = generate.Scale(municipalities=60, years=4, gatherings=1000, milestones=10_000)
    else:
        base = generate.Scale()
        scale = generate.Scale(gatherings=base.gatherings * times,
                               milestones=base.milestones * times)
    scale_dict = asdict(scale)
    name = "quick" if quick else ("national" if times == 1 else f"national-x{times}")
    path = RESULTS / f"{name}.db"
    marker = RESULTS / f"{name}.json"
    fingerprint = _fingerprint(scale_dict)
    url = f"sqlite:///{path}"
    if not regenerate and path.exists() and marker.exists():
        meta = json.loads(marker.read_text(encoding="utf-8"))
        if meta.get("fingerprint") == fingerprint:
            return Dataset(url, path, scale_dict, None, meta["rows"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(url)
    try:
        upgrade(engine)
        started = time.perf_counter()
        result = generate.generate(engine, scale, seed=SEED, today=TODAY)
        took = time.perf_counter() - started
    finally:
        engine.dispose()
    marker.write_text(json.dumps({"fingerprint": fingerprint, "rows": result.total_rows,
                                  "seconds": took, "tables": result.rows}, indent=2),
                      encoding="utf-8")
    return Dataset(url, path, scale_dict, took, result.total_rows)


def postgres(admin_url: str) -> Dataset:
    """The national data set in a fresh PostgreSQL database `nettverk_bench` (made every run;
    NETTVERK_BENCH_PGDATABASE names another, for runs side by side on one server)."""
    import os

    from sqlalchemy import text

    from nettverk.demo import generate
    from nettverk.persistence.engine import make_engine
    from nettverk.persistence.schema import upgrade

    name = os.environ.get("NETTVERK_BENCH_PGDATABASE", "nettverk_bench")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"NETTVERK_BENCH_PGDATABASE {name!r}: letters, digits and _ only")
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        admin.dispose()
    scale = generate.Scale()
    engine = make_engine(url)
    try:
        upgrade(engine)
        started = time.perf_counter()
        result = generate.generate(engine, scale, seed=SEED, today=TODAY)
        took = time.perf_counter() - started
    finally:
        engine.dispose()
    # What autovacuum does on a live server soon after a load: planner statistics and the
    # visibility map (without it no index-only scan pays, e.g. the overview's counts).
    vacuum = make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with vacuum.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
    finally:
        vacuum.dispose()
    return Dataset(url, Path(name), asdict(scale), took, result.total_rows)


def scratch_copy(dataset: Dataset, name: str) -> str:
    """A copy of the data set's file for benchmarks that write (feeds); returns its URL."""
    import sqlite3

    target = RESULTS / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    source = sqlite3.connect(dataset.path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()
    return f"sqlite:///{target}"


def today() -> date:
    """The data set's 'today' (for use cases that take one)."""
    return TODAY


__all__ = ["Dataset", "national", "postgres", "scratch_copy", "today"]
