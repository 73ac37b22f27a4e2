"""Report use cases: gather the status and evaluation reports' data, and render them as PDF."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from nettverk.domain import rules
from nettverk.domain.agreements import (
    AGREEMENT_STATUS_LABELS,
    AgreementEvent,
    AgreementStatus,
    PartnershipAgreement,
)
from nettverk.domain.errors import NotFoundError
from nettverk.domain.evaluation import (
    CAPACITY_LABELS,
    SUCCESS_FACTOR_LABELS,
    CapacityAssessment,
    CapacityComponent,
    CapacityConsensus,
    CapacityScore,
    SuccessFactor,
    SuccessFactorStatus,
)
from nettverk.domain.network import (
    DEADLINE_STATE_LABELS,
    FOLLOW_UP_KIND_LABELS,
    GATHERING_MODE_LABELS,
    MILESTONE_STATUS_LABELS,
    PLAN_KIND_LABELS,
    PLAN_STAGE_LABELS,
    Attendance,
    FollowUp,
    Gathering,
    GatheringStatus,
    Milestone,
    MilestoneStatus,
    PlanDocument,
    PlanKind,
    PlanStage,
    PlanStageEvent,
    milestone_status,
    plan_document_deadline,
    plan_strategy_deadline_state,
)
from nettverk.domain.register import (
    County,
    Municipality,
    Participation,
    ParticipationStatus,
    Person,
    Programme,
    ProgrammeKind,
)
from nettverk.domain.values import OSLO
from nettverk.exports.pdf.evaluation import (
    Assessment,
    EvaluationReport,
    ParticipantSection,
    render_evaluation,
)
from nettverk.exports.pdf.status import (
    ApplicationLine,
    CoverageLine,
    GatheringLine,
    MilestoneLine,
    ParticipantLine,
    StatusReport,
    render_status,
)
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import (
    agreement_reminders,
    agreements,
    applications,
    attendance,
    capacity,
    feedback,
    programmes,
    report_figures,
)
from nettverk.services.as_of import (
    STATE_LABELS,
    UNCONFIRMED,
    attendance_recorded_by,
    cancelled_by,
    gathering_state,
    held_by,
)
from nettverk.services.capacity import spread_text
from nettverk.services.milestones import status_condition
from nettverk.services.register import find_programme
from nettverk.services.ten_point import ten_point_rows

_PARTICIPATION_LABELS = {"active": "aktiv", "completed": "fullført", "withdrawn": "trukket seg"}
_OPEN_APPLICATIONS = ("received", "interview")
_COMPONENTS = list(CapacityComponent)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=OSLO)


@dataclass(frozen=True)
class MilestoneRow:
    """A programme milestone as plain columns (no ORM objects: programmes can have 100,000)."""

    title: str
    due: date
    done_on: date | None
    municipality: str | None
    municipality_name: str | None
    responsible: str | None


def milestone_rows(uow: UnitOfWork, programme: str, year: int | None = None,
                   ) -> list[MilestoneRow]:
    """The programme's milestones by due date, with the municipality (own or via its plan);
    with `year`, only those due or done in that year."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        plan_municipality = aliased(Municipality)
        stmt = (
            select(Milestone.title, Milestone.due, Milestone.done_on,
                   func.coalesce(Municipality.number, plan_municipality.number),
                   func.coalesce(Municipality.name, plan_municipality.name),
                   func.coalesce(Municipality.sami_name, plan_municipality.sami_name),
                   Person.name)
            .outerjoin(Municipality, Milestone.municipality_id == Municipality.id)
            .outerjoin(PlanDocument, Milestone.plan_document_id == PlanDocument.id)
            .outerjoin(plan_municipality, PlanDocument.municipality_id == plan_municipality.id)
            .outerjoin(Person, Milestone.responsible_id == Person.id)
            .where(Milestone.programme_id == prog.id)
            .order_by(Milestone.due, Milestone.id)
        )
        if year is not None:
            first, last = date(year, 1, 1), date(year, 12, 31)
            stmt = stmt.where(or_(Milestone.due.between(first, last),
                                  Milestone.done_on.between(first, last)))
        return [
            MilestoneRow(title, due, done_on, number,
                         (f"{name} – {sami}" if sami else name) if name else None, responsible)
            for title, due, done_on, number, name, sami, responsible in s.execute(stmt)
        ]


