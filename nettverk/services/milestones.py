"""Milestones of programmes, participations and plan documents, with follow-up next actions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import joinedload

from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.network import (
    DUE_SOON_DAYS,
    MILESTONE_STATUS_LABELS,
    FollowUp,
    Milestone,
    MilestoneStatus,
    PlanDocument,
    milestone_status,
)
from nettverk.domain.register import Participation
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_milestones
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.milestone_table import MilestoneTable as MilestoneTable
from nettverk.services.network_common import display_name, fmt_date, today_or
from nettverk.services.overview_views import MilestoneView as MilestoneView
from nettverk.services.register import find_municipality, find_person, find_programme


def milestone_view(m: Milestone, today: date) -> MilestoneView:
    mun = m.municipality or (m.plan_document.municipality if m.plan_document else None)
    status = milestone_status(m.due, m.done_on, today)
    return MilestoneView(
        key=f"milestone:{m.id}", kind="milestone", id=m.id, follow_up_id=None, title=m.title,
        due=m.due, done_on=m.done_on, status=status.value,
        status_label=MILESTONE_STATUS_LABELS[status],
        programme=m.programme.slug if m.programme else None,
        municipality=mun.number if mun else None,
        municipality_name=display_name(mun.name, mun.sami_name) if mun else None,
        plan_document_id=m.plan_document_id,
        responsible=m.responsible.name if m.responsible else None, version=m.version,
    )


def next_action_view(f: FollowUp, today: date) -> MilestoneView:
    """A follow-up's next action as a milestone-like item."""
    assert f.next_action_due is not None
    status = milestone_status(f.next_action_due, f.next_action_done_on, today)
    m = f.municipality
    return MilestoneView(
        key=f"follow_up:{f.id}", kind="next_action", id=None, follow_up_id=f.id,
        title=f.next_action or "", due=f.next_action_due, done_on=f.next_action_done_on,
        status=status.value, status_label=MILESTONE_STATUS_LABELS[status],
        programme=f.programme.slug if f.programme else None, municipality=m.number,
        municipality_name=display_name(m.name, m.sami_name), plan_document_id=None,
        responsible=f.participants, version=f.version,
    )


def status_condition(due: Any, done_on: Any, status: MilestoneStatus,
                     today: date) -> ColumnElement[bool]:
    """The SQL condition for a derived status (so filters and counts run in the database)."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    if status is MilestoneStatus.done:
        return done_on.is_not(None)  # type: ignore[no-any-return]
    if status is MilestoneStatus.overdue:
        return and_(done_on.is_(None), due < today)
    if status is MilestoneStatus.due_soon:
        return and_(done_on.is_(None), due >= today, due <= soon)
    return and_(done_on.is_(None), due > soon)


def _load(uow: UnitOfWork, id: int) -> Milestone:
    m = uow.session.scalar(
        select(Milestone).options(
            joinedload(Milestone.programme), joinedload(Milestone.municipality),
            joinedload(Milestone.plan_document).joinedload(PlanDocument.municipality),
            joinedload(Milestone.responsible),
        ).where(Milestone.id == id))
    if m is None:
        raise NotFoundError("id", f"milepæl {id} finnes ikke")
    return m


def add_milestone(
    uow: UnitOfWork,
    title: str,
    due: date,
    programme: str | None = None,
    municipality: str | None = None,
    plan_document_id: int | None = None,
    responsible_id: int | None = None,
    today: date | None = None,
) -> MilestoneView:
    """Add a milestone to a programme, a participation (programme + municipality) or a plan."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme) if programme else None
        mun = find_municipality(s, municipality) if municipality else None
        doc = None
        if plan_document_id is not None:
            doc = s.get(PlanDocument, plan_document_id)
            if doc is None:
                raise NotFoundError("plan_document", f"plandokument {plan_document_id} finnes ikke")
            if mun is not None and doc.municipality_id != mun.id:
                raise DomainError("plan_document", "plandokumentet hører til en annen kommune")
            mun = mun or doc.municipality
        if prog is not None and mun is not None and s.scalar(select(Participation.id).where(
                Participation.programme_id == prog.id,
                Participation.municipality_id == mun.id)) is None:
            raise DomainError(
                "municipality",
                f"{display_name(mun.name, mun.sami_name)} deltar ikke i {prog.slug}")
        m = Milestone(
            title=title, due=due, programme=prog, municipality=mun, plan_document=doc,
            responsible=find_person(s, responsible_id, "responsible") if responsible_id is not None else None,
        )
        m.check()
        s.add(m)
        uow.flush()
        view = milestone_view(m, today_or(today))
        uow.commit()
        return view


