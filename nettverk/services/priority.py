"""The priority tool (prioriteringsverktøy): factors scored on importance and local influence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import mean

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from nettverk.domain import rules
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.evaluation import (
    QUADRANT_LABELS,
    PriorityFactor,
    PriorityScore,
    PrioritySession,
    priority_quadrant,
    quadrant_of,
)
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_priority
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.priority_views import SessionView as SessionView
from nettverk.services.register import find_municipality, find_programme


@dataclass(frozen=True)
class FactorView:
    """A factor with the participants' mean scores, the agreed placing and its quadrant.

    The quadrant follows the agreed placing when there is one, else the mean scores.
    """

    id: int
    session_id: int
    name: str
    scores: int
    mean_importance: float | None
    mean_influence: float | None
    agreed_importance: int | None
    agreed_influence: int | None
    quadrant: str | None
    quadrant_label: str | None
    version: int = 0


@dataclass(frozen=True)
class PriorityScoreView:
    """One participant's scoring of one factor."""

    factor: str
    participant: str
    importance: int
    influence: int
    quadrant: str
    quadrant_label: str


@dataclass(frozen=True)
class SessionDetail:
    """A session with its factors (prioritised first) and every individual score."""

    session: SessionView
    factors: list[FactorView]
    scores: list[PriorityScoreView]


def _session_view(p: PrioritySession) -> SessionView:
    m = p.municipality
    return SessionView(
        p.id, p.title, p.held_on, m.number if m else None,
        (f"{m.name} – {m.sami_name}" if m.sami_name else m.name) if m else None,
        p.programme.slug if p.programme else None, len(p.factors), p.version,
    )


def _factor_view(f: PriorityFactor) -> FactorView:
    imp = round(float(mean(x.importance for x in f.scores)), 2) if f.scores else None
    inf = round(float(mean(x.influence for x in f.scores)), 2) if f.scores else None
    if f.agreed_importance is not None and f.agreed_influence is not None:
        quadrant = priority_quadrant(f.agreed_importance, f.agreed_influence)
    elif imp is not None and inf is not None:
        quadrant = quadrant_of(imp, inf)
    else:
        quadrant = None
    return FactorView(
        f.id, f.session_id, f.name, len(f.scores), imp, inf, f.agreed_importance,
        f.agreed_influence, quadrant.value if quadrant else None,
        QUADRANT_LABELS[quadrant] if quadrant else None, f.version,
    )


def _load(session: Session, session_id: int, field: str = "session") -> PrioritySession:
    p = session.scalar(
        select(PrioritySession)
        .options(
            joinedload(PrioritySession.municipality), joinedload(PrioritySession.programme),
            selectinload(PrioritySession.factors).selectinload(PriorityFactor.scores),
        )
        .where(PrioritySession.id == session_id)
    )
    if p is None:
        raise NotFoundError(field, f"prioriteringsøkt {session_id} finnes ikke")
    return p


def _factor(p: PrioritySession, name: str) -> PriorityFactor:
    wanted = (name or "").strip().lower()
    for f in p.factors:
        if f.name.lower() == wanted:
            return f
    raise NotFoundError("factor", f"faktoren {name!r} finnes ikke i økt {p.id}")


def add_session(
    uow: UnitOfWork, title: str, held_on: date, municipality: str | None = None,
    programme: str | None = None,
) -> SessionView:
    """Register a priority-tool session (for a municipality, a programme or both)."""
    with uow:
        s = uow.session
        p = PrioritySession(
            title=title, held_on=held_on,
            municipality=find_municipality(s, municipality) if municipality else None,
            programme=find_programme(s, programme) if programme else None,
        )
        s.add(p)
        uow.flush()
        view = _session_view(p)
        uow.commit()
        return view


def list_sessions(uow: UnitOfWork, municipality: str | None = None,
                  programme: str | None = None) -> list[SessionView]:
    """Sessions, newest first. Read in plain SQL on the unit of work's connection
    (services.plain_priority, what `nettverk priority list` runs without SQLAlchemy)."""
    with uow:
        return plain_priority.list_sessions(uow.plain_reader(), municipality, programme)