def _programme(uow: UnitOfWork, programme: str) -> programmes.ProgrammeView:
    with uow:
        find_programme(uow.session, programme)  # the error names --programme, not the slug
    return programmes.get_programme(uow, programme)


def _period(starts: date, ends: date | None) -> str:
    return f"{starts.year}–{ends.year}" if ends else f"fra {starts.year}"


def _attendance_by_municipality(uow: UnitOfWork, programme: str, start: datetime | None,
                                at: date) -> dict[str, tuple[float | None, int, Decimal]]:
    """Attendance rate (attended of invited, held gatherings), persons and costs per municipality.

    The same rule as the yearly summary: the rate counts held gatherings only; costs count every
    gathering that was not cancelled; all as recorded on `at` (attendance recorded later is left
    out). One aggregate query.
    """
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        where = [Gathering.programme_id == prog.id, Gathering.starts_at < _end_of(at),
                 attendance_recorded_by(at)]
        if start is not None:
            where.append(Gathering.starts_at >= start)
        held = held_by(at)
        counted = ~cancelled_by(at)
        stmt = (
            select(Municipality.number,
                   func.sum(case((and_(held, Attendance.invited), 1), else_=0)),
                   func.sum(case((and_(held, Attendance.invited, Attendance.attended), 1),
                                 else_=0)),
                   func.sum(case((counted, Attendance.persons), else_=0)),
                   func.sum(case((counted, Attendance.travel_cost
                                  + Attendance.accommodation_cost), else_=0)))
            .join(Gathering, Attendance.gathering_id == Gathering.id)
            .join(Municipality, Attendance.municipality_id == Municipality.id)
            .where(and_(*where))
            .group_by(Municipality.number)
        )
        return {
            number: (round(100 * int(attended) / int(invited), 1) if invited else None,
                     int(persons or 0), Decimal(cost or 0).quantize(Decimal("0.01")))
            for number, invited, attended, persons, cost in s.execute(stmt)
        }


