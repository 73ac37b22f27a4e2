"""`nettverk status` and `nettverk municipality list` read with plain DB-API SQL, without
SQLAlchemy (so they start at once): byte for byte what the ordinary path prints, for every
option and format, on both databases; the user's access checked the same way; and neither
SQLAlchemy nor the domain's mapped classes imported."""

from __future__ import annotations

import pytest

from nettverk.services import users
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    as_each_user,
    imports_no_sqlalchemy,
    register_reader,
    same_both_ways,
)

LIST_OPTIONS = [[], ["--county", "18"], ["--county", "5"], ["--county", "99"],
                ["--search", "evenes"], ["--search", "EVENÁŠ"], ["--search", "18"],
                ["--search", "zz"], ["--county", "18", "--search", "b"]]
STATUS_OPTIONS = [[], ["--date", "2019-01-01"], ["--date", "2021-03-01"],
                  ["--date", "2024-10-01"], ["--date", "2025-12-01"], ["--date", "2026-11-10"],
                  ["--date", "2030-01-01"], ["--date", "31.12.2020"], ["--date", "not-a-date"]]
STATUS_FORMATS = [[], ["--format", "json"]]

def _every_command() -> list[list[str]]:
    return ([["municipality", "list", *o, *f] for o in LIST_OPTIONS for f in FORMATS]
            + [["status", *o, *f] for o in STATUS_OPTIONS for f in STATUS_FORMATS])


@BOTH_DATABASES
def test_every_option_prints_the_sameplain_and_ordinary(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for argv in _every_command():
        plain, taken = same_both_ways(db_url, argv, monkeypatch)
        assert plain.out or plain.err
        bad_date = "not-a-date" in argv or "31.12.2020" in argv
        assert taken or bad_date, f"the plain path was not taken for {argv}"


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    register_reader(demo_db, deactivated="reader")
    users.add_user(demo_db.uow(), "leder", "leader")
    for user, allowed, _, plain in as_each_user(
            db_url, (("leser", True), ("leder", True), ("ukjent", False), ("borte", False)),
            [["status"], ["municipality", "list", "--format", "json"]], monkeypatch):
        assert (plain.code == 0) is allowed, (user, plain.err)
        if not allowed:
            assert "har ikke tilgang" in plain.err


@BOTH_DATABASES
def test_the_read_only_commands_import_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    imports_no_sqlalchemy(db_url, [
        ["status"], ["status", "--format", "json"], ["municipality", "list", "--format", "json"],
        ["municipality", "list", "--county", "18", "--format", "csv"],
    ], {"nettverk.services.overview", "nettverk.services.register"})
