"""Partnership agreements ("Gode lokalsamfunn for alle"): workflow, actions, reminders, coverage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from nettverk.domain.agreements import (
    ACTION_STATUS_LABELS,
    AGREEMENT_STATUS_LABELS,
    EXPIRY_WARNING_DAYS,
    UNANSWERED_AFTER_DAYS,
    ActionStatus,
    AgreementAction,
    AgreementFocusArea,
    AgreementStatus,
    FocusArea,
    PartnershipAgreement,
    parse_action_status,
    parse_agreement_status,
)
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.norwegian import plural
from nettverk.domain.register import County, Municipality, Programme
from nettverk.domain.values import today_in_norway
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_agreements
from nettverk.services.agreement_views import PROGRAMME as PROGRAMME
from nettverk.services.agreement_views import ActionView as ActionView
from nettverk.services.agreement_views import AgreementEventView as AgreementEventView
from nettverk.services.agreement_views import AgreementPeriodView as AgreementPeriodView
from nettverk.services.agreement_views import AgreementView as AgreementView
from nettverk.services.agreement_views import FocusAreaView as FocusAreaView
from nettverk.services.deletion import DeletedView, refuse_if_used, remove
from nettverk.services.register import (
    find_municipality,
    find_person,
    find_programme,
)

if TYPE_CHECKING:
    from nettverk.services.gatherings import GatheringView

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

# --- helpers -----------------------------------------------------------------------------


def _display(m: Municipality) -> str:
    return f"{m.name} – {m.sami_name}" if m.sami_name else m.name


def _agreement_view(a: PartnershipAgreement) -> AgreementView:
    m = a.municipality
    chosen = sorted(a.focus_areas, key=lambda x: x.focus_area_id)
    return AgreementView(
        id=a.id, programme=a.programme.slug, municipality=m.number, name=m.name,
        sami_name=m.sami_name, display_name=_display(m), county=m.county.number,
        status=a.status.value, status_label=AGREEMENT_STATUS_LABELS[a.status],
        offered_on=a.offered_on, signed_on=a.signed_on, starts=a.starts, ends=a.ends,
        archive_ref=a.archive_ref,
        county_contact=a.county_contact.name if a.county_contact else None,
        municipality_contact=a.municipality_contact.name if a.municipality_contact else None,
        focus_areas=[fa.focus_area.code for fa in chosen],
        focus_area_names=[fa.focus_area.name for fa in chosen],
        open_actions=sum(1 for x in a.actions if x.is_open),
        notes=a.notes, exempt_from_public=a.exempt_from_public,
        events=[
            AgreementEventView(e.status.value, AGREEMENT_STATUS_LABELS[e.status], e.on, e.note)
            for e in a.events
        ],
        version=a.version,
        county_contact_id=a.county_contact_id, municipality_contact_id=a.municipality_contact_id,
    )


def _action_view(x: AgreementAction, today: date) -> ActionView:
    m = x.agreement.municipality
    return ActionView(
        id=x.id, agreement_id=x.agreement_id, municipality=m.number, name=m.name,
        display_name=_display(m),
        focus_area=x.focus_area.code if x.focus_area else None,
        focus_area_name=x.focus_area.name if x.focus_area else None,
        title=x.title, owner=x.owner, status=x.status.value,
        status_label=ACTION_STATUS_LABELS[x.status], due=x.due, done_on=x.done_on,
        overdue=x.is_overdue(today), version=x.version,
    )


def _agreement_options() -> list[Any]:
    return [
        joinedload(PartnershipAgreement.programme),
        joinedload(PartnershipAgreement.municipality).joinedload(Municipality.county),
        joinedload(PartnershipAgreement.county_contact),
        joinedload(PartnershipAgreement.municipality_contact),
        selectinload(PartnershipAgreement.focus_areas).joinedload(AgreementFocusArea.focus_area),
        selectinload(PartnershipAgreement.actions),
        selectinload(PartnershipAgreement.events),
    ]


def find_agreement(
    session: Session, agreement_id: int, field: str = "agreement"
) -> PartnershipAgreement:
    """The agreement with the id, loaded for a view, or a NotFoundError naming the field."""
    a = session.scalar(
        select(PartnershipAgreement).options(*_agreement_options())
        .where(PartnershipAgreement.id == agreement_id)
    )
    if a is None:
        raise NotFoundError(field, f"avtale {agreement_id} finnes ikke")
    return a


def _find_focus_area(session: Session, programme: Programme, code: str,
                     field: str = "focus_area") -> FocusArea:
    fa = session.scalar(select(FocusArea).where(
        FocusArea.programme_id == programme.id, FocusArea.code == (code or "").strip().lower()))
    if fa is None:
        raise NotFoundError(field, f"innsatsområdet {code!r} finnes ikke i {programme.slug}")
    return fa


def _today(today: date | None) -> date:
    return today if today is not None else today_in_norway()


# --- focus areas -------------------------------------------------------------------------


def _focus_area_view(session: Session, fa: FocusArea, programme: str) -> FocusAreaView:
    agreements = session.scalar(select(func.count()).where(
        AgreementFocusArea.focus_area_id == fa.id)) or 0
    actions = session.scalar(select(func.count()).where(
        AgreementAction.focus_area_id == fa.id)) or 0
    return FocusAreaView(fa.id, programme, fa.code, fa.name, fa.description, agreements, actions,
                         fa.version)


def list_focus_areas(uow: UnitOfWork, programme: str = PROGRAMME) -> list[FocusAreaView]:
    """The programme's focus areas, in the order they were added, with how much uses them.
    Read in plain SQL on the unit of work's connection (services.plain_agreements, what
    `nettverk focus-area list` runs without SQLAlchemy)."""
    with uow:
        return plain_agreements.list_focus_areas(uow.plain_reader(), programme)


def add_focus_area(
    uow: UnitOfWork, code: str, name: str, description: str | None = None,
    programme: str = PROGRAMME,
) -> FocusAreaView:
    """Add a focus area to a programme; codes are unique within it."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        fa = FocusArea(programme=prog, code=code, name=name, description=description)
        if s.scalar(select(FocusArea.id).where(
                FocusArea.programme_id == prog.id, FocusArea.code == fa.code)):
            raise DomainError("code", f"innsatsområdet {fa.code!r} finnes allerede")
        s.add(fa)
        uow.flush()
        view = _focus_area_view(s, fa, prog.slug)
        uow.commit()
        return view