def _agreements_on(uow: UnitOfWork, programme: str, at: date,
                   ) -> dict[str, tuple[str, AgreementStatus]]:
    """Each municipality's agreement status in force on `at`, with its county: the latest step
    of the agreement's dated history on or before that day. An agreement first offered after
    `at` did not exist yet and is left out."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        stmt = (
            select(Municipality.number, County.number, AgreementEvent.status)
            .join(PartnershipAgreement, AgreementEvent.agreement_id == PartnershipAgreement.id)
            .join(Municipality, PartnershipAgreement.municipality_id == Municipality.id)
            .join(County, Municipality.county_id == County.id)
            .where(PartnershipAgreement.programme_id == prog.id, AgreementEvent.on <= at)
            .order_by(AgreementEvent.agreement_id, AgreementEvent.on, AgreementEvent.id)
        )
        # One agreement per municipality and programme; its last step in that order wins.
        return {number: (county, status) for number, county, status in s.execute(stmt)}


def _coverage(uow: UnitOfWork, programme_kind: str, programme: str, at: date,
              ) -> tuple[list[CoverageLine], str | None, dict[str, str]]:
    """Partnership-agreement coverage per county, and each municipality's agreement status,
    as they stood on `at`."""
    slug = programme if programme_kind == ProgrammeKind.partnership.value else agreements.PROGRAMME
    try:
        view = agreement_reminders.coverage(uow, programme=slug)  # the counties and their municipalities
        standing = _agreements_on(uow, slug, at)
    except NotFoundError:
        return [], None, {}
    signed: Counter[str] = Counter()
    pending: Counter[str] = Counter()
    for county, status in standing.values():
        if status is AgreementStatus.signed:
            signed[county] += 1
        elif status in (AgreementStatus.offered, AgreementStatus.under_consideration):
            pending[county] += 1
    lines = [CoverageLine(f"{c.county} {c.county_name}", c.municipalities, signed[c.county],
                          pending[c.county],
                          round(signed[c.county] / c.municipalities, 3) if c.municipalities
                          else 0.0)
             for c in view.counties]
    by_municipality = {number: AGREEMENT_STATUS_LABELS[status]
                       for number, (_, status) in standing.items()}
    return lines, programmes.get_programme(uow, slug).name, by_municipality


OVERDUE_LISTED = 100


def _milestone_standing(uow: UnitOfWork, programme: str, at: date) -> tuple[
        dict[str | None, int], dict[str | None, int], dict[str | None, int],
        list[MilestoneLine], int]:
    """Milestones per municipality as they stood on `at` (done later = not yet done then):
    done, overdue and total counts in one GROUP BY, and the oldest overdue ones listed.

    The states come from the milestones service's SQL form of the domain rule
    (`status_condition`), so the counts run in the database."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        plan_municipality = aliased(Municipality)
        number = func.coalesce(Municipality.number, plan_municipality.number)
        done_then = case((Milestone.done_on <= at, Milestone.done_on), else_=None)
        is_done = status_condition(Milestone.due, done_then, MilestoneStatus.done, at)
        is_overdue = status_condition(Milestone.due, done_then, MilestoneStatus.overdue, at)

        def scoped(stmt: Any) -> Any:
            return (stmt.select_from(Milestone)
                    .outerjoin(Municipality, Milestone.municipality_id == Municipality.id)
                    .outerjoin(PlanDocument, Milestone.plan_document_id == PlanDocument.id)
                    .outerjoin(plan_municipality,
                               PlanDocument.municipality_id == plan_municipality.id)
                    .where(Milestone.programme_id == prog.id))

        done: dict[str | None, int] = defaultdict(int)
        overdue_count: dict[str | None, int] = defaultdict(int)
        total: dict[str | None, int] = defaultdict(int)
        counts = scoped(select(number, func.count(Milestone.id),
                               func.sum(case((is_done, 1), else_=0)),
                               func.sum(case((is_overdue, 1), else_=0)))).group_by(number)
        for key, n, n_done, n_overdue in s.execute(counts):
            total[key], done[key], overdue_count[key] = n, int(n_done or 0), int(n_overdue or 0)
        oldest = scoped(select(
            Milestone.title, Milestone.due,
            func.coalesce(Municipality.name, plan_municipality.name),
            func.coalesce(Municipality.sami_name, plan_municipality.sami_name),
        )).where(is_overdue).order_by(Milestone.due, Milestone.id).limit(OVERDUE_LISTED)
        listed = [
            MilestoneLine(title, due, (f"{name} – {sami}" if sami else name) if name else None,
                          (at - due).days)
            for title, due, name, sami in s.execute(oldest)
        ]
    return done, overdue_count, total, listed, sum(overdue_count.values())


@dataclass(frozen=True)
class _Strategy:
    """A municipality's planstrategi as it stood on the report date."""

    stage_label: str
    deadline: date | None
    adopted_on: date | None


