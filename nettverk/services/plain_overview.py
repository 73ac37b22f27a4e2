"""`nettverk status` in plain SQL (persistence.plain): services.overview.overview's answer,
read without SQLAlchemy or the mapped classes. Each statement mirrors one of the overview's
(same conditions, same order); the rules come from domain.network_rules. tests/cli/
test_plain_reads.py compares the two byte for byte on both databases for several dates."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from nettverk.domain.network_rules import (
    APPLICATION_STATUS_LABELS,
    DEADLINE_STATE_LABELS,
    DUE_SOON_DAYS,
    GATHERING_MODE_LABELS,
    MILESTONE_STATUS_LABELS,
    PLAN_STAGE_LABELS,
    UNCONFIRMED,
    ApplicationStatus,
    DeadlineState,
    GatheringMode,
    GatheringStatus,
    PlanKind,
    PlanStage,
    eligibility_notes,
    handlingsdel_revision_due,
    milestone_status,
    plan_document_deadline,
    plan_strategy_deadline_state,
)
from nettverk.domain.norwegian import display_name
from nettverk.domain.rules import population_known
from nettverk.domain.values import OSLO
from nettverk.persistence.plain import PlainReader
from nettverk.services.network_common import local, today_or
from nettverk.services.overview_views import (
    GATHERING_HORIZON_DAYS,
    ITEM_LIMIT,
    HandlingsdelRevision,
    MilestoneView,
    OverduePlan,
    OverviewView,
    PendingApplication,
    ProgrammeCounts,
    UnconfirmedGathering,
    UpcomingGathering,
)

# services.as_of's conditions, with their parameters in this order: (at, at) and (end_of(at), at).
_CANCELLED_BY = "(g.status = 'cancelled' AND (g.cancelled_on IS NULL OR g.cancelled_on <= ?))"
_HELD_BY = ("(g.status = 'held' AND g.starts_at < ? "
            "AND (g.held_on IS NULL OR g.held_on <= ?))")
# NOT cancelled-by AND NOT held-by, for a gathering that started before the day: planned, or
# held or cancelled only after the day (a NULL date counts as on time, as above). Written as three
# ranges of ix_gathering_state rather than a walk over every past gathering.
_NEITHER_BY = ("(g.status = 'planned' OR (g.status = 'held' AND g.held_on > ?) "
               "OR (g.status = 'cancelled' AND g.cancelled_on > ?))")
_GATHERING = ("SELECT g.id, g.uid, p.slug, g.title, g.starts_at, g.ends_at, g.mode, g.location, "
              "g.version, mu.number, mu.name, mu.sami_name FROM gathering g "
              "JOIN programme p ON p.id = g.programme_id "
              "LEFT OUTER JOIN municipality mu ON mu.id = g.municipality_id ")


def overview(reader: PlainReader, today: date | None = None) -> OverviewView:
    """As services.overview.overview."""
    r = reader
    today = today_or(today)
    soon = today + timedelta(days=DUE_SOON_DAYS)
    start = datetime(today.year, today.month, today.day, tzinfo=OSLO)
    horizon = start + timedelta(days=GATHERING_HORIZON_DAYS + 1)
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=OSLO)  # as_of.end_of

    programmes = r.rows("SELECT id, slug, name, kind FROM programme ORDER BY starts, slug")
    slug_of = {pid: slug for pid, slug, _, _ in programmes}
    participations = r.rows("SELECT programme_id, municipality_id FROM participation "
                            "WHERE status != 'withdrawn'")
    participants = Counter(pid for pid, _ in participations)
    programmes_of: dict[int, list[str]] = {}
    for pid, mid in participations:
        programmes_of.setdefault(mid, []).append(slug_of[pid])

    gathering_counts: Counter[tuple[int, str]] = Counter({
        (pid, st): n for pid, st, n in r.rows(
            f"SELECT g.programme_id, CASE WHEN {_CANCELLED_BY} THEN 'cancelled' "
            f"WHEN {_HELD_BY} THEN 'held' WHEN g.starts_at < ? THEN '{UNCONFIRMED}' "
            "ELSE 'planned' END, count(*) FROM gathering g GROUP BY 2, 1",  # by ix_gathering_state
            (today, end, today, start))
    })
    unconfirmed = [
        UnconfirmedGathering(
            id=g[0], uid=g[1], programme=g[2], title=g[3], start=local(r.instant(g[4])),
            end=local(r.instant(g[5])), mode=g[6], mode_label=GATHERING_MODE_LABELS[
                GatheringMode(g[6])], location=g[7], version=g[8],
            days_since=(today - local(r.instant(g[4])).date()).days,
        )
        for g in r.rows(_GATHERING + f"WHERE g.starts_at < ? AND {_NEITHER_BY} "
                        "ORDER BY g.starts_at DESC, g.id DESC LIMIT ?",
                        (start, today, today, ITEM_LIMIT))
    ]
    upcoming = [
        UpcomingGathering(
            id=g[0], uid=g[1], programme=g[2], title=g[3], start=local(r.instant(g[4])),
            end=local(r.instant(g[5])), mode=g[6], mode_label=GATHERING_MODE_LABELS[
                GatheringMode(g[6])], location=g[7], municipality=g[9],
            municipality_name=display_name(g[10], g[11]) if g[9] is not None else None,
            days_until=(local(r.instant(g[4])).date() - today).days,
        )
        for g in r.rows(_GATHERING + f"WHERE NOT {_CANCELLED_BY} AND g.starts_at >= ? "
                        "AND g.starts_at < ? ORDER BY g.starts_at, g.id",
                        (today, start, horizon))
    ]

    def first(items: list[MilestoneView]) -> list[MilestoneView]:
        return sorted(items, key=lambda v: (v.due, v.kind, v.key))[:ITEM_LIMIT]

    overdue = first(_milestones(r, today, "m.due < ?", (today,))
                    + _actions(r, today, "f.next_action_due < ?", (today,)))
    due_soon = first(_milestones(r, today, "m.due BETWEEN ? AND ?", (today, soon))
                     + _actions(r, today, "f.next_action_due BETWEEN ? AND ?", (today, soon)))
    totals: Counter[tuple[int | None, str]] = Counter()
    # Open: not done, or done after today (as the overview). Those not done are counted by the
    # database (one range of ix_milestone_open_cover, half the time of a UNION of both ranges
    # grouped together); the few done after today are counted here.
    for pid, overdue_count, n in r.rows(
            "SELECT programme_id, sum(CASE WHEN due < ? THEN 1 ELSE 0 END), count(*) "
            "FROM milestone WHERE done_on IS NULL AND due <= ? GROUP BY programme_id",
            (today, soon)):
        totals[(pid, "overdue")] += overdue_count
        totals[(pid, "due_soon")] += n - overdue_count
    for pid, due in r.rows("SELECT programme_id, due FROM milestone "
                           "WHERE done_on > ? AND due <= ?", (today, soon)):
        totals[(pid, "overdue" if r.day(due) < today else "due_soon")] += 1
    # The same for follow-ups' next actions (ix_follow_up_open_next_action; with the OR, the
    # database walked every next action due until the horizon, done or not).
    for pid, overdue_count, n in r.rows(
            "SELECT programme_id, sum(CASE WHEN next_action_due < ? THEN 1 ELSE 0 END), "
            "count(*) FROM follow_up WHERE next_action_done_on IS NULL "
            "AND next_action_due <= ? GROUP BY programme_id", (today, soon)):
        totals[(pid, "overdue")] += overdue_count
        totals[(pid, "due_soon")] += n - overdue_count
    for pid, due in r.rows("SELECT programme_id, next_action_due FROM follow_up "
                           "WHERE next_action_done_on > ? AND next_action_due <= ?",
                           (today, soon)):
        totals[(pid, "overdue" if r.day(due) < today else "due_soon")] += 1

    pending = _pending(r, today)
    plans = _overdue_plans(r, today, programmes_of)
    counts = [
        ProgrammeCounts(
            slug=slug, name=name, kind=kind, participants=participants[pid],
            applications_pending=sum(1 for a in pending if a.programme == slug),
            gatherings_held=gathering_counts[(pid, GatheringStatus.held)],
            gatherings_planned=gathering_counts[(pid, GatheringStatus.planned)],
            gatherings_upcoming=sum(1 for g in upcoming if g.programme == slug),
            overdue=totals[(pid, "overdue")], due_soon=totals[(pid, "due_soon")],
            plan_strategies_overdue=sum(1 for d in plans if slug in d.programmes),
            gatherings_unconfirmed=gathering_counts[(pid, UNCONFIRMED)],
        )
        for pid, slug, name, kind in programmes
    ]
    return OverviewView(
        today=today, horizon_days=GATHERING_HORIZON_DAYS, upcoming_gatherings=upcoming,
        overdue=overdue, due_soon=due_soon, pending_applications=pending,
        overdue_plan_strategies=plans, programmes=counts,
        overdue_handlingsdel=_overdue_revisions(r, today),
        overdue_total=sum(n for (_, state), n in totals.items() if state == "overdue"),
        due_soon_total=sum(n for (_, state), n in totals.items() if state == "due_soon"),
        unconfirmed_gatherings=unconfirmed,
        unconfirmed_total=sum(n for (_, st), n in gathering_counts.items() if st == UNCONFIRMED),
    )




def _milestones(r: PlainReader, today: date, condition: str,
                params: tuple[Any, ...]) -> list[MilestoneView]:
    """As the overview's milestones_due: open on `today`, the ITEM_LIMIT first by due date."""
    out = []
    for (id_, title, due_, done_, slug, mnum, mname, msami, pd_id, pnum, pname, psami,
         responsible, version) in r.rows(
            "SELECT m.id, m.title, m.due, m.done_on, p.slug, mu.number, mu.name, mu.sami_name, "
            "m.plan_document_id, pm.number, pm.name, pm.sami_name, pe.name, m.version "
            "FROM milestone m LEFT OUTER JOIN programme p ON p.id = m.programme_id "
            "LEFT OUTER JOIN municipality mu ON mu.id = m.municipality_id "
            "LEFT OUTER JOIN plan_document pd ON pd.id = m.plan_document_id "
            "LEFT OUTER JOIN municipality pm ON pm.id = pd.municipality_id "
            "LEFT OUTER JOIN person pe ON pe.id = m.responsible_id "
            f"WHERE (m.done_on IS NULL OR m.done_on > ?) AND {condition} "
            "ORDER BY m.due, m.id LIMIT ?", (today, *params, ITEM_LIMIT)):
        due, done_on = r.day(due_), r.as_date(done_)
        number, name, sami = (mnum, mname, msami) if mnum is not None else (pnum, pname, psami)
        status = milestone_status(due, done_on, today)
        out.append(MilestoneView(
            key=f"milestone:{id_}", kind="milestone", id=id_, follow_up_id=None, title=title,
            due=due, done_on=done_on, status=status.value,
            status_label=MILESTONE_STATUS_LABELS[status], programme=slug, municipality=number,
            municipality_name=display_name(name, sami) if number is not None else None,
            plan_document_id=pd_id, responsible=responsible, version=version,
        ))
    return out


