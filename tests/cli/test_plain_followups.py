"""`nettverk followup list` reads with plain DB-API SQL (services.plain_followups), without
SQLAlchemy: byte for byte what the ordinary path prints, for every option and format, on both
databases; bad input refused the same way; the user's access checked the same way; neither
SQLAlchemy nor the mapped classes imported. (The ordinary path runs the same statements on the
unit of work's connection; tests/integration/test_followup_list_rows.py checks their views
against the ORM objects'.)"""

from __future__ import annotations

from datetime import timedelta

import pytest

from nettverk.domain.values import today_in_norway
from nettverk.services import followups, users
from nettverk.services.database import Database
from nettverk.services.plain_followups import list_follow_ups as plain_list
from tests.support import imported_in_a_fresh_process, plain_and_ordinary, sqlalchemy_or_mapped

BACKENDS = pytest.mark.parametrize("backend", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)])

SLUG = "mindre-kommuner-2020"
FORMATS = [["--format", "table"], ["--format", "json"], ["--format", "csv"],
           ["--format", "csv", "--csv-dialect", "rfc4180"]]
OPTIONS = [[], ["--programme", SLUG], ["--programme", "gode-lokalsamfunn"],
           ["--municipality", "1853"], ["--municipality", "1826"], ["--municipality", "5043"],
           ["--municipality", "1853", "--programme", SLUG]]
REFUSED = [["--programme", "finnes-ikke"], ["--municipality", "9999"],
           ["--municipality", "9999", "--programme", "finnes-ikke"]]


def _seed(db: Database) -> None:
    """Beyond the demonstration data: two contacts on one day in two municipalities (ordered
    by number), one exempt from public access, next actions overdue, due soon and done, one
    without a programme, a Sámi name."""
    today = today_in_norway()
    log = followups.add_follow_up
    log(db.uow(), "1853", today - timedelta(days=2), "call", "Ringte om planen",
        participants="Ordfører", next_action="Sende utkast", next_action_due=today - timedelta(
            days=1), programme=SLUG, today=today)
    log(db.uow(), "1826", today - timedelta(days=2), "meeting", "Møte «ærlig» og åpent",
        next_action="Avtale nytt møte", next_action_due=today + timedelta(days=3),
        exempt_from_public=True, today=today)
    done = log(db.uow(), "1853", today - timedelta(days=1), "visit", "Besøk",
               next_action="Skrive referat", next_action_due=today, programme=SLUG,
               today=today)
    followups.complete_next_action(db.uow(), done.id, on=today, today=today)


@BACKENDS
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = ""
    for options in OPTIONS:
        for fmt in FORMATS:
            argv = ["followup", "list", *options, *fmt]
            plain, ordinary, taken = plain_and_ordinary(db_url, argv, monkeypatch)
            assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                          ordinary.err), argv
            assert plain.code == 0 and plain.out and taken, (argv, plain.err)
            said += plain.out
    for text in ("Sende utkast", "Møte «ærlig» og åpent", "Evenes – Evenášši", "forfalt",
                 "utført", "snart frist"):
        assert text in said, text


@BACKENDS
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for options in REFUSED:
        argv = ["followup", "list", *options]
        plain, ordinary, _ = plain_and_ordinary(db_url, argv, monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), argv
        assert plain.code == 2, (argv, plain.err)


@BACKENDS
def test_pages_and_the_public_log(demo_db: Database, db_url: str) -> None:
    """Limits and offsets give that part of the whole log; without the exempt contacts, the
    rest in the same order."""
    _seed(demo_db)
    with demo_db.uow() as uow:
        reader = uow.plain_reader()
        whole = plain_list(reader)
        for limit, offset in ((3, 0), (3, 2), (None, 4), (100, 1)):
            end = None if limit is None else offset + limit
            assert plain_list(reader, limit=limit, offset=offset) == whole[offset:end]
        public = plain_list(reader, include_exempt=False)
        assert public == [v for v in whole if not v.exempt_from_public] != whole


@BACKENDS
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    users.add_user(demo_db.uow(), "testbruker", "leader")  # the fixture's own user
    users.add_user(demo_db.uow(), "leser", "reader")
    for user, allowed in (("leser", True), ("ukjent", False)):
        monkeypatch.setenv("NETTVERK_USER", user)
        plain, ordinary, _ = plain_and_ordinary(db_url, ["followup", "list"], monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), user
        assert (plain.code == 0) is allowed, (user, plain.err)


@BACKENDS
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    for argv in (["followup", "list"], ["followup", "list", "--format", "json"],
                 ["followup", "list", "--municipality", "1853", "--programme", SLUG]):
        modules, out = imported_in_a_fresh_process(db_url, argv)
        assert not sqlalchemy_or_mapped(modules), argv
        assert not modules & {"nettverk.services.followups", "nettverk.services.register"}
        assert out.strip()
