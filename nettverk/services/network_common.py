"""Small pieces shared by the learning-network use cases (enum parsing, names, dates)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import display_name
from nettverk.domain.rules import parse_enum
from nettverk.domain.values import OSLO, today_in_norway

if TYPE_CHECKING:
    from nettverk.domain.register import Municipality

# parse_enum and display_name live in the domain; the network services import them from here.
__all__ = ["aware", "display_name", "fmt_date", "fmt_period", "local", "municipality_label", "parse_enum",
           "today_or"]

def municipality_label(m: Municipality) -> str:
    """The display name of a loaded municipality."""
    return display_name(m.name, m.sami_name)


def local(dt: datetime) -> datetime:
    """An aware datetime shown in Europe/Oslo."""
    return dt.astimezone(OSLO)


def aware(field: str, dt: datetime) -> datetime:
    """A datetime with its zone; a naive one is read as Norwegian local time."""
    if not isinstance(dt, datetime):
        raise DomainError(field, "må være et tidspunkt")
    if dt.tzinfo is None:
        return dt.replace(tzinfo=OSLO)
    return dt


def today_or(today: date | None) -> date:
    """The given day, or today's date in Norway."""
    return today if today is not None else today_in_norway()


def fmt_date(d: date) -> str:
    """A date as Norwegians write it."""
    return f"{d:%d.%m.%Y}"


def fmt_period(start: datetime, end: datetime) -> str:
    """A local time span, e.g. 10.03.2022 09:00–15:00."""
    s, e = local(start), local(end)
    if s.date() == e.date():
        return f"{s:%d.%m.%Y %H:%M}–{e:%H:%M}"
    return f"{s:%d.%m.%Y %H:%M}–{e:%d.%m.%Y %H:%M}"