def _actions(r: PlainReader, today: date, condition: str,
             params: tuple[Any, ...]) -> list[MilestoneView]:
    """As the overview's actions_due: follow-ups' next actions open on `today`."""
    out = []
    for (id_, action, due_, done_, slug, number, name, sami, participants,
         version) in r.rows(
            "SELECT f.id, f.next_action, f.next_action_due, f.next_action_done_on, p.slug, "
            "mu.number, mu.name, mu.sami_name, f.participants, f.version FROM follow_up f "
            "JOIN municipality mu ON mu.id = f.municipality_id "
            "LEFT OUTER JOIN programme p ON p.id = f.programme_id "
            "WHERE f.next_action_due IS NOT NULL "
            "AND (f.next_action_done_on IS NULL OR f.next_action_done_on > ?) "
            f"AND {condition} ORDER BY f.next_action_due, f.id LIMIT ?",
            (today, *params, ITEM_LIMIT)):
        due, done_on = r.day(due_), r.as_date(done_)
        status = milestone_status(due, done_on, today)
        out.append(MilestoneView(
            key=f"follow_up:{id_}", kind="next_action", id=None, follow_up_id=id_,
            title=action or "", due=due, done_on=done_on, status=status.value,
            status_label=MILESTONE_STATUS_LABELS[status], programme=slug, municipality=number,
            municipality_name=display_name(name, sami), plan_document_id=None,
            responsible=participants, version=version,
        ))
    return out


