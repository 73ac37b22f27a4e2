"""`nettverk milestone list` reads with plain DB-API SQL (services.plain_milestones), without
SQLAlchemy: byte for byte what the ordinary path prints, next actions included, for every
option and format, on both databases; bad input refused the same way; the user's access
checked the same way; neither SQLAlchemy nor the mapped classes imported. (The ordinary path
runs the same statements on the unit of work's connection; tests/integration/
test_milestone_list_rows.py checks their views against the ORM objects'.)"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nettverk.domain.values import today_in_norway
from nettverk.services import followups, milestones, plans
from nettverk.services.database import Database
from nettverk.services.plain_milestones import list_milestones as plain_list
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
           ["--municipality", "1826"], ["--municipality", "1853"], ["--municipality", "5043"],
           ["--overdue"], ["--status", "upcoming"], ["--status", "due_soon"],
           ["--status", "overdue"], ["--status", "done"], ["--no-next-actions"],
           ["--programme", SLUG, "--municipality", "1853", "--status", "due_soon"],
           ["--municipality", "1853", "--no-next-actions", "--overdue"]]
REFUSED = [["--programme", "finnes-ikke"], ["--municipality", "9999"], ["--status", "snart"],
           ["--programme", "finnes-ikke", "--municipality", "9999"]]


def _seed(db: Database) -> None:
    """Beyond the demonstration data, around the real today (what the command uses): one due
    yesterday, today, in 14 and 15 days, one done; a milestone tied to a plan document only
    (its municipality is the plan's); next actions due soon and overdue, one done."""
    today = today_in_norway()
    add = milestones.add_milestone
    for title, days in (("I går", -1), ("I dag", 0), ("Fjortende dag", 14),
                        ("Femtende dag", 15)):
        add(db.uow(), title, today + timedelta(days=days), SLUG, "1853", today=today)
    done = add(db.uow(), "Gjort", today - timedelta(days=3), SLUG, "1853", today=today)
    milestones.mark_done(db.uow(), done.id or 0, on=today, today=today)
    plan = plans.add_plan_document(db.uow(), "1853", "plan_strategy", 2032, 2035,
                                   stage="consultation", on=date(2024, 9, 1), today=today)
    add(db.uow(), "Planens frist", today + timedelta(days=5), plan_document_id=plan.id,
        today=today)
    for text, days in (("Ringe tilbake", 3), ("Sende referat", -2), ("Ferdig", -5)):
        f = followups.add_follow_up(db.uow(), "1853", today - timedelta(days=10), "call",
                                    "Samtale", next_action=text,
                                    next_action_due=today + timedelta(days=days),
                                    programme=SLUG, today=today)
        if text == "Ferdig":
            followups.complete_next_action(db.uow(), f.id, on=today, today=today)


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = printed_the_same_both_ways(
        db_url, [["milestone", "list", *o, *f] for o in OPTIONS for f in FORMATS], monkeypatch)
    for text in ("Fjortende dag", "Planens frist", "Ringe tilbake", "follow_up:",
                 "snart frist", "forfalt", "utført"):
        assert text in said, text


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    refused_the_same_way(db_url, [["milestone", "list", *o] for o in REFUSED], monkeypatch)


@BOTH_DATABASES
def test_a_page_of_the_plain_list_is_the_whole_lists_slice(demo_db: Database,
                                                          db_url: str) -> None:
    """Limits and offsets (which the TUI's first screen uses): the same rows as that part of
    the whole list, the next actions merged in their places."""
    _seed(demo_db)
    with demo_db.uow() as uow:
        reader = uow.plain_reader()
        for only in ({}, {"municipality": "1853"}, {"programme": SLUG}):
            whole = plain_list(reader, **only)
            assert any(v.kind == "next_action" for v in whole), only
            for limit, offset in ((3, 0), (3, 2), (100, 1), (len(whole), 0)):
                assert plain_list(reader, limit=limit, offset=offset, **only) == \
                    whole[offset:offset + limit], (only, limit, offset)


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    access_checked_the_same_way(demo_db, db_url, [["milestone", "list"]], monkeypatch)


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    imports_no_sqlalchemy(db_url, [
        ["milestone", "list"], ["milestone", "list", "--format", "json"],
        ["milestone", "list", "--municipality", "1853", "--status", "done"],
    ], {"nettverk.services.milestones", "nettverk.services.register"})
