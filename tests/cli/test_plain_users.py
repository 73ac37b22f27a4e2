"""`nettverk user list` reads with plain DB-API SQL (services.plain_users), without SQLAlchemy:
byte for byte what the ordinary path prints, in every format, on both databases; the user's
access checked the same way (any active registered user may read the list, as every read;
anyone while no users are registered); neither SQLAlchemy nor the mapped classes imported."""

from __future__ import annotations

import pytest

from nettverk.domain.access import ROLE_LABELS
from nettverk.services import user_views, users
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    as_each_user,
    imports_no_sqlalchemy,
    printed_the_same_both_ways,
    same_both_ways,
)


def _seed(db: Database) -> None:
    """A leader (the fixture's own user), a partner with a Sámi name, a reader without a name,
    an inactive user; added out of alphabetical order."""
    users.add_user(db.uow(), "testbruker", "leader", "Test Bruker")
    users.add_user(db.uow(), "anne.marja", "partner", "Ánne Márjá Sara")
    users.add_user(db.uow(), "leser", "reader")
    users.add_user(db.uow(), "Borte@kommune.no", "partner", "=Borte")
    users.set_active(db.uow(), "Borte@kommune.no", False)


def test_the_words_are_the_domains() -> None:
    assert {k.value: v for k, v in ROLE_LABELS.items()} == user_views.ROLE_LABELS


@BOTH_DATABASES
def test_every_format_prints_the_same_both_ways(db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for fmt in FORMATS:  # nobody registered yet: an empty list, for anyone
        plain, taken = same_both_ways(db_url, ["user", "list", *fmt], monkeypatch)
        assert plain.code == 0 and taken, (fmt, plain.err)
    _seed(db)
    monkeypatch.setenv("NETTVERK_USER", "testbruker")
    said = printed_the_same_both_ways(db_url, [["user", "list", *f] for f in FORMATS], monkeypatch)
    for text in ("Ánne Márjá Sara", "leser (lese og eksportere)", "leder (alt)", "'=Borte",
                 "nei", '"active": false'):
        assert text in said, text


@BOTH_DATABASES
def test_the_services_list_is_the_plain_one(db: Database) -> None:
    _seed(db)
    listed = users.list_users(db.uow())
    assert [u.username for u in listed] == sorted(u.username for u in listed)
    assert {u.username: (u.role, u.active) for u in listed} == {
        "testbruker": ("leader", True), "anne.marja": ("partner", True),
        "leser": ("reader", True), "Borte@kommune.no": ("partner", False)}


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(db)
    tries = (("leser", True), ("anne.marja", True), ("ukjent", False),
             ("Borte@kommune.no", False), ("LESER", False))
    argvs = [["user", "list", "--format", "json"], ["user", "list", "--format", "table"]]
    for user, allowed, _, plain in as_each_user(db_url, tries, argvs, monkeypatch):
        assert (plain.code == 0) is allowed, (user, plain.err)
        if not allowed:
            assert plain.code == 2 and not plain.out and "har ikke tilgang" in plain.err


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(db: Database, db_url: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(db)
    monkeypatch.setenv("NETTVERK_USER", "leser")
    imports_no_sqlalchemy(db_url, [["user", "list"], ["user", "list", "--format", "json"]],
                          {"nettverk.services.users", "nettverk.domain.access"})
