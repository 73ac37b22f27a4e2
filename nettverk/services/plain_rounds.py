"""Calls for applications (utlysninger) listed in plain SQL through a DB-API connection
(persistence.plain). One implementation: `nettverk round list` runs it on a bare DB-API
connection, without SQLAlchemy; services.applications.list_rounds runs it on the unit of
work's own connection for the TUI and every other caller."""

from __future__ import annotations

from typing import Any

from nettverk.persistence.plain import PlainReader
from nettverk.services.application_views import RoundView
from nettverk.services.plain_lookups import programme_id


def list_rounds(reader: PlainReader, programme: str | None = None) -> list[RoundView]:
    """Calls for applications, newest first, with the number of applications each; refuses
    an unknown programme as find_programme does."""
    where = ""
    params: list[Any] = []
    if programme:
        where = " WHERE r.programme_id = ?"
        params.append(programme_id(reader, programme))
    found = reader.rows(
        "SELECT r.id, p.slug, r.title, r.opens, r.deadline, r.description, "
        "(SELECT count(*) FROM application a WHERE a.round_id = r.id), r.version "
        "FROM application_round r JOIN programme p ON p.id = r.programme_id" + where
        + " ORDER BY r.opens DESC, r.id DESC", params)
    views = []
    for rid, slug, title, opens, deadline, description, applications, version in found:
        opened, due = reader.as_date(opens), reader.as_date(deadline)
        assert opened is not None and due is not None
        views.append(RoundView(rid, slug, title, opened, due, description, int(applications),
                               version))
    return views
