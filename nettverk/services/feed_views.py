"""A calendar feed as a view, importable without SQLAlchemy (services.plain_feeds builds it for
`nettverk feed list` and the TUI's Kalenderstrømmer; services.calendar re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FeedView:
    """A calendar feed as shown to users (the token itself is never stored)."""

    id: int
    target: str
    programme: str | None
    municipality: str | None
    name: str
    with_themes: bool
    label: str | None
    token_hint: str
    created_at: datetime
    revoked_at: datetime | None
    version: int = 1

    @property
    def active(self) -> bool:
        """Whether the feed is still served."""
        return self.revoked_at is None
