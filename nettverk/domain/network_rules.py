"""The learning network's rules and words, apart from its mapped classes (nettverk.domain.network
re-exports them): statuses, deadlines, eligibility, labels. Importable without SQLAlchemy, for
the read-only commands that read with plain SQL (services.plain_reads)."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from nettverk.domain.errors import DomainError
from nettverk.domain.norwegian import count


class ApplicationStatus(enum.StrEnum):
    """The selection workflow: received → interview → accepted | rejected | withdrawn."""

    received = "received"
    interview = "interview"
    accepted = "accepted"
    rejected = "rejected"
    withdrawn = "withdrawn"


class GatheringMode(enum.StrEnum):
    """How a gathering is held."""

    video = "video"
    physical = "physical"
    hybrid = "hybrid"


#: A gathering whose time has passed without being recorded held or cancelled (services.as_of).
UNCONFIRMED = "unconfirmed"
UNCONFIRMED_LABEL = "ikke bekreftet"
CONFIRM_PROMPT = "Bekreft at samlingen ble holdt"


class GatheringStatus(enum.StrEnum):
    """Whether a gathering is planned, held or cancelled."""

    planned = "planned"
    held = "held"
    cancelled = "cancelled"


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


class FollowUpKind(enum.StrEnum):
    """How a follow-up contact happened."""

    meeting = "meeting"
    call = "call"
    email = "email"
    visit = "visit"
    gathering = "gathering"


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
        f"Forslaget ble gjort offentlig {published_on:%d.%m.%Y}, bare {count(days, 'dager')} før vedtaket "
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
    import uuid  # only when a gathering is made: uuid imports platform, slow to start

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