def _strategies_on(uow: UnitOfWork, programme: str, at: date) -> dict[str, _Strategy]:
    """Each participant's newest planstrategi begun by `at`, at the stage it had then (from its
    dated history; the current stage when it has none). Two column queries."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        participating = select(Participation.municipality_id).where(
            Participation.programme_id == prog.id,
            Participation.status != ParticipationStatus.withdrawn)
        documents = (
            select(PlanDocument.id).where(PlanDocument.kind == PlanKind.plan_strategy,
                                          PlanDocument.municipality_id.in_(participating)))
        newest: dict[str, Any] = {}
        for row in s.execute(
                select(PlanDocument.id, Municipality.number, PlanDocument.period_start,
                       PlanDocument.stage, PlanDocument.adopted_on,
                       PlanDocument.council_constituted_on)
                .join(Municipality, PlanDocument.municipality_id == Municipality.id)
                .where(PlanDocument.id.in_(documents))
                .order_by(Municipality.number, PlanDocument.period_start, PlanDocument.id)):
            if row.period_start is not None and row.period_start > at.year:
                continue  # a later period's document did not exist yet
            current = newest.get(row.number)
            if current is None or (row.period_start or 0) >= (current.period_start or 0):
                newest[row.number] = row
        history: dict[int, list[tuple[date, PlanStage]]] = defaultdict(list)
        for document_id, stage, on in s.execute(
                select(PlanStageEvent.plan_document_id, PlanStageEvent.stage, PlanStageEvent.on)
                .where(PlanStageEvent.plan_document_id.in_(documents))
                .order_by(PlanStageEvent.on, PlanStageEvent.id)):
            history[document_id].append((on, stage))
    out = {}
    for number, doc in newest.items():
        steps = history.get(doc.id)
        if not steps:
            stage_label = PLAN_STAGE_LABELS[doc.stage]
        else:
            then = [stage for on, stage in steps if on <= at]
            stage_label = PLAN_STAGE_LABELS[then[-1]] if then else "ikke startet"
        deadline = plan_document_deadline(PlanKind.plan_strategy, doc.period_start,
                                          doc.council_constituted_on, at)
        out[number] = _Strategy(stage_label, deadline, doc.adopted_on)
    return out


def status_report(uow: UnitOfWork, programme: str, at: date | None = None,
                  now: datetime | None = None) -> StatusReport:
    """The status report's data for the county council, as things stood on `at` (default today)."""
    made = _now(now)
    at = at or made.astimezone(OSLO).date()
    prog = _programme(uow, programme)
    # Those taking part by `at`; a participation that ended after `at` was still active then.
    participants = [p for p in programmes.list_participants(uow, programme) if p.starts <= at]

    strategy = _strategies_on(uow, programme, at)

    done, overdue_count, total, overdue, overdue_total = _milestone_standing(uow, programme, at)

    attendance = _attendance_by_municipality(uow, programme, None, at)
    coverage, coverage_name, agreement_by_municipality = _coverage(uow, prog.kind, programme,
                                                                   at)

    lines = []
    for p in participants:
        doc = strategy.get(p.municipality)
        deadline_state = None
        if doc is not None and doc.deadline is not None:
            adopted_then = doc.adopted_on if doc.adopted_on and doc.adopted_on <= at else None
            deadline_state = DEADLINE_STATE_LABELS[
                plan_strategy_deadline_state(doc.deadline, adopted_then, at)]
        rate = attendance.get(p.municipality, (None, 0, Decimal("0")))[0]
        lines.append(ParticipantLine(
            number=p.municipality,
            display_name=f"{p.name} – {p.sami_name}" if p.sami_name else p.name,
            county=p.county, population=p.population,
            population_year=None,
            status=_PARTICIPATION_LABELS.get(
                "active" if p.ends is not None and p.ends > at else p.status, p.status),
            plan_stage=doc.stage_label if doc else None,
            plan_deadline=doc.deadline if doc else None, plan_deadline_state=deadline_state,
            milestones_done=done[p.municipality], milestones_overdue=overdue_count[p.municipality],
            milestones_total=total[p.municipality], attendance_percent=rate,
            agreement=agreement_by_municipality.get(p.municipality),
        ))

    # Each gathering as recorded on `at`: a later cancellation or confirmation is not seen, and
    # one whose time had passed without being recorded held is listed as not confirmed.
    held: list[GatheringLine] = []
    coming: list[GatheringLine] = []
    unconfirmed: list[GatheringLine] = []
    cancelled = 0
    with uow:
        stmt = (
            select(Gathering.starts_at, Gathering.title, Gathering.mode, Gathering.status,
                   Gathering.location, Gathering.held_on, Gathering.cancelled_on)
            .join(Programme, Gathering.programme_id == Programme.id)
            .where(Programme.slug == programme)
            .order_by(Gathering.starts_at, Gathering.id)
        )
        for start, title, mode, status, location, held_on, cancelled_on in uow.session.execute(
                stmt):
            state = gathering_state(status, start, held_on, cancelled_on, at)
            if state == GatheringStatus.cancelled.value:
                cancelled += 1
                continue
            line = GatheringLine(start, title, GATHERING_MODE_LABELS[mode], STATE_LABELS[state],
                                 location)
            {GatheringStatus.held.value: held, UNCONFIRMED: unconfirmed}.get(
                state, coming).append(line)

    open_apps = sorted(_applications_open_on(uow, programme, at),
                       key=lambda a: (a.received, a.display_name))
    notes = []
    if coverage_name is None:
        notes.append("Ingen partnerskapsprogram er registrert; dekning av avtaler er ikke vist.")
    return StatusReport(
        programme=prog.slug, programme_name=prog.name, period=_period(prog.starts, prog.ends),
        description=prog.description, at=at, made=made, owner=prog.owner,
        overrides=report_figures.overridden_decisions(uow, programme, at), participants=lines, held=held,
        coming=coming, cancelled=cancelled, overdue=overdue, overdue_total=overdue_total,
        applications=open_apps, coverage=coverage, coverage_programme=coverage_name,
        notes=notes, unconfirmed=unconfirmed,
    )


