"""The follow-up log: dated contacts with a municipality and the next action agreed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.network import (
    FOLLOW_UP_KIND_LABELS,
    FollowUp,
    FollowUpKind,
    milestone_status,
)
from nettverk.domain.register import Municipality
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.network_common import display_name, parse_enum, today_or
from nettverk.services.register import find_municipality, find_programme


@dataclass(frozen=True)
class FollowUpView:
    """A logged contact; the next action's status is derived like a milestone's."""

    id: int
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    programme: str | None
    on: date
    kind: str
    kind_label: str
    participants: str | None
    summary: str
    next_action: str | None
    next_action_due: date | None
    next_action_done_on: date | None
    next_action_status: str | None
    exempt_from_public: bool
    version: int


def _view(f: FollowUp, today: date) -> FollowUpView:
    m = f.municipality
    status = (milestone_status(f.next_action_due, f.next_action_done_on, today).value
              if f.next_action_due is not None else None)
    return FollowUpView(
        id=f.id, municipality=m.number, name=m.name, sami_name=m.sami_name,
        display_name=display_name(m.name, m.sami_name),
        programme=f.programme.slug if f.programme else None, on=f.on, kind=f.kind.value,
        kind_label=FOLLOW_UP_KIND_LABELS[f.kind], participants=f.participants,
        summary=f.summary, next_action=f.next_action, next_action_due=f.next_action_due,
        next_action_done_on=f.next_action_done_on, next_action_status=status,
        exempt_from_public=f.exempt_from_public, version=f.version,
    )


def add_follow_up(
    uow: UnitOfWork,
    municipality: str,
    on: date,
    kind: str,
    summary: str,
    participants: str | None = None,
    next_action: str | None = None,
    next_action_due: date | None = None,
    programme: str | None = None,
    exempt_from_public: bool = False,
    today: date | None = None,
) -> FollowUpView:
    """Log a contact with a municipality (a next action with a due date joins the milestones)."""
    with uow:
        s = uow.session
        today = today_or(today)
        if on > today:
            raise DomainError("on", "en kontakt som logges kan ikke være fram i tid")
        f = FollowUp(
            municipality=find_municipality(s, municipality), on=on,
            kind=parse_enum(FollowUpKind, "kind", kind), summary=summary,
            participants=participants, next_action=next_action,
            next_action_due=next_action_due,
            programme=find_programme(s, programme) if programme else None,
            exempt_from_public=exempt_from_public,
        )
        f.check()
        s.add(f)
        uow.flush()
        view = _view(f, today)
        uow.commit()
        return view


def complete_next_action(
    uow: UnitOfWork, id: int, on: date | None = None, today: date | None = None
) -> FollowUpView:
    """Mark a follow-up's next action as done."""
    with uow:
        today = today_or(today)
        f = uow.session.scalar(
            select(FollowUp).options(joinedload(FollowUp.municipality),
                                     joinedload(FollowUp.programme))
            .where(FollowUp.id == id))
        if f is None:
            raise NotFoundError("id", f"oppfølging {id} finnes ikke")
        if not f.next_action:
            raise DomainError("next_action", "oppfølgingen har ikke noe neste steg")
        if f.next_action_done_on is not None:
            raise DomainError("next_action", "neste steg er allerede utført")
        day = on or today
        if day > today:
            raise DomainError("on", "kan ikke være fram i tid")
        f.next_action_done_on = day
        f.check()
        uow.flush()
        view = _view(f, today)
        uow.commit()
        return view


def list_follow_ups(
    uow: UnitOfWork,
    municipality: str | None = None,
    programme: str | None = None,
    include_exempt: bool = True,
    today: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[FollowUpView]:
    """The follow-up log, newest first."""
    with uow:
        s = uow.session
        today = today_or(today)
        stmt = select(FollowUp).join(FollowUp.municipality).options(
            joinedload(FollowUp.municipality), joinedload(FollowUp.programme))
        if municipality:
            stmt = stmt.where(FollowUp.municipality_id == find_municipality(s, municipality).id)
        if programme:
            stmt = stmt.where(FollowUp.programme_id == find_programme(s, programme).id)
        if not include_exempt:
            stmt = stmt.where(FollowUp.exempt_from_public.is_(False))
        stmt = stmt.order_by(FollowUp.on.desc(), Municipality.number, FollowUp.id.desc())
        stmt = stmt.offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [_view(f, today) for f in s.scalars(stmt)]
