"""The follow-up log: dated contacts with a municipality and the next action agreed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.network import (
    FOLLOW_UP_KIND_LABELS,
    FollowUp,
    FollowUpKind,
    milestone_status,
)
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_followups
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.followup_views import FollowUpView as FollowUpView
from nettverk.services.network_common import display_name, fmt_date, parse_enum, today_or
from nettverk.services.register import find_municipality, find_programme


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


def _load(session: Session, id: int) -> FollowUp:
    f = session.scalar(
        select(FollowUp).options(joinedload(FollowUp.municipality),
                                 joinedload(FollowUp.programme))
        .where(FollowUp.id == id))
    if f is None:
        raise NotFoundError("id", f"oppfølging {id} finnes ikke")
    return f


def get_follow_up(uow: UnitOfWork, id: int, today: date | None = None) -> FollowUpView:
    """One logged contact."""
    with uow:
        return _view(_load(uow.session, id), today_or(today))


_UPDATABLE = {"municipality", "programme", "on", "kind", "summary", "participants",
              "next_action", "next_action_due", "next_action_done_on", "exempt_from_public"}
_DATES = ("on", "next_action_due", "next_action_done_on")


def update_follow_up(uow: UnitOfWork, id: int, expected_version: int | None = None,
                     today: date | None = None, **changes: object) -> FollowUpView:
    """Change a logged contact: keys as `add_follow_up` takes them, plus next_action_done_on
    (None reopens the next action). `municipality` is a number, `programme` a slug or None."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        s = uow.session
        today = today_or(today)
        f = _load(s, id)
        f.check_version(expected_version, "oppfølgingen")
        before = (f.on, f.next_action_done_on)
        for key, value in changes.items():
            if key == "municipality":
                f.municipality = find_municipality(s, str(value or ""))
            elif key == "programme":
                f.programme = find_programme(s, str(value)) if value else None
            elif key == "kind":
                f.kind = parse_enum(FollowUpKind, "kind", str(value or ""))
            elif key in _DATES:
                if value is not None and not isinstance(value, date):
                    raise DomainError(key, "må være en dato (dd.mm.åååå)")
                if key == "on" and value is None:
                    raise DomainError("on", "må fylles ut (dd.mm.åååå)")
                setattr(f, key, value)
            elif key == "exempt_from_public":
                f.exempt_from_public = bool(value)
            else:
                setattr(f, key, value)
        # Only a date that is changed now must not lie ahead (the log may hold later ones).
        if f.on != before[0] and f.on > today:
            raise DomainError("on", "en kontakt som logges kan ikke være fram i tid")
        if f.next_action_done_on is not None:
            if f.next_action_done_on != before[1] and f.next_action_done_on > today:
                raise DomainError("next_action_done_on", "kan ikke være fram i tid")
            if not f.next_action:
                raise DomainError("next_action", "må fylles ut når neste steg er utført")
        f.check()
        uow.flush()
        view = _view(f, today)
        uow.commit()
        return view


def delete_follow_up(uow: UnitOfWork, id: int,
                     expected_version: int | None = None) -> DeletedView:
    """Delete a logged contact, its next action with it (the audit log keeps the values)."""
    with uow:
        f = _load(uow.session, id)
        m = f.municipality
        label = f"{display_name(m.name, m.sami_name)} {fmt_date(f.on)}"
        return remove(uow, f, expected_version, "oppfølging", "oppfølgingen", label)


def complete_next_action(
    uow: UnitOfWork, id: int, on: date | None = None, today: date | None = None,
    expected_version: int | None = None,
) -> FollowUpView:
    """Mark a follow-up's next action as done."""
    with uow:
        today = today_or(today)
        f = _load(uow.session, id)
        f.check_version(expected_version, "oppfølgingen")
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
    """The follow-up log, newest first. Read in plain SQL on the unit of work's connection
    (services.plain_followups, what `nettverk followup list` runs without SQLAlchemy)."""
    with uow:
        return plain_followups.list_follow_ups(uow.plain_reader(), municipality, programme,
                                               include_exempt, today, limit, offset)
