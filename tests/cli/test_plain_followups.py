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
from nettverk.services import followups
from nettverk.services.database import Database
from nettverk.services.plain_followups import list_follow_ups as plain_list
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    access_checked_the_same_way,
    imports_no_sqlalchemy,
    printed_the_same_both_ways,
    refused_the_same_way,
)

SLUG = "mindre-kommuner-2020"
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


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = printed_the_same_both_ways(
        db_url, [["followup", "list", *o, *f] for o in OPTIONS for f in FORMATS], monkeypatch)
    for text in ("Sende utkast", "Møte «ærlig» og åpent", "Evenes – Evenášši", "forfalt",
                 "utført", "snart frist"):
        assert text in said, text


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    refused_the_same_way(db_url, [["followup", "list", *o] for o in REFUSED], monkeypatch)


@BOTH_DATABASES
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


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    access_checked_the_same_way(demo_db, db_url, [["followup", "list"]], monkeypatch)


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    imports_no_sqlalchemy(db_url, [
        ["followup", "list"], ["followup", "list", "--format", "json"],
        ["followup", "list", "--municipality", "1853", "--programme", SLUG],
    ], {"nettverk.services.followups", "nettverk.services.register"})
