"""Partnership agreements ("Gode lokalsamfunn for alle") and the Det gode liv theme calendar."""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nettverk.domain.base import Entity, str_enum
from nettverk.domain.register import Municipality, Person, Programme


class FocusArea(Entity):
    """A focus area (innsatsområde) of a partnership programme; the list is data."""

    __tablename__ = "focus_area"
    __table_args__ = (UniqueConstraint("programme_id", "code"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    code: Mapped[str]
    name: Mapped[str]
    description: Mapped[str | None] = mapped_column(Text)

    programme: Mapped[Programme] = relationship()


class AgreementStatus(enum.StrEnum):
    """Where a partnership agreement stands."""

    offered = "offered"
    under_consideration = "under_consideration"
    signed = "signed"
    ended = "ended"
    declined = "declined"


class PartnershipAgreement(Entity):
    """A partnership agreement between the county and one municipality."""

    __tablename__ = "partnership_agreement"
    __table_args__ = (
        UniqueConstraint("programme_id", "municipality_id"),
        CheckConstraint("ends IS NULL OR starts IS NULL OR ends >= starts", name="period_ordered"),
    )

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    status: Mapped[AgreementStatus] = mapped_column(
        str_enum(AgreementStatus, "status"), default=AgreementStatus.offered, index=True
    )
    offered_on: Mapped[date | None]
    signed_on: Mapped[date | None]
    starts: Mapped[date | None]
    ends: Mapped[date | None] = mapped_column(index=True)
    archive_ref: Mapped[str | None]
    county_contact_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    municipality_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id"), index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)
    exempt_from_public: Mapped[bool] = mapped_column(default=False)

    programme: Mapped[Programme] = relationship()
    municipality: Mapped[Municipality] = relationship()
    county_contact: Mapped[Person | None] = relationship(foreign_keys=[county_contact_id])
    municipality_contact: Mapped[Person | None] = relationship(
        foreign_keys=[municipality_contact_id]
    )
    focus_areas: Mapped[list[AgreementFocusArea]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan"
    )
    actions: Mapped[list[AgreementAction]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan"
    )


class AgreementFocusArea(Entity):
    """A focus area chosen in an agreement."""

    __tablename__ = "agreement_focus_area"
    __table_args__ = (UniqueConstraint("agreement_id", "focus_area_id"),)

    agreement_id: Mapped[int] = mapped_column(ForeignKey("partnership_agreement.id"), index=True)
    focus_area_id: Mapped[int] = mapped_column(ForeignKey("focus_area.id"), index=True)

    agreement: Mapped[PartnershipAgreement] = relationship(back_populates="focus_areas")
    focus_area: Mapped[FocusArea] = relationship()


class ActionStatus(enum.StrEnum):
    """Where an agreed action stands."""

    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


class AgreementAction(Entity):
    """An action (tiltak) agreed under a focus area of an agreement."""

    __tablename__ = "agreement_action"

    agreement_id: Mapped[int] = mapped_column(ForeignKey("partnership_agreement.id"), index=True)
    focus_area_id: Mapped[int | None] = mapped_column(ForeignKey("focus_area.id"), index=True)
    title: Mapped[str]
    owner: Mapped[str | None]
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus, "status"), default=ActionStatus.planned
    )
    due: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]

    agreement: Mapped[PartnershipAgreement] = relationship(back_populates="actions")
    focus_area: Mapped[FocusArea | None] = relationship()


class Theme(Entity):
    """A month's theme in the Det gode liv i nord calendar, linked to UN goals 1–17."""

    __tablename__ = "theme"
    __table_args__ = (
        UniqueConstraint("programme_id", "year", "month"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month_range"),
    )

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    year: Mapped[int]
    month: Mapped[int]
    title: Mapped[str]
    description: Mapped[str | None] = mapped_column(Text)
    goals: Mapped[list[Any]] = mapped_column(JSON, default=list)
    links: Mapped[list[Any]] = mapped_column(JSON, default=list)

    programme: Mapped[Programme] = relationship()
