"""Checks a backup before `db restore` replaces anything: integrity, schema and the audit log.

A backup is accepted only when (1) SQLite's `PRAGMA integrity_check` says ok (a PostgreSQL
dump must be readable by pg_restore), (2) its tables and columns are exactly those the
migrations create for the revision it is stamped with (and, from 0007, the audit log's guard
triggers are there), and (3) from 0007 on its audit chain verifies up to the chain's head,
and every registered user (who may do what) appears in the audit log with the username, role
and access the table holds. An emptied audit log therefore fails at the head, which still
names the last entry; a leader added with SQL fails because the log never saw them.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nettverk.domain.errors import DomainError
from nettverk.persistence import audit_chain, schema

UNCHANGED = "; ingenting er endret"
PG_AUDIT_TRIGGERS = frozenset({"audit_log_append_only", "audit_log_no_truncate"})
_AUDIT_COLUMNS = ("id", "at", "user", "db_user", "action", "table_name", "row_id", "changes",
                  "changes_hash", "prev_hash", "entry_hash")


def refuse(message: str) -> DomainError:
    """The error `db restore` ends with when the backup is refused."""
    return DomainError("path", message + UNCHANGED)


@dataclass(frozen=True)
class Schema:
    """Tables with their column names, and the names of the triggers (SQLite)."""

    tables: dict[str, tuple[str, ...]]
    triggers: frozenset[str]


_EXPECTED: dict[str, Schema] = {}


def _sqlite_schema(conn: sqlite3.Connection) -> Schema:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    tables = {n: tuple(sorted(r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')))
              for n in names}
    triggers = frozenset(r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    return Schema(tables, triggers)


def expected_schema(revision: str) -> Schema:
    """The schema the migrations build for the revision (a scratch SQLite database, cached)."""
    if revision not in _EXPECTED:
        from nettverk.persistence.engine import make_engine

        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(f"sqlite:///{Path(tmp) / 'expected.db'}")
            try:
                schema.upgrade(engine, revision)
            finally:
                engine.dispose()
            conn = sqlite3.connect(Path(tmp) / "expected.db")
            try:
                _EXPECTED[revision] = _sqlite_schema(conn)
            finally:
                conn.close()
    return _EXPECTED[revision]


def _known(revision: str | None) -> str:
    if revision is None:
        raise refuse("filen er ikke en sikkerhetskopi fra nettverk (ingen skjemaversjon)")
    if revision not in schema.known_revisions():
        raise refuse(f"sikkerhetskopien er fra en ukjent eller nyere versjon av nettverk "
                     f"({revision})")
    return revision


def compare_tables(revision: str, tables: Mapping[str, Iterable[str] | None]) -> None:
    """Refuse when tables or columns differ from the revision's (None: columns unknown)."""
    expected = expected_schema(revision).tables
    missing = sorted(set(expected) - set(tables))
    extra = sorted(set(tables) - set(expected))
    if missing or extra:
        parts = ([f"mangler tabellene {', '.join(missing)}"] if missing else []) + \
                ([f"har ukjente tabeller {', '.join(extra)}"] if extra else [])
        raise refuse(f"sikkerhetskopien har ikke nettverks skjema for versjon {revision}: "
                     + "; ".join(parts))
    for name, columns in sorted(tables.items()):
        if columns is not None and tuple(sorted(columns)) != expected[name]:
            raise refuse(f"sikkerhetskopien har ikke nettverks skjema for versjon {revision}: "
                         f"kolonnene i {name} avviker")


