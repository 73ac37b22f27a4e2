"""The calendar feeds' list in plain SQL through a DB-API connection (persistence.plain),
without SQLAlchemy or the mapped classes: `nettverk feed list` runs it on a bare connection,
and services.calendar (the TUI's Kalenderstrømmer) on the unit of work's own
(`UnitOfWork.plain_reader`). Only a token's first characters are read (`token_hint`), never
its digest. tests/cli/test_plain_feeds.py compares the command's options and formats on both
paths on both databases.
"""

from __future__ import annotations

from nettverk.domain.norwegian import display_name
from nettverk.persistence.plain import PlainReader
from nettverk.services.feed_views import FeedView


def list_feeds(reader: PlainReader, include_revoked: bool = True) -> list[FeedView]:
    """Every feed, newest last; without `include_revoked`, only those still served."""
    views = []
    for (id, slug, programme_name, number, name, sami_name, with_themes, label, hint,
         created_at, revoked_at, version) in reader.rows(
            "SELECT f.id, p.slug, p.name, m.number, m.name, m.sami_name, f.with_themes, "
            "f.label, f.token_hint, f.created_at, f.revoked_at, f.version "
            "FROM calendar_feed f LEFT OUTER JOIN programme p ON p.id = f.programme_id "
            "LEFT OUTER JOIN municipality m ON m.id = f.municipality_id"
            + ("" if include_revoked else " WHERE f.revoked_at IS NULL") + " ORDER BY f.id"):
        target, shown = (("programme", programme_name) if slug is not None
                         else ("municipality", display_name(name, sami_name)))
        views.append(FeedView(
            id=id, target=target, programme=slug, municipality=number, name=shown,
            with_themes=bool(with_themes), label=label, token_hint=hint,
            created_at=reader.instant(created_at), revoked_at=reader.as_datetime(revoked_at),
            version=version))
    return views