def update_focus_area(
    uow: UnitOfWork, code: str, *, programme: str = PROGRAMME,
    expected_version: int | None = None, new_code: str | None = None,
    name: str | None = None, description: str | None = None,
) -> FocusAreaView:
    """Rename a focus area or change its code or description; None leaves a field as it is
    (an empty description clears it). Agreements and actions keep pointing at it."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        fa = _find_focus_area(s, prog, code, "code")
        fa.check_version(expected_version, "innsatsområdet")
        if new_code is not None:
            fa.code = new_code
            with s.no_autoflush:
                if s.scalar(select(FocusArea.id).where(
                        FocusArea.programme_id == prog.id, FocusArea.code == fa.code,
                        FocusArea.id != fa.id)):
                    raise DomainError("new_code", f"innsatsområdet {fa.code!r} finnes allerede")
        if name is not None:
            fa.name = name
        if description is not None:
            fa.description = description
        uow.flush()
        view = _focus_area_view(s, fa, prog.slug)
        uow.commit()
        return view


def delete_focus_area(uow: UnitOfWork, code: str, *, programme: str = PROGRAMME,
                      expected_version: int | None = None) -> DeletedView:
    """Delete a focus area that no agreement has chosen and no action belongs to."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        fa = _find_focus_area(s, prog, code, "code")
        fa.check_version(expected_version, "innsatsområdet")
        refuse_if_used(uow, "code", f"Innsatsområdet «{fa.name}»", [
            (AgreementFocusArea.focus_area_id, fa.id, "avtaler som har valgt det"),
            (AgreementAction.focus_area_id, fa.id, "tiltak"),
        ])
        return remove(uow, fa, expected_version, "innsatsområde", "innsatsområdet",
                      f"{fa.code} ({fa.name})")


# --- agreements --------------------------------------------------------------------------


def list_agreements(
    uow: UnitOfWork,
    status: str | None = None,
    county: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    programme: str = PROGRAMME,
) -> list[AgreementView]:
    """Agreements by county and municipality number, optionally of one status or county. Read
    in plain SQL on the unit of work's connection (services.plain_agreements, what `nettverk
    agreement list` runs without SQLAlchemy)."""
    with uow:
        return plain_agreements.list_agreements(uow.plain_reader(), status, county, limit,
                                                offset, programme)


