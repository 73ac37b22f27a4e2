"""The reports' charts and quoted comments, gathered as of the report's date: attendance and
feedback per gathering, plan progress across the network, the priority tool's sessions, feedback
comments, each municipality's capacity diamonds, and the justifications of overridden decisions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import Integer, cast, func, select

from nettverk.domain.evaluation import Feedback
from nettverk.domain.network import (
    APPLICATION_STATUS_LABELS,
    PLAN_STAGE_LABELS,
    Application,
    Attendance,
    Gathering,
    PlanDocument,
    PlanKind,
    PlanStage,
    PlanStageEvent,
)
from nettverk.domain.register import Municipality, Participation
from nettverk.domain.values import OSLO
from nettverk.exports.figure_data import (
    EvaluationFigures,
    FeedbackComment,
    GatheringFigure,
    PriorityFigure,
)
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import priority
from nettverk.services.as_of import attendance_recorded_by, held_by
from nettverk.services.register import find_programme


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=OSLO)


def _display(name: str, sami: str | None) -> str:
    return f"{name} – {sami}" if sami else name


def gathering_figures(uow: UnitOfWork, programme: str, until: date) -> list[GatheringFigure]:
    """Every held gathering up to `until`, oldest first, with attendance and feedback."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        held = list(s.execute(
            select(Gathering.id, Gathering.title, Gathering.starts_at)
            .where(Gathering.programme_id == prog.id, held_by(until))
            .order_by(Gathering.starts_at, Gathering.id)))
        ids = [gid for gid, _, _ in held]
        attendance = {gid: (invited, attended) for gid, invited, attended in s.execute(
            select(Attendance.gathering_id,
                   func.sum(cast(Attendance.invited, Integer)),
                   func.sum(cast(Attendance.attended, Integer)))
            .where(Attendance.gathering_id.in_(ids), attendance_recorded_by(until))
            .group_by(Attendance.gathering_id))}
        answers = {gid: (overall, useful) for gid, overall, useful in s.execute(
            select(Feedback.gathering_id, func.avg(Feedback.overall), func.avg(Feedback.usefulness))
            .where(Feedback.gathering_id.in_(ids)).group_by(Feedback.gathering_id))}
    out = []
    for gid, title, starts in held:
        invited, attended = attendance.get(gid, (0, 0))
        overall, useful = answers.get(gid, (None, None))
        out.append(GatheringFigure(
            title=title, on=starts.astimezone(OSLO).date(),
            attendance_percent=round(100 * float(attended or 0) / float(invited), 1)
            if invited else None,
            overall=round(float(overall), 2) if overall is not None else None,
            usefulness=round(float(useful), 2) if useful is not None else None))
    return out


def plan_progress(uow: UnitOfWork, programme: str, at: date) -> list[tuple[str, int]]:
    """How many participants have the planstrategi in force at `at` at each stage, on `at`."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        numbers = {mid: number for mid, number in s.execute(
            select(Participation.municipality_id, Municipality.number)
            .join(Municipality, Participation.municipality_id == Municipality.id)
            .where(Participation.programme_id == prog.id, Participation.starts <= at))}
        documents = list(s.execute(
            select(PlanDocument.id, PlanDocument.municipality_id, PlanDocument.period_start)
            .where(PlanDocument.municipality_id.in_(list(numbers)),
                   PlanDocument.kind == PlanKind.plan_strategy)
            .order_by(PlanDocument.period_start)))
        events: dict[int, PlanStage] = {}
        for doc_id, stage, _ in s.execute(
                select(PlanStageEvent.plan_document_id, PlanStageEvent.stage, PlanStageEvent.on)
                .where(PlanStageEvent.plan_document_id.in_([d for d, _, _ in documents]),
                       PlanStageEvent.on <= at)
                .order_by(PlanStageEvent.on, PlanStageEvent.id)):
            events[doc_id] = stage  # the last step on or before `at`
    current: dict[int, PlanStage | None] = {}
    for doc_id, municipality_id, period_start in documents:
        if period_start is None or period_start <= at.year:  # the newest one begun by then
            current[municipality_id] = events.get(doc_id, PlanStage.not_started)
    counts: dict[str, int] = defaultdict(int)
    for municipality_id in numbers:
        now = current.get(municipality_id)
        counts[PLAN_STAGE_LABELS[now] if now else "ikke registrert"] += 1
    order = [PLAN_STAGE_LABELS[stage] for stage in PlanStage] + ["ikke registrert"]
    return [(label, counts[label]) for label in order if counts.get(label)]


def priority_figures(uow: UnitOfWork, programme: str, year: int, at: date) -> list[PriorityFigure]:
    """The year's priority-tool sessions (held by `at`) with their factors placed."""
    out = []
    for session in sorted(priority.list_sessions(uow, programme=programme),
                          key=lambda x: (x.held_on, x.id)):
        if session.held_on.year != year or session.held_on > at:
            continue
        detail = priority.get_session(uow, session.id)
        factors = []
        for f in detail.factors:
            importance = f.agreed_importance if f.agreed_importance is not None else f.mean_importance
            influence = f.agreed_influence if f.agreed_influence is not None else f.mean_influence
            if importance is None or influence is None:
                continue
            factors.append((f.name, float(importance), float(influence), f.quadrant_label or ""))
        out.append(PriorityFigure(session.title, session.held_on, session.display_name, factors))
    return out


