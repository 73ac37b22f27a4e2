"""Optimistic concurrency and the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from nettverk.domain.errors import ConflictError
from nettverk.domain.register import Municipality
from nettverk.persistence.audit import AuditEntry
from nettverk.services import register
from nettverk.services.database import Database, connect


@pytest.fixture
def evenes(db: Database) -> Database:
    register.add_county(db.uow(), "18", "Nordland")
    register.add_municipality(db.uow(), number="1853", name="Evenes", county="18",
                              population=1370)
    return db


def test_stale_expected_version_is_refused(evenes: Database) -> None:
    seen = register.get_municipality(evenes.uow(), "1853")
    register.update_municipality(evenes.uow(), "1853", expected_version=seen.version,
                                 population=1400)
    with pytest.raises(ConflictError, match="endret av noen andre"):
        register.update_municipality(evenes.uow(), "1853", expected_version=seen.version,
                                     population=1500)
    assert register.get_municipality(evenes.uow(), "1853").population == 1400


def test_two_sessions_racing_on_the_same_version(evenes: Database, db_url: str) -> None:
    """Both read version 1; the first commit wins, the second is refused, not overwritten."""
    other = connect(db_url, "annen")
    try:
        with evenes.uow() as first, other.uow() as second:
            m1 = first.session.scalar(select(Municipality).where(Municipality.number == "1853"))
            m2 = second.session.scalar(select(Municipality).where(Municipality.number == "1853"))
            assert m1 is not None and m2 is not None
            assert m1.version == m2.version == 1
            m1.population = 1400
            first.commit()
            m2.population = 1500
            with pytest.raises(StaleDataError):
                second.commit()
    finally:
        other.close()
    assert register.get_municipality(evenes.uow(), "1853").population == 1400


def test_stale_flush_inside_a_unit_of_work_becomes_a_conflict(evenes: Database,
                                                              db_url: str) -> None:
    other = connect(db_url, "annen")
    try:
        with pytest.raises(ConflictError, match="endret av noen andre"), evenes.uow() as first:
            m1 = first.session.scalar(select(Municipality).where(Municipality.number == "1853"))
            assert m1 is not None
            register.update_municipality(other.uow(), "1853", population=1999)
            m1.population = 1500
            first.commit()
    finally:
        other.close()
    assert register.get_municipality(evenes.uow(), "1853").population == 1999


def test_audit_log_records_who_changed_what(evenes: Database) -> None:
    register.update_municipality(evenes.uow(), "1853", population=1401, sami_name="Evenášši")
    with evenes.uow() as uow:
        entries = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "municipality")
            .order_by(AuditEntry.id)
        ).all()
    assert [e.action for e in entries] == ["insert", "update"]
    insert, update = entries
    assert insert.user == update.user == "testbruker"
    assert insert.changes["name"] == [None, "Evenes"]
    assert update.changes == {"population": [1370, 1401], "sami_name": [None, "Evenášši"]}
    assert update.at >= insert.at
    assert update.at.tzinfo is not None


def test_audit_log_records_deletes(evenes: Database) -> None:
    with evenes.uow() as uow:
        m = uow.session.scalar(select(Municipality).where(Municipality.number == "1853"))
        uow.session.delete(m)
        uow.commit()
    with evenes.uow() as uow:
        last = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None
    assert (last.action, last.table_name) == ("delete", "municipality")
    assert last.changes["number"] == ["1853", None]


def test_a_refused_change_leaves_no_audit_entry(evenes: Database) -> None:
    with evenes.uow() as uow:
        before = len(uow.session.scalars(select(AuditEntry)).all())
    with pytest.raises(ConflictError):
        register.update_municipality(evenes.uow(), "1853", expected_version=99, population=1)
    with evenes.uow() as uow:
        assert len(uow.session.scalars(select(AuditEntry)).all()) == before
