"""Small pieces shared by the learning-network use cases (enum parsing, names, dates)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TypeVar

from nettverk.domain.errors import DomainError
from nettverk.domain.register import Municipality
from nettverk.domain.values import OSLO

E = TypeVar("E", bound=enum.Enum)


def parse_enum(enum_cls: type[E], field: str, value: str | E) -> E:
    """The enum member named by `value`, or a DomainError listing the allowed values."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip())
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum_cls)
        raise DomainError(field, f"må være en av: {allowed}") from None


def display_name(name: str, sami_name: str | None) -> str:
    """A municipality's Norwegian name with its Sámi parallel name ("Evenes – Evenášši")."""
    return f"{name} – {sami_name}" if sami_name else name


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
    return today if today is not None else datetime.now(OSLO).date()


def fmt_date(d: date) -> str:
    """A date as Norwegians write it."""
    return f"{d:%d.%m.%Y}"


def fmt_period(start: datetime, end: datetime) -> str:
    """A local time span, e.g. 10.03.2022 09:00–15:00."""
    s, e = local(start), local(end)
    if s.date() == e.date():
        return f"{s:%d.%m.%Y %H:%M}–{e:%H:%M}"
    return f"{s:%d.%m.%Y %H:%M}–{e:%d.%m.%Y %H:%M}"
