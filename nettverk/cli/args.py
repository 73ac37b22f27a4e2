"""Turning command-line text into typed values; bad text raises DomainError naming the field."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from nettverk.domain import values


def opt_date(field: str, text: str | None) -> date | None:
    """A date, or None when not given."""
    return None if text is None else values.parse_date(field, text)


def opt_datetime(field: str, text: str | None) -> datetime | None:
    """A local datetime (Europe/Oslo), or None when not given."""
    return None if text is None else values.parse_datetime(field, text)


def opt_int(field: str, text: str | None) -> int | None:
    """A whole number, or None when not given."""
    return None if text is None else values.parse_int(field, text)


def opt_money(field: str, text: str | None) -> Decimal | None:
    """An amount in NOK, or None when not given."""
    return None if text is None else values.parse_money(field, text)


def opt_bool(field: str, text: str | None) -> bool | None:
    """yes/no, or None when not given."""
    return None if text is None else values.parse_bool(field, text)


def required_id(field: str, text: str) -> int:
    """A record id given on the command line."""
    return values.parse_int(field, text)
