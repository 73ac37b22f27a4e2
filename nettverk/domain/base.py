"""Declarative base for every entity: naming convention, shared column kinds, versioning."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Dialect,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    event,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from nettverk.domain.errors import ConflictError
from nettverk.domain.limits import check_lengths

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A point in time stored as UTC on every database; always returned timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; every stored time must carry its zone")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)


def str_enum(enum_cls: type[enum.Enum], name: str) -> SAEnum:
    """A portable enum column: VARCHAR with a named CHECK constraint, storing the values."""
    return SAEnum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


Money = Annotated[Decimal, mapped_column(Numeric(12, 2))]
Text_ = Annotated[str, mapped_column(Text)]


class Base(DeclarativeBase):
    """Root of every mapped class; its metadata names every constraint."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        str: String(),
        datetime: UTCDateTime(),
        date: Date(),
        Decimal: Numeric(12, 2),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


event.listen(Base, "before_insert", check_lengths, propagate=True)
event.listen(Base, "before_update", check_lengths, propagate=True)


class Entity(Base):
    """An entity with a surrogate id, timestamps and a version for optimistic concurrency."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}

    def check_version(self, expected: int | None, what: str) -> None:
        """Refuse an edit based on an older version than the stored one (someone else saved)."""
        if expected is not None and self.version != expected:
            raise ConflictError(
                "version",
                f"{what} er endret av noen andre (versjon {self.version}, du hadde {expected}); "
                "last inn på nytt og prøv igjen",
            )