def _pending(r: PlainReader, today: date) -> list[PendingApplication]:
    """As the overview's applications awaiting a decision on `today`."""
    found = r.rows(
        "SELECT a.id, a.received, p.slug, p.max_population, p.starts, mu.id, mu.number, "
        "mu.name, mu.sami_name, mu.ended_on, mu.population, mu.population_year, ro.deadline "
        "FROM application a JOIN municipality mu ON mu.id = a.municipality_id "
        "JOIN programme p ON p.id = a.programme_id "
        "LEFT OUTER JOIN application_round ro ON ro.id = a.round_id "
        "WHERE a.received <= ? AND (a.status IN ('received', 'interview') "
        "OR a.decided_on > ?) ORDER BY a.received, mu.number", (today, today))
    if not found:
        return []
    ids = sorted({row[0] for row in found})
    marks = ", ".join("?" * len(ids))
    events: dict[int, list[tuple[date, str]]] = {}
    for aid, status, on in r.rows(
            'SELECT application_id, status, "on" FROM application_event '
            f"WHERE application_id IN ({marks}) ORDER BY application_id, id", ids):
        events.setdefault(aid, []).append((r.day(on), status))
    mids = sorted({row[5] for row in found})
    figures: dict[int, dict[int, int]] = {}
    for mid, year, population in r.rows(
            "SELECT municipality_id, year, population FROM municipality_population "
            f"WHERE municipality_id IN ({', '.join('?' * len(mids))}) "
            "ORDER BY municipality_id, year", mids):
        figures.setdefault(mid, {})[year] = population
    pending = []
    for (aid, received_, slug, max_population, starts_, mid, number, name, sami, ended_,
         population, population_year, deadline_) in found:
        received = r.day(received_)
        steps = sorted((e for e in events.get(aid, []) if e[0] <= today), key=lambda e: e[0])
        status = ApplicationStatus(steps[-1][1]) if steps else ApplicationStatus.received
        if status not in (ApplicationStatus.received, ApplicationStatus.interview):
            continue
        held = dict(figures.get(mid, {}))
        if population is not None and population_year is not None:
            held.setdefault(population_year, population)
        people, year = population_known(held, received.year, population)
        notes = eligibility_notes(people, year, max_population, r.as_date(ended_),
                                  r.as_date(starts_))
        deadline = r.as_date(deadline_)
        pending.append(PendingApplication(
            id=aid, programme=slug, municipality=number, display_name=display_name(name, sami),
            received=received, status=status.value,
            status_label=APPLICATION_STATUS_LABELS[status],
            late=deadline is not None and received > deadline, eligible=not notes,
            eligibility_notes=notes,
        ))
    return pending