def check_audit(revision: str, audit_rows: Iterable[Mapping[str, Any]],
                head: tuple[Any, Any] | None, users: Iterable[Mapping[str, Any]]) -> None:
    """Refuse a backup whose audit chain is broken or whose users the log never saw."""
    if "audit_chain" not in expected_schema(revision).tables:
        return  # from before the chain (0007): nothing to verify against
    user_entries: list[Mapping[str, Any]] = []

    def collect() -> Iterator[Mapping[str, Any]]:
        for row in audit_rows:
            if row["table_name"] == "app_user":
                user_entries.append(row)
            yield row

    try:
        report = audit_chain.check(collect(), head)
    except (ValueError, KeyError, TypeError, AttributeError, sqlite3.Error):
        raise refuse("revisjonsloggen i sikkerhetskopien kan ikke leses (skadet)") from None
    if not report.ok:
        raise refuse(f"revisjonsloggen i sikkerhetskopien er brutt ved oppføring "
                     f"{report.broken_id}: {report.reason}")
    try:
        problem = _unaudited_user(users, user_entries)
    except (ValueError, KeyError, TypeError, AttributeError, sqlite3.Error):
        raise refuse("brukerne i sikkerhetskopien kan ikke leses (skadet)") from None
    if problem:
        raise refuse(problem)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _unaudited_user(users: Iterable[Mapping[str, Any]],
                    entries: Iterable[Mapping[str, Any]]) -> str | None:
    state: dict[str, dict[str, Any]] = {}
    for e in entries:
        changes = _json(e["changes"]) or {}
        if e["action"] == "delete":
            state.pop(str(e["row_id"]), None)
            continue
        values = state.setdefault(str(e["row_id"]), {})
        values.update({k: v[1] for k, v in changes.items() if isinstance(v, list) and len(v) == 2})
        if e["action"] == "insert":
            values["inserted"] = True
    for u in users:
        logged = state.get(str(u["id"]))
        if logged is None or not logged.get("inserted"):
            return (f"brukeren «{u['username']}» ({u['role']}) finnes i sikkerhetskopien, men "
                    "ikke i revisjonsloggen: den er lagt til utenom nettverk")
        for key in ("username", "role", "active"):
            have, said = u[key], logged.get(key)
            if key == "active":
                have, said = bool(int(have)) if isinstance(have, (int, str)) else have, said
            if said is not None and have != said:
                return (f"brukeren «{u['username']}» har {key} = {have} i sikkerhetskopien, men "
                        f"revisjonsloggen sier {said}: endret utenom nettverk")
    return None


# --- SQLite ---------------------------------------------------------------------------------


