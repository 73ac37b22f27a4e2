"""`nettverk plan list` reads with plain DB-API SQL (services.plain_plans), without
SQLAlchemy: byte for byte what the ordinary path prints, for every option and format, on both
databases; bad input refused the same way; the user's access checked the same way; neither
SQLAlchemy nor the mapped classes imported. (The ordinary path runs the same statements on the
unit of work's connection; tests/integration/test_plan_document_list_rows.py checks their
views against the ORM objects'.)"""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import plans, users
from nettverk.services.database import Database
from nettverk.services.plain_plans import list_plan_documents as plain_list
from tests.support import imported_in_a_fresh_process, plain_and_ordinary, sqlalchemy_or_mapped

BACKENDS = pytest.mark.parametrize("backend", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)])

SLUG = "mindre-kommuner-2020"
FORMATS = [["--format", "table"], ["--format", "json"], ["--format", "csv"],
           ["--format", "csv", "--csv-dialect", "rfc4180"]]
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


@BACKENDS
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = ""
    for options in OPTIONS:
        for fmt in FORMATS:
            argv = ["plan", "list", *options, *fmt]
            plain, ordinary, taken = plain_and_ordinary(db_url, argv, monkeypatch)
            assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                          ordinary.err), argv
            assert plain.code == 0 and plain.out and taken, (argv, plain.err)
            said += plain.out
    for text in ("Planstrategi «2028–2031»", "Evenes – Evenášši", "over fristen",
                 "høring"):
        assert text in said, text


@BACKENDS
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for options in REFUSED:
        argv = ["plan", "list", *options]
        plain, ordinary, _ = plain_and_ordinary(db_url, argv, monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), argv
        assert plain.code == 2, (argv, plain.err)


@BACKENDS
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


@BACKENDS
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    users.add_user(demo_db.uow(), "testbruker", "leader")  # the fixture's own user
    users.add_user(demo_db.uow(), "leser", "reader")
    for user, allowed in (("leser", True), ("ukjent", False)):
        monkeypatch.setenv("NETTVERK_USER", user)
        plain, ordinary, _ = plain_and_ordinary(db_url, ["plan", "list"], monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), user
        assert (plain.code == 0) is allowed, (user, plain.err)


@BACKENDS
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    for argv in (["plan", "list"], ["plan", "list", "--format", "json"],
                 ["plan", "list", "--programme", SLUG, "--overdue"]):
        modules, out = imported_in_a_fresh_process(db_url, argv)
        assert not sqlalchemy_or_mapped(modules), argv
        assert not modules & {"nettverk.services.plans", "nettverk.services.register"}
        assert out.strip()