def _overdue_plans(r: PlainReader, today: date,
                   programmes_of: dict[int, list[str]]) -> list[OverduePlan]:
    """As the overview's planstrategier past their deadline on `today`."""
    found = r.rows(
        "SELECT d.id, d.municipality_id, d.period_start, d.period_end, d.stage, "
        "d.council_constituted_on, mu.number, mu.name, mu.sami_name FROM plan_document d "
        "JOIN municipality mu ON mu.id = d.municipality_id WHERE d.kind = 'plan_strategy' "
        "AND (d.adopted_on IS NULL OR d.adopted_on > ?) ORDER BY mu.number, d.id", (today,))
    stages: dict[int, list[tuple[date, str]]] = {}
    if found:
        ids = [row[0] for row in found]
        for did, stage, on in r.rows(
                'SELECT plan_document_id, stage, "on" FROM plan_stage_event '
                f"WHERE plan_document_id IN ({', '.join('?' * len(ids))}) ORDER BY \"on\", id",
                ids):
            stages.setdefault(did, []).append((r.day(on), stage))
    plans = []
    for did, mid, period_start, period_end, stage_, constituted, number, name, sami in found:
        deadline = plan_document_deadline(PlanKind.plan_strategy, period_start,
                                          r.as_date(constituted), today)
        if deadline is None or plan_strategy_deadline_state(
                deadline, None, today) is not DeadlineState.overdue:
            continue
        then = [s for on, s in sorted(stages.get(did, []), key=lambda e: e[0]) if on <= today]
        stage = PlanStage(then[-1] if then else stage_)
        plans.append(OverduePlan(
            id=did, municipality=number, display_name=display_name(name, sami),
            period_start=period_start, period_end=period_end, stage=stage.value,
            stage_label=PLAN_STAGE_LABELS[stage], deadline=deadline,
            days_overdue=(today - deadline).days,
            programmes=sorted(programmes_of.get(mid, [])),
        ))
    return plans


def _state(due: date, today: date) -> tuple[str, str]:
    state = plan_strategy_deadline_state(due, None, today)
    return state.value, DEADLINE_STATE_LABELS[state]


def _overdue_revisions(r: PlainReader, today: date) -> list[HandlingsdelRevision]:
    """As services.plan_revisions.overdue_revisions_in."""
    out = []
    for did, period_start, number, name, sami in r.rows(
            "SELECT d.id, d.period_start, mu.number, mu.name, mu.sami_name FROM plan_document d "
            "JOIN municipality mu ON mu.id = d.municipality_id WHERE d.kind = 'action_plan' "
            "AND d.adopted_on IS NULL AND d.period_start <= ? "
            "ORDER BY mu.number, d.period_start, d.id", (today.year,)):
        due = handlingsdel_revision_due(period_start)
        if due < today:
            state, label = _state(due, today)
            out.append(HandlingsdelRevision(number, display_name(name, sami), period_start, due,
                                            did, None, state, label))
    due = handlingsdel_revision_due(today.year)
    for number, name, sami in r.rows(
            "SELECT mu.number, mu.name, mu.sami_name FROM municipality mu WHERE mu.id IN ("
            "SELECT pa.municipality_id FROM participation pa "
            "JOIN programme p ON pa.programme_id = p.id WHERE pa.status = 'active' "
            "AND p.kind = 'learning_network' AND p.starts <= ? "
            "AND (p.ends IS NULL OR p.ends >= ?)) AND NOT (EXISTS (SELECT * FROM plan_document d "
            "WHERE d.municipality_id = mu.id AND d.kind = 'action_plan' "
            "AND d.period_start = ?)) ORDER BY mu.number", (today, today, today.year)):
        state, label = _state(due, today)
        out.append(HandlingsdelRevision(number, display_name(name, sami), today.year, due, None,
                                        None, state, f"ikke registrert, {label}"))
    return out
