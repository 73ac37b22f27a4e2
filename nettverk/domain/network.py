"""The learning network: applications, gatherings, attendance, plans, milestones, follow-ups."""

from __future__ import annotations

import enum
import re
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from nettverk.domain import rules
from nettverk.domain.base import Entity, str_enum
from nettverk.domain.errors import DomainError
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


# --- milestones --------------------------------------------------------------------------

DUE_SOON_DAYS = 14


class MilestoneStatus(enum.StrEnum):
    """A milestone's (or next action's) status, derived from its dates."""

    upcoming = "upcoming"
    due_soon = "due_soon"
    overdue = "overdue"
    done = "done"


MILESTONE_STATUS_LABELS = {
    MilestoneStatus.upcoming: "kommende",
    MilestoneStatus.due_soon: "snart frist",
    MilestoneStatus.overdue: "forfalt",
    MilestoneStatus.done: "utført",
}


def milestone_status(due: date, done_on: date | None, today: date) -> MilestoneStatus:
    """Done when done; overdue when due before today; due soon within 14 days; else upcoming."""
    if done_on is not None:
        return MilestoneStatus.done
    if due < today:
        return MilestoneStatus.overdue
    if (due - today).days <= DUE_SOON_DAYS:
        return MilestoneStatus.due_soon
    return MilestoneStatus.upcoming


# --- municipal councils and the planstrategi deadline ------------------------------------

FIRST_KNOWN_ELECTION = 2019
ELECTION_INTERVAL = 4
# The new council's term starts 1 October of the election year, and the constituting meeting
# is held in October (kommuneloven § 7-1, § 6-2). Mid-October is the usual date; the real date
# can be set per municipality (PlanDocument.council_constituted_on).
DEFAULT_CONSTITUTION_MONTH = 10
DEFAULT_CONSTITUTION_DAY = 15
DEADLINE_SOON_DAYS = 90


def is_council_election_year(year: int) -> bool:
    """Municipal councils are elected every fourth year: 2019, 2023, 2027 …"""
    return (year - FIRST_KNOWN_ELECTION) % ELECTION_INTERVAL == 0


def council_election_years(first: int, last: int) -> list[int]:
    """The municipal election years from `first` to `last`, both included."""
    return [y for y in range(first, last + 1) if is_council_election_year(y)]


def default_constitution_date(election_year: int) -> date:
    """The assumed date the new council is constituted: 15 October of the election year."""
    if not is_council_election_year(election_year):
        raise DomainError(
            "election_year", f"{election_year} er ikke et kommunevalgår (2019, 2023, 2027 …)"
        )
    return date(election_year, DEFAULT_CONSTITUTION_MONTH, DEFAULT_CONSTITUTION_DAY)


def latest_election_year(today: date) -> int:
    """The election year of the council sitting on `today` (constituted by the default date)."""
    year = today.year
    while not is_council_election_year(year):
        year -= 1
    if today < default_constitution_date(year):
        year -= ELECTION_INTERVAL
    return year


def election_year_for_period(period_start: int | None, today: date) -> int:
    """The council that must adopt a planstrategi (PBL § 10-1): the one elected in the latest
    election year at or before the period's start (2023–2027 and 2024–2027: the council of
    2023; 2027–2031: the council of 2027)."""
    if period_start is None:
        return latest_election_year(today)
    year = period_start
    while not is_council_election_year(year):
        year -= 1
    return year


def plan_strategy_deadline(constituted_on: date) -> date:
    """The planstrategi must be adopted within one year after the council is constituted."""
    try:
        return constituted_on.replace(year=constituted_on.year + 1)
    except ValueError:  # 29 February
        return constituted_on.replace(year=constituted_on.year + 1, day=28)


class DeadlineState(enum.StrEnum):
    """Where a document stands against its legal deadline."""

    not_due = "not_due"
    due_soon = "due_soon"
    overdue = "overdue"
    met = "met"
    met_late = "met_late"


DEADLINE_STATE_LABELS = {
    DeadlineState.not_due: "i rute",
    DeadlineState.due_soon: "frist nærmer seg",
    DeadlineState.overdue: "over fristen",
    DeadlineState.met: "vedtatt i tide",
    DeadlineState.met_late: "vedtatt etter fristen",
}


def plan_strategy_deadline_state(
    deadline: date, adopted_on: date | None, today: date
) -> DeadlineState:
    """Met (in time or late) once adopted; overdue when past the deadline; due soon ≤ 90 days."""
    if adopted_on is not None:
        return DeadlineState.met if adopted_on <= deadline else DeadlineState.met_late
    if today > deadline:
        return DeadlineState.overdue
    if (deadline - today).days <= DEADLINE_SOON_DAYS:
        return DeadlineState.due_soon
    return DeadlineState.not_due


PUBLIC_NOTICE_DAYS = 30


def handlingsdel_revision_due(year: int) -> date:
    """The yearly revision of the kommuneplan's handlingsdel (PBL § 11-1) whose period starts
    in `year`: adopted by 31 December of the year before, with the økonomiplan and budget
    (kommuneloven § 14-4)."""
    return date(year - 1, 12, 31)


