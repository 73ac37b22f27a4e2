"""Roles: leader does everything, partner all but deleting and user management, reader only reads.

Enforced for every use case (on every flush) and, on PostgreSQL, by database grants.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from nettverk.domain.errors import DomainError
from nettverk.domain.register import County
from nettverk.persistence.engine import make_engine
from nettverk.services import register, users
from nettverk.services.database import Database, connect
from tests.support import run_cli, snapshot


def as_user(db_url: str, username: str) -> Database:
    return connect(db_url, username)


@pytest.fixture
def team(db: Database, db_url: str) -> str:
    """A database with a leader (kari), a partner (ola) and a reader (ingrid)."""
    leader = as_user(db_url, "kari")
    try:
        users.add_user(leader.uow(), "kari", "leader", "Kari Fjellheim")
        users.add_user(leader.uow(), "ola", "partner")
        users.add_user(leader.uow(), "ingrid", "reader")
        register.add_county(leader.uow(), "18", "Nordland")
    finally:
        leader.close()
    return db_url


def test_without_users_everyone_is_leader_and_the_first_user_must_be_a_leader(db: Database) -> None:
    register.add_county(db.uow(), "18", "Nordland")
    with pytest.raises(DomainError, match="første brukeren må være leder"):
        users.add_user(db.uow(), "ola", "partner")
    assert users.list_users(db.uow()) == []


def test_reader_reads_but_cannot_write(team: str) -> None:
    reader = as_user(team, "ingrid")
    try:
        assert [c.number for c in register.list_counties(reader.uow())] == ["18"]
        before = snapshot(reader.engine)
        with pytest.raises(DomainError, match="lesetilgang") as err:
            register.add_county(reader.uow(), "50", "Trøndelag")
        assert err.value.field == "role"
        assert snapshot(reader.engine) == before
    finally:
        reader.close()


def test_partner_writes_but_cannot_delete_or_manage_users(team: str) -> None:
    partner = as_user(team, "ola")
    try:
        register.add_county(partner.uow(), "50", "Trøndelag")
        before = snapshot(partner.engine)
        with pytest.raises(DomainError, match="kan ikke slette"), partner.uow() as uow:
            county = uow.session.scalar(select(County).where(County.number == "50"))
            uow.session.delete(county)
            uow.commit()
        with pytest.raises(DomainError, match="bare en leder"):
            users.add_user(partner.uow(), "per", "reader")
        assert snapshot(partner.engine) == before
    finally:
        partner.close()


def test_leader_may_delete(team: str) -> None:
    leader = as_user(team, "kari")
    try:
        with leader.uow() as uow:
            uow.session.delete(uow.session.scalar(select(County).where(County.number == "18")))
            uow.commit()
        assert register.list_counties(leader.uow()) == []
    finally:
        leader.close()


def test_unknown_or_deactivated_users_are_let_in_nowhere(team: str) -> None:
    stranger = as_user(team, "ukjent")
    try:
        with pytest.raises(DomainError, match="har ikke tilgang"):
            register.list_counties(stranger.uow())
    finally:
        stranger.close()
    leader = as_user(team, "kari")
    try:
        users.set_active(leader.uow(), "ola", False)
    finally:
        leader.close()
    ola = as_user(team, "ola")
    try:
        with pytest.raises(DomainError, match="har ikke tilgang"):
            register.list_counties(ola.uow())
    finally:
        ola.close()


def test_the_last_leader_stays(team: str) -> None:
    leader = as_user(team, "kari")
    try:
        with pytest.raises(DomainError, match="siste lederen"):
            users.set_role(leader.uow(), "kari", "partner")
        with pytest.raises(DomainError, match="siste lederen"):
            users.set_active(leader.uow(), "kari", False)
    finally:
        leader.close()


def test_cli_uses_nettverk_user_and_refuses_a_reader_with_exit_2(
    team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETTVERK_USER", "ingrid")
    who = run_cli(team, "user", "whoami", "--format", "json").json()
    assert who["username"] == "ingrid" and who["role"] == "reader"
    refused = run_cli(team, "county", "list")
    assert refused.code == 0
    result = run_cli(team, "municipality", "add", "--number", "1853", "--name", "Evenes",
                     "--county", "18", "--population", "1")
    assert result.code == 2
    assert "«role»" in result.err


@pytest.mark.postgres
def test_postgres_grants_stop_a_reader_login_even_with_raw_sql(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.create_database()
    owner = connect(url, "eier")
    login = f"nettverk_login_{uuid.uuid4().hex[:8]}"
    admin = postgres_server.admin
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{login}" LOGIN'))
    try:
        register.add_county(owner.uow(), "18", "Nordland")
        result = run_cli(url, "db", "grant", "--login", login, "--role", "reader")
        assert result.code == 0, result.err
        as_login = make_engine(owner.engine.url.set(username=login).render_as_string(
            hide_password=False))
        try:
            with as_login.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM county")).scalar() == 1
            with pytest.raises(ProgrammingError, match="permission denied"), as_login.begin() as conn:
                conn.execute(text("UPDATE county SET name = 'x'"))
        finally:
            as_login.dispose()

        assert run_cli(url, "db", "grant", "--login", login, "--role", "partner").code == 0
        as_login = make_engine(owner.engine.url.set(username=login).render_as_string(
            hide_password=False))
        try:
            with as_login.begin() as conn:
                conn.execute(text("UPDATE county SET name = 'Nordland' WHERE number = '18'"))
            with pytest.raises(ProgrammingError, match="permission denied"), as_login.begin() as conn:
                conn.execute(text("DELETE FROM county"))
        finally:
            as_login.dispose()
    finally:
        owner.close()
        database = make_engine(url).url.database
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for role in ("leader", "partner", "reader"):
                conn.execute(text(f'DROP ROLE IF EXISTS "{database}_{role}"'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        postgres_server.created.remove(database)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_grant_on_sqlite_explains_itself(db_url: str) -> None:
    result = run_cli(db_url, "db", "grant")
    assert result.code == 2
    assert "bare i PostgreSQL" in result.err


def test_refusals_name_the_role_in_norwegian(team: str) -> None:
    # the reader sees these in the CLI and in every form of the TUI
    reader = as_user(team, "ingrid")
    try:
        with pytest.raises(DomainError) as err:
            register.add_county(reader.uow(), "50", "Trøndelag")
        assert "leser" in err.value.message and "reader" not in err.value.message
        partner = as_user(team, "ola")
        try:
            from nettverk.services.database import require_leader

            with pytest.raises(DomainError) as err:
                require_leader(partner, "ta sikkerhetskopi")
            assert err.value.message.endswith("du har rollen partner")
            with pytest.raises(DomainError) as err:
                require_leader(reader, "ta sikkerhetskopi")
            assert err.value.message.endswith("du har rollen leser")
        finally:
            partner.close()
    finally:
        reader.close()
