"""The learning network: applications, gatherings, attendance, plans, milestones, follow-ups."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from nettverk.domain import rules
from nettverk.domain.base import Entity, str_enum
from nettverk.domain.errors import DomainError
from nettverk.domain.network_rules import (
    APPLICATION_STATUS_LABELS,
    DEADLINE_SOON_DAYS,
    DEADLINE_STATE_LABELS,
    DEFAULT_CONSTITUTION_DAY,
    DEFAULT_CONSTITUTION_MONTH,
    DUE_SOON_DAYS,
    ELECTION_INTERVAL,
    FIRST_KNOWN_ELECTION,
    FOLLOW_UP_KIND_LABELS,
    GATHERING_MODE_LABELS,
    GATHERING_STATUS_LABELS,
    MILESTONE_STATUS_LABELS,
    PLAN_KIND_LABELS,
    PLAN_STAGE_LABELS,
    PUBLIC_NOTICE_DAYS,
    UID_DOMAIN,
    ApplicationStatus,
    DeadlineState,
    FollowUpKind,
    GatheringMode,
    GatheringStatus,
    MilestoneStatus,
    PlanKind,
    PlanStage,
    check_application_move,
    council_election_years,
    county_capacity_note,
    days_between,
    default_constitution_date,
    election_year_for_period,
    eligibility_notes,
    handlingsdel_revision_due,
    is_council_election_year,
    latest_election_year,
    milestone_status,
    new_gathering_uid,
    overlaps,
    plan_document_deadline,
    plan_strategy_deadline,
    plan_strategy_deadline_state,
    public_notice_warning,
)
from nettverk.domain.register import Municipality, Person, Programme

# The rules and words live in network_rules (importable without SQLAlchemy); they are
# re-exported here beside the classes. (Only the re-exported names are listed.)
__all__ = [
    "APPLICATION_STATUS_LABELS",
    "DEADLINE_SOON_DAYS",
    "DEADLINE_STATE_LABELS",
    "DEFAULT_CONSTITUTION_DAY",
    "DEFAULT_CONSTITUTION_MONTH",
    "DUE_SOON_DAYS",
    "ELECTION_INTERVAL",
    "FIRST_KNOWN_ELECTION",
    "FOLLOW_UP_KIND_LABELS",
    "GATHERING_MODE_LABELS",
    "GATHERING_STATUS_LABELS",
    "MILESTONE_STATUS_LABELS",
    "PLAN_KIND_LABELS",
    "PLAN_STAGE_LABELS",
    "PUBLIC_NOTICE_DAYS",
    "UID_DOMAIN",
    "ApplicationStatus",
    "DeadlineState",
    "FollowUpKind",
    "GatheringMode",
    "GatheringStatus",
    "MilestoneStatus",
    "PlanKind",
    "PlanStage",
    "check_application_move",
    "council_election_years",
    "county_capacity_note",
    "days_between",
    "default_constitution_date",
    "election_year_for_period",
    "eligibility_notes",
    "handlingsdel_revision_due",
    "is_council_election_year",
    "latest_election_year",
    "milestone_status",
    "new_gathering_uid",
    "overlaps",
    "plan_document_deadline",
    "plan_strategy_deadline",
    "plan_strategy_deadline_state",
    "public_notice_warning",
]


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

    @validates("title")
    def _title(self, _key: str, value: str) -> str:
        return rules.required_text("title", value, max_length=300)

    @validates("description")
    def _description(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("description", value)

    def check(self) -> None:
        """The deadline is not before the round opens."""
        if self.opens is not None and self.deadline is not None and self.deadline < self.opens:
            raise DomainError("deadline", "fristen kan ikke være før utlysningen åpner")


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
    # What the decision was based on, kept so it never changes afterwards.
    decision_population: Mapped[int | None]
    decision_population_year: Mapped[int | None]
    decision_eligible: Mapped[bool | None]

    programme: Mapped[Programme] = relationship()
    round: Mapped[ApplicationRound | None] = relationship()
    municipality: Mapped[Municipality] = relationship()
    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", cascade="all, delete-orphan",
        order_by="ApplicationEvent.id",
    )

    @validates("samfunnsdel_year")
    def _samfunnsdel_year(self, key: str, value: int | None) -> int | None:
        return rules.check_year(key, value)

    @validates("progress_plan", "personnel", "decision_reason", "override_justification")
    def _texts(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value)

    @property
    def is_late(self) -> bool:
        """Received after the round's deadline."""
        return self.round is not None and self.received > self.round.deadline


