"""The send log: every e-mail the program sends (invitations, reminders), one row per recipient."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nettverk.domain.base import Entity, str_enum
from nettverk.domain.network import Gathering


class MailKind(enum.StrEnum):
    """What a logged message was."""

    invitation = "invitation"
    reminder = "reminder"


class MailStatus(enum.StrEnum):
    """Where a logged message stands: claimed and being sent, accepted by the server, or refused."""

    sending = "sending"
    sent = "sent"
    failed = "failed"


class MailLog(Entity):
    """One message to one recipient; `key` is unique, so no two senders can both send it."""

    __tablename__ = "mail_log"

    # invitation:<gathering>:<sequence>:<method>:<address>, reminder:<address>:<item>:<day>
    key: Mapped[str] = mapped_column(String(600), unique=True)
    kind: Mapped[MailKind] = mapped_column(str_enum(MailKind, "kind"))
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    recipient_name: Mapped[str | None]
    gathering_id: Mapped[int | None] = mapped_column(ForeignKey("gathering.id"), index=True)
    sequence: Mapped[int | None]
    method: Mapped[str | None] = mapped_column(String(16))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    item: Mapped[str | None] = mapped_column(String(100))
    day: Mapped[date | None]
    subject: Mapped[str | None] = mapped_column(Text)
    status: Mapped[MailStatus] = mapped_column(str_enum(MailStatus, "status"))
    reply: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=1)
    sent_at: Mapped[datetime | None]

    gathering: Mapped[Gathering | None] = relationship()