def update_session(
    uow: UnitOfWork, session_id: int, expected_version: int | None = None,
    title: str | None = None, held_on: date | None = None, municipality: str | None = None,
    programme: str | None = None,
) -> SessionView:
    """Change a session's title, date, municipality or programme: None leaves a field as it
    is, empty text clears the municipality or the programme."""
    with uow:
        s = uow.session
        p = _load(s, session_id, "id")
        p.check_version(expected_version, "økten")
        if title is not None:
            p.title = title
        if held_on is not None:
            if not isinstance(held_on, date):
                raise DomainError("held_on", "må være en dato")
            p.held_on = held_on
        if municipality is not None:
            p.municipality = (find_municipality(s, municipality.strip())
                              if municipality.strip() else None)
        if programme is not None:
            p.programme = find_programme(s, programme.strip()) if programme.strip() else None
        uow.flush()
        view = _session_view(p)
        uow.commit()
        return view


def delete_session(uow: UnitOfWork, session_id: int,
                   expected_version: int | None = None) -> DeletedView:
    """Delete a session with its factors and their scores (they mean nothing without it;
    the audit log keeps every row)."""
    with uow:
        p = _load(uow.session, session_id, "id")
        label = f"{p.title} {p.held_on.strftime('%d.%m.%Y')}"
        return remove(uow, p, expected_version, "prioriteringsøkt", "økten", label)


def add_factor(uow: UnitOfWork, session_id: int, name: str,
               agreed_importance: int | None = None,
               agreed_influence: int | None = None) -> FactorView:
    """Add a factor (emne, faktor eller arbeidsområde) to score, optionally with the placing
    already agreed (both importance and influence, or neither)."""
    _check_placing(agreed_importance, agreed_influence)
    with uow:
        p = _load(uow.session, session_id)
        f = PriorityFactor(name=name, agreed_importance=agreed_importance,
                           agreed_influence=agreed_influence)
        if any(x.name.lower() == f.name.lower() for x in p.factors):
            raise DomainError("name", f"faktoren {f.name!r} finnes allerede i økten")
        p.factors.append(f)
        uow.flush()
        view = _factor_view(f)
        uow.commit()
        return view


def _check_placing(importance: int | None, influence: int | None) -> None:
    rules.check_score("importance", importance, required=False)
    rules.check_score("influence", influence, required=False)
    if importance is None and influence is not None:
        raise DomainError("importance", "må fylles ut når påvirkning er gitt (1–5)")
    if influence is None and importance is not None:
        raise DomainError("influence", "må fylles ut når viktighet er gitt (1–5)")


def add_score(
    uow: UnitOfWork, session_id: int, factor: str, participant: str, importance: int,
    influence: int,
) -> PriorityScoreView:
    """Record a participant's importance and influence 1–5 for a factor (replaces earlier)."""
    quadrant = priority_quadrant(importance, influence)
    with uow:
        p = _load(uow.session, session_id)
        f = _factor(p, factor)
        who = rules.required_text("participant", participant, max_length=200)
        existing = next((x for x in f.scores if x.participant.lower() == who.lower()), None)
        if existing is None:
            existing = PriorityScore(participant=who, importance=importance,
                                     influence=influence)
            f.scores.append(existing)
        else:
            existing.importance = importance
            existing.influence = influence
        uow.flush()
        view = PriorityScoreView(f.name, existing.participant, importance, influence,
                                 quadrant.value, QUADRANT_LABELS[quadrant])
        uow.commit()
        return view


def set_placing(uow: UnitOfWork, session_id: int, factor: str, importance: int,
                influence: int) -> FactorView:
    """Record the placing the participants agreed on for a factor."""
    priority_quadrant(importance, influence)
    with uow:
        p = _load(uow.session, session_id)
        f = _factor(p, factor)
        f.agreed_importance = importance
        f.agreed_influence = influence
        uow.flush()
        view = _factor_view(f)
        uow.commit()
        return view