def public_notice_warning(published_on: date | None, adopted_on: date | None) -> str | None:
    """A warning when the planstrategi's proposal was public less than 30 days before it was
    adopted (PBL § 10-1); None when the dates are missing or show 30 days or more."""
    if published_on is None or adopted_on is None:
        return None
    days = (adopted_on - published_on).days
    if days >= PUBLIC_NOTICE_DAYS:
        return None
    return (
        f"Forslaget ble gjort offentlig {published_on:%d.%m.%Y}, bare {days} dager før vedtaket "
        f"{adopted_on:%d.%m.%Y}; PBL § 10-1 krever minst {PUBLIC_NOTICE_DAYS} dager."
    )


def plan_document_deadline(
    kind: PlanKind, period_start: int | None, constituted_on: date | None, today: date
) -> date | None:
    """The legal deadline of a planning document: the planstrategi's (one year after the
    council is constituted) and the yearly handlingsdel revision's (31 December before its
    first year)."""
    if kind is PlanKind.action_plan:
        return handlingsdel_revision_due(period_start) if period_start is not None else None
    if kind is not PlanKind.plan_strategy:
        return None
    if constituted_on is None:
        constituted_on = default_constitution_date(election_year_for_period(period_start, today))
    return plan_strategy_deadline(constituted_on)


# --- gatherings --------------------------------------------------------------------------

UID_DOMAIN = "nettverk"


def new_gathering_uid() -> str:
    """A stable, globally unique id for a gathering (the iCalendar UID)."""
    return f"{uuid.uuid4()}@{UID_DOMAIN}"


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two periods share some time (touching ends do not count)."""
    return a_start < b_end and b_start < a_end


def days_between(start: date, end: date) -> list[date]:
    """Every calendar day from start to end, both included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


# --- applications ------------------------------------------------------------------------

_ALLOWED_MOVES = {
    ApplicationStatus.received: {
        ApplicationStatus.interview, ApplicationStatus.accepted, ApplicationStatus.rejected,
        ApplicationStatus.withdrawn,
    },
    ApplicationStatus.interview: {
        ApplicationStatus.accepted, ApplicationStatus.rejected, ApplicationStatus.withdrawn,
    },
}

APPLICATION_STATUS_LABELS = {
    ApplicationStatus.received: "mottatt",
    ApplicationStatus.interview: "samtale",
    ApplicationStatus.accepted: "tatt opp",
    ApplicationStatus.rejected: "avslått",
    ApplicationStatus.withdrawn: "trukket",
}


def check_application_move(current: ApplicationStatus, new: ApplicationStatus) -> None:
    """received → interview → accepted | rejected | withdrawn; a decided application stays."""
    if new not in _ALLOWED_MOVES.get(current, set()):
        raise DomainError(
            "status",
            f"kan ikke gå fra «{APPLICATION_STATUS_LABELS[current]}» til "
            f"«{APPLICATION_STATUS_LABELS[new]}»",
        )


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def eligibility_notes(
    population: int | None,
    population_year: int | None,
    max_population: int | None,
    ended_on: date | None = None,
    programme_starts: date | None = None,
) -> list[str]:
    """Why a municipality does not meet a programme's rules; empty when it is eligible.

    The population must be UNDER the programme's maximum, as counted in the year stated with
    the population (SSB, 1 January).
    """
    notes: list[str] = []
    if max_population is not None:
        counted = f" ({population_year})" if population_year else ""
        if population is None:
            notes.append(
                f"Innbyggertallet er ikke registrert, så grensen på under "
                f"{_thousands(max_population)} innbyggere kan ikke kontrolleres."
            )
        elif population >= max_population:
            notes.append(
                f"Innbyggertallet {_thousands(population)}{counted} er ikke under grensen på "
                f"{_thousands(max_population)}."
            )
    if ended_on is not None and (programme_starts is None or ended_on <= programme_starts):
        notes.append(f"Kommunen opphørte {ended_on:%d.%m.%Y} (sammenslått eller delt).")
    return notes


def county_capacity_note(accepted_in_county: int, max_per_county: int | None,
                         county_name: str) -> str | None:
    """A note when accepting one more from the county would exceed the programme's maximum."""
    if max_per_county is None or accepted_in_county < max_per_county:
        return None
    return (
        f"{county_name} har allerede {accepted_in_county} deltakerkommuner; programmet tar "
        f"høyst {max_per_county} per fylke."
    )


# --- labels users read -------------------------------------------------------------------

PLAN_KIND_LABELS = {
    PlanKind.plan_strategy: "planstrategi",
    PlanKind.community_plan: "samfunnsdel",
    PlanKind.land_use_plan: "arealdel",
    PlanKind.action_plan: "handlingsdel",
    PlanKind.financial_plan: "økonomiplan",
}

PLAN_STAGE_LABELS = {
    PlanStage.not_started: "ikke startet",
    PlanStage.start_notified: "varslet oppstart",
    PlanStage.planning_programme: "planprogram",
    PlanStage.consultation: "høring",
    PlanStage.adopted: "vedtatt",
}

GATHERING_MODE_LABELS = {
    GatheringMode.video: "video",
    GatheringMode.physical: "fysisk",
    GatheringMode.hybrid: "hybrid",
}

GATHERING_STATUS_LABELS = {
    GatheringStatus.planned: "planlagt",
    GatheringStatus.held: "holdt",
    GatheringStatus.cancelled: "avlyst",
}

FOLLOW_UP_KIND_LABELS = {
    FollowUpKind.meeting: "møte",
    FollowUpKind.call: "telefon",
    FollowUpKind.email: "e-post",
    FollowUpKind.visit: "besøk",
    FollowUpKind.gathering: "samling",
}
