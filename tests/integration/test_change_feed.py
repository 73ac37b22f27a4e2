"""The data-changed signal: the tables a commit changed, told in this process and to others."""

from __future__ import annotations

import threading
import time

from nettverk.domain.register import Organisation, OrganisationKind
from nettverk.services import changes, organisations
from nettverk.services.database import Database, connect


def test_a_commit_tells_its_tables_and_a_rollback_tells_nothing(db: Database) -> None:
    told: list[frozenset[str] | None] = []
    stop = changes.subscribe(db, told.append)
    try:
        with db.uow() as uow:
            uow.session.add(Organisation(name="Forkastet", kind=OrganisationKind.other))
            uow.flush()
            uow.rollback()
        assert told == []
        organisations.add_organisation(db.uow(), name="Beholdt", kind="other")
        assert told == [frozenset({"organisation"})]
    finally:
        stop()
    organisations.add_organisation(db.uow(), name="Etter", kind="other")
    assert len(told) == 1  # unsubscribed


def test_another_process_hears_commits_but_not_rollbacks(db: Database, db_url: str) -> None:
    other = connect(db_url, "kollega")  # another process, as far as the feeds know
    heard: list[frozenset[str] | None] = []
    arrived = threading.Event()

    def hear(tables: frozenset[str] | None) -> None:
        heard.append(tables)
        arrived.set()

    stop = changes.watch_others(db, hear, interval=0.1)
    try:
        time.sleep(0.5)  # listening
        with other.uow() as uow:
            uow.session.add(Organisation(name="Forkastet", kind=OrganisationKind.other))
            uow.flush()
            uow.rollback()
        assert not arrived.wait(0.6)
        organisations.add_organisation(other.uow(), name="Hos kollegaen", kind="other")
        assert arrived.wait(5)
        # PostgreSQL says which tables; SQLite only that something changed
        assert heard[0] in (None, frozenset({"organisation"}))
        if db.engine.dialect.name == "postgresql":
            assert heard[0] == frozenset({"organisation"})
        # our own commits are not news from elsewhere on PostgreSQL
        if db.engine.dialect.name == "postgresql":
            arrived.clear()
            heard.clear()
            organisations.add_organisation(db.uow(), name="Min egen", kind="other")
            assert not arrived.wait(0.6)
    finally:
        stop()
        other.close()