def get_agreement(uow: UnitOfWork, agreement_id: int) -> AgreementView:
    """One agreement with its history."""
    with uow:
        a = find_agreement(uow.session, agreement_id, "id")
        return replace(_agreement_view(a), periods=[
            AgreementPeriodView(p.signed_on, p.starts, p.ends, p.ended_on) for p in a.periods])


def add_agreement(
    uow: UnitOfWork,
    municipality: str,
    offered_on: date | None = None,
    *,
    programme: str = PROGRAMME,
    archive_ref: str | None = None,
    county_contact_id: int | None = None,
    municipality_contact_id: int | None = None,
    focus_areas: list[str] | None = None,
    notes: str | None = None,
    exempt_from_public: bool = False,
    today: date | None = None,
) -> AgreementView:
    """Offer a municipality an agreement (status offered, dated `offered_on`, default today)."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        mun = find_municipality(s, municipality)
        if s.scalar(select(PartnershipAgreement.id).where(
                PartnershipAgreement.programme_id == prog.id,
                PartnershipAgreement.municipality_id == mun.id)):
            raise DomainError(
                "municipality", f"{_display(mun)} har allerede en avtale i {prog.slug}")
        agreement = PartnershipAgreement(
            programme=prog, municipality=mun, archive_ref=archive_ref, notes=notes,
            exempt_from_public=exempt_from_public,
            county_contact=(find_person(s, county_contact_id, "county_contact")
                            if county_contact_id is not None else None),
            municipality_contact=(find_person(s, municipality_contact_id, "municipality_contact")
                                  if municipality_contact_id is not None else None),
        )
        agreement.offer(offered_on if offered_on is not None else _today(today))
        for code in focus_areas or []:
            agreement.focus_areas.append(
                AgreementFocusArea(focus_area=_find_focus_area(s, prog, code, "focus_areas")))
        s.add(agreement)
        uow.flush()
        view = _agreement_view(find_agreement(s, agreement.id))
        uow.commit()
        return view


def set_status(
    uow: UnitOfWork,
    agreement_id: int,
    status: str,
    on: date | None = None,
    *,
    signed_on: date | None = None,
    starts: date | None = None,
    ends: date | None = None,
    note: str | None = None,
    today: date | None = None,
) -> AgreementView:
    """Move an agreement along its workflow on a date (default: signed_on when signing, else
    today). Signing needs `signed_on`; impossible transitions are refused."""
    target = parse_agreement_status(status)
    with uow:
        s = uow.session
        agreement = find_agreement(s, agreement_id, "id")
        when = on if on is not None else (
            signed_on if target is AgreementStatus.signed and signed_on else _today(today))
        agreement.move_to(target, when, signed_on=signed_on, starts=starts, ends=ends, note=note)
        uow.flush()
        view = _agreement_view(agreement)
        uow.commit()
        return view


def update_agreement(
    uow: UnitOfWork,
    agreement_id: int,
    *,
    archive_ref: str | None = None,
    starts: date | None = None,
    ends: date | None = None,
    county_contact_id: int | None = None,
    municipality_contact_id: int | None = None,
    notes: str | None = None,
    expected_version: int | None = None,
    focus_areas: list[str] | None = None,
) -> AgreementView:
    """Change an agreement's details (not its status), its contact persons and its chosen focus
    areas (codes; replaces the earlier choice); None leaves a field as it is."""
    with uow:
        s = uow.session
        a = find_agreement(s, agreement_id, "id")
        a.check_version(expected_version, "avtalen")
        if archive_ref is not None:
            a.archive_ref = archive_ref
        if starts is not None:
            a.starts = starts
        if ends is not None:
            a.ends = ends
        if notes is not None:
            a.notes = notes
        if county_contact_id is not None:
            a.county_contact = find_person(s, county_contact_id, "county_contact")
        if municipality_contact_id is not None:
            a.municipality_contact = find_person(s, municipality_contact_id,
                                                 "municipality_contact")
        if focus_areas is not None:
            _choose_focus_areas(s, a, focus_areas)
        a.check()
        uow.flush()
        view = _agreement_view(a)
        uow.commit()
        return view


def delete_agreement(uow: UnitOfWork, agreement_id: int,
                     expected_version: int | None = None) -> DeletedView:
    """Delete an agreement that was never signed (a mistaken or withdrawn offer), with its
    status history, chosen focus areas and actions. A signed agreement is history: it is
    ended, never deleted."""
    with uow:
        s = uow.session
        a = find_agreement(s, agreement_id, "id")
        ever_signed = a.signed_on is not None or any(
            e.status in (AgreementStatus.signed, AgreementStatus.ended) for e in a.events)
        if ever_signed:
            raise DomainError(
                "status",
                f"avtalen med {_display(a.municipality)} har vært signert og er historikk; den "
                "kan ikke slettes (gi den status «Avsluttet/utløpt» i stedet)")
        return remove(uow, a, expected_version, "avtale", "avtalen",
                      f"{a.municipality.number} {_display(a.municipality)}")


def _choose_focus_areas(s: Session, a: PartnershipAgreement, codes: list[str]) -> None:
    wanted = {_find_focus_area(s, a.programme, c, "focus_areas").id: c for c in codes}
    in_use = {x.focus_area_id for x in a.actions if x.focus_area_id is not None}
    dropped = in_use - set(wanted)
    if dropped:
        raise DomainError("focus_areas",
                          "kan ikke fjerne et innsatsområde som har tiltak")
    a.focus_areas[:] = [fa for fa in a.focus_areas if fa.focus_area_id in wanted]
    have = {fa.focus_area_id for fa in a.focus_areas}
    for fa_id in wanted:
        if fa_id not in have:
            a.focus_areas.append(AgreementFocusArea(focus_area_id=fa_id))


def set_focus_areas(uow: UnitOfWork, agreement_id: int, codes: list[str]) -> AgreementView:
    """Choose the agreement's focus areas (replaces the earlier choice)."""
    with uow:
        s = uow.session
        a = find_agreement(s, agreement_id, "id")
        _choose_focus_areas(s, a, codes)
        uow.flush()
        view = _agreement_view(a)
        uow.commit()
        return view