def _load_factor(session: Session, factor_id: int) -> tuple[PrioritySession, PriorityFactor]:
    session_id = session.scalar(select(PriorityFactor.session_id)
                                .where(PriorityFactor.id == factor_id))
    if session_id is None:
        raise NotFoundError("id", f"faktor {factor_id} finnes ikke")
    p = _load(session, session_id)
    return p, next(f for f in p.factors if f.id == factor_id)


def update_factor(
    uow: UnitOfWork, factor_id: int, expected_version: int | None = None,
    name: str | None = None, agreed_importance: int | None = None,
    agreed_influence: int | None = None, clear_placing: bool = False,
) -> FactorView:
    """Rename a factor or change its agreed placing: None leaves a value as it is;
    `clear_placing` removes the agreed placing (the quadrant then follows the mean scores).
    A placing needs both importance and influence."""
    rules.check_score("importance", agreed_importance, required=False)
    rules.check_score("influence", agreed_influence, required=False)
    with uow:
        p, f = _load_factor(uow.session, factor_id)
        f.check_version(expected_version, "faktoren")
        if name is not None:
            new = rules.required_text("name", name, max_length=200)
            if any(x is not f and x.name.lower() == new.lower() for x in p.factors):
                raise DomainError("name", f"faktoren {new!r} finnes allerede i økten")
            f.name = new
        if clear_placing:
            if agreed_importance is not None or agreed_influence is not None:
                raise DomainError("importance", "fjern plasseringen eller gi en ny, ikke begge")
            f.agreed_importance = None
            f.agreed_influence = None
        else:
            importance = agreed_importance if agreed_importance is not None \
                else f.agreed_importance
            influence = agreed_influence if agreed_influence is not None else f.agreed_influence
            if importance is None and influence is not None:
                raise DomainError("importance", "må fylles ut når påvirkning er gitt (1–5)")
            if influence is None and importance is not None:
                raise DomainError("influence", "må fylles ut når viktighet er gitt (1–5)")
            f.agreed_importance = importance
            f.agreed_influence = influence
        uow.flush()
        view = _factor_view(f)
        uow.commit()
        return view


def delete_factor(uow: UnitOfWork, factor_id: int,
                  expected_version: int | None = None) -> DeletedView:
    """Delete a factor with the participants' scores of it (they score that factor only and
    mean nothing without it; the audit log keeps every row)."""
    with uow:
        p, f = _load_factor(uow.session, factor_id)
        f.check_version(expected_version, "faktoren")
        p.factors.remove(f)
        return remove(uow, f, expected_version, "faktor", "faktoren", f"{f.name} ({p.title})")


def delete_score(uow: UnitOfWork, session_id: int, factor: str, participant: str,
                 expected_version: int | None = None) -> DeletedView:
    """Remove one participant's scoring of a factor (registered by mistake, say)."""
    with uow:
        p = _load(uow.session, session_id)
        f = _factor(p, factor)
        wanted = (participant or "").strip().lower()
        x = next((x for x in f.scores if x.participant.lower() == wanted), None)
        if x is None:
            raise NotFoundError("participant",
                                f"{participant!r} har ikke vurdert faktoren {f.name!r}")
        x.check_version(expected_version, "vurderingen")
        f.scores.remove(x)
        return remove(uow, x, expected_version, "vurdering av faktor",
                      "vurderingen", f"{x.participant}: {f.name}")


_QUADRANT_ORDER = ["prioritise", "influence_others", "low_hanging", "midline", "deprioritise",
                   None]


def get_session(uow: UnitOfWork, session_id: int) -> SessionDetail:
    """A session with its factors, prioritised ones first."""
    with uow:
        p = _load(uow.session, session_id, "id")
        factors = sorted(
            (_factor_view(f) for f in p.factors),
            key=lambda f: (_QUADRANT_ORDER.index(f.quadrant),
                           -(f.agreed_importance or f.mean_importance or 0), f.name),
        )
        scores = []
        for f in sorted(p.factors, key=lambda f: f.id):
            for x in sorted(f.scores, key=lambda x: x.id):
                q = priority_quadrant(x.importance, x.influence)
                scores.append(PriorityScoreView(f.name, x.participant, x.importance,
                                                x.influence, q.value, QUADRANT_LABELS[q]))
        return SessionDetail(_session_view(p), factors, scores)
