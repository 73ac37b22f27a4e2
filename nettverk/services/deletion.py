"""Deleting a record: the same checks and the same answer for every kind of record.

A deletion is refused when the caller's copy is older than the stored one (someone else
changed the record meanwhile), and when other records still point at it (the service says
which, in Norwegian). The audit log keeps the deleted row's values.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from nettverk.domain.base import Entity
from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import count
from nettverk.persistence.uow import UnitOfWork


@dataclass(frozen=True)
class DeletedView:
    """What was deleted: the kind in Norwegian, the id and the record's name."""

    kind: str
    id: int
    label: str
    deleted: bool = True


def refuse_if_used(uow: UnitOfWork, field: str, what: str,
                   uses: list[tuple[InstrumentedAttribute[int | None] | InstrumentedAttribute[int],
                                    int, str]]) -> None:
    """Refuse when a column still holds the id: `uses` is (foreign-key column, id, what the rows
    are called in the plural, counted by `norwegian.count`)."""
    found = []
    for column, value, nouns in uses:
        used = uow.session.scalar(select(func.count()).where(column == value)) or 0
        if used:
            found.append(count(used, nouns))
    if found:
        raise DomainError(field, f"{what} kan ikke slettes: brukes av {', '.join(found)}")


def remove(uow: UnitOfWork, obj: Entity, expected_version: int | None, kind: str,
           what: str, label: str) -> DeletedView:
    """Delete a loaded record and commit; `what` names it in messages ("milepælen")."""
    obj.check_version(expected_version, what)
    view = DeletedView(kind, obj.id, label)
    uow.session.delete(obj)
    uow.flush()
    uow.commit()
    return view
