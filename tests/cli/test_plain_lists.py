"""The register's list commands (`programme list`, `participant list`, `county list`,
`organisation list`, `person list`), `round list` and `application list` read with plain DB-API
SQL, without SQLAlchemy: byte for byte what the ordinary path prints, for every option and
format, on both databases; unknown names refused the same way; the user's access checked the
same way; and neither SQLAlchemy nor the domain's mapped classes imported."""

from __future__ import annotations

import pytest

from nettverk.services import privacy, register, users
from nettverk.services.database import Database
from tests.support import imported_in_a_fresh_process, plain_and_ordinary, sqlalchemy_or_mapped

BACKENDS = pytest.mark.parametrize("backend", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)])

FORMATS = [["--format", "table"], ["--format", "json"], ["--format", "csv"],
           ["--format", "csv", "--csv-dialect", "rfc4180"]]
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
    register.set_participation_status(db.uow(), "mindre-kommuner-2020", "1826", "withdrawn")
    register.set_participation_status(db.uow(), "mindre-kommuner-2020", "1839", "completed")
    first = register.list_persons(db.uow(), organisation="Distriktssenteret")[0]
    privacy.erase_person(db.uow(), first.id)
    register.add_programme(db.uow(), slug="tom", name="Uten deltakere", kind="pilot",
                           starts=register.list_programmes(db.uow())[0].starts)


@BACKENDS
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _vary(demo_db)
    for argv in [*_every_command(), ["participant", "list", "--programme", "tom"]]:
        plain, ordinary, taken = plain_and_ordinary(db_url, argv, monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), argv
        assert plain.code == 0 and plain.out, (argv, plain.err)
        assert taken, f"the plain path was not taken for {argv}"


@BACKENDS
def test_unknown_names_are_refused_the_same_way(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for argv in REFUSED:
        plain, ordinary, taken = plain_and_ordinary(db_url, argv, monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), argv
        assert plain.code == 2 and "finnes ikke" in plain.err and taken, (argv, plain.err)


@BACKENDS
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    users.add_user(demo_db.uow(), "testbruker", "leader")  # the fixture's own user
    users.add_user(demo_db.uow(), "leser", "reader")
    users.add_user(demo_db.uow(), "borte", "reader")
    users.set_active(demo_db.uow(), "borte", False)
    for user, allowed in (("leser", True), ("ukjent", False), ("borte", False)):
        monkeypatch.setenv("NETTVERK_USER", user)
        for argv in (["programme", "list"],
                     ["participant", "list", "--programme", "det-gode-liv"],
                     ["person", "list", "--format", "json"]):
            plain, ordinary, _ = plain_and_ordinary(db_url, argv, monkeypatch)
            assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                          ordinary.err), (user, argv)
            assert (plain.code == 0) is allowed, (user, plain.err)


@BACKENDS
def test_the_lists_import_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    for argv in (["programme", "list"], ["programme", "list", "--format", "json"],
                 ["participant", "list", "--programme", "mindre-kommuner-2020", "--format",
                  "csv"],
                 ["county", "list"], ["organisation", "list"], ["person", "list"],
                 ["round", "list", "--format", "json"],
                 ["application", "list", "--programme", "mindre-kommuner-2020"]):
        modules, out = imported_in_a_fresh_process(db_url, argv)
        assert not sqlalchemy_or_mapped(modules), argv
        assert "nettverk.services.register" not in modules, argv
        assert out.strip()
