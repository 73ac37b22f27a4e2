"""The register's list commands (`programme list`, `participant list`, `county list`,
`organisation list`, `person list`), `round list` and `application list` read with plain DB-API
SQL, without SQLAlchemy: byte for byte what the ordinary path prints, for every option and
format, on both databases; unknown names refused the same way; the user's access checked the
same way; and neither SQLAlchemy nor the domain's mapped classes imported."""

from __future__ import annotations

import pytest

from nettverk.services import persons, privacy, programmes
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    access_checked_the_same_way,
    imports_no_sqlalchemy,
    printed_the_same_both_ways,
    refused_the_same_way,
)

SLUGS = ["mindre-kommuner-2020", "det-gode-liv", "gode-lokalsamfunn", " det-gode-liv "]
PARTICIPANT_OPTIONS = [["--programme", slug, *status] for slug in SLUGS
                       for status in ([], ["--status", "active"], ["--status", "completed"],
                                      ["--status", "withdrawn"])]
PERSON_OPTIONS = [[], ["--include-erased"], ["--organisation", "NFK"],
                  ["--organisation", "Distriktssenteret", "--include-erased"],
                  ["--municipality", "5043"], ["--municipality", "1826", "--include-erased"],
                  ["--organisation", "NFK", "--municipality", "1826"]]
ROUND_OPTIONS = [[], *(["--programme", slug] for slug in SLUGS)]
APPLICATION_OPTIONS = [["--programme", slug, *status] for slug in SLUGS[:3]
                       for status in ([], *(["--status", s] for s in (
                           "received", "interview", "accepted", "rejected", "withdrawn")))]
REFUSED = [["application", "list", "--programme", "finnes-ikke"],
           ["application", "list", "--programme", "finnes-ikke", "--status", "accepted"],
           ["round", "list", "--programme", "finnes-ikke"],
           ["participant", "list", "--programme", "finnes-ikke"],
           ["participant", "list", "--programme", "finnes-ikke", "--status", "active"],
           ["person", "list", "--organisation", "Ukjent"],
           ["person", "list", "--municipality", "9999"],
           ["person", "list", "--organisation", "NFK", "--municipality", "0000"]]


def _every_command() -> list[list[str]]:
    return ([["programme", "list", *f] for f in FORMATS]
            + [["county", "list", *f] for f in FORMATS]
            + [["organisation", "list", *f] for f in FORMATS]
            + [["participant", "list", *o, *f] for o in PARTICIPANT_OPTIONS for f in FORMATS]
            + [["person", "list", *o, *f] for o in PERSON_OPTIONS for f in FORMATS]
            + [["round", "list", *o, *f] for o in ROUND_OPTIONS for f in FORMATS]
            + [["application", "list", *o, *f] for o in APPLICATION_OPTIONS for f in FORMATS])


def _vary(db: Database) -> None:
    """Beyond the demonstration data: a withdrawn and a completed participant, an erased
    person, a programme with no participants."""
    programmes.set_participation_status(db.uow(), "mindre-kommuner-2020", "1826", "withdrawn")
    programmes.set_participation_status(db.uow(), "mindre-kommuner-2020", "1839", "completed")
    first = persons.list_persons(db.uow(), organisation="Distriktssenteret")[0]
    privacy.erase_person(db.uow(), first.id)
    programmes.add_programme(db.uow(), slug="tom", name="Uten deltakere", kind="pilot",
                           starts=programmes.list_programmes(db.uow())[0].starts)


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _vary(demo_db)
    printed_the_same_both_ways(
        db_url, [*_every_command(), ["participant", "list", "--programme", "tom"]], monkeypatch)


@BOTH_DATABASES
def test_unknown_names_are_refused_the_same_way(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for argv, plain, taken in refused_the_same_way(db_url, REFUSED, monkeypatch):
        assert "finnes ikke" in plain.err and taken, (argv, plain.err)


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    access_checked_the_same_way(demo_db, db_url, [
        ["programme", "list"], ["participant", "list", "--programme", "det-gode-liv"],
        ["person", "list", "--format", "json"],
    ], monkeypatch, deactivated="reader")


@BOTH_DATABASES
def test_the_lists_import_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    imports_no_sqlalchemy(db_url, [
        ["programme", "list"], ["programme", "list", "--format", "json"],
        ["participant", "list", "--programme", "mindre-kommuner-2020", "--format", "csv"],
        ["county", "list"], ["organisation", "list"], ["person", "list"],
        ["round", "list", "--format", "json"],
        ["application", "list", "--programme", "mindre-kommuner-2020"],
    ], {"nettverk.services.register", "nettverk.services.organisations",
        "nettverk.services.persons", "nettverk.services.programmes"})
