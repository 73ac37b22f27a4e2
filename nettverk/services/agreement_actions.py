"""The agreed actions (tiltak) of partnership agreements: add, list, change, complete and
delete them; an action's focus area must be one its agreement has chosen."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain.agreements import (
    ACTION_STATUS_LABELS,
    AGREEMENT_STATUS_LABELS,
    ActionStatus,
    AgreementAction,
    AgreementFocusArea,
    AgreementStatus,
    PartnershipAgreement,
    parse_action_status,
)
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_agreements
from nettverk.services.agreement_views import ActionView as ActionView
from nettverk.services.agreements import _display, _today, find_agreement
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.focus_areas import _find_focus_area


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
