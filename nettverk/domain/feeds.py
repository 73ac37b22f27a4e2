"""Calendar feeds: secret, revocable tokens for subscribing to a programme's or municipality's calendar."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from nettverk.domain import rules
from nettverk.domain.base import Entity
from nettverk.domain.register import Municipality, Programme


def token_digest(token: str) -> str:
    """The stored form of a feed token: only its SHA-256 is kept, so a copy of the database
    does not hand out working feed URLs."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class CalendarFeed(Entity):
    """A subscribable calendar feed for one programme or one municipality, behind a secret token."""

    __tablename__ = "calendar_feed"
    __table_args__ = (
        CheckConstraint(
            "(programme_id IS NULL) <> (municipality_id IS NULL)", name="one_target"
        ),
    )

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_hint: Mapped[str] = mapped_column(String(8))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id"), index=True
    )
    with_themes: Mapped[bool] = mapped_column(default=False)
    label: Mapped[str | None]
    revoked_at: Mapped[datetime | None]

    programme: Mapped[Programme | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()

    @property
    def active(self) -> bool:
        """Whether the feed is still served."""
        return self.revoked_at is None

    @validates("label")
    def _label(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value, max_length=200)
