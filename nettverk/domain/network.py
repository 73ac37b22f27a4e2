"""The learning network: applications, gatherings, attendance, plans, milestones, follow-ups."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nettverk.domain.base import Entity, str_enum
from nettverk.domain.register import Municipality, Person, Programme


class ApplicationRound(Entity):
    """A call for applications (utlysning) with its deadline."""

    __tablename__ = "application_round"
    __table_args__ = (CheckConstraint("deadline >= opens", name="deadline_after_opening"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    title: Mapped[str]
    opens: Mapped[date]
    deadline: Mapped[date]
    description: Mapped[str | None] = mapped_column(Text)

    programme: Mapped[Programme] = relationship()


class ApplicationStatus(enum.StrEnum):
    """The selection workflow: received → interview → accepted | rejected | withdrawn."""

    received = "received"
    interview = "interview"
    accepted = "accepted"
    rejected = "rejected"
    withdrawn = "withdrawn"


class Application(Entity):
    """A municipality's application to a programme, with the invitation's questions answered."""

    __tablename__ = "application"

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("application_round.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    received: Mapped[date]
    samfunnsdel_year: Mapped[int | None]
    progress_plan: Mapped[str | None] = mapped_column(Text)
    has_statistics: Mapped[bool | None]
    personnel: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ApplicationStatus] = mapped_column(
        str_enum(ApplicationStatus, "status"), default=ApplicationStatus.received, index=True
    )
    decided_on: Mapped[date | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    override_justification: Mapped[str | None] = mapped_column(Text)

    programme: Mapped[Programme] = relationship()
    round: Mapped[ApplicationRound | None] = relationship()
    municipality: Mapped[Municipality] = relationship()
    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", cascade="all, delete-orphan",
        order_by="ApplicationEvent.id",
    )


class ApplicationEvent(Entity):
    """A dated change of an application's status, with its reason."""

    __tablename__ = "application_event"

    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(str_enum(ApplicationStatus, "status"))
    on: Mapped[date]
    reason: Mapped[str | None] = mapped_column(Text)

    application: Mapped[Application] = relationship(back_populates="events")


class GatheringMode(enum.StrEnum):
    """How a gathering is held."""

    video = "video"
    physical = "physical"
    hybrid = "hybrid"


class GatheringStatus(enum.StrEnum):
    """Whether a gathering is planned, held or cancelled."""

    planned = "planned"
    held = "held"
    cancelled = "cancelled"


class Gathering(Entity):
    """A network meeting (samling); times stored in UTC, shown in Europe/Oslo."""

    __tablename__ = "gathering"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_gathering_programme_id_starts_at", "programme_id", "starts_at"),
    )

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id"), index=True
    )
    uid: Mapped[str] = mapped_column(unique=True)
    title: Mapped[str]
    theme: Mapped[str | None]
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    mode: Mapped[GatheringMode] = mapped_column(str_enum(GatheringMode, "mode"))
    location: Mapped[str | None]
    video_url: Mapped[str | None]
    agenda: Mapped[str | None] = mapped_column(Text)
    status: Mapped[GatheringStatus] = mapped_column(
        str_enum(GatheringStatus, "status"), default=GatheringStatus.planned
    )
    revision: Mapped[int] = mapped_column(default=0)

    programme: Mapped[Programme] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="gathering", cascade="all, delete-orphan"
    )


class Attendance(Entity):
    """A municipality's attendance at a gathering, with its travel and accommodation costs."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("gathering_id", "municipality_id"),
        CheckConstraint("persons >= 0", name="persons_non_negative"),
        CheckConstraint("travel_cost >= 0", name="travel_cost_non_negative"),
        CheckConstraint("accommodation_cost >= 0", name="accommodation_cost_non_negative"),
    )

    gathering_id: Mapped[int] = mapped_column(ForeignKey("gathering.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    invited: Mapped[bool] = mapped_column(default=True)
    registered: Mapped[bool] = mapped_column(default=False)
    attended: Mapped[bool] = mapped_column(default=False)
    persons: Mapped[int] = mapped_column(default=0)
    travel_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    accommodation_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))

    gathering: Mapped[Gathering] = relationship(back_populates="attendances")
    municipality: Mapped[Municipality] = relationship()


class PlanKind(enum.StrEnum):
    """The municipal planning documents followed."""

    plan_strategy = "plan_strategy"
    community_plan = "community_plan"
    land_use_plan = "land_use_plan"
    action_plan = "action_plan"
    financial_plan = "financial_plan"


class PlanStage(enum.StrEnum):
    """The stages a planning document passes through."""

    not_started = "not_started"
    start_notified = "start_notified"
    planning_programme = "planning_programme"
    consultation = "consultation"
    adopted = "adopted"


class PlanDocument(Entity):
    """One of a municipality's planning documents, with its current stage."""

    __tablename__ = "plan_document"

    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    kind: Mapped[PlanKind] = mapped_column(str_enum(PlanKind, "kind"))
    title: Mapped[str | None]
    period_start: Mapped[int | None]
    period_end: Mapped[int | None]
    stage: Mapped[PlanStage] = mapped_column(
        str_enum(PlanStage, "stage"), default=PlanStage.not_started
    )
    adopted_on: Mapped[date | None]
    archive_ref: Mapped[str | None]
    council_constituted_on: Mapped[date | None]

    municipality: Mapped[Municipality] = relationship()
    stages: Mapped[list[PlanStageEvent]] = relationship(
        back_populates="plan_document", cascade="all, delete-orphan",
        order_by="PlanStageEvent.on",
    )


class PlanStageEvent(Entity):
    """A dated step in a planning document's history."""

    __tablename__ = "plan_stage_event"

    plan_document_id: Mapped[int] = mapped_column(ForeignKey("plan_document.id"), index=True)
    stage: Mapped[PlanStage] = mapped_column(str_enum(PlanStage, "stage"))
    on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)

    plan_document: Mapped[PlanDocument] = relationship(back_populates="stages")


class Milestone(Entity):
    """A dated milestone of a programme, a participating municipality or a plan document."""

    __tablename__ = "milestone"
    __table_args__ = (
        Index("ix_milestone_done_on_due", "done_on", "due"),
        Index("ix_milestone_programme_id_due", "programme_id", "due"),
    )

    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id"), index=True
    )
    plan_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_document.id"), index=True
    )
    title: Mapped[str]
    due: Mapped[date]
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    done_on: Mapped[date | None]

    programme: Mapped[Programme | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    plan_document: Mapped[PlanDocument | None] = relationship()
    responsible: Mapped[Person | None] = relationship()


class FollowUpKind(enum.StrEnum):
    """How a follow-up contact happened."""

    meeting = "meeting"
    call = "call"
    email = "email"
    visit = "visit"
    gathering = "gathering"


class FollowUp(Entity):
    """A logged contact with a municipality, with the next action agreed."""

    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_next_action_due", "next_action_due"),)

    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"), index=True)
    on: Mapped[date]
    kind: Mapped[FollowUpKind] = mapped_column(str_enum(FollowUpKind, "kind"))
    participants: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    next_action: Mapped[str | None] = mapped_column(Text)
    next_action_due: Mapped[date | None]
    next_action_done_on: Mapped[date | None]
    exempt_from_public: Mapped[bool] = mapped_column(default=False)

    municipality: Mapped[Municipality] = relationship()
    programme: Mapped[Programme | None] = relationship()
