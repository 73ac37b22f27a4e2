"""Arguments to open the declared forms with in the tests, read from the demo data."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nettverk.services.database import Database


def programmes(db: Database) -> list[tuple[str, str]]:
    """The programmes as a choice field offers them (name, slug)."""
    from nettverk.services.programmes import list_programmes

    return [(p.name, p.slug) for p in list_programmes(db.uow())]


def counties(db: Database) -> list[tuple[str, str]]:
    """The counties as the municipality form offers them (number, name)."""
    from nettverk.services import register

    return sorted({(m.county, m.county_name) for m in register.list_municipalities(db.uow())})
