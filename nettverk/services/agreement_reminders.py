"""What needs attention in the partnership agreements (reminders: expiring agreements,
overdue actions, unanswered offers) and how far they reach (coverage per county and per focus
area)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from nettverk.domain.agreements import (
    AGREEMENT_STATUS_LABELS,
    EXPIRY_WARNING_DAYS,
    UNANSWERED_AFTER_DAYS,
    ActionStatus,
    AgreementAction,
    AgreementFocusArea,
    AgreementStatus,
    FocusArea,
    PartnershipAgreement,
)
from nettverk.domain.norwegian import plural
from nettverk.domain.register import County, Municipality
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.agreement_views import PROGRAMME
from nettverk.services.agreements import _display, _today
from nettverk.services.register import find_programme

# --- views -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderView:
    """Something about an agreement that needs attention."""

    kind: str  # expiring | overdue_action | unanswered
    kind_label: str
    agreement_id: int
    action_id: int | None
    municipality: str
    display_name: str
    date: date
    days: int  # days left (expiring) or days passed (overdue, unanswered)
    text: str


@dataclass(frozen=True)
class CountyCoverageView:
    """How many of a county's municipalities have signed."""

    county: str
    county_name: str
    municipalities: int
    signed: int
    pending: int
    share_signed: float


@dataclass(frozen=True)
class FocusAreaCoverageView:
    """How many signed agreements include a focus area."""

    code: str
    name: str
    signed: int


@dataclass(frozen=True)
class CoverageView:
    """Signed agreements per county and per focus area."""

    programme: str
    counties: list[CountyCoverageView]
    focus_areas: list[FocusAreaCoverageView]


REMINDER_LABELS = {
    "expiring": "Utløper snart",
    "overdue_action": "Tiltak på overtid",
    "unanswered": "Ikke besvart",
}


# --- reminders and coverage --------------------------------------------------------------


def reminders(uow: UnitOfWork, today: date | None = None,
              programme: str = PROGRAMME) -> list[ReminderView]:
    """What needs attention, soonest first.

    - *expiring*: signed agreements whose end date is within EXPIRY_WARNING_DAYS (90) days
      from today (today included);
    - *overdue_action*: planned or in-progress actions due before today;
    - *unanswered*: agreements offered more than UNANSWERED_AFTER_DAYS (60) days ago that are
      still offered or under consideration.
    """
    day = _today(today)
    result: list[ReminderView] = []
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        base = (select(PartnershipAgreement)
                .options(joinedload(PartnershipAgreement.municipality))
                .where(PartnershipAgreement.programme_id == prog.id))
        expiring = s.scalars(base.where(
            PartnershipAgreement.status == AgreementStatus.signed,
            PartnershipAgreement.ends >= day,
            PartnershipAgreement.ends <= day + timedelta(days=EXPIRY_WARNING_DAYS),
        ))
        for a in expiring:
            assert a.ends is not None
            left = (a.ends - day).days
            result.append(ReminderView(
                "expiring", REMINDER_LABELS["expiring"], a.id, None, a.municipality.number,
                _display(a.municipality), a.ends, left,
                f"Avtalen utløper {a.ends.strftime('%d.%m.%Y')} (om {plural(left, 'dag', 'dager')})",
            ))
        unanswered = s.scalars(base.where(
            PartnershipAgreement.status.in_(
                [AgreementStatus.offered, AgreementStatus.under_consideration]),
            PartnershipAgreement.offered_on < day - timedelta(days=UNANSWERED_AFTER_DAYS),
        ))
        for a in unanswered:
            assert a.offered_on is not None
            passed = (day - a.offered_on).days
            result.append(ReminderView(
                "unanswered", REMINDER_LABELS["unanswered"], a.id, None, a.municipality.number,
                _display(a.municipality), a.offered_on, passed,
                f"Tilbudt {a.offered_on.strftime('%d.%m.%Y')}, ikke besvart etter "
                f"{plural(passed, 'dag', 'dager')} "
                f"({AGREEMENT_STATUS_LABELS[a.status].lower()})",
            ))
        overdue = s.scalars(
            select(AgreementAction)
            .join(AgreementAction.agreement)
            .options(joinedload(AgreementAction.agreement).joinedload(
                PartnershipAgreement.municipality))
            .where(
                PartnershipAgreement.programme_id == prog.id,
                AgreementAction.status.in_([ActionStatus.planned, ActionStatus.in_progress]),
                AgreementAction.due < day,
            )
        )
        for x in overdue:
            assert x.due is not None
            passed = (day - x.due).days
            m = x.agreement.municipality
            result.append(ReminderView(
                "overdue_action", REMINDER_LABELS["overdue_action"], x.agreement_id, x.id,
                m.number, _display(m), x.due, passed,
                f"«{x.title}» skulle vært ferdig {x.due.strftime('%d.%m.%Y')} "
                f"({plural(passed, 'dag', 'dager')} på overtid)",
            ))
    result.sort(key=lambda r: (r.date, r.kind, r.municipality))
    return result


def coverage(uow: UnitOfWork, programme: str = PROGRAMME) -> CoverageView:
    """How many municipalities per county have signed, and how many signed per focus area."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        totals = s.execute(
            select(County.number, County.name, func.count(Municipality.id))
            .join(Municipality, Municipality.county_id == County.id)
            .where(Municipality.ended_on.is_(None))
            .group_by(County.number, County.name).order_by(County.number)
        ).all()
        by_status = s.execute(
            select(County.number, PartnershipAgreement.status, func.count())
            .select_from(PartnershipAgreement)
            .join(Municipality, PartnershipAgreement.municipality_id == Municipality.id)
            .join(County, Municipality.county_id == County.id)
            .where(PartnershipAgreement.programme_id == prog.id)
            .group_by(County.number, PartnershipAgreement.status)
        ).all()
        signed: Counter[str] = Counter()
        pending: Counter[str] = Counter()
        for county_number, status, count in by_status:
            if status is AgreementStatus.signed:
                signed[county_number] += count
            elif status in (AgreementStatus.offered, AgreementStatus.under_consideration):
                pending[county_number] += count
        counties = [
            CountyCoverageView(
                number, name, total, signed[number], pending[number],
                round(signed[number] / total, 3) if total else 0.0,
            )
            for number, name, total in totals
        ]
        per_area = s.execute(
            select(FocusArea.code, FocusArea.name, func.count(PartnershipAgreement.id))
            .select_from(FocusArea)
            .outerjoin(AgreementFocusArea, AgreementFocusArea.focus_area_id == FocusArea.id)
            .outerjoin(PartnershipAgreement,
                       (PartnershipAgreement.id == AgreementFocusArea.agreement_id)
                       & (PartnershipAgreement.status == AgreementStatus.signed))
            .where(FocusArea.programme_id == prog.id)
            .group_by(FocusArea.id, FocusArea.code, FocusArea.name).order_by(FocusArea.id)
        ).all()
        areas = [FocusAreaCoverageView(code, name, count) for code, name, count in per_area]
        return CoverageView(prog.slug, counties, areas)
