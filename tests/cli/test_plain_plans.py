"""`nettverk plan list` reads with plain DB-API SQL (services.plain_plans), without
SQLAlchemy: byte for byte what the ordinary path prints, for every option and format, on both
databases; bad input refused the same way; the user's access checked the same way; neither
SQLAlchemy nor the mapped classes imported. (The ordinary path runs the same statements on the
unit of work's connection; tests/integration/test_plan_document_list_rows.py checks their
views against the ORM objects'.)"""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import plans
from nettverk.services.database import Database
from nettverk.services.plain_plans import list_plan_documents as plain_list
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    access_checked_the_same_way,
    imports_no_sqlalchemy,
    printed_the_same_both_ways,
    refused_the_same_way,
)

SLUG = "mindre-kommuner-2020"
OPTIONS = [[], ["--programme", SLUG], ["--municipality", "1853"], ["--municipality", "5043"],
           ["--kind", "plan_strategy"], ["--kind", "action_plan"], ["--overdue"],
           ["--programme", SLUG, "--kind", "plan_strategy", "--overdue"]]
REFUSED = [["--programme", "finnes-ikke"], ["--municipality", "9999"],
           ["--programme", "finnes-ikke", "--municipality", "9999"], ["--kind", "budsjett"]]


def _seed(db: Database) -> None:
    """A planstrategi heard too late before adoption (a warning), two stages on one day; one
    not adopted whose deadline has passed."""
    doc = plans.add_plan_document(db.uow(), "1853", "plan_strategy", 2028, 2031,
                                  title="Planstrategi «2028–2031»")
    plans.set_stage(db.uow(), doc.id, "consultation", on=date(2026, 2, 20))
    plans.set_stage(db.uow(), doc.id, "planning_programme", on=date(2026, 2, 20))
    plans.set_stage(db.uow(), doc.id, "adopted", on=date(2026, 3, 1))
    plans.add_plan_document(db.uow(), "1826", "plan_strategy", 2016, 2019,
                            stage="consultation", on=date(2016, 9, 1))


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = printed_the_same_both_ways(
        db_url, [["plan", "list", *o, *f] for o in OPTIONS for f in FORMATS], monkeypatch)
    for text in ("Planstrategi «2028–2031»", "Evenes – Evenášši", "over fristen",
                 "høring"):
        assert text in said, text


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    refused_the_same_way(db_url, [["plan", "list", *o] for o in REFUSED], monkeypatch)


@BOTH_DATABASES
def test_a_page_is_that_part_of_the_whole_list(demo_db: Database, db_url: str) -> None:
    _seed(demo_db)
    with demo_db.uow() as uow:
        reader = uow.plain_reader()
        for only in ({}, {"overdue": True}, {"programme": SLUG}):
            whole = plain_list(reader, **only)
            assert whole, only
            for limit, offset in ((3, 0), (3, 2), (None, 1), (100, 1)):
                end = None if limit is None else offset + limit
                assert plain_list(reader, limit=limit, offset=offset, **only) == \
                    whole[offset:end], (only, limit, offset)


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    access_checked_the_same_way(demo_db, db_url, [["plan", "list"]], monkeypatch)


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    imports_no_sqlalchemy(db_url, [
        ["plan", "list"], ["plan", "list", "--format", "json"],
        ["plan", "list", "--programme", SLUG, "--overdue"],
    ], {"nettverk.services.plans", "nettverk.services.register"})
