"""Changing a user in one go (the TUI form's save and `user update`)."""

from __future__ import annotations

import pytest

from nettverk.domain.errors import ConflictError, DomainError
from nettverk.services import users
from nettverk.services.database import Database
from tests.support import run_cli, snapshot


@pytest.fixture
def team(db: Database) -> Database:
    users.add_user(db.uow(), "testbruker", "leader", "Kari Fjellheim")  # the fixture's user
    users.add_user(db.uow(), "ola", "partner")
    return db


def test_update_changes_name_role_and_access(team: Database) -> None:
    ola = next(u for u in users.list_users(team.uow()) if u.username == "ola")
    changed = users.update_user(team.uow(), "ola", name="Ola Nordmann", role="reader",
                                active=False, expected_version=ola.version)
    assert (changed.name, changed.role, changed.active) == ("Ola Nordmann", "reader", False)
    cleared = users.update_user(team.uow(), "ola", name="")
    assert cleared.name is None and cleared.role == "reader"


def test_update_refuses_a_stale_copy_and_keeps_the_last_leader(team: Database) -> None:
    ola = next(u for u in users.list_users(team.uow()) if u.username == "ola")
    users.update_user(team.uow(), "ola", name="Ola")
    before = snapshot(team.engine)
    with pytest.raises(ConflictError):
        users.update_user(team.uow(), "ola", role="reader", expected_version=ola.version)
    with pytest.raises(DomainError, match="siste lederen") as demoted:
        users.update_user(team.uow(), "testbruker", role="partner")
    assert demoted.value.field == "role"
    with pytest.raises(DomainError, match="siste lederen") as locked_out:
        users.update_user(team.uow(), "testbruker", active=False)
    assert locked_out.value.field == "active"
    assert snapshot(team.engine) == before


def test_user_update_command(team: Database, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETTVERK_USER", "testbruker")
    before = snapshot(team.engine)
    bad = run_cli(db_url, "user", "update", "ola", "--active", "kanskje")
    assert bad.code == 2 and "active" in bad.err and snapshot(team.engine) == before
    ok = run_cli(db_url, "user", "update", "ola", "--name", "Ola Nordmann", "--active", "nei",
                 "--format", "json")
    assert ok.code == 0, ok.err
    assert ok.json()["name"] == "Ola Nordmann" and ok.json()["active"] is False