def copy_sqlite(source: Path, target: Path) -> None:
    """A private copy of an SQLite backup (with what its WAL file holds), checked afterwards."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (sqlite3.Error, UnicodeDecodeError):
        raise refuse("sikkerhetskopien er skadet eller ikke en SQLite-database") from None


def check_sqlite(path: Path) -> str:
    """Check a (private copy of a) SQLite backup; returns its revision."""
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error:
        raise refuse("filen kan ikke åpnes som en SQLite-database") from None
    conn.text_factory = lambda b: b.decode("utf-8", "replace")
    try:
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            raise refuse(f"sikkerhetskopien er skadet: ikke en hel SQLite-database ({exc})"
                         ) from None
        except UnicodeDecodeError:  # SQLite's own message quotes the damaged bytes
            raise refuse("sikkerhetskopien er skadet: ikke en hel SQLite-database") from None
        if result != ["ok"]:
            raise refuse(f"sikkerhetskopien er skadet (integrity_check: {result[0][:200]})")
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            row = None
        revision = _known(row[0] if row else None)
        actual = _sqlite_schema(conn)
        compare_tables(revision, actual.tables)
        missing = expected_schema(revision).triggers - actual.triggers
        if missing:
            raise refuse(f"revisjonsloggens vern (triggerne {', '.join(sorted(missing))}) er "
                         "fjernet i sikkerhetskopien")
        if "audit_chain" in actual.tables:
            conn.row_factory = sqlite3.Row
            head_row = conn.execute(
                "SELECT last_id, last_hash FROM audit_chain WHERE id = 1").fetchone()
            head = None if head_row is None else (head_row[0], head_row[1])
            audit = conn.execute(
                f"SELECT {', '.join(_quoted(c) for c in _AUDIT_COLUMNS)} FROM audit_log "
                "ORDER BY id")
            users = conn.execute("SELECT id, username, role, active FROM app_user").fetchall()
            check_audit(revision, (dict(r) for r in audit), head, users)
        return revision
    finally:
        conn.close()


def _quoted(column: str) -> str:
    return f'"{column}"'


# --- PostgreSQL: the portable format and pg_dump's custom format ----------------------------


def check_portable(payload: Mapping[str, Any], decode: Any) -> str:
    """Check a portable (gzip'd JSON) backup; returns its revision."""
    revision = _known(payload.get("revision"))
    tables: Mapping[str, list[dict[str, Any]]] = payload.get("tables") or {}
    compare_tables(revision, {name: (list(rows[0]) if rows else None)
                              for name, rows in tables.items()} | {"alembic_version": None})
    head_rows = tables.get("audit_chain") or []
    head = (head_rows[0]["last_id"], head_rows[0]["last_hash"]) if head_rows else None
    audit = ({k: decode(v) for k, v in r.items()}
             for r in sorted(tables.get("audit_log") or [], key=lambda r: r["id"]))
    check_audit(revision, audit, head, tables.get("app_user") or [])
    return revision


def _unescape_copy(field: str) -> str | None:
    """A value of PostgreSQL's COPY text format."""
    if field == r"\N":
        return None
    if "\\" not in field:
        return field
    out: list[str] = []
    i = 0
    simple = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            nxt = field[i + 1]
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
            if nxt.isdigit():
                digits = field[i + 1:i + 4]
                n = len(digits) - len(digits.lstrip("01234567"))
                out.append(chr(int(digits[:n], 8)))
                i += 1 + n
                continue
            out.append(nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _copy_blocks(path: Path) -> Iterator[tuple[str, list[str], Iterator[list[str | None]]]]:
    """The COPY blocks of a custom-format dump: (table, columns, rows), streamed."""
    proc = subprocess.Popen(["pg_restore", "--data-only", "--file=-", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            encoding="utf-8", errors="replace")
    assert proc.stdout is not None
    lines = iter(proc.stdout)
    try:
        for line in lines:
            if not line.startswith("COPY "):
                continue
            head, _, rest = line[5:].partition(" (")
            table = head.split(".")[-1].strip('"')
            columns = [c.strip().strip('"') for c in rest.split(")")[0].split(",")]

            def rows(lines: Iterator[str] = lines) -> Iterator[list[str | None]]:
                for data in lines:
                    if data.rstrip("\n") == r"\.":
                        return
                    yield [_unescape_copy(f) for f in data.rstrip("\n").split("\t")]

            yield table, columns, rows()
    finally:
        proc.stdout.close()
        code = proc.wait()
    if code != 0:
        raise refuse("sikkerhetskopien er skadet (pg_restore kan ikke lese dataene)")


def check_pg_custom(path: Path) -> str:
    """Check a pg_dump custom-format backup; returns its revision."""
    listing = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True,
                             text=True, check=False)
    if listing.returncode != 0:
        raise refuse("sikkerhetskopien er skadet eller ikke fra nettverk (pg_restore kan ikke "
                     "lese den)")
    toc = [line.split() for line in listing.stdout.splitlines() if not line.startswith(";")]
    listed = {parts[5] for parts in toc if len(parts) > 5 and parts[3] == "TABLE"
              and parts[4] == "public"}
    triggers = {parts[6] for parts in toc if len(parts) > 6 and parts[3] == "TRIGGER"}
    columns: dict[str, Iterable[str] | None] = {name: None for name in listed}
    kept: dict[str, list[dict[str, Any]]] = {"alembic_version": [], "audit_chain": [],
                                             "app_user": [], "audit_log": []}
    for table, cols, rows in _copy_blocks(path):
        columns[table] = cols
        if table in kept:
            kept[table] = [dict(zip(cols, r, strict=True)) for r in rows]
        else:
            for _ in rows:
                pass
    versions = [r["version_num"] for r in kept["alembic_version"]]
    revision = _known(versions[0] if versions else None)
    compare_tables(revision, columns)
    if "audit_chain" in expected_schema(revision).tables and not triggers >= PG_AUDIT_TRIGGERS:
        raise refuse("revisjonsloggens vern (triggerne) er fjernet i sikkerhetskopien")
    head_rows = kept["audit_chain"]
    head = ((int(head_rows[0]["last_id"]) if head_rows[0]["last_id"] else None,
             head_rows[0]["last_hash"]) if head_rows else None)
    audit = sorted(({**r, "id": int(r["id"])} for r in kept["audit_log"]), key=lambda r: r["id"])
    users = [{**u, "id": int(u["id"]), "active": u["active"] == "t"} for u in kept["app_user"]]
    check_audit(revision, audit, head, users)
    return revision
