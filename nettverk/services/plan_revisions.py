"""The yearly revision of the kommuneplan's handlingsdel (PBL § 11-1), year by year."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain.errors import DomainError
from nettverk.domain.network import (
    DEADLINE_STATE_LABELS,
    PlanDocument,
    PlanKind,
    handlingsdel_revision_due,
    plan_strategy_deadline_state,
)
from nettverk.domain.register import (
    Municipality,
    Participation,
    ParticipationStatus,
    Programme,
    ProgrammeKind,
)
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.network_common import display_name, today_or
from nettverk.services.overview_views import HandlingsdelRevision as HandlingsdelRevision
from nettverk.services.register import find_municipality


def _state(due: date, adopted_on: date | None, today: date) -> tuple[str, str]:
    state = plan_strategy_deadline_state(due, adopted_on, today)
    return state.value, DEADLINE_STATE_LABELS[state]


def handlingsdel_revisions(
    uow: UnitOfWork, municipality: str, first_year: int | None = None,
    last_year: int | None = None, today: date | None = None,
) -> list[HandlingsdelRevision]:
    """Each year's handlingsdel revision from `first_year` to `last_year` (default: from the
    first year the municipality took part in a programme, or this year, to next year). A year
    is revised when a handlingsdel (`action_plan`) whose period starts that year is adopted."""
    with uow:
        s = uow.session
        today = today_or(today)
        mun = find_municipality(s, municipality)
        if first_year is None:
            started = s.scalar(select(Participation.starts)
                               .where(Participation.municipality_id == mun.id)
                               .order_by(Participation.starts).limit(1))
            first_year = started.year if started is not None else today.year
        last_year = last_year if last_year is not None else max(today.year + 1, first_year)
        if last_year < first_year or last_year - first_year > 50:
            raise DomainError("to", "årene må gå fra et tidligere til et senere år (høyst 50 år)")
        docs = {
            d.period_start: d for d in s.scalars(
                select(PlanDocument).where(PlanDocument.municipality_id == mun.id,
                                           PlanDocument.kind == PlanKind.action_plan)
                .order_by(PlanDocument.id))
            if d.period_start is not None
        }
        name = display_name(mun.name, mun.sami_name)
        out = []
        for year in range(first_year, last_year + 1):
            due = handlingsdel_revision_due(year)
            d = docs.get(year)
            adopted = d.adopted_on if d is not None else None
            state, label = _state(due, adopted, today)
            if d is None:
                label = f"ikke registrert, {label}"
            out.append(HandlingsdelRevision(
                municipality=mun.number, display_name=name, year=year, due=due,
                plan_document_id=d.id if d is not None else None, adopted_on=adopted,
                state=state, state_label=label))
        return out


def overdue_handlingsdel_revisions(uow: UnitOfWork,
                                   today: date | None = None) -> list[HandlingsdelRevision]:
    """Handlingsdel revisions past their due date and not adopted: one registered but not
    adopted, or, for municipalities in a running learning network, this year's revision (due
    31 December last year) not registered at all."""
    with uow:
        return overdue_revisions_in(uow.session, today_or(today))


def overdue_revisions_in(s: Session, today: date) -> list[HandlingsdelRevision]:
    """overdue_handlingsdel_revisions inside an open session (for the overview)."""
    out = []
    # Read through the (small) municipality table and the plan documents' municipality index,
    # as the overview's planstrategi query does, instead of scanning every plan document.
    for d in s.scalars(
        select(PlanDocument).join(PlanDocument.municipality)
        .options(joinedload(PlanDocument.municipality))
        .where(PlanDocument.kind == PlanKind.action_plan, PlanDocument.adopted_on.is_(None),
               PlanDocument.period_start <= today.year)
        .order_by(Municipality.number, PlanDocument.period_start, PlanDocument.id)
    ):
        assert d.period_start is not None
        due = handlingsdel_revision_due(d.period_start)
        if due < today:
            m = d.municipality
            state, label = _state(due, None, today)
            out.append(HandlingsdelRevision(m.number, display_name(m.name, m.sami_name),
                                            d.period_start, due, d.id, None, state, label))
    due = handlingsdel_revision_due(today.year)
    registered = exists().where(  # per municipality, through the municipality_id index
        PlanDocument.municipality_id == Municipality.id,
        PlanDocument.kind == PlanKind.action_plan, PlanDocument.period_start == today.year)
    running = (
        select(Participation.municipality_id)
        .join(Programme, Participation.programme_id == Programme.id)
        .where(Participation.status == ParticipationStatus.active,
               Programme.kind == ProgrammeKind.learning_network, Programme.starts <= today,
               or_(Programme.ends.is_(None), Programme.ends >= today))
    )
    for m in s.scalars(select(Municipality)
                       .where(Municipality.id.in_(running), ~registered)
                       .order_by(Municipality.number)):
        state, label = _state(due, None, today)
        out.append(HandlingsdelRevision(m.number, display_name(m.name, m.sami_name), today.year,
                                        due, None, None, state, f"ikke registrert, {label}"))
    return out
