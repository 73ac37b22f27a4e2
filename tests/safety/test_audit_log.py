"""The audit log: a hash chain that names the first broken link, append-only in the database,
the database login beside NETTVERK_USER, and `audit list` to read it."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DatabaseError, ProgrammingError

from nettverk.domain.errors import DomainError
from nettverk.persistence.engine import make_engine
from nettverk.services import audit, persons, privacy, register
from nettverk.services.database import Database, connect
from tests.support import run_cli


def _some_changes(db: Database) -> None:
    register.add_county(db.uow(), "18", "Nordland")
    register.add_municipality(db.uow(), number="1853", name="Evenes", county="18",
                              population=1400)
    register.update_municipality(db.uow(), "1853", population=1450)
    register.add_county(db.uow(), "15", "Møre og Romsdal")


def _ids(db: Database) -> list[int]:
    with db.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT id FROM audit_log ORDER BY id"))]


@contextmanager
def _as_attacker(db: Database) -> Iterator[Connection]:
    """A connection of someone who owns the database file or schema and turns the guards off."""
    with db.engine.begin() as conn:
        triggers: list[str] = []
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            triggers = list(conn.execute(text(
                "SELECT sql FROM sqlite_master WHERE name IN ('audit_log_no_update', "
                "'audit_log_no_delete')"
            )).scalars())
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        yield conn
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
        for sql in triggers:  # the test database is shared by the session's tests
            conn.execute(text(sql))


def _verify(db_url: str) -> tuple[int, str]:
    result = run_cli(db_url, "audit", "verify")
    return result.code, result.out + result.err


def test_verify_reports_ok_with_the_number_of_entries(db: Database, db_url: str) -> None:
    _some_changes(db)
    code, output = _verify(db_url)
    assert code == 0, output
    assert f"OK, {len(_ids(db))} oppføringer" in output


def test_an_edited_entry_is_named_as_the_first_broken_link(db: Database, db_url: str) -> None:
    _some_changes(db)
    ids = _ids(db)
    with _as_attacker(db) as conn:
        conn.execute(text("UPDATE audit_log SET changes = :c WHERE id = :id"),
                     {"c": '{"population": [1400, 99999]}', "id": ids[2]})
    code, output = _verify(db_url)
    assert code == 2
    assert f"oppføring {ids[2]} " in output and "endret" in output


def test_a_changed_user_is_named(db: Database, db_url: str) -> None:
    _some_changes(db)
    ids = _ids(db)
    with _as_attacker(db) as conn:
        conn.execute(text('UPDATE audit_log SET "user" = \'noen andre\' WHERE id = :id'),
                     {"id": ids[1]})
    code, output = _verify(db_url)
    assert code == 2 and f"oppføring {ids[1]} " in output


def test_a_deleted_entry_breaks_the_link_of_the_next(db: Database, db_url: str) -> None:
    _some_changes(db)
    ids = _ids(db)
    with _as_attacker(db) as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[1]})
    code, output = _verify(db_url)
    assert code == 2 and f"oppføring {ids[2]} " in output


def test_deleting_the_last_entries_or_all_is_detected(db: Database, db_url: str) -> None:
    _some_changes(db)
    ids = _ids(db)
    with _as_attacker(db) as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id >= :id"), {"id": ids[-2]})
    code, output = _verify(db_url)
    assert code == 2 and f"oppføring {ids[-1]} " in output and "slutten" in output
    with _as_attacker(db) as conn:
        conn.execute(text("DELETE FROM audit_log"))
    assert _verify(db_url)[0] == 2


def test_an_inserted_entry_is_named(db: Database, db_url: str) -> None:
    _some_changes(db)
    with _as_attacker(db) as conn:
        conn.execute(text(
            "INSERT INTO audit_log (at, \"user\", action, table_name, row_id, changes, "
            "changes_hash, prev_hash, entry_hash) VALUES (CURRENT_TIMESTAMP, 'kari', 'insert', "
            "'app_user', '99', '{}', :h, :h, :h)"), {"h": "f" * 64})
    forged = _ids(db)[-1]
    code, output = _verify(db_url)
    assert code == 2 and f"oppføring {forged} " in output


def test_raw_update_or_delete_of_audit_rows_is_refused_by_the_database(db: Database) -> None:
    _some_changes(db)
    for statement in ("DELETE FROM audit_log", "UPDATE audit_log SET changes = '{}'",
                      "UPDATE audit_log SET \"user\" = 'x'"):
        with pytest.raises(DatabaseError, match="revisjonsloggen kan bare utvides"), \
                db.engine.begin() as conn:
            conn.execute(text(statement))
    assert len(_ids(db)) == 4


def test_erasing_a_person_redacts_the_log_and_the_chain_still_verifies(
        db: Database, db_url: str) -> None:
    _some_changes(db)
    person = persons.add_person(db.uow(), name="Ánne Márjá Sara", email="anne@example.no",
                                 municipality="1853")
    persons.update_person(db.uow(), person.id, phone="99887766")
    privacy.erase_person(db.uow(), person.id)
    code, output = _verify(db_url)
    assert code == 0, output
    listed = run_cli(db_url, "audit", "list", "--table", "person", "--format", "json").json()
    assert "Ánne" not in repr(listed) and "99887766" not in repr(listed)
    assert listed[0]["action"] == "erase"
    # A redacted entry changed again afterwards is still caught.
    redacted = listed[-1]["id"]
    with _as_attacker(db) as conn:
        conn.execute(text("UPDATE audit_log SET action = 'update' WHERE id = :id"),
                     {"id": redacted})
    assert _verify(db_url)[0] == 2


def test_concurrent_writers_each_chain_onto_the_last_entry(db: Database, db_url: str) -> None:
    register.add_county(db.uow(), "18", "Nordland")
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        other = connect(db_url, f"skriver-{prefix}")
        try:
            for i in range(8):
                register.add_municipality(other.uow(), number=f"18{prefix}{i}",
                                          name=f"Kommune {prefix}{i}", county="18",
                                          population=100)
        except BaseException as exc:
            errors.append(exc)
        finally:
            other.close()

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("1", "2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    code, output = _verify(db_url)
    assert code == 0, output
    assert "OK, 17 oppføringer" in output


def test_a_too_long_or_empty_nettverk_user_is_refused_with_exit_2(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for value, rule in (("k" * 300, "høyst 200 tegn"), ("   ", "tomt"),
                        ("kari\x1b[2J", "kontrolltegn")):
        monkeypatch.setenv("NETTVERK_USER", value)
        result = run_cli(db_url, "municipality", "add", "--number", "1853", "--name", "Evenes",
                         "--county", "18", "--population", "1400")
        assert result.code == 2, result.err
        assert "NETTVERK_USER" in result.err and rule in result.err
    monkeypatch.setenv("NETTVERK_USER", "k" * 200)
    assert run_cli(db_url, "audit", "list").code == 0


def test_audit_list_filters_newest_first(db: Database, db_url: str) -> None:
    _some_changes(db)
    other = connect(db_url, "ola")
    try:
        register.update_municipality(other.uow(), "1853", name="Evenášši")
    finally:
        other.close()
    rows = run_cli(db_url, "audit", "list", "--table", "municipality", "--format", "json").json()
    assert [r["action"] for r in rows] == ["update", "update", "insert"]
    assert rows[0]["changes"]["name"] == ["Evenes", "Evenášši"] and rows[0]["user"] == "ola"
    assert rows[0]["at"].endswith(("+01:00", "+02:00"))
    record = rows[0]["record"]
    assert len(run_cli(db_url, "audit", "list", "--table", "municipality", "--record", record,
                       "--format", "json").json()) == 3
    by_ola = run_cli(db_url, "audit", "list", "--user", "ola", "--format", "json").json()
    assert [r["user"] for r in by_ola] == ["ola"]
    assert len(run_cli(db_url, "audit", "list", "--limit", "2", "--format", "json").json()) == 2
    assert run_cli(db_url, "audit", "list", "--to", "2001-01-01", "--format", "json").json() == []
    today = rows[0]["at"][:10]
    assert len(run_cli(db_url, "audit", "list", "--from", today, "--to", today,
                       "--format", "json").json()) == 5
    table = run_cli(db_url, "audit", "list", "--table", "municipality")
    assert "Evenes → Evenášši" in table.out
    csv = run_cli(db_url, "audit", "list", "--format", "csv", "--csv-dialect", "rfc4180")
    assert csv.out.splitlines()[0].startswith("id,at,user,db_user")
    for bad in (["--from", "31.02.2022"], ["--limit", "0"], ["--record", "x"],
                ["--to", "9999-12-31"], ["--to", "31.12.9999 23:59"], ["--limit", "10001"],
                ["--from", "2026-02-01", "--to", "2026-01-01"]):
        result = run_cli(db_url, "audit", "list", *bad)
        assert result.code == 2, bad


@pytest.mark.postgres
def test_postgres_logins_cannot_write_audit_rows_and_the_login_is_recorded(
        postgres_server) -> None:  # type: ignore[no-untyped-def]
    db_url = postgres_server.create_database()
    owner = connect(db_url, "eier")
    login = f"nettverk_login_{uuid.uuid4().hex[:8]}"
    admin = postgres_server.admin
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{login}" LOGIN'))
    try:
        register.add_county(owner.uow(), "18", "Nordland")
        for role in ("partner", "leader"):
            assert run_cli(db_url, "db", "grant", "--login", login, "--role", role).code == 0
            url = owner.engine.url.set(username=login).render_as_string(hide_password=False)
            as_login = make_engine(url)
            try:
                for statement in (
                        "UPDATE audit_log SET \"user\" = 'x'", "DELETE FROM audit_log",
                        "INSERT INTO audit_log (at, \"user\", action, table_name, row_id, changes)"
                        " VALUES (now(), 'x', 'insert', 'county', '1', '{}')",
                        "UPDATE audit_chain SET last_hash = 'x'"):
                    with pytest.raises(ProgrammingError, match="permission denied"), \
                            as_login.begin() as conn:
                        conn.execute(text(statement))
            finally:
                as_login.dispose()
            # The application's own writes still work, and the database names the login.
            app = connect(url, "kari")
            try:
                register.add_county(app.uow(), f"1{len(role)}", f"Fylke {role}")
            finally:
                app.close()
        rows = run_cli(db_url, "audit", "list", "--table", "county", "--format", "json").json()
        assert rows[0]["user"] == "kari" and rows[0]["db_user"] == login
        assert rows[-1]["user"] == "eier" and rows[-1]["db_user"] == "postgres"
        assert run_cli(db_url, "audit", "list", "--user", login, "--format", "json").json()
        assert _verify(db_url)[0] == 0
    finally:
        owner.close()
        database = make_engine(db_url).url.database
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for role in ("leader", "partner", "reader"):
                conn.execute(text(f'DROP ROLE IF EXISTS "{database}_{role}"'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        postgres_server.created.remove(database)


def test_history_of_a_list_row_by_its_view_and_key(db: Database) -> None:
    _some_changes(db)
    person = persons.add_person(db.uow(), name="Kari Fjellheim")
    evenes = audit.history_of(db.uow(), "MunicipalityView", "1853")
    assert evenes.table == "municipality"
    assert [e.action for e in evenes.entries] == ["update", "insert"]
    assert "population: 1400 → 1450" in evenes.entries[0].summary
    assert [e.action for e in audit.history_of(db.uow(), "PersonView", person.id).entries] == \
        ["insert"]
    with pytest.raises(DomainError):
        audit.history_of(db.uow(), "ParticipantView", ("slug", "1853"))


@pytest.mark.parametrize("empty_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_the_migration_chains_the_entries_written_before_it(
        empty_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from nettverk.persistence import schema

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # the backup before the upgrade
    from nettverk.services import database as database_service

    engine = make_engine(empty_url)
    try:
        schema.upgrade(engine, "0006")
    finally:
        engine.dispose()
    old = connect(empty_url, "kari", check_schema=False)
    try:
        _some_changes(old)
        assert database_service.upgrade(old) is not None
    finally:
        old.close()
    code, output = _verify(empty_url)
    assert code == 0 and "OK, 4 oppføringer" in output, output
    fresh = connect(empty_url, "kari")
    try:
        register.add_county(fresh.uow(), "19", "Troms")
    finally:
        fresh.close()
    assert "OK, 5 oppføringer" in _verify(empty_url)[1]


@pytest.mark.postgres
def test_upgrading_a_granted_database_keeps_partner_logins_writing(
        postgres_server, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from nettverk.persistence import schema
    from nettverk.services import database as database_service

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    db_url = postgres_server.create_database()
    engine = make_engine(db_url)
    schema.upgrade(engine, "0006")
    engine.dispose()
    login = f"nettverk_login_{uuid.uuid4().hex[:8]}"
    admin = postgres_server.admin
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{login}" LOGIN'))
    owner = connect(db_url, "eier", check_schema=False)
    try:
        assert run_cli(db_url, "db", "grant", "--login", login, "--role", "partner").code == 2
        database_service.grant(owner, login, "partner")  # on 0006, before the upgrade
        database_service.upgrade(owner)
        url = owner.engine.url.set(username=login).render_as_string(hide_password=False)
        app = connect(url, "ola")
        try:
            register.add_county(app.uow(), "18", "Nordland")
        finally:
            app.close()
        as_login = make_engine(url)
        try:
            with pytest.raises(ProgrammingError, match="permission denied"), \
                    as_login.begin() as conn:
                conn.execute(text("UPDATE audit_log SET \"user\" = 'x'"))
        finally:
            as_login.dispose()
        assert _verify(db_url)[0] == 0
    finally:
        owner.close()
        database = make_engine(db_url).url.database
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for role in ("leader", "partner", "reader"):
                conn.execute(text(f'DROP ROLE IF EXISTS "{database}_{role}"'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        postgres_server.created.remove(database)