class ApplicationEvent(Entity):
    """A dated change of an application's status, with its reason."""

    __tablename__ = "application_event"

    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(str_enum(ApplicationStatus, "status"))
    on: Mapped[date]
    reason: Mapped[str | None] = mapped_column(Text)

    application: Mapped[Application] = relationship(back_populates="events")

    @validates("reason")
    def _reason(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value)


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
    # The dates the status was recorded as held or cancelled, so a report for an earlier date
    # sees the gathering as it stood then (None on rows from before migration 0009: held =
    # since its start, cancelled = always).
    held_on: Mapped[date | None]
    cancelled_on: Mapped[date | None]

    programme: Mapped[Programme] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="gathering", cascade="all, delete-orphan"
    )

    @validates("title")
    def _title(self, _key: str, value: str) -> str:
        return rules.required_text("title", value, max_length=300)

    @validates("theme", "location")
    def _short_texts(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value, max_length=500)

    @validates("agenda")
    def _agenda(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value)

    @validates("video_url")
    def _video_url(self, key: str, value: str | None) -> str | None:
        return check_url(key, value)

    @validates("starts_at", "ends_at")
    def _aware(self, key: str, value: datetime) -> datetime:
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise DomainError(key, "tidspunktet må ha tidssone (norsk tid)")
        return value

    def check(self) -> None:
        """The end is after the start, and a gathering lasts at most MAX_GATHERING_DAYS."""
        if self.ends_at <= self.starts_at:
            raise DomainError("end", "slutt må være etter start")
        if self.ends_at - self.starts_at > timedelta(days=MAX_GATHERING_DAYS):
            raise DomainError("end", f"en samling kan vare høyst {MAX_GATHERING_DAYS} dager "
                                     "(legg inn flere samlinger for en lengre periode)")


# A gathering runs from a few hours to a study trip or a course week spanning two weekends.
MAX_GATHERING_DAYS = 14


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
    # The day the attendance was first recorded; a report for an earlier day leaves it out
    # (None: recorded before migration 0009, counted for every date).
    recorded_on: Mapped[date | None]

    gathering: Mapped[Gathering] = relationship(back_populates="attendances")
    municipality: Mapped[Municipality] = relationship()

    @validates("persons")
    def _persons(self, key: str, value: int) -> int:
        checked = rules.check_non_negative(key, value)
        return 0 if checked is None else checked

    @validates("travel_cost", "accommodation_cost")
    def _cost(self, key: str, value: Decimal) -> Decimal:
        return check_money(key, value)


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
        order_by="(PlanStageEvent.on, PlanStageEvent.id)",  # in the order recorded on a day
    )

    @validates("title", "archive_ref")
    def _texts(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value, max_length=300)

    @validates("period_start", "period_end")
    def _years(self, key: str, value: int | None) -> int | None:
        return rules.check_year(key, value)

    def check(self) -> None:
        """The period's end is not before its start."""
        if (self.period_start is not None and self.period_end is not None
                and self.period_end < self.period_start):
            raise DomainError("period_end", "planperioden kan ikke slutte før den starter")


class PlanStageEvent(Entity):
    """A dated step in a planning document's history."""

    __tablename__ = "plan_stage_event"

    plan_document_id: Mapped[int] = mapped_column(ForeignKey("plan_document.id"), index=True)
    stage: Mapped[PlanStage] = mapped_column(str_enum(PlanStage, "stage"))
    on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)

    plan_document: Mapped[PlanDocument] = relationship(back_populates="stages")

    @validates("note")
    def _note(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value)


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

    @validates("title")
    def _title(self, _key: str, value: str) -> str:
        return rules.required_text("title", value, max_length=300)

    def check(self) -> None:
        """A milestone belongs to a programme, a municipality or a plan document."""
        if self.programme_id is None and self.programme is None and (
            self.municipality_id is None and self.municipality is None
        ) and self.plan_document_id is None and self.plan_document is None:
            raise DomainError(
                "programme", "en milepæl må høre til et program, en kommune eller et plandokument"
            )


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

    @validates("summary")
    def _summary(self, key: str, value: str) -> str:
        return rules.required_text(key, value)

    @validates("participants", "next_action")
    def _texts(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value)

    def check(self) -> None:
        """A next action's due date needs the action, and does not come before the contact."""
        if self.next_action_due is not None and not self.next_action:
            raise DomainError("next_action", "må fylles ut når neste steg har en frist")
        if self.next_action_due is not None and self.on is not None \
                and self.next_action_due < self.on:
            raise DomainError("next_action_due", "fristen kan ikke være før kontakten")
        if self.next_action_done_on is not None and self.on is not None \
                and self.next_action_done_on < self.on:
            raise DomainError("next_action_done_on", "kan ikke være før kontakten")


# --- field rules of this area ------------------------------------------------------------

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_CENT = Decimal("0.01")


def check_url(field: str, value: str | None) -> str | None:
    """A web address (video link) must start with http:// or https://."""
    value = rules.clean_text(field, value, max_length=2000)
    if value is None:
        return None
    if not _URL.fullmatch(value):
        raise DomainError(field, "må være en nettadresse som begynner med https://")
    return value


def check_money(field: str, value: Decimal | int | None) -> Decimal:
    """An amount in NOK: exact, not negative, at most two decimals."""
    if value is None:
        return Decimal("0.00")
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise DomainError(field, "må være et beløp i kroner")
    amount = Decimal(value)
    if not amount.is_finite():
        raise DomainError(field, "må være et beløp i kroner")
    if amount < 0:
        raise DomainError(field, "kan ikke være negativt")
    if amount != amount.quantize(_CENT):
        raise DomainError(field, "kan ha høyst to desimaler")
    if amount >= Decimal("10000000000"):
        raise DomainError(field, "er urimelig stort")
    return amount.quantize(_CENT)
