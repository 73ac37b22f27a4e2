"""Lookups by the names users give (a programme's slug, a municipality's number, an
organisation's name) in plain SQL through a DB-API connection (persistence.plain), refusing an
unknown one with the NotFoundError of services.register's find_* functions, naming the same
field. For the plain reads (services.plain_register, plain_gatherings, plain_rounds,
plain_applications)."""

from __future__ import annotations

from nettverk.domain.errors import NotFoundError
from nettverk.persistence.plain import PlainReader


def programme_id(reader: PlainReader, slug: str, field: str = "programme") -> int:
    """The programme's id, or a NotFoundError naming the field (as find_programme)."""
    found = reader.rows("SELECT id FROM programme WHERE slug = ?", ((slug or "").strip(),))
    if not found:
        raise NotFoundError(field, f"programmet {slug!r} finnes ikke")
    return int(found[0][0])


def municipality_id(reader: PlainReader, number: str, field: str = "municipality") -> int:
    """The municipality's id, or a NotFoundError naming the field (as find_municipality)."""
    number = (number or "").strip()
    found = reader.rows("SELECT id FROM municipality WHERE number = ?", (number,))
    if not found:
        raise NotFoundError(field, f"kommune {number!r} finnes ikke")
    return int(found[0][0])


def organisation_id(reader: PlainReader, name: str, field: str = "organisation") -> int:
    """The organisation's id by name or short name, or a NotFoundError naming the field (as
    find_organisation)."""
    name = (name or "").strip()
    found = reader.rows("SELECT id FROM organisation WHERE name = ? OR short_name = ?",
                        (name, name))
    if not found:
        raise NotFoundError(field, f"organisasjonen {name!r} finnes ikke")
    return int(found[0][0])
