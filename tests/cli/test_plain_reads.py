"""`nettverk status` and `nettverk municipality list` read with plain DB-API SQL, without
SQLAlchemy (so they start at once): byte for byte what the ordinary path prints, for every
option and format, on both databases; the user's access checked the same way; and neither
SQLAlchemy nor the domain's mapped classes imported."""

from __future__ import annotations

import pytest

from nettverk.services import users
from nettverk.services.database import Database
from tests.support import imported_in_a_fresh_process, plain_and_ordinary, sqlalchemy_or_mapped

BACKENDS = pytest.mark.parametrize("backend", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)])

LIST_OPTIONS = [[], ["--county", "18"], ["--county", "5"], ["--county", "99"],
                ["--search", "evenes"], ["--search", "EVENÁŠ"], ["--search", "18"],
                ["--search", "zz"], ["--county", "18", "--search", "b"]]
FORMATS = [["--format", "table"], ["--format", "json"], ["--format", "csv"],
           ["--format", "csv", "--csv-dialect", "rfc4180"]]
STATUS_OPTIONS = [[], ["--date", "2019-01-01"], ["--date", "2021-03-01"],
                  ["--date", "2024-10-01"], ["--date", "2025-12-01"], ["--date", "2026-11-10"],
                  ["--date", "2030-01-01"], ["--date", "31.12.2020"], ["--date", "not-a-date"]]
STATUS_FORMATS = [[], ["--format", "json"]]

def _every_command() -> list[list[str]]:
    return ([["municipality", "list", *o, *f] for o in LIST_OPTIONS for f in FORMATS]
            + [["status", *o, *f] for o in STATUS_OPTIONS for f in STATUS_FORMATS])


@BACKENDS
def test_every_option_prints_the_sameplain_and_ordinary(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for argv in _every_command():
        plain, ordinary, taken = plain_and_ordinary(db_url, argv, monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), argv
        assert plain.out or plain.err
        bad_date = "not-a-date" in argv or "31.12.2020" in argv
        assert taken or bad_date, f"the plain path was not taken for {argv}"


@BACKENDS
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    users.add_user(demo_db.uow(), "testbruker", "leader")  # the fixture's own user
    users.add_user(demo_db.uow(), "leder", "leader")
    users.add_user(demo_db.uow(), "leser", "reader")
    users.add_user(demo_db.uow(), "borte", "reader")
    users.set_active(demo_db.uow(), "borte", False)
    for user, allowed in (("leser", True), ("leder", True), ("ukjent", False),
                          ("borte", False)):
        monkeypatch.setenv("NETTVERK_USER", user)
        for argv in (["status"], ["municipality", "list", "--format", "json"]):
            plain, ordinary, _ = plain_and_ordinary(db_url, argv, monkeypatch)
            assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                          ordinary.err), (user, argv)
            assert (plain.code == 0) is allowed, (user, plain.err)
            if not allowed:
                assert "har ikke tilgang" in plain.err


@BACKENDS
def test_the_read_only_commands_import_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    for argv in (["status"], ["status", "--format", "json"],
                 ["municipality", "list", "--format", "json"],
                 ["municipality", "list", "--county", "18", "--format", "csv"]):
        modules, out = imported_in_a_fresh_process(db_url, argv)
        assert not sqlalchemy_or_mapped(modules), argv
        assert not modules & {"nettverk.services.overview", "nettverk.services.register"}, argv
        assert out.strip()