# --- actions -----------------------------------------------------------------------------


def add_action(
    uow: UnitOfWork,
    agreement_id: int,
    title: str,
    focus_area: str | None = None,
    owner: str | None = None,
    due: date | None = None,
    today: date | None = None,
) -> ActionView:
    """Add an agreed action; its focus area must be one the agreement has chosen."""
    with uow:
        s = uow.session
        a = find_agreement(s, agreement_id, "agreement")
        if a.status in (AgreementStatus.declined, AgreementStatus.ended):
            raise DomainError(
                "agreement",
                f"kan ikke legge tiltak til en avtale med status «{AGREEMENT_STATUS_LABELS[a.status]}»",
            )
        fa = None
        if focus_area:
            fa = _find_focus_area(s, a.programme, focus_area)
            if fa.id not in {x.focus_area_id for x in a.focus_areas}:
                raise DomainError(
                    "focus_area", f"innsatsområdet {fa.code!r} er ikke valgt i denne avtalen")
        action = AgreementAction(
            agreement=a, focus_area=fa, title=title, owner=owner, due=due,
            status=ActionStatus.planned,
        )
        s.add(action)
        uow.flush()
        view = _action_view(action, _today(today))
        uow.commit()
        return view


def list_actions(
    uow: UnitOfWork,
    agreement_id: int | None = None,
    status: str | None = None,
    overdue: bool = False,
    municipality: str | None = None,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ActionView]:
    """Agreed actions by due date; `overdue` keeps open ones due before today. Read in plain
    SQL on the unit of work's connection (services.plain_agreements, what `nettverk agreement
    action list` runs without SQLAlchemy)."""
    with uow:
        return plain_agreements.list_actions(uow.plain_reader(), agreement_id, status, overdue,
                                             municipality, today, limit, offset)


def set_action_status(
    uow: UnitOfWork, action_id: int, status: str, on: date | None = None,
    today: date | None = None,
) -> ActionView:
    """Mark an action in progress, done (dated) or cancelled; a closed action stays closed."""
    target = parse_action_status(status)
    day = _today(today)
    with uow:
        s = uow.session
        action = s.scalar(select(AgreementAction).options(
            joinedload(AgreementAction.agreement).joinedload(PartnershipAgreement.municipality),
            joinedload(AgreementAction.focus_area),
        ).where(AgreementAction.id == action_id))
        if action is None:
            raise NotFoundError("id", f"tiltak {action_id} finnes ikke")
        action.set_status(target, on if on is not None else day)
        uow.flush()
        view = _action_view(action, day)
        uow.commit()
        return view


_ACTION_FIELDS = {"title", "focus_area", "owner", "due", "status"}


