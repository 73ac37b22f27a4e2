"""`nettverk audit list` reads with plain DB-API SQL (services.plain_audit), without SQLAlchemy:
byte for byte what the ordinary path prints, for every filter and format, on both databases;
bad input refused the same way and in the same order (the filters before the user's access);
the user's access checked the same way; neither SQLAlchemy nor the mapped classes imported."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nettverk.domain.values import today_in_norway
from nettverk.persistence import audit, audit_chain
from nettverk.services import audit_views, persons, privacy, register
from nettverk.services.audit import list_entries
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    access_checked_the_same_way,
    imports_no_sqlalchemy,
    printed_the_same_both_ways,
    refused_the_same_way,
)


def _seed(db: Database) -> int:
    """Changes by the fixture's user beyond the demonstration data's: a municipality renamed
    (old → new), a person added and erased (redacted entries); the municipality's id."""
    register.update_municipality(db.uow(), "1853", name="Evenes «ny» " + "x" * 70)
    person = persons.add_person(db.uow(), "Kari Nordmann", email="kari@example.no",
                                 municipality="1853")
    privacy.erase_person(db.uow(), person.id)
    with db.uow() as uow:
        return int(uow.plain_reader().rows("SELECT id FROM municipality WHERE number = '1853'")
                   [0][0])


def _options(municipality_id: int) -> list[list[str]]:
    today = today_in_norway()
    yesterday = today - timedelta(days=1)
    return [
        [], ["--limit", "5"], ["--limit", "10000"], ["--limit", "1"],
        ["--table", "municipality"], ["--table", " person "], ["--table", "finnes_ikke"],
        ["--record", str(municipality_id)],
        ["--table", "municipality", "--record", str(municipality_id), "--limit", "3"],
        ["--user", "testbruker"], ["--user", "postgres"], ["--user", "ingen"],
        ["--from", today.isoformat()], ["--to", yesterday.isoformat()],
        ["--from", yesterday.strftime("%d.%m.%Y"), "--to", today.isoformat()],
        ["--from", f"{today.isoformat()} 00:00", "--to", f"{today.isoformat()} 23:59"],
        ["--from", "2000-01-01", "--to", "2000-01-02"],
        ["--user", "testbruker", "--table", "person", "--from", yesterday.isoformat()],
    ]


REFUSED = [["--limit", "0"], ["--limit", "10001"], ["--limit", "abc"], ["--record", "x"],
           ["--from", "31.02.2020"], ["--to", "i morgen"],
           ["--from", "2020-01-02", "--to", "2020-01-01"],
           ["--from", "2020-01-01 10:00", "--to", "2020-01-01 09:00"],
           ["--from", "9999-12-31", "--to", "9999-12-31"],
           ["--limit", "0", "--from", "bad"], ["--record", "x", "--limit", "0"]]


def test_the_marks_are_the_persistence_layers() -> None:
    assert audit_views.REDACTED == audit.REDACTED
    assert audit_views.REDACTED_IDS_KEY == audit_chain.REDACTED_IDS_KEY


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    municipality_id = _seed(demo_db)
    said = printed_the_same_both_ways(db_url, [
        ["audit", "list", *o, *f] for o in _options(municipality_id) for f in FORMATS], monkeypatch)
    for text in ("Evenes «ny» xxx", "…", "[slettet]", "personsletting", "endret", "opprettet",
                 '"changes": {'):
        assert text in said, text


@BOTH_DATABASES
def test_the_services_entries_are_the_plain_ones(demo_db: Database) -> None:
    """The TUI's history reads the same entries (newest first, the changes parsed)."""
    municipality_id = _seed(demo_db)
    entries = list_entries(demo_db.uow(), table="municipality", record=str(municipality_id))
    assert entries and [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
    assert entries[0].action == "update" and "name" in entries[0].changes
    assert entries[0].at.tzinfo is not None
    assert entries[0].summary == audit_views.summarise(entries[0].changes)


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for argv, plain, _ in refused_the_same_way(db_url, [["audit", "list", *o] for o in REFUSED],
                                               monkeypatch):
        assert not plain.out, (argv, plain.err)


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    refused = [["audit", "list", *o] for o in REFUSED]
    argvs = [["audit", "list"], ["audit", "list", "--limit", "3", "--format", "json"], *refused]
    for user, allowed, argv, plain in access_checked_the_same_way(demo_db, db_url, argvs,
                                                                  monkeypatch, bad_input=refused):
        assert ("har ikke tilgang" in plain.err) is (not allowed and argv not in refused), (
            user, argv, plain.err)


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    imports_no_sqlalchemy(db_url, [
        ["audit", "list"], ["audit", "list", "--format", "json", "--limit", "3"],
        ["audit", "list", "--table", "municipality", "--from", "2000-01-01"],
    ], {"nettverk.services.audit", "nettverk.persistence.audit"})
