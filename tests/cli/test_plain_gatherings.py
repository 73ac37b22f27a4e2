"""`nettverk gathering list` reads with plain DB-API SQL (services.plain_gatherings), without
SQLAlchemy: byte for byte what the ordinary path (services.gatherings.list_gatherings) prints,
warnings included, for every option and format, on both databases; bad input refused the same
way; the user's access checked the same way; neither SQLAlchemy nor the mapped classes
imported."""

from __future__ import annotations

from datetime import datetime

import pytest

from nettverk.domain.values import OSLO
from nettverk.services import gatherings, register, users
from nettverk.services.database import Database
from nettverk.services.plain_gatherings import list_gatherings as plain_list
from tests.support import imported_in_a_fresh_process, plain_and_ordinary, sqlalchemy_or_mapped

BACKENDS = pytest.mark.parametrize("backend", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)])

SLUG = "mindre-kommuner-2020"
FORMATS = [["--format", "table"], ["--format", "json"], ["--format", "csv"],
           ["--format", "csv", "--csv-dialect", "rfc4180"]]
OPTIONS = [[], ["--programme", SLUG], ["--programme", "gode-lokalsamfunn"],
           ["--programme", "det-gode-liv"], ["--year", "2022"], ["--year", "2020"],
           ["--year", "1990"], ["--status", "planned"], ["--status", "held"],
           ["--status", "cancelled"], ["--municipality", "1826"], ["--municipality", "1853"],
           ["--municipality", "5043"], ["--municipality", "1826", "--year", "2022"],
           ["--programme", SLUG, "--year", "2022", "--status", "planned"],
           ["--programme", "gode-lokalsamfunn", "--municipality", "1826", "--status", "held"]]
REFUSED = [["--programme", "finnes-ikke"], ["--municipality", "9999"], ["--year", "abc"],
           ["--year", "20222"], ["--programme", "finnes-ikke", "--municipality", "9999"]]


def _seed(db: Database) -> None:
    """Beyond the demonstration data: overlaps within and across programmes, one across
    midnight, a holiday, a place warning, a cancelled gathering, a gathering tied to a
    municipality, more gatherings in a year than the programme's rules allow."""
    add = gatherings.add_gathering
    add(db.uow(), SLUG, "Kveldsmøte", datetime(2022, 5, 16, 20, tzinfo=OSLO),
        datetime(2022, 5, 17, 10, tzinfo=OSLO), "physical", location="Bodø")
    add(db.uow(), "gode-lokalsamfunn", "Samtidig samling", datetime(2022, 5, 17, 9, tzinfo=OSLO),
        datetime(2022, 5, 17, 12, tzinfo=OSLO), "hybrid", municipality="1826")
    off = add(db.uow(), SLUG, "Avlyst samling", datetime(2022, 5, 17, 9, tzinfo=OSLO),
              datetime(2022, 5, 17, 11, tzinfo=OSLO), "video", video_url="https://m.example/x")
    gatherings.cancel_gathering(db.uow(), off.id)
    register.update_programme(db.uow(), SLUG, gatherings_per_year_max=2)
    add(db.uow(), SLUG, "Ekstra", datetime(2022, 10, 3, 9, tzinfo=OSLO),
        datetime(2022, 10, 3, 10, tzinfo=OSLO), "video")


@BACKENDS
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = ""
    for options in OPTIONS:
        for fmt in FORMATS:
            argv = ["gathering", "list", *options, *fmt]
            plain, ordinary, taken = plain_and_ordinary(db_url, argv, monkeypatch)
            assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                          ordinary.err), argv
            assert plain.code == 0 and plain.out and taken, (argv, plain.err)
            said += plain.out
    for warning in ("Overlapper med «Samtidig samling» i programmet gode-lokalsamfunn",
                    "Overlapper med «Kveldsmøte»", "er en helligdag", "Videomøte uten lenke",
                    "reglene sier høyst 2 i året", "utenfor programperioden"):
        assert warning in said, warning


@BACKENDS
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for options in REFUSED:
        argv = ["gathering", "list", *options]
        plain, ordinary, _ = plain_and_ordinary(db_url, argv, monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), argv
        assert plain.code == 2, (argv, plain.err)


@BACKENDS
def test_a_page_of_the_plain_list_is_the_ordinary_page(demo_db: Database, db_url: str) -> None:
    """Limits and offsets (which the command does not use, but the function takes)."""
    _seed(demo_db)
    with demo_db.uow() as uow:
        plain = uow.plain_reader()
        for only in ({}, {"municipality": "1826"}, {"programme": SLUG}):
            for limit, offset in ((None, 0), (3, 0), (3, 2), (None, 4), (100, 1)):
                assert plain_list(plain, limit=limit, offset=offset, **only) == \
                    gatherings.list_gatherings(demo_db.uow(), limit=limit, offset=offset,
                                               **only), (only, limit, offset)


@BACKENDS
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    users.add_user(demo_db.uow(), "testbruker", "leader")  # the fixture's own user
    users.add_user(demo_db.uow(), "leser", "reader")
    for user, allowed in (("leser", True), ("ukjent", False)):
        monkeypatch.setenv("NETTVERK_USER", user)
        plain, ordinary, _ = plain_and_ordinary(db_url, ["gathering", "list"], monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out,
                                                      ordinary.err), user
        assert (plain.code == 0) is allowed, (user, plain.err)


@BACKENDS
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    for argv in (["gathering", "list"], ["gathering", "list", "--format", "json"],
                 ["gathering", "list", "--municipality", "1826", "--year", "2022"]):
        modules, out = imported_in_a_fresh_process(db_url, argv)
        assert not sqlalchemy_or_mapped(modules), argv
        assert not modules & {"nettverk.services.gatherings", "nettverk.services.register"}
        assert out.strip()