def _load_action(session: Session, action_id: int) -> AgreementAction:
    action = session.scalar(select(AgreementAction).options(
        joinedload(AgreementAction.agreement).joinedload(PartnershipAgreement.municipality),
        joinedload(AgreementAction.focus_area),
    ).where(AgreementAction.id == action_id))
    if action is None:
        raise NotFoundError("id", f"tiltak {action_id} finnes ikke")
    return action


def update_action(
    uow: UnitOfWork, action_id: int, expected_version: int | None = None,
    on: date | None = None, today: date | None = None, **changes: object,
) -> ActionView:
    """Change an agreed action: title, focus_area (a code the agreement has chosen; None or
    empty removes it), owner, due (None clears them) and status (moved as `set_action_status`
    does, dated `on`, default today). Only the fields given change."""
    unknown = set(changes) - _ACTION_FIELDS
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    day = _today(today)
    with uow:
        s = uow.session
        action = _load_action(s, action_id)
        action.check_version(expected_version, "tiltaket")
        if "title" in changes:
            action.title = str(changes["title"] or "")
        if "owner" in changes:
            owner = changes["owner"]
            action.owner = None if owner is None else str(owner)
        if "due" in changes:
            due = changes["due"]
            if due is not None and not isinstance(due, date):
                raise DomainError("due", "må være en dato")
            action.due = due
        if "focus_area" in changes:
            code = changes["focus_area"]
            if not code:
                action.focus_area = None
            else:
                a = action.agreement
                fa = _find_focus_area(s, a.programme, str(code))
                chosen = s.scalar(select(AgreementFocusArea.id).where(
                    AgreementFocusArea.agreement_id == a.id,
                    AgreementFocusArea.focus_area_id == fa.id))
                if chosen is None:
                    raise DomainError(
                        "focus_area", f"innsatsområdet {fa.code!r} er ikke valgt i denne avtalen")
                action.focus_area = fa
        status = changes.get("status")
        if status and parse_action_status(str(status)) is not action.status:
            action.set_status(parse_action_status(str(status)), on if on is not None else day)
        uow.flush()
        view = _action_view(action, day)
        uow.commit()
        return view


def delete_action(uow: UnitOfWork, action_id: int,
                  expected_version: int | None = None) -> DeletedView:
    """Delete an agreed action (the audit log keeps its values)."""
    with uow:
        action = _load_action(uow.session, action_id)
        label = f"{action.title} ({_display(action.agreement.municipality)})"
        return remove(uow, action, expected_version, "tiltak", "tiltaket", label)


def complete_action(uow: UnitOfWork, action_id: int, on: date | None = None,
                    today: date | None = None) -> ActionView:
    """Mark an action done on a date (default today)."""
    return set_action_status(uow, action_id, ActionStatus.done.value, on=on, today=today)


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



# --- the yearly partnership meeting ------------------------------------------------------


def add_yearly_meeting(
    uow: UnitOfWork,
    agreement_id: int,
    starts_at: datetime,
    ends_at: datetime,
    mode: str,
    title: str | None = None,
    location: str | None = None,
    video_url: str | None = None,
    agenda: str | None = None,
) -> GatheringView:
    """Plan the yearly partnership meeting of a signed agreement, as a gathering of the
    programme tied to the municipality."""
    from nettverk.services import gatherings

    with uow:
        a = find_agreement(uow.session, agreement_id, "agreement")
        if a.status is not AgreementStatus.signed:
            raise DomainError(
                "agreement",
                "partnerskapsmøte kan bare planlegges for en signert avtale (status er "
                f"«{AGREEMENT_STATUS_LABELS[a.status]}»)",
            )
        programme = a.programme.slug
        number = a.municipality.number
        display = _display(a.municipality)
    if title is None and isinstance(starts_at, datetime):
        title = f"Årlig partnerskapsmøte {starts_at.year} – {display}"
    return gatherings.add_gathering(
        uow, programme=programme, title=title or "", starts_at=starts_at, ends_at=ends_at,
        mode=mode, location=location, video_url=video_url, agenda=agenda,
        theme="Partnerskapsmøte", municipality=number,
    )


def list_yearly_meetings(uow: UnitOfWork, agreement_id: int) -> list[GatheringView]:
    """The partnership meetings held or planned with the agreement's municipality. Read in
    plain SQL on the unit of work's connection (services.plain_agreements, what `nettverk
    agreement meeting list` runs without SQLAlchemy)."""
    with uow:
        return plain_agreements.list_yearly_meetings(uow.plain_reader(), agreement_id)
