"""A national-scale, reproducible data set for benchmarks: `nettverk demo generate`.

Rows are built in memory (`generate_rows.RowBuilder`) and inserted with SQLAlchemy Core in
executemany batches inside one transaction, not object by object. The audit log is NOT written
for generated data, and the generator refuses a database that already holds rows.
"""

from __future__ import annotations

import csv
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Index,
    func,
    insert,
    inspect,
    literal_column,
    select,
    table,
    text,
)

from nettverk.demo.files import SEED_DIR
from nettverk.demo.generate_rows import ReferenceMunicipality, RowBuilder
from nettverk.domain.errors import DomainError
from nettverk.domain.model import Base
from nettverk.domain.values import today_in_norway

REFERENCE_FILE = SEED_DIR / "reference" / "municipalities-2020.csv"
BATCH = 5_000
NATIONAL = 356


@dataclass(frozen=True)
class Scale:
    """How much to generate; the defaults are the national data set."""

    municipalities: int = NATIONAL
    years: int = 10
    gatherings: int = 10_000
    milestones: int = 100_000

    def check(self) -> None:
        """Refuse sizes outside what the generator can make."""
        if not 1 <= self.municipalities <= NATIONAL:
            raise DomainError("municipalities", f"må være et heltall fra 1 til {NATIONAL}")
        if not 1 <= self.years <= 30:
            raise DomainError("years", "må være et heltall fra 1 til 30")
        if not 0 <= self.gatherings <= 1_000_000:
            raise DomainError("gatherings", "må være et heltall fra 0 til 1 000 000")
        if not 0 <= self.milestones <= 10_000_000:
            raise DomainError("milestones", "må være et heltall fra 0 til 10 000 000")


@dataclass(frozen=True)
class GenerationResult:
    """What was generated: rows per table and the seconds spent building and inserting."""

    rows: dict[str, int]
    build_seconds: float
    insert_seconds: float

    @property
    def total_rows(self) -> int:
        """All rows written."""
        return sum(self.rows.values())


def read_reference(path: Path = REFERENCE_FILE) -> list[ReferenceMunicipality]:
    """The 356 municipalities of 2020–2023; parallel names are `Sámi|Kven`."""
    result = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names = [n.strip() or None for n in (row["parallel_names"] or "").split("|")]
            names += [None, None]
            result.append(ReferenceMunicipality(
                number=row["number"].strip(), name=row["name"].strip(), sami_name=names[0],
                kven_name=names[1], county_number=row["county_number"].strip(),
                county_name=row["county_name"].strip(),
                sami_administrative_area=row["sami_administrative_area"].strip().lower() == "yes",
            ))
    return result


def choose_municipalities(reference: list[ReferenceMunicipality],
                          count: int) -> list[ReferenceMunicipality]:
    """`count` municipalities, taken in turn from each county so every county is represented."""
    by_county: dict[str, list[ReferenceMunicipality]] = {}
    for m in sorted(reference, key=lambda m: m.number):
        by_county.setdefault(m.county_number, []).append(m)
    chosen: list[ReferenceMunicipality] = []
    depth = 0
    while len(chosen) < count:
        for members in by_county.values():
            if depth < len(members) and len(chosen) < count:
                chosen.append(members[depth])
        depth += 1
    return sorted(chosen, key=lambda m: m.number)


def build(scale: Scale, seed: int, today: date) -> RowBuilder:
    """Every table's rows for the scale, seed and day (nothing touches a database)."""
    reference = read_reference()
    counties = {m.county_number: m.county_name for m in reference}
    builder = RowBuilder(seed, today, scale.years)
    builder.register(choose_municipalities(reference, scale.municipalities), counties)
    builder.programmes_and_participants()
    builder.gatherings(scale.gatherings)
    builder.plan_documents()
    builder.milestones(scale.milestones)
    builder.follow_ups()
    builder.agreements()
    builder.evaluation()
    return builder


def ensure_empty(engine: Engine) -> None:
    """Refuse a database that already holds data (the schema itself may exist)."""
    with engine.connect() as conn:
        # audit_chain's one row is the audit log's (empty) head, there from the start.
        for name in sorted(set(inspect(conn).get_table_names()) - {"alembic_version",
                                                                   "audit_chain"}):
            if conn.execute(select(1).select_from(table(name)).limit(1)).first() is not None:
                raise DomainError(
                    "db", "databasen er ikke tom; generatoren fyller bare en ny, tom database "
                          f"(tabellen {name} har rader)")


def generate(engine: Engine, scale: Scale | None = None, seed: int = 2020,
             today: date | None = None,
             progress: Callable[[str, int], None] | None = None) -> GenerationResult:
    """Fill an empty, migrated database with a generated data set in one transaction."""
    scale = scale or Scale()
    scale.check()
    ensure_empty(engine)
    started = clock.perf_counter()
    builder = build(scale, seed, today or today_in_norway())
    built = clock.perf_counter()
    rows: dict[str, int] = {}
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Foreign keys are checked once after the load (below) instead of row by row;
            # the pragma only takes effect outside a transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("PRAGMA cache_size=-65536")
            conn.commit()
        shared = _entity_columns(conn.dialect.name, builder.now)
        try:
            with conn.begin():
                deferred = _drop_indexes(conn, builder.tables) if sqlite else []
                for table_ in Base.metadata.sorted_tables:
                    table_rows = builder.tables.get(table_.name)
                    if not table_rows:
                        continue
                    statement = insert(table_).values(**shared)
                    for start in range(0, len(table_rows), BATCH):
                        conn.execute(statement, table_rows[start:start + BATCH])
                    rows[table_.name] = len(table_rows)
                    if progress:
                        progress(table_.name, len(table_rows))
                for index in deferred:
                    index.create(conn)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"generated rows break foreign keys: {broken[:5]}")
                else:
                    # Ids were given explicitly: move each sequence past them for later inserts.
                    for name in rows:
                        conn.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"(SELECT MAX(id) FROM {name}))"))
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return GenerationResult(rows, built - started, clock.perf_counter() - built)


def _entity_columns(dialect: str, stamp: datetime) -> dict[str, ColumnElement[Any]]:
    """created_at, updated_at and version as SQL literals: identical on every row, so they are
    written into the statement instead of being converted again for each of 450,000 rows."""
    utc = stamp.astimezone(UTC)
    if dialect == "sqlite":  # the format SQLAlchemy's SQLite DateTime stores and reads back
        moment = literal_column(
            f"'{utc.replace(tzinfo=None).isoformat(sep=' ', timespec='microseconds')}'")
    else:
        moment = literal_column(f"TIMESTAMPTZ '{utc.isoformat(sep=' ')}'")
    return {"created_at": moment, "updated_at": moment, "version": literal_column("1")}


def _drop_indexes(conn: Connection, tables: dict[str, list[dict[str, Any]]]) -> list[Index]:
    """Drop the plain indexes of the tables about to be filled; they are built after the load
    (on SQLite that is about twice as fast as keeping them up to date row by row)."""
    existing = {ix["name"] for name in tables for ix in inspect(conn).get_indexes(name)}
    dropped = []
    for table_ in Base.metadata.sorted_tables:
        if table_.name not in tables:
            continue
        for index in table_.indexes:
            if not index.unique and index.name in existing:
                index.drop(conn)
                dropped.append(index)
    return dropped


def row_count(engine: Engine, table: str) -> int:
    """Rows in one table (for tests and benchmarks)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Base.metadata.tables[table]))
                   .scalar_one())
