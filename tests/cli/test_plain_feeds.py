"""`nettverk feed list` reads with plain DB-API SQL (services.plain_feeds), without SQLAlchemy:
byte for byte what the ordinary path prints, with and without --active and in every format, on
both databases; neither path shows more of a feed's secret than its first characters; the
user's access checked the same way; neither SQLAlchemy nor the mapped classes imported."""

from __future__ import annotations

import pytest

from nettverk.domain.feeds import token_digest
from nettverk.services import calendar
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    access_checked_the_same_way,
    imports_no_sqlalchemy,
    plain_and_ordinary,
    printed_the_same_both_ways,
)

OPTIONS = [[], ["--active"]]


def _seed(db: Database) -> list[str]:
    """Feeds for a programme and for a municipality with a Sámi name, with and without themes
    and labels, one revoked; their tokens."""
    made = [
        calendar.create_feed(db.uow(), programme="mindre-kommuner-2020", label="Fylkesrådet"),
        calendar.create_feed(db.uow(), municipality="1853", with_themes=True,
                             label="=Evenes «kommune»"),
        calendar.create_feed(db.uow(), programme="det-gode-liv", with_themes=True),
    ]
    calendar.revoke_feed(db.uow(), made[0].feed.id)
    return [m.token for m in made]


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for options in OPTIONS:  # no feeds yet
        argv = ["feed", "list", *options, "--format", "json"]
        plain, ordinary, taken = plain_and_ordinary(db_url, argv, monkeypatch)
        assert (plain.code, plain.out, plain.err) == (ordinary.code, ordinary.out, "") and taken
    tokens = _seed(demo_db)
    said = printed_the_same_both_ways(
        db_url, [["feed", "list", *o, *f] for o in OPTIONS for f in FORMATS], monkeypatch)
    for text in ("Evenes – Evenášši", '"label": "=Evenes «kommune»"', "Fylkesrådet", "det-gode-liv",
                 '"revoked_at": null', '"token_hint": "' + tokens[1][:4] + '"'):
        assert text in said, text
    for token in tokens:  # a hint of four characters, never the token nor its digest
        assert token not in said and token[:5] not in said
        assert token_digest(token) not in said
    assert "token_hash" not in said


@BOTH_DATABASES
def test_the_services_list_is_the_plain_one(demo_db: Database) -> None:
    tokens = _seed(demo_db)
    feeds = calendar.list_feeds(demo_db.uow())
    assert [f.token_hint for f in feeds] == [t[:4] for t in tokens]
    assert [f.active for f in feeds] == [False, True, True]
    assert [f.target for f in feeds] == ["programme", "municipality", "programme"]
    assert feeds[0].revoked_at is not None and feeds[0].revoked_at.tzinfo is not None
    assert [f.id for f in calendar.list_feeds(demo_db.uow(), include_revoked=False)] == [
        f.id for f in feeds[1:]]


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    for _, allowed, _, plain in access_checked_the_same_way(
            demo_db, db_url, [["feed", "list", *o, "--format", "json"] for o in OPTIONS],
            monkeypatch, deactivated="partner"):
        if not allowed:
            assert plain.code == 2 and not plain.out and "har ikke tilgang" in plain.err


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    _seed(demo_db)
    imports_no_sqlalchemy(db_url, [
        ["feed", "list"], ["feed", "list", "--active", "--format", "json"],
    ], {"nettverk.services.calendar", "nettverk.domain.feeds"})