def feedback_comments(uow: UnitOfWork, programme: str, year: int, at: date
                      ) -> list[FeedbackComment]:
    """The year's written comments after gatherings, up to `at`, by gathering time."""
    start = datetime.combine(date(year, 1, 1), time.min, tzinfo=OSLO)
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        rows = s.execute(
            select(Gathering.starts_at, Gathering.title, Municipality.name, Municipality.sami_name,
                   Feedback.respondent, Feedback.comment)
            .join(Gathering, Feedback.gathering_id == Gathering.id)
            .outerjoin(Municipality, Feedback.municipality_id == Municipality.id)
            .where(Gathering.programme_id == prog.id, Feedback.comment.is_not(None),
                   Feedback.comment != "", Gathering.starts_at >= start,
                   Gathering.starts_at < _end_of(min(at, date(year, 12, 31))))
            .order_by(Gathering.starts_at, Feedback.id))
        return [FeedbackComment(on=starts.astimezone(OSLO).date(), gathering=title,
                                who=_display(name, sami) if name else (respondent or "anonym"),
                                comment=comment or "")
                for starts, title, name, sami, respondent, comment in rows]


def capacity_history(sessions: dict[str, Sequence[tuple[date, Sequence[int | None]]]],
                     at: date) -> dict[str, Sequence[tuple[date, Sequence[int | None]]]]:
    """Each municipality's first session and then each year's last one, up to `at`."""
    out: dict[str, Sequence[tuple[date, Sequence[int | None]]]] = {}
    for number, own in sessions.items():
        known = [(held_on, scores) for held_on, scores in own if held_on <= at]
        by_year: dict[int, tuple[date, Sequence[int | None]]] = {}
        for held_on, scores in known:
            by_year[held_on.year] = (held_on, scores)
        kept = sorted(by_year.values(), key=lambda x: x[0])
        if known and kept and kept[0][0] != known[0][0]:
            kept.insert(0, known[0])  # the first assessment is the baseline, whatever its year
        out[number] = kept
    return out


def evaluation_figures(uow: UnitOfWork, programme: str, year: int, at: date,
                       sessions: dict[str, Sequence[tuple[date, Sequence[int | None]]]]
                       ) -> EvaluationFigures:
    """Everything the evaluation report draws or quotes besides its tables, as of `at`."""
    return EvaluationFigures(
        gatherings=gathering_figures(uow, programme, at),
        plan_progress=plan_progress(uow, programme, at),
        priority_sessions=priority_figures(uow, programme, year, at),
        comments=feedback_comments(uow, programme, year, at),
        capacity_history=capacity_history(sessions, at),
    )


def overridden_decisions(uow: UnitOfWork, programme: str, at: date
                         ) -> list[tuple[str, date, str, str | None, str]]:
    """Decisions taken against a rule, with the justification, decided by `at`:
    (municipality, decided on, status, reason, justification)."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        return [(_display(name, sami), decided or at, APPLICATION_STATUS_LABELS[status], reason,
                 why or "")
                for name, sami, decided, status, reason, why in s.execute(
                    select(Municipality.name, Municipality.sami_name, Application.decided_on,
                           Application.status, Application.decision_reason,
                           Application.override_justification)
                    .join(Municipality, Application.municipality_id == Municipality.id)
                    .where(Application.programme_id == prog.id,
                           Application.override_justification.is_not(None),
                           Application.decided_on.is_not(None), Application.decided_on <= at)
                    .order_by(Application.decided_on, Municipality.number))]
