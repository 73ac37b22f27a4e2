"""Length limits on every text column, as a last line behind each field's own rule.

Each entity's validators give a field its own limit (200 for a name or title, 10,000 for notes and
agendas); this check, run on every insert and update, makes sure no text reaches the database
unbounded even where a field has no validator: a short text column (String) holds at most
STRING_MAX characters, a long one (Text) at most TEXT_MAX.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapper

from nettverk.domain.errors import DomainError

STRING_MAX = 2_000
TEXT_MAX = 10_000


def column_limit(column_type: Any) -> int | None:
    """The most characters a text column may hold, or None for a column that is not text."""
    if not isinstance(column_type, String):
        return None
    if column_type.length is not None:
        return int(column_type.length)
    return TEXT_MAX if isinstance(column_type, Text) else STRING_MAX


def check_lengths(mapper: Mapper[Any], _connection: Any, target: Any) -> None:
    """Refuse a text value longer than its column allows (an ORM before_insert/update hook)."""
    for attr in mapper.column_attrs:
        for column in attr.columns:
            limit = column_limit(column.type)
            if limit is None:
                continue
            value = getattr(target, attr.key, None)
            if isinstance(value, str) and len(value) > limit:
                raise DomainError(attr.key, f"kan ikke være lengre enn {limit} tegn")