def _applications_open_on(uow: UnitOfWork, programme: str, at: date) -> list[ApplicationLine]:
    """The applications received by `at` and not decided or withdrawn by then, each at the
    step of its dated history it had reached on `at`."""
    out = []
    for a in applications.list_applications(uow, programme=programme):
        if a.received > at:
            continue
        steps = sorted((e for e in a.events if e.on <= at), key=lambda e: e.on)
        step = steps[-1] if steps else None
        status = step.status if step else "received"
        if status not in _OPEN_APPLICATIONS:
            continue
        out.append(ApplicationLine(a.display_name, a.received,
                                   step.status_label if step else "mottatt", a.eligible,
                                   a.eligibility_notes))
    return out


# The evaluation report's sections read plain columns in one query each, instead of the list
# use cases' views (ORM objects with their relations: 1 s of the national report's data).


def _consensus_by_municipality(s: Session, programme_id: int, at: date,
                               ) -> dict[str, list[Assessment]]:
    """Each municipality's capacity-diamond sessions in the programme held by `at`, by date,
    with the consensus in the report's component order."""
    scores: dict[int, dict[CapacityComponent, int]] = defaultdict(dict)
    for assessment_id, component, score in s.execute(
            select(CapacityConsensus.assessment_id, CapacityConsensus.component,
                   CapacityConsensus.score)
            .join(CapacityAssessment, CapacityConsensus.assessment_id == CapacityAssessment.id)
            .where(CapacityAssessment.programme_id == programme_id)):
        scores[assessment_id][component] = score
    individual: dict[int, dict[CapacityComponent, list[int]]] = defaultdict(
        lambda: defaultdict(list))
    for assessment_id, component, score in s.execute(
            select(CapacityScore.assessment_id, CapacityScore.component, CapacityScore.score)
            .join(CapacityAssessment, CapacityScore.assessment_id == CapacityAssessment.id)
            .where(CapacityAssessment.programme_id == programme_id)):
        individual[assessment_id][component].append(score)
    out: dict[str, list[Assessment]] = defaultdict(list)
    for assessment_id, number, held_on in s.execute(
            select(CapacityAssessment.id, Municipality.number, CapacityAssessment.held_on)
            .join(Municipality, CapacityAssessment.municipality_id == Municipality.id)
            .where(CapacityAssessment.programme_id == programme_id,
                   CapacityAssessment.held_on <= at)
            .order_by(Municipality.number, CapacityAssessment.held_on, CapacityAssessment.id)):
        consensus = scores.get(assessment_id, {})
        own = individual.get(assessment_id, {})
        out[number].append(Assessment(
            held_on, [consensus.get(c) for c in _COMPONENTS],
            [_spread(own.get(c, []), consensus.get(c)) for c in _COMPONENTS]))
    return out


def _spread(individual: list[int], consensus: int | None) -> str | None:
    """The individual scores beside a consensus: «min–max», or a warning when a consensus has
    no individual scores behind it (the method is individual first, then consensus)."""
    if individual:
        return spread_text(individual)
    return "ingen individuelle" if consensus is not None else None


