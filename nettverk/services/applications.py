"""Calls for applications and selection: rounds, applications, interviews and decisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from nettverk.domain import rules
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.network import (
    APPLICATION_STATUS_LABELS,
    Application,
    ApplicationEvent,
    ApplicationRound,
    ApplicationStatus,
    check_application_move,
    county_capacity_note,
    eligibility_notes,
)
from nettverk.domain.register import Municipality, Participation, ParticipationStatus, Programme
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_rounds
from nettverk.services.application_views import ApplicationEventView as ApplicationEventView
from nettverk.services.application_views import ApplicationView as ApplicationView
from nettverk.services.application_views import RoundView as RoundView
from nettverk.services.county_quota import round_county_warnings
from nettverk.services.deletion import DeletedView, refuse_if_used, remove
from nettverk.services.network_common import display_name, fmt_date, parse_enum, today_or
from nettverk.services.populations import population_at
from nettverk.services.programmes import enrol
from nettverk.services.register import find_municipality, find_programme

# --- helpers -----------------------------------------------------------------------------

_OPEN = (ApplicationStatus.received, ApplicationStatus.interview)


def _judged_population(a: Application) -> tuple[int | None, int | None]:
    """The population an application is judged by: the one stored with its decision, else
    the figure known for the year it was received (or the latest year before)."""
    if a.status in _DECIDED and a.decision_population_year is not None:
        return a.decision_population, a.decision_population_year
    return population_at(a.municipality, a.received.year)


def _notes(a: Application) -> list[str]:
    m, p = a.municipality, a.programme
    population, year = _judged_population(a)
    return eligibility_notes(population, year, p.max_population, m.ended_on, p.starts)


def _view(a: Application) -> ApplicationView:
    m = a.municipality
    notes = _notes(a)
    population, population_year = _judged_population(a)
    return ApplicationView(
        id=a.id, programme=a.programme.slug, round_id=a.round_id,
        round_title=a.round.title if a.round else None,
        deadline=a.round.deadline if a.round else None, municipality=m.number, name=m.name,
        sami_name=m.sami_name, display_name=display_name(m.name, m.sami_name),
        county=m.county.number, population=population, population_year=population_year,
        received=a.received, late=a.is_late, samfunnsdel_year=a.samfunnsdel_year,
        progress_plan=a.progress_plan, has_statistics=a.has_statistics, personnel=a.personnel,
        status=a.status.value, status_label=APPLICATION_STATUS_LABELS[a.status],
        decided_on=a.decided_on, decision_reason=a.decision_reason,
        override_justification=a.override_justification, eligible=not notes,
        eligibility_notes=notes,
        events=[ApplicationEventView(e.status.value, APPLICATION_STATUS_LABELS[e.status], e.on,
                                     e.reason) for e in a.events],
        version=a.version,
    )


def _options() -> list[LoaderOption]:
    return [
        joinedload(Application.programme), joinedload(Application.round),
        joinedload(Application.municipality).joinedload(Municipality.county),
        joinedload(Application.municipality).selectinload(Municipality.populations),
        selectinload(Application.events),
    ]


def _load(session: Session, application_id: int) -> Application:
    a = session.scalar(
        select(Application).options(*_options())
        .where(Application.id == application_id)
    )
    if a is None:
        raise NotFoundError("id", f"søknad {application_id} finnes ikke")
    return a


def _round_view(r: ApplicationRound, count: int) -> RoundView:
    return RoundView(r.id, r.programme.slug, r.title, r.opens, r.deadline, r.description, count,
                     r.version)


# --- rounds ------------------------------------------------------------------------------


def add_round(
    uow: UnitOfWork, programme: str, title: str, opens: date, deadline: date,
    description: str | None = None,
) -> RoundView:
    """Open a call for applications (utlysning) with its deadline."""
    with uow:
        s = uow.session
        r = ApplicationRound(programme=find_programme(s, programme), title=title, opens=opens,
                             deadline=deadline, description=description)
        r.check()
        s.add(r)
        uow.flush()
        view = _round_view(r, 0)
        uow.commit()
        return view


def list_rounds(uow: UnitOfWork, programme: str | None = None) -> list[RoundView]:
    """Calls for applications, newest first, with the number of applications each
    (services.plain_rounds, on the unit of work's connection)."""
    with uow:
        return plain_rounds.list_rounds(uow.plain_reader(), programme)


def _load_round(session: Session, round_id: int) -> ApplicationRound:
    r = session.scalar(select(ApplicationRound).options(joinedload(ApplicationRound.programme))
                       .where(ApplicationRound.id == round_id))
    if r is None:
        raise NotFoundError("id", f"utlysning {round_id} finnes ikke")
    return r


def _round_count(session: Session, round_id: int) -> int:
    return int(session.scalar(select(func.count(Application.id))
                              .where(Application.round_id == round_id)) or 0)


def get_round(uow: UnitOfWork, id: int, today: date | None = None) -> RoundView:
    """One call for applications with its number of applications, and, once it has ended,
    the counties left under the programme's minimum."""
    with uow:
        s = uow.session
        r = _load_round(s, id)
        view = _round_view(r, _round_count(s, id))
        return replace(view, warnings=round_county_warnings(s, r, today_or(today)))


_ROUND_FIELDS = {"title", "opens", "deadline", "description"}


def update_round(uow: UnitOfWork, id: int, expected_version: int | None = None,
                 **changes: object) -> RoundView:
    """Change a call's title, opening date, deadline or description.

    The opening date cannot move past an application already received under the call;
    a changed deadline changes which applications count as late.
    """
    unknown = set(changes) - _ROUND_FIELDS
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        s = uow.session
        r = _load_round(s, id)
        r.check_version(expected_version, "utlysningen")
        for key in ("opens", "deadline"):
            if key in changes and not isinstance(changes[key], date):
                raise DomainError(key, "må være en dato (dd.mm.åååå)")
        for key, value in changes.items():
            setattr(r, key, value)
        r.check()
        first = s.scalar(select(func.min(Application.received)).where(Application.round_id == id))
        if first is not None and r.opens > first:
            raise DomainError("opens", "utlysningen har en søknad mottatt "
                                       f"{fmt_date(first)}; den kan ikke åpne senere enn det")
        uow.flush()
        view = _round_view(r, _round_count(s, id))
        uow.commit()
        return view


def delete_round(uow: UnitOfWork, id: int, expected_version: int | None = None) -> DeletedView:
    """Delete a call for applications; refused while applications belong to it."""
    with uow:
        r = _load_round(uow.session, id)
        refuse_if_used(uow, "id", "Utlysningen", [(Application.round_id, id, "søknader")])
        return remove(uow, r, expected_version, "utlysning", "utlysningen", r.title)


def _round_for(session: Session, prog: Programme, received: date,
               round_id: int | None) -> ApplicationRound | None:
    if round_id is not None:
        r = session.get(ApplicationRound, round_id)
        if r is None or r.programme_id != prog.id:
            raise NotFoundError("round", f"utlysning {round_id} finnes ikke i {prog.slug}")
        if received < r.opens:
            raise DomainError("received",
                              f"mottatt før utlysningen åpnet ({fmt_date(r.opens)})")
        return r
    # The latest round already open on the day the application came in.
    return session.scalar(
        select(ApplicationRound)
        .where(ApplicationRound.programme_id == prog.id, ApplicationRound.opens <= received)
        .order_by(ApplicationRound.opens.desc(), ApplicationRound.id.desc()).limit(1)
    )


# --- applications ------------------------------------------------------------------------


def add_application(
    uow: UnitOfWork,
    programme: str,
    municipality: str,
    received: date | None = None,
    samfunnsdel_year: int | None = None,
    progress_plan: str | None = None,
    has_statistics: bool | None = None,
    personnel: str | None = None,
    round_id: int | None = None,
    today: date | None = None,
) -> ApplicationView:
    """Register an application; late ones are flagged, ineligible ones noted (never rejected)."""
    with uow:
        s = uow.session
        today = today_or(today)
        received = received or today
        if received > today:
            raise DomainError("received", "mottatt-datoen kan ikke være fram i tid")
        prog = find_programme(s, programme)
        mun = find_municipality(s, municipality)
        existing = s.scalar(select(Application).where(
            Application.programme_id == prog.id, Application.municipality_id == mun.id,
            Application.status.in_([*_OPEN, ApplicationStatus.accepted])))
        if existing is not None:
            raise DomainError(
                "municipality",
                f"{display_name(mun.name, mun.sami_name)} har allerede en søknad til "
                f"{prog.slug} (søknad {existing.id}, "
                f"{APPLICATION_STATUS_LABELS[existing.status]})",
            )
        a = Application(
            programme=prog, municipality=mun, round=_round_for(s, prog, received, round_id),
            received=received, samfunnsdel_year=samfunnsdel_year, progress_plan=progress_plan,
            has_statistics=has_statistics, personnel=personnel,
            status=ApplicationStatus.received,
        )
        if samfunnsdel_year is not None and samfunnsdel_year > received.year:
            raise DomainError("samfunnsdel_year", "samfunnsdelen kan ikke være fra et år fram i tid")
        a.events.append(ApplicationEvent(status=ApplicationStatus.received, on=received,
                                         reason="Søknad mottatt"))
        s.add(a)
        uow.flush()
        view = _view(_load(s, a.id))
        uow.commit()
        return view


def list_applications(
    uow: UnitOfWork,
    programme: str | None = None,
    status: str | None = None,
    round_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ApplicationView]:
    """Applications by received date and municipality number."""
    with uow:
        s = uow.session
        stmt = (
            select(Application).join(Application.municipality)
            .options(*_options())
        )
        if programme:
            stmt = stmt.where(Application.programme_id == find_programme(s, programme).id)
        if status:
            stmt = stmt.where(Application.status == parse_enum(ApplicationStatus, "status", status))
        if round_id is not None:
            stmt = stmt.where(Application.round_id == round_id)
        stmt = stmt.order_by(Application.received, Municipality.number, Application.id)
        stmt = stmt.offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [_view(a) for a in s.scalars(stmt)]


def get_application(uow: UnitOfWork, id: int) -> ApplicationView:
    """One application with its history."""
    with uow:
        return _view(_load(uow.session, id))


_APPLICATION_FIELDS = {"received", "samfunnsdel_year", "progress_plan", "has_statistics",
                       "personnel", "round_id"}


def update_application(uow: UnitOfWork, id: int, expected_version: int | None = None,
                       today: date | None = None, **changes: object) -> ApplicationView:
    """Correct a pending application's answers: received date, samfunnsdel year, progress plan,
    statistics and personnel, and the round (call) it answers (`round_id`). A decided
    application keeps what the decision was based on."""
    unknown = set(changes) - _APPLICATION_FIELDS
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        a = _load(uow.session, id)
        a.check_version(expected_version, "søknaden")
        if a.status not in _OPEN:
            raise DomainError("status", f"søknaden er {APPLICATION_STATUS_LABELS[a.status]} og "
                                        "kan ikke endres")
        if "received" in changes:
            received = changes.pop("received")
            if not isinstance(received, date):
                raise DomainError("received", "må være en dato (dd.mm.åååå)")
            if received > today_or(today):
                raise DomainError("received", "mottatt-datoen kan ikke være fram i tid")
            if a.round is not None and received < a.round.opens:
                raise DomainError("received", "mottatt før utlysningen åpnet "
                                              f"({fmt_date(a.round.opens)})")
            later = [e.on for e in a.events if e.status is not ApplicationStatus.received]
            if later and received > min(later):
                raise DomainError("received", "kan ikke være etter neste steg i behandlingen "
                                              f"({fmt_date(min(later))})")
            a.received = received
            for e in a.events:
                if e.status is ApplicationStatus.received:
                    e.on = received
        if changes.get("round_id") is not None:  # the call it answers (opened by the received day)
            a.round = _round_for(uow.session, a.programme, a.received, int(str(changes["round_id"])))
        changes.pop("round_id", None)
        for key, value in changes.items():
            setattr(a, key, value)
        if a.samfunnsdel_year is not None and a.samfunnsdel_year > a.received.year:
            raise DomainError("samfunnsdel_year", "samfunnsdelen kan ikke være fra et år fram i tid")
        uow.flush()
        view = _view(a)
        uow.commit()
        return view


_DECIDED = (ApplicationStatus.accepted, ApplicationStatus.rejected)


def delete_application(uow: UnitOfWork, id: int,
                       expected_version: int | None = None) -> DeletedView:
    """Delete an application that is not decided (received, interview or withdrawn) with its
    history; an accepted or rejected one stays, as the record of the decision."""
    with uow:
        a = _load(uow.session, id)
        if a.status in _DECIDED:
            extra = " (kommunen ble deltaker)" if a.status is ApplicationStatus.accepted else ""
            raise DomainError(
                "status", f"søknaden er {APPLICATION_STATUS_LABELS[a.status]}{extra} og kan "
                "ikke slettes: avgjørelsen skal stå")
        label = f"{display_name(a.municipality.name, a.municipality.sami_name)} til " \
                f"{a.programme.slug}"
        return remove(uow, a, expected_version, "søknad", "søknaden", label)


def _move(a: Application, new: ApplicationStatus, on: date, reason: str | None,
          expected_version: int | None) -> None:
    a.check_version(expected_version, "søknaden")
    check_application_move(a.status, new)
    last = max((e.on for e in a.events), default=a.received)
    if on < last:
        raise DomainError("on", f"datoen kan ikke være før forrige endring ({fmt_date(last)})")
    reason = rules.clean_text("reason", reason)
    a.status = new
    a.events.append(ApplicationEvent(status=new, on=on, reason=reason))


def move_to_interview(uow: UnitOfWork, id: int, on: date | None = None,
                      reason: str | None = None, expected_version: int | None = None,
                      today: date | None = None) -> ApplicationView:
    """Invite the municipality to an interview (samtale)."""
    with uow:
        a = _load(uow.session, id)
        _move(a, ApplicationStatus.interview, on or today_or(today), reason, expected_version)
        uow.flush()
        view = _view(a)
        uow.commit()
        return view


def withdraw(uow: UnitOfWork, id: int, on: date | None = None, reason: str | None = None,
             expected_version: int | None = None, today: date | None = None) -> ApplicationView:
    """The municipality withdraws its application before a decision."""
    with uow:
        a = _load(uow.session, id)
        _move(a, ApplicationStatus.withdrawn, on or today_or(today), reason, expected_version)
        a.decided_on = a.events[-1].on
        uow.flush()
        view = _view(a)
        uow.commit()
        return view


def accept_notes(session: Session, a: Application) -> list[str]:
    """What stands in the way of accepting: eligibility and the maximum per county."""
    notes = _notes(a)
    county = a.municipality.county
    taken = session.scalar(
        select(func.count(Participation.id))
        .join(Participation.municipality)
        .where(Participation.programme_id == a.programme_id,
               Participation.status != ParticipationStatus.withdrawn,
               Municipality.county_id == county.id,
               Participation.municipality_id != a.municipality_id)
    ) or 0
    capacity = county_capacity_note(int(taken), a.programme.max_per_county, county.name)
    if capacity:
        notes.append(capacity)
    return notes


def decide(
    uow: UnitOfWork,
    id: int,
    accept: bool,
    reason: str | None = None,
    override: str | None = None,
    on: date | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> ApplicationView:
    """Accept or reject an application.

    Accepting an ineligible application, or one beyond the programme's maximum per county,
    is refused unless `override` gives the justification, which is kept. Accepting makes the
    municipality a participant (unless it already is one).
    """
    with uow:
        s = uow.session
        a = _load(s, id)
        day = on or today_or(today)
        override = rules.clean_text("override", override)
        if accept:
            notes = accept_notes(s, a) if a.status in _OPEN else []
            if notes and not override:
                raise DomainError(
                    "override",
                    " ".join(notes) + " Oppgi en begrunnelse for overstyring for å ta opp "
                    "kommunen likevel.",
                )
            event_reason = "; ".join(x for x in (reason, f"Overstyrt: {override}"
                                                 if override else None) if x)
            _move(a, ApplicationStatus.accepted, day, event_reason or reason, expected_version)
            a.override_justification = override
            prog = a.programme
            if prog.ends is not None and day > prog.ends:
                raise DomainError("on", "programmet er avsluttet; ingen kan tas opp")
            participating = s.scalar(select(Participation.id).where(
                Participation.programme_id == prog.id,
                Participation.municipality_id == a.municipality_id))
            if participating is None:
                enrol(s, prog, a.municipality, max(day, prog.starts))
        else:
            _move(a, ApplicationStatus.rejected, day, reason, expected_version)
        a.decided_on = day
        a.decision_reason = rules.clean_text("reason", reason)
        # The decision keeps the figure and verdict it was made on: a later population never
        # changes it.
        population, year = population_at(a.municipality, a.received.year)
        a.decision_population, a.decision_population_year = population, year
        p, m = a.programme, a.municipality
        a.decision_eligible = not eligibility_notes(population, year, p.max_population,
                                                    m.ended_on, p.starts)
        uow.flush()
        view = _view(a)
        if a.round is not None:
            view = replace(view, round_warnings=round_county_warnings(
                s, a.round, max(today_or(today), day)))
        uow.commit()
        return view
