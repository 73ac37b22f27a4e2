"""Deleting a programme created by mistake, while nothing belongs to it yet."""

from __future__ import annotations

from sqlalchemy import Table, func, select

from nettverk.domain.base import Base
from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import count
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.register import find_programme

# What the rows that point at a programme are called (plural, counted by `norwegian.count`).
NOUNS = {
    "participation": "deltakelser", "application_round": "utlysninger",
    "application": "søknader", "gathering": "samlinger", "milestone": "milepæler",
    "follow_up": "oppfølginger", "focus_area": "innsatsområder",
    "partnership_agreement": "avtaler", "theme": "temaer",
    "capacity_assessment": "kapasitetsvurderinger", "priority_session": "prioriteringsøkter",
    "calendar_feed": "kalenderstrømmer",
}
OWNED = {"programme_partner"}  # deleted with the programme


def _users() -> list[tuple[Table, str]]:
    """Every (table, column) holding a programme id (found in the model, so none is missed)."""
    import nettverk.domain.model  # noqa: F401  (every table registered)

    found = []
    for table in Base.metadata.sorted_tables:
        if table.name in OWNED:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == "programme":
                found.append((table, fk.parent.name))
    return found


def delete_programme(uow: UnitOfWork, slug: str, expected_version: int | None = None) -> DeletedView:
    """Delete a programme nothing belongs to (no participant, round, gathering, agreement …);
    its partners go with it and the audit log keeps its values."""
    with uow:
        programme = find_programme(uow.session, slug)
        used = []
        for table, column in _users():
            rows = uow.session.scalar(select(func.count()).select_from(table)
                                      .where(table.c[column] == programme.id)) or 0
            if rows:
                used.append(count(rows, NOUNS.get(table.name, table.name)))
        if used:
            raise DomainError("programme", f"programmet {programme.slug} kan ikke slettes: "
                                           f"det har {', '.join(used)}")
        return remove(uow, programme, expected_version, "program", f"programmet {programme.slug}",
                      programme.name)