def _plan_rows(s: Session, programme_id: int, today: date,
               ) -> dict[str, list[tuple[str, str, str]]]:
    """Each participant's planning documents (plan and period, stage, deadline) as they stood
    on `today`: the stage from the dated stage history, adopted only if adopted by then; a
    document whose history begins later, or whose period begins in a later year, is left out."""
    rows: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    participating = select(Participation.municipality_id).where(
        Participation.programme_id == programme_id,
        Participation.status != ParticipationStatus.withdrawn)
    stmt = (
        select(PlanDocument.id, Municipality.number, PlanDocument.kind, PlanDocument.period_start,
               PlanDocument.period_end, PlanDocument.stage, PlanDocument.adopted_on,
               PlanDocument.council_constituted_on)
        .join(Municipality, PlanDocument.municipality_id == Municipality.id)
        .where(PlanDocument.municipality_id.in_(participating))
        .order_by(Municipality.number, PlanDocument.kind, PlanDocument.period_start,
                  PlanDocument.id)
    )
    history: dict[int, list[PlanStage]] = defaultdict(list)
    begun: set[int] = set()
    for document_id, stage, on in s.execute(
            select(PlanStageEvent.plan_document_id, PlanStageEvent.stage, PlanStageEvent.on)
            .join(PlanDocument, PlanStageEvent.plan_document_id == PlanDocument.id)
            .where(PlanDocument.municipality_id.in_(participating))
            .order_by(PlanStageEvent.on, PlanStageEvent.id)):
        begun.add(document_id)
        if on <= today:
            history[document_id].append(stage)
    for doc_id, number, kind, start, end, stage, adopted_on, constituted_on in s.execute(stmt):
        if (doc_id in begun and not history[doc_id]) or (start is not None
                                                         and start > today.year):
            continue  # not begun yet on `today`
        if history[doc_id]:
            stage = history[doc_id][-1]
        if adopted_on is not None and adopted_on > today:
            adopted_on = None
        deadline = ""
        due = plan_document_deadline(kind, start, constituted_on, today)
        if due is not None:
            state = plan_strategy_deadline_state(due, adopted_on, today)
            deadline = f"{day_text(due)} ({DEADLINE_STATE_LABELS[state]})"
        period = f" {start}–{end}" if start and end else ""
        rows[number].append((PLAN_KIND_LABELS[kind] + period, PLAN_STAGE_LABELS[stage], deadline))
    return rows


def _follow_up_rows(s: Session, programme_id: int, year: int,
                    ) -> dict[str, list[tuple[date, str, str, str]]]:
    """Each municipality's follow-ups in the year that are not exempt from public access,
    by date (newest first within a day, as the follow-up log lists them)."""
    rows: dict[str, list[tuple[date, str, str, str]]] = defaultdict(list)
    stmt = (
        select(Municipality.number, FollowUp.on, FollowUp.kind, FollowUp.summary,
               FollowUp.next_action)
        .join(Municipality, FollowUp.municipality_id == Municipality.id)
        .where(FollowUp.programme_id == programme_id, FollowUp.exempt_from_public.is_(False),
               FollowUp.on.between(date(year, 1, 1), date(year, 12, 31)))
        .order_by(FollowUp.on.desc(), Municipality.number, FollowUp.id.desc())
    )
    for number, on, kind, summary, next_action in s.execute(stmt):
        rows[number].append((on, FOLLOW_UP_KIND_LABELS[kind], summary, next_action or ""))
    for lines in rows.values():
        lines.sort(key=lambda r: r[0])
    return rows


def _factor_rows(s: Session, programme_id: int, year: int,
                 ) -> dict[str, list[tuple[str, bool, str]]]:
    """Each participant's success factors recorded for the year, in the factors' order."""
    order = {f: i for i, f in enumerate(SuccessFactor)}
    found: dict[str, list[tuple[SuccessFactor, bool, str | None]]] = defaultdict(list)
    for number, factor, in_place, notes in s.execute(
            select(Municipality.number, SuccessFactorStatus.factor, SuccessFactorStatus.in_place,
                   SuccessFactorStatus.notes)
            .join(Participation, SuccessFactorStatus.participation_id == Participation.id)
            .join(Municipality, Participation.municipality_id == Municipality.id)
            .where(Participation.programme_id == programme_id,
                   SuccessFactorStatus.year == year)):
        found[number].append((factor, in_place, notes))
    return {number: [(SUCCESS_FACTOR_LABELS[f], ok, notes or "")
                     for f, ok, notes in sorted(lines, key=lambda x: order[x[0]])]
            for number, lines in found.items()}


