"""Turning command-line text into typed values; bad text raises DomainError naming the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from nettverk.domain import values
from nettverk.domain.errors import DomainError


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
    """A record id given on the command line (a whole number of at least 1)."""
    return values.parse_id(field, text)


def required_date(field: str, text: str) -> date:
    """A date the command cannot do without (argparse has made sure it was given)."""
    value = opt_date(field, text)
    assert value is not None
    return value


def required_datetime(field: str, text: str) -> datetime:
    """A date and time the command cannot do without."""
    value = opt_datetime(field, text)
    assert value is not None
    return value


def opt_id(field: str, text: str | None) -> int | None:
    """A record id (at least 1), or None when not given."""
    return None if text is None else values.parse_id(field, text)


def parses(*parsers: Callable[[], object]) -> bool:
    """Whether the options parse: a plain path reads only input that does, and leaves the rest
    to the ordinary path, which refuses it after its own checks, in its own order."""
    try:
        for parse in parsers:
            parse()
    except DomainError:
        return False
    return True


def check_no_empty_filters(namespace: object) -> None:
    """Refuse a list command's filter given as empty text (`--programme ""`, often an unset shell
    variable): it would otherwise list everything, as if the filter had been left out."""
    handler = getattr(namespace, "handler", None)
    if handler is None or not getattr(handler, "__name__", "").endswith("_list"):
        return
    for dest, value in sorted(vars(namespace).items()):
        if dest != "db" and isinstance(value, str) and not value.strip():
            raise DomainError(dest, "kan ikke være tom; utelat valget for å ta med alle")


def check_no_surrogates(namespace: object) -> None:
    """Refuse any parsed option or argument holding bytes that were not valid UTF-8.

    Python hands such bytes over as lone surrogates (PEP 383); no database, file or terminal
    takes them, so they are refused here, named by the option they came in, before any command
    runs.
    """
    for dest, value in sorted(vars(namespace).items()):
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                values.check_unicode(dest, item)
