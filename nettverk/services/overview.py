"""What needs attention now, across every programme (the `nettverk status` use case)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import case, func, or_, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from nettverk.domain.network import (
    APPLICATION_STATUS_LABELS,
    DUE_SOON_DAYS,
    GATHERING_MODE_LABELS,
    PLAN_STAGE_LABELS,
    Application,
    ApplicationStatus,
    DeadlineState,
    FollowUp,
    Gathering,
    GatheringStatus,
    Milestone,
    PlanDocument,
    PlanKind,
    eligibility_notes,
    plan_document_deadline,
    plan_strategy_deadline_state,
)
from nettverk.domain.register import Municipality, Participation, ParticipationStatus, Programme
from nettverk.domain.values import OSLO
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.as_of import (
    UNCONFIRMED,
    cancelled_by,
    held_by,
    unconfirmed_by,
)
from nettverk.services.milestones import MilestoneView, milestone_view, next_action_view
from nettverk.services.network_common import display_name, local, today_or
from nettverk.services.overview_views import GATHERING_HORIZON_DAYS as GATHERING_HORIZON_DAYS
from nettverk.services.overview_views import ITEM_LIMIT as ITEM_LIMIT
from nettverk.services.overview_views import OverduePlan as OverduePlan
from nettverk.services.overview_views import OverviewView as OverviewView
from nettverk.services.overview_views import PendingApplication as PendingApplication
from nettverk.services.overview_views import ProgrammeCounts as ProgrammeCounts
from nettverk.services.overview_views import UnconfirmedGathering as UnconfirmedGathering
from nettverk.services.overview_views import UpcomingGathering as UpcomingGathering
from nettverk.services.plan_revisions import overdue_revisions_in
from nettverk.services.populations import population_at


def overview(uow: UnitOfWork, today: date | None = None) -> OverviewView:
    """Gatherings in the next 60 days, past gatherings not confirmed held, overdue and due-soon
    milestones and next actions, applications awaiting a decision, planstrategier past their
    deadline, per-programme counts: all as recorded on `today` (a later cancellation,
    confirmation, decision, completion or adoption is not seen).

    A fixed number of queries, whatever the amount of data.
    """
    with uow:
        s = uow.session
        today = today_or(today)
        soon = today + timedelta(days=DUE_SOON_DAYS)
        start = datetime(today.year, today.month, today.day, tzinfo=OSLO)
        horizon = start + timedelta(days=GATHERING_HORIZON_DAYS + 1)

        programmes = list(s.scalars(select(Programme).order_by(Programme.starts, Programme.slug)))
        slug_of = {p.id: p.slug for p in programmes}

        participations = s.execute(
            select(Participation.programme_id, Participation.municipality_id)
            .where(Participation.status != ParticipationStatus.withdrawn)
        ).all()
        participants = Counter(pid for pid, _ in participations)
        programmes_of: dict[int, list[str]] = {}
        for pid, mid in participations:
            programmes_of.setdefault(mid, []).append(slug_of[pid])

        state_then = case((cancelled_by(today), GatheringStatus.cancelled.value),
                          (held_by(today), GatheringStatus.held.value),
                          (Gathering.starts_at < start, UNCONFIRMED),
                          else_=GatheringStatus.planned.value)
        gathering_counts = Counter({
            (pid, st): n for pid, st, n in s.execute(
                select(Gathering.programme_id, state_then, func.count(Gathering.id))
                .group_by(Gathering.programme_id, state_then))
        })
        unconfirmed = [
            UnconfirmedGathering(
                id=g.id, uid=g.uid, programme=g.programme.slug, title=g.title,
                start=local(g.starts_at), end=local(g.ends_at), mode=g.mode.value,
                mode_label=GATHERING_MODE_LABELS[g.mode], location=g.location,
                version=g.version, days_since=(today - local(g.starts_at).date()).days,
            )
            for g in s.scalars(
                select(Gathering).options(joinedload(Gathering.programme))
                .where(unconfirmed_by(today, before=start))
                .order_by(Gathering.starts_at.desc(), Gathering.id.desc()).limit(ITEM_LIMIT))
        ]

        upcoming = [
            UpcomingGathering(
                id=g.id, uid=g.uid, programme=g.programme.slug, title=g.title,
                start=local(g.starts_at), end=local(g.ends_at), mode=g.mode.value,
                mode_label=GATHERING_MODE_LABELS[g.mode], location=g.location,
                municipality=g.municipality.number if g.municipality else None,
                municipality_name=(display_name(g.municipality.name, g.municipality.sami_name)
                                   if g.municipality else None),
                days_until=(local(g.starts_at).date() - today).days,
            )
            for g in s.scalars(
                select(Gathering)
                .options(joinedload(Gathering.programme), joinedload(Gathering.municipality))
                .where(~cancelled_by(today),
                       Gathering.starts_at >= start, Gathering.starts_at < horizon)
                .order_by(Gathering.starts_at, Gathering.id))
        ]

        # The lists show the most urgent items; the totals come from aggregate queries, so a
        # county with a hundred thousand milestones still gets its overview at once.
        # Done after `today` = not done yet then.
        open_milestone = or_(Milestone.done_on.is_(None), Milestone.done_on > today)
        open_action = or_(FollowUp.next_action_done_on.is_(None),
                          FollowUp.next_action_done_on > today)

        def milestones_due(condition: Any) -> list[MilestoneView]:
            return [milestone_view(m, today) for m in s.scalars(
                select(Milestone)
                .options(joinedload(Milestone.programme), joinedload(Milestone.municipality),
                         joinedload(Milestone.plan_document).joinedload(PlanDocument.municipality),
                         joinedload(Milestone.responsible))
                .where(open_milestone, condition)
                .order_by(Milestone.due, Milestone.id).limit(ITEM_LIMIT))]

        def actions_due(condition: Any) -> list[MilestoneView]:
            return [next_action_view(f, today) for f in s.scalars(
                select(FollowUp)
                .options(joinedload(FollowUp.municipality), joinedload(FollowUp.programme))
                .where(FollowUp.next_action_due.is_not(None), open_action, condition)
                .order_by(FollowUp.next_action_due, FollowUp.id).limit(ITEM_LIMIT))]

        def first(items: list[MilestoneView]) -> list[MilestoneView]:
            return sorted(items, key=lambda v: (v.due, v.kind, v.key))[:ITEM_LIMIT]

        overdue = first(milestones_due(Milestone.due < today)
                        + actions_due(FollowUp.next_action_due < today))
        due_soon = first(milestones_due(Milestone.due.between(today, soon))
                         + actions_due(FollowUp.next_action_due.between(today, soon)))
        # Open = not done, or done after `today`: two ranges of ix_milestone_open_cover (the
        # OR read the rows through the programme index, 150 ms at national scale; this 16 ms).
        open_due = union_all(
            select(Milestone.programme_id, Milestone.due)
            .where(Milestone.done_on.is_(None), Milestone.due <= soon),
            select(Milestone.programme_id, Milestone.due)
            .where(Milestone.done_on > today, Milestone.due <= soon),
        ).subquery("open_milestone")
        late = case((open_due.c.due < today, "overdue"), else_="due_soon")
        totals: Counter[tuple[int | None, str]] = Counter()
        for pid, state, n in s.execute(
            select(open_due.c.programme_id, late, func.count())
            .group_by(open_due.c.programme_id, late)
        ):
            totals[(pid, state)] += n
        action_late = case((FollowUp.next_action_due < today, "overdue"), else_="due_soon")
        for pid, state, n in s.execute(
            select(FollowUp.programme_id, action_late, func.count())
            .where(FollowUp.next_action_due.is_not(None), open_action,
                   FollowUp.next_action_due <= soon)
            .group_by(FollowUp.programme_id, action_late)
        ):
            totals[(pid, state)] += n

        pending = []
        for a in s.scalars(
            select(Application)
            .join(Application.municipality)
            .options(joinedload(Application.programme), joinedload(Application.round),
                     joinedload(Application.municipality)
                     .selectinload(Municipality.populations),
                     selectinload(Application.events))
            .where(Application.received <= today, or_(
                Application.status.in_([ApplicationStatus.received,
                                        ApplicationStatus.interview]),
                Application.decided_on > today))  # decided later: still open then
            .order_by(Application.received, Municipality.number)
        ):
            m, p = a.municipality, a.programme
            steps = sorted((e for e in a.events if e.on <= today), key=lambda e: e.on)
            status = steps[-1].status if steps else ApplicationStatus.received
            if status not in (ApplicationStatus.received, ApplicationStatus.interview):
                continue
            population, year = population_at(m, a.received.year)
            notes = eligibility_notes(population, year, p.max_population, m.ended_on, p.starts)
            pending.append(PendingApplication(
                id=a.id, programme=p.slug, municipality=m.number,
                display_name=display_name(m.name, m.sami_name), received=a.received,
                status=status.value, status_label=APPLICATION_STATUS_LABELS[status],
                late=a.is_late, eligible=not notes, eligibility_notes=notes,
            ))

        plans = []
        for d in s.scalars(
            select(PlanDocument).join(PlanDocument.municipality)
            .options(joinedload(PlanDocument.municipality), selectinload(PlanDocument.stages))
            .where(PlanDocument.kind == PlanKind.plan_strategy,
                   or_(PlanDocument.adopted_on.is_(None), PlanDocument.adopted_on > today))
            .order_by(Municipality.number, PlanDocument.id)
        ):
            deadline = plan_document_deadline(d.kind, d.period_start, d.council_constituted_on,
                                              today)
            if deadline is None or plan_strategy_deadline_state(
                    deadline, None, today) is not DeadlineState.overdue:
                continue
            m = d.municipality
            then = [e.stage for e in sorted(d.stages, key=lambda e: e.on) if e.on <= today]
            stage = then[-1] if then else d.stage
            plans.append(OverduePlan(
                id=d.id, municipality=m.number, display_name=display_name(m.name, m.sami_name),
                period_start=d.period_start, period_end=d.period_end, stage=stage.value,
                stage_label=PLAN_STAGE_LABELS[stage], deadline=deadline,
                days_overdue=(today - deadline).days,
                programmes=sorted(programmes_of.get(d.municipality_id, [])),
            ))

        counts = []
        for p in programmes:
            counts.append(ProgrammeCounts(
                slug=p.slug, name=p.name, kind=p.kind.value, participants=participants[p.id],
                applications_pending=sum(1 for a in pending if a.programme == p.slug),
                gatherings_held=gathering_counts[(p.id, GatheringStatus.held)],
                gatherings_planned=gathering_counts[(p.id, GatheringStatus.planned)],
                gatherings_upcoming=sum(1 for g in upcoming if g.programme == p.slug),
                overdue=totals[(p.id, "overdue")],
                due_soon=totals[(p.id, "due_soon")],
                plan_strategies_overdue=sum(1 for d in plans if p.slug in d.programmes),
                gatherings_unconfirmed=gathering_counts[(p.id, UNCONFIRMED)],
            ))
        return OverviewView(
            today=today, horizon_days=GATHERING_HORIZON_DAYS, upcoming_gatherings=upcoming,
            overdue=overdue, due_soon=due_soon, pending_applications=pending,
            overdue_plan_strategies=plans, programmes=counts,
            overdue_handlingsdel=overdue_revisions_in(s, today),
            overdue_total=sum(n for (_, state), n in totals.items() if state == "overdue"),
            due_soon_total=sum(n for (_, state), n in totals.items() if state == "due_soon"),
            unconfirmed_gatherings=unconfirmed,
            unconfirmed_total=sum(n for (_, st), n in gathering_counts.items()
                                  if st == UNCONFIRMED),
        )