def evaluation_report(uow: UnitOfWork, programme: str, year: int,
                      now: datetime | None = None) -> EvaluationReport:
    """The yearly evaluation report's data: the network summary and one section per participant."""
    rules.check_year("year", year)
    made = _now(now)
    today = made.astimezone(OSLO).date()
    data_date = min(date(year, 12, 31), today)
    prog = _programme(uow, programme)
    participants = [p for p in programmes.list_participants(uow, programme)
                    if p.starts.year <= year and (p.ends is None or p.ends.year >= year)]
    summary = attendance.yearly_summary(uow, programme, year, at=data_date)
    fb = feedback.averages(uow, programme=programme, year=year)
    fb_year = next((y for y in fb.years if y.year == year), None)
    averages = [(a.component_label, a.mean, a.sessions)
                for a in capacity.network_averages(uow, programme, year)]

    with uow:
        s = uow.session
        prog_id = find_programme(s, programme).id
        sessions = _consensus_by_municipality(s, prog_id, data_date)
        plan_rows = _plan_rows(s, prog_id, data_date)
        follow_rows = _follow_up_rows(s, prog_id, year)
        factor_rows = _factor_rows(s, prog_id, year)
        ten_rows = ten_point_rows(s, prog_id, data_date)
    milestone_lines: dict[str, list[tuple[str, date, str]]] = defaultdict(list)
    for m in milestone_rows(uow, programme, year):
        if m.municipality:
            done_then = m.done_on if m.done_on and m.done_on <= data_date else None
            label = MILESTONE_STATUS_LABELS[milestone_status(m.due, done_then, data_date)]
            milestone_lines[m.municipality].append((m.title, m.due, label))

    by_municipality = {m.municipality: m for m in summary.municipalities}
    sections = []
    for p in participants:
        own = sessions.get(p.municipality, [])  # by date
        first = own[0] if own else None
        this_year = [a for a in own if a.held_on.year == year]
        latest = this_year[-1] if this_year else None
        year_row = by_municipality.get(p.municipality)
        sections.append(ParticipantSection(
            number=p.municipality,
            display_name=f"{p.name} – {p.sami_name}" if p.sami_name else p.name,
            county=p.county, population=p.population,
            attendance_percent=float(year_row.attendance_percent)
            if year_row and year_row.attendance_percent is not None else None,
            persons=year_row.persons if year_row else 0,
            total_cost=year_row.total_cost if year_row else Decimal("0"),
            first=first, latest=latest,
            plans=plan_rows.get(p.municipality, []),
            milestones=sorted(milestone_lines.get(p.municipality, []), key=lambda r: r[1]),
            follow_ups=sorted(follow_rows.get(p.municipality, []), key=lambda r: r[0]),
            success_factors=factor_rows.get(p.municipality, []),
            ten_point=ten_rows.get(p.municipality, []),
        ))

    invited = sum(m.invited for m in summary.municipalities)
    attended = sum(m.attended for m in summary.municipalities)
    return EvaluationReport(
        programme=prog.slug, programme_name=prog.name, year=year, made=made, owner=prog.owner,
        data_date=data_date, components=[CAPACITY_LABELS[c] for c in _COMPONENTS],
        held=summary.held, planned=summary.planned, cancelled=summary.cancelled,
        physical_held=summary.physical_held, target_min=summary.target_min,
        target_max=summary.target_max, physical_target=summary.physical_target,
        target_notes=summary.target_notes,
        attendance_percent=round(100 * attended / invited, 1) if invited else None,
        persons=sum(m.persons for m in summary.municipalities),
        travel_cost=summary.travel_cost, accommodation_cost=summary.accommodation_cost,
        total_cost=summary.total_cost,
        feedback_responses=fb_year.responses if fb_year else 0,
        feedback_overall=fb_year.overall if fb_year else None,
        feedback_usefulness=fb_year.usefulness if fb_year else None,
        capacity_averages=averages, participants=sections, unconfirmed=summary.unconfirmed,
        figures=report_figures.evaluation_figures(
            uow, programme, year, data_date,
            {n: [(a.held_on, a.scores) for a in own] for n, own in sessions.items()}),
    )


def day_text(d: date) -> str:
    """A date as Norwegians write it."""
    return d.strftime("%d.%m.%Y")


def export_status(uow: UnitOfWork, programme: str, at: date | None = None,
                  now: datetime | None = None) -> bytes:
    """The status report as PDF bytes."""
    return render_status(status_report(uow, programme, at, now))


def export_evaluation(uow: UnitOfWork, programme: str, year: int,
                      now: datetime | None = None) -> bytes:
    """The evaluation report as PDF bytes."""
    return render_evaluation(evaluation_report(uow, programme, year, now))
