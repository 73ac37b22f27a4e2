"""`nettverk gathering list` reads with plain DB-API SQL (services.plain_gatherings), without
SQLAlchemy: byte for byte what the ordinary path (services.gatherings.list_gatherings) prints,
warnings included, for every option and format, on both databases; bad input refused the same
way; the user's access checked the same way; neither SQLAlchemy nor the mapped classes
imported."""

from __future__ import annotations

from datetime import datetime

import pytest

from nettverk.domain.values import OSLO
from nettverk.services import gatherings, programmes
from nettverk.services.database import Database
from nettverk.services.plain_gatherings import list_gatherings as plain_list
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
    programmes.update_programme(db.uow(), SLUG, gatherings_per_year_max=2)
    add(db.uow(), SLUG, "Ekstra", datetime(2022, 10, 3, 9, tzinfo=OSLO),
        datetime(2022, 10, 3, 10, tzinfo=OSLO), "video")


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = printed_the_same_both_ways(
        db_url, [["gathering", "list", *o, *f] for o in OPTIONS for f in FORMATS], monkeypatch)
    for warning in ("Overlapper med «Samtidig samling» i programmet gode-lokalsamfunn",
                    "Overlapper med «Kveldsmøte»", "er en helligdag", "Videomøte uten lenke",
                    "reglene sier høyst 2 i året", "utenfor programperioden"):
        assert warning in said, warning


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    refused_the_same_way(db_url, [["gathering", "list", *o] for o in REFUSED], monkeypatch)


@BOTH_DATABASES
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


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    access_checked_the_same_way(demo_db, db_url, [["gathering", "list"]], monkeypatch)


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    imports_no_sqlalchemy(db_url, [
        ["gathering", "list"], ["gathering", "list", "--format", "json"],
        ["gathering", "list", "--municipality", "1826", "--year", "2022"],
    ], {"nettverk.services.gatherings", "nettverk.services.register"})
