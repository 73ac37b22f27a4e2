"""The overview's views (and the milestone and handlingsdel views it lists), importable without
SQLAlchemy: services.plain_overview builds them with plain SQL for `nettverk status` and the
TUI's Oversikt. The services that built them before re-export them.

They are NamedTuples, not dataclasses: `nettverk status` imports nothing else that needs the
dataclasses module (with inspect, ast and dis behind it), and making these eight dataclasses
took as long as importing it; together about a seventh of the command's time. A milestone
view, 100,000 of them in Milepæler, is made faster and held in less memory as a tuple too."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from nettverk.domain.network_rules import CONFIRM_PROMPT

GATHERING_HORIZON_DAYS = 60
ITEM_LIMIT = 100  # items per list in the overview; the totals count them all


class MilestoneView(NamedTuple):
    """A milestone, or a follow-up's next action shown with the milestones.

    `kind` is "milestone" (then `id` is the milestone's id) or "next_action" (then `id` is
    None and `follow_up_id` names the follow-up); `key` is unique across both.
    """

    key: str
    kind: str
    id: int | None
    follow_up_id: int | None
    title: str
    due: date
    done_on: date | None
    status: str
    status_label: str
    programme: str | None
    municipality: str | None
    municipality_name: str | None
    plan_document_id: int | None
    responsible: str | None
    version: int


class HandlingsdelRevision(NamedTuple):
    """One year's revision of a municipality's handlingsdel: due date and whether it was done."""

    municipality: str
    display_name: str
    year: int
    due: date
    plan_document_id: int | None
    adopted_on: date | None
    state: str
    state_label: str


class UpcomingGathering(NamedTuple):
    """A planned gathering within the horizon."""

    id: int
    uid: str
    programme: str
    title: str
    start: datetime
    end: datetime
    mode: str
    mode_label: str
    location: str | None
    municipality: str | None
    municipality_name: str | None
    days_until: int


class UnconfirmedGathering(NamedTuple):
    """A gathering whose time has passed without being recorded held or cancelled: the user is
    asked to confirm it (`gathering held ID`)."""

    id: int
    uid: str
    programme: str
    title: str
    start: datetime
    end: datetime
    mode: str
    mode_label: str
    location: str | None
    version: int
    days_since: int
    prompt: str = CONFIRM_PROMPT


class PendingApplication(NamedTuple):
    """An application awaiting a decision."""

    id: int
    programme: str
    municipality: str
    display_name: str
    received: date
    status: str
    status_label: str
    late: bool
    eligible: bool
    eligibility_notes: list[str]


class OverduePlan(NamedTuple):
    """A planstrategi past its legal deadline and not adopted."""

    id: int
    municipality: str
    display_name: str
    period_start: int | None
    period_end: int | None
    stage: str
    stage_label: str
    deadline: date
    days_overdue: int
    programmes: list[str]


class ProgrammeCounts(NamedTuple):
    """Per-programme counts for the overview."""

    slug: str
    name: str
    kind: str
    participants: int
    applications_pending: int
    gatherings_held: int
    gatherings_planned: int
    gatherings_upcoming: int
    overdue: int
    due_soon: int
    plan_strategies_overdue: int
    gatherings_unconfirmed: int = 0


class OverviewView(NamedTuple):
    """Everything that needs attention on `today`."""

    today: date
    horizon_days: int
    upcoming_gatherings: list[UpcomingGathering]
    overdue: list[MilestoneView]
    due_soon: list[MilestoneView]
    pending_applications: list[PendingApplication]
    overdue_plan_strategies: list[OverduePlan]
    programmes: list[ProgrammeCounts]
    overdue_handlingsdel: list[HandlingsdelRevision]
    """Yearly handlingsdel revisions (PBL § 11-1) past their due date."""
    overdue_total: int
    """All overdue items; `overdue` lists the ITEM_LIMIT oldest of them."""
    due_soon_total: int
    """All items due soon; `due_soon` lists the ITEM_LIMIT first of them."""
    unconfirmed_gatherings: list[UnconfirmedGathering]
    """Past gatherings not recorded held or cancelled (the ITEM_LIMIT most recent)."""
    unconfirmed_total: int

    @property
    def needs_attention(self) -> bool:
        """Whether anything at all is listed."""
        return bool(self.upcoming_gatherings or self.overdue or self.due_soon
                    or self.pending_applications or self.overdue_plan_strategies
                    or self.unconfirmed_gatherings or self.overdue_handlingsdel)
