"""The send log's protocol: claim a message before sending it, record the outcome after.

The claim is a committed row with a unique key, so of two senders only one can send a message,
and a message the server accepted is never sent again. No transaction is open while the network
is used: claim (commit), send, record (commit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from nettverk.domain.base import utcnow
from nettverk.domain.errors import DomainError
from nettverk.domain.mail import MailLog, MailStatus
from nettverk.persistence.uow import UnitOfWork

# A claim this old that never got an outcome belongs to a sender that died midway; --retry may
# take it over (a live sender finishes one message in well under this).
STALE_CLAIM = timedelta(minutes=10)


@dataclass(frozen=True)
class Outcome:
    """What happened to one message in this run."""

    email: str
    name: str
    status: str  # sent | failed | skipped | written
    detail: str | None = None


def claim(uow: UnitOfWork, key: str, retry: bool, **fields: Any) -> str | None:
    """Claim the message (committed); None when claimed, else why it is not sent now."""
    with uow:
        s = uow.session
        row = s.scalar(select(MailLog).where(MailLog.key == key))
        if row is None:
            s.add(MailLog(key=key, status=MailStatus.sending, attempts=1, **fields))
            try:
                uow.flush()
            except IntegrityError:
                uow.rollback()
                return "sendes nå av en annen"
            uow.commit()
            return None
        if row.status is MailStatus.sent:
            return "allerede sendt"
        stale = row.status is MailStatus.sending and row.updated_at < utcnow() - STALE_CLAIM
        if not retry:
            if row.status is MailStatus.failed:
                return f"feilet tidligere ({row.reply}); send på nytt med --retry"
            return "sendes nå av en annen" if not stale else \
                "ble avbrutt under sending; send på nytt med --retry"
        if row.status is MailStatus.sending and not stale:
            return "sendes nå av en annen"
        row.status = MailStatus.sending
        row.attempts += 1
        row.reply = None
        for name, value in fields.items():
            setattr(row, name, value)
        try:
            uow.commit()
        except StaleDataError:
            uow.rollback()
            return "sendes nå av en annen"
        return None


def record(uow: UnitOfWork, key: str, reply: str | None,
           also: Callable[[UnitOfWork, MailLog], None] | None = None) -> None:
    """Record the outcome of a claimed message: sent (reply None) or failed with the reply."""
    with uow:
        row = uow.session.scalar(select(MailLog).where(MailLog.key == key))
        if row is None:  # pragma: no cover - the claim is committed before sending
            raise DomainError("mail", "sendeloggen mangler raden for meldingen")
        row.status = MailStatus.failed if reply is not None else MailStatus.sent
        row.reply = reply
        if reply is None:
            row.sent_at = utcnow()
            if also is not None:
                also(uow, row)
        uow.commit()


def eml_name(directory: Path, index: int, email: str) -> Path:
    """The file of a dry run's message: numbered, named after the address."""
    safe = "".join(c if c.isalnum() or c in "@._-" else "_" for c in email)
    return directory / f"{index:03d}-{safe}.eml"


def write_eml(directory: Path, index: int, email: str, data: bytes) -> Path:
    """Write one message of a dry run; a directory that cannot be written is exit 2."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = eml_name(directory, index, email)
        path.write_bytes(data)
    except OSError as exc:
        raise DomainError("dry_run", f"kan ikke skrive til {directory}: {exc.strerror or exc}") \
            from None
    return path


def local_time(value: datetime | None) -> datetime | None:
    """A logged time in Norwegian time."""
    from nettverk.domain.values import OSLO

    return None if value is None else value.astimezone(OSLO)