def mark_done(uow: UnitOfWork, id: int, on: date | None = None,
              expected_version: int | None = None, today: date | None = None) -> MilestoneView:
    """Mark a milestone done (today unless a date is given)."""
    with uow:
        today = today_or(today)
        m = _load(uow, id)
        m.check_version(expected_version, "milepælen")
        if m.done_on is not None:
            raise DomainError("id", f"milepælen ble allerede utført {fmt_date(m.done_on)}")
        day = on or today
        if day > today:
            raise DomainError("on", "kan ikke være fram i tid")
        m.done_on = day
        uow.flush()
        view = milestone_view(m, today)
        uow.commit()
        return view


def reopen(uow: UnitOfWork, id: int, today: date | None = None) -> MilestoneView:
    """Undo "done" on a milestone."""
    with uow:
        m = _load(uow, id)
        if m.done_on is None:
            raise DomainError("id", "milepælen er ikke utført")
        m.done_on = None
        uow.flush()
        view = milestone_view(m, today_or(today))
        uow.commit()
        return view


def update_milestone(
    uow: UnitOfWork, id: int, title: str | None = None, due: date | None = None,
    responsible_id: int | None = None, expected_version: int | None = None,
    today: date | None = None,
) -> MilestoneView:
    """Change a milestone's title, due date or responsible person."""
    with uow:
        m = _load(uow, id)
        m.check_version(expected_version, "milepælen")
        if title is not None:
            m.title = title
        if due is not None:
            m.due = due
        if responsible_id is not None:
            m.responsible = find_person(uow.session, responsible_id, "responsible")
        uow.flush()
        view = milestone_view(m, today_or(today))
        uow.commit()
        return view


def delete_milestone(uow: UnitOfWork, id: int, expected_version: int | None = None) -> DeletedView:
    """Delete a milestone (the audit log keeps its values)."""
    with uow:
        m = _load(uow, id)
        return remove(uow, m, expected_version, "milepæl", "milepælen", m.title)


def list_milestones(
    uow: UnitOfWork,
    programme: str | None = None,
    municipality: str | None = None,
    overdue: bool = False,
    status: str | None = None,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
    include_next_actions: bool = True,
) -> list[MilestoneView]:
    """Milestones and follow-up next actions by due date.

    `overdue`: due before today and not done. `status`: upcoming, due_soon, overdue or done.
    """
    return milestone_table(uow, programme, municipality, overdue, status, today, limit, offset,
                           include_next_actions).views()


def milestone_table(
    uow: UnitOfWork,
    programme: str | None = None,
    municipality: str | None = None,
    overdue: bool = False,
    status: str | None = None,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
    include_next_actions: bool = True,
) -> MilestoneTable:
    """What `list_milestones` lists (the same rows in the same order), as columns with a view
    made per row only when asked for (`MilestoneTable.view`): for a list of 100,000 rows. Read
    in plain SQL on the unit of work's connection (services.plain_milestones, the statements
    `nettverk milestone list` runs without SQLAlchemy)."""
    with uow:
        return plain_milestones.milestone_table(
            uow.plain_reader(), programme, municipality, overdue, status, today, limit,
            offset, include_next_actions)
