"""The capacity diamond (kapasitetsdiamanten): self-assessment sessions, comparison, averages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from statistics import mean, median

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.attributes import flag_modified

from nettverk.domain import rules
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.evaluation import (
    CAPACITY_LABELS,
    CapacityAssessment,
    CapacityComponent,
    CapacityConsensus,
    CapacityParticipant,
    CapacityPriority,
    CapacityScore,
    compare_consensus,
    parse_component,
)
from nettverk.domain.register import Municipality
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_capacity
from nettverk.services.capacity_views import AssessmentView as AssessmentView
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.register import find_municipality, find_programme

# --- views -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantView:
    """A person in a session (fictional in the demo data), with the person's scores
    (component code → 1–5, only those given)."""

    id: int
    assessment_id: int
    name: str
    role: str | None
    version: int = 0
    scores: dict[str, int] = field(default_factory=dict)
    #: The reasoning the person gave for a score (component code → text, only those given).
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreView:
    """One participant's score on one component."""

    assessment_id: int
    participant: str
    component: str
    component_label: str
    score: int
    reasoning: str | None


@dataclass(frozen=True)
class ConsensusView:
    """The agreed score on one component, beside the mean of the individual scores."""

    assessment_id: int
    component: str
    component_label: str
    score: int | None
    justification: str | None
    individual_mean: float | None
    individual_scores: int
    individual_min: int | None = None
    individual_median: float | None = None
    individual_max: int | None = None
    spread: str | None = None
    """The individual scores' spread, «min–max» (None without individual scores)."""
    warnings: list[str] = field(default_factory=list)
    #: each participant's own score on the component (name → 1–5), in participant order
    individual: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PriorityView:
    """What a session chose to strengthen, and who is responsible."""

    id: int
    assessment_id: int
    component: str | None
    component_label: str | None
    description: str
    responsible: str | None
    version: int = 0


@dataclass(frozen=True)
class AssessmentDetail:
    """A whole session: participants, individual scores, consensus and priorities."""

    assessment: AssessmentView
    participants: list[ParticipantView]
    scores: list[ScoreView]
    consensus: list[ConsensusView]
    priorities: list[PriorityView]


@dataclass(frozen=True)
class ChangeView:
    """One component's consensus in two sessions: change = later − earlier."""

    component: str
    component_label: str
    earlier: int | None
    later: int | None
    change: int | None


@dataclass(frozen=True)
class AverageView:
    """Mean consensus score on one component across the network's sessions in a year."""

    year: int
    component: str
    component_label: str
    mean: float
    sessions: int


# --- helpers -----------------------------------------------------------------------------


def _display(m: Municipality) -> str:
    return f"{m.name} – {m.sami_name}" if m.sami_name else m.name


def _assessment_view(a: CapacityAssessment) -> AssessmentView:
    m = a.municipality
    return AssessmentView(
        id=a.id, municipality=m.number, name=m.name, sami_name=m.sami_name,
        display_name=_display(m), programme=a.programme.slug if a.programme else None,
        held_on=a.held_on, year=a.held_on.year, facilitator=a.facilitator, notes=a.notes,
        participants=len(a.participants),
        consensus={c.component.value: c.score for c in
                   sorted(a.consensus, key=lambda c: list(CapacityComponent).index(c.component))},
        version=a.version,
    )


def _load(session: Session, assessment_id: int, field: str = "assessment") -> CapacityAssessment:
    a = session.scalar(
        select(CapacityAssessment)
        .options(
            joinedload(CapacityAssessment.municipality),
            joinedload(CapacityAssessment.programme),
            selectinload(CapacityAssessment.participants),
            selectinload(CapacityAssessment.scores).joinedload(CapacityScore.participant),
            selectinload(CapacityAssessment.consensus),
            selectinload(CapacityAssessment.priorities),
        )
        .where(CapacityAssessment.id == assessment_id)
    )
    if a is None:
        raise NotFoundError(field, f"kapasitetsvurdering {assessment_id} finnes ikke")
    return a


def _participant_view(a: CapacityAssessment, p: CapacityParticipant) -> ParticipantView:
    order = list(CapacityComponent)
    mine = sorted((x for x in a.scores if x.participant is p),
                  key=lambda x: order.index(x.component))
    return ParticipantView(p.id, a.id, p.name, p.role, p.version,
                           {x.component.value: x.score for x in mine},
                           {x.component.value: x.reasoning for x in mine if x.reasoning})


def _checked_scores(scores: Mapping[str, int | None]) -> dict[CapacityComponent, int | None]:
    """Scores by component, each checked with the component's code as the field name."""
    checked: dict[CapacityComponent, int | None] = {}
    for key, score in scores.items():
        comp = _component(key)
        checked[comp] = rules.check_score(comp.value, score, required=False)
    return checked


def _load_participant(session: Session, participant_id: int) -> tuple[CapacityAssessment,
                                                                      CapacityParticipant]:
    assessment_id = session.scalar(select(CapacityParticipant.assessment_id)
                                   .where(CapacityParticipant.id == participant_id))
    if assessment_id is None:
        raise NotFoundError("id", f"deltaker {participant_id} finnes ikke")
    a = _load(session, assessment_id)
    return a, next(p for p in a.participants if p.id == participant_id)


def _load_priority(session: Session, priority_id: int) -> tuple[CapacityAssessment,
                                                                CapacityPriority]:
    assessment_id = session.scalar(select(CapacityPriority.assessment_id)
                                   .where(CapacityPriority.id == priority_id))
    if assessment_id is None:
        raise NotFoundError("id", f"prioritering {priority_id} finnes ikke")
    a = _load(session, assessment_id)
    return a, next(p for p in a.priorities if p.id == priority_id)


def _participant(a: CapacityAssessment, name: str) -> CapacityParticipant:
    wanted = (name or "").strip().lower()
    for p in a.participants:
        if p.name.lower() == wanted:
            return p
    raise NotFoundError("participant", f"{name!r} er ikke deltaker i vurdering {a.id}")


def _component(value: str | CapacityComponent) -> CapacityComponent:
    if isinstance(value, CapacityComponent):
        return value
    return parse_component(value)


# --- use cases ---------------------------------------------------------------------------


def add_assessment(
    uow: UnitOfWork,
    municipality: str,
    held_on: date,
    programme: str | None = None,
    facilitator: str | None = None,
    notes: str | None = None,
    consensus: Mapping[str, int] | None = None,
) -> AssessmentView:
    """Register a session for a municipality on a date (one per municipality and date),
    optionally with its consensus scores (component → 1–5) in the same transaction."""
    with uow:
        s = uow.session
        mun = find_municipality(s, municipality)
        prog = find_programme(s, programme) if programme else None
        if not isinstance(held_on, date):
            raise DomainError("held_on", "må være en dato")
        if s.scalar(select(CapacityAssessment.id).where(
                CapacityAssessment.municipality_id == mun.id,
                CapacityAssessment.held_on == held_on)):
            raise DomainError(
                "held_on", f"{_display(mun)} har allerede en vurdering {held_on.isoformat()}")
        a = CapacityAssessment(municipality=mun, programme=prog, held_on=held_on,
                               facilitator=facilitator, notes=notes)
        for key, score in (consensus or {}).items():
            a.consensus.append(CapacityConsensus(component=_component(key), score=score))
        s.add(a)
        uow.flush()
        view = _assessment_view(_load(s, a.id))
        uow.commit()
        return view


def update_assessment(
    uow: UnitOfWork,
    assessment_id: int,
    expected_version: int | None = None,
    held_on: date | None = None,
    programme: str | None = None,
    facilitator: str | None = None,
    notes: str | None = None,
) -> AssessmentView:
    """Change a session's header: None leaves a field as it is, empty text clears it
    (programme too). The municipality stays: a session belongs to the one that held it."""
    with uow:
        s = uow.session
        a = _load(s, assessment_id, "id")
        a.check_version(expected_version, "vurderingen")
        if held_on is not None:
            if not isinstance(held_on, date):
                raise DomainError("held_on", "må være en dato")
            if held_on != a.held_on and s.scalar(select(CapacityAssessment.id).where(
                    CapacityAssessment.municipality_id == a.municipality_id,
                    CapacityAssessment.held_on == held_on)):
                raise DomainError("held_on", f"{_display(a.municipality)} har allerede en "
                                             f"vurdering {held_on.isoformat()}")
            a.held_on = held_on
        if programme is not None:
            a.programme = find_programme(s, programme.strip()) if programme.strip() else None
        if facilitator is not None:
            a.facilitator = facilitator
        if notes is not None:
            a.notes = notes
        uow.flush()
        view = _assessment_view(a)
        uow.commit()
        return view


def delete_assessment(uow: UnitOfWork, assessment_id: int,
                      expected_version: int | None = None) -> DeletedView:
    """Delete a session with what belongs to it: participants, their scores, the consensus
    and the priorities (nothing else points at a session; the audit log keeps every row)."""
    with uow:
        a = _load(uow.session, assessment_id, "id")
        label = f"{_display(a.municipality)} {a.held_on.strftime('%d.%m.%Y')}"
        return remove(uow, a, expected_version, "kapasitetsvurdering", "vurderingen", label)


def add_participant(
    uow: UnitOfWork, assessment_id: int, name: str, role: str | None = None,
    scores: Mapping[str, int] | None = None, reasons: Mapping[str, str | None] | None = None,
) -> ParticipantView:
    """Add a person to a session (names are unique within it), optionally with the person's
    scores (component → 1–5) and the reasoning behind them in the same transaction."""
    checked = _checked_scores(scores or {})
    with uow:
        s = uow.session
        a = _load(s, assessment_id)
        p = CapacityParticipant(name=name, role=role)
        if any(x.name.lower() == p.name.lower() for x in a.participants):
            raise DomainError("name", f"{p.name} er allerede deltaker i vurderingen")
        a.participants.append(p)
        for comp, score in checked.items():
            if score is not None:
                a.scores.append(CapacityScore(participant=p, component=comp, score=score))
        _set_reasons(a, p, reasons or {})
        uow.flush()
        view = _participant_view(a, p)
        uow.commit()
        return view


def update_participant(
    uow: UnitOfWork, participant_id: int, expected_version: int | None = None,
    name: str | None = None, role: str | None = None,
    scores: Mapping[str, int | None] | None = None,
    reasons: Mapping[str, str | None] | None = None,
) -> ParticipantView:
    """Correct a participant's name or role, or record the person's scores and the reasoning
    behind them (`reasons`, component → text, empty clears): None leaves a
    field as it is, empty text clears the role; in `scores` (component → 1–5) None removes
    that score and components left out stay as they are. The participant's version covers
    the scores too, so two people correcting the same scores cannot overwrite each other."""
    checked = _checked_scores(scores or {})
    with uow:
        s = uow.session
        a, p = _load_participant(s, participant_id)
        p.check_version(expected_version, "deltakeren")
        if name is not None:
            new = rules.required_text("name", name, max_length=200)
            if any(x is not p and x.name.lower() == new.lower() for x in a.participants):
                raise DomainError("name", f"{new} er allerede deltaker i vurderingen")
            p.name = new
        if role is not None:
            p.role = role
        scores_changed = False
        for comp, score in checked.items():
            existing = next((x for x in a.scores
                             if x.participant is p and x.component is comp), None)
            if score is None:
                if existing is not None:
                    a.scores.remove(existing)
                    s.delete(existing)  # deleted, not orphaned: the audit log records it
                    scores_changed = True
            elif existing is None:
                a.scores.append(CapacityScore(participant=p, component=comp, score=score))
                scores_changed = True
            elif existing.score != score:
                existing.score = score
                scores_changed = True
        scores_changed = _set_reasons(a, p, reasons or {}) or scores_changed
        if scores_changed:
            flag_modified(p, "name")  # a new version of the participant: the scores changed
        uow.flush()
        view = _participant_view(a, p)
        uow.commit()
        return view


def _set_reasons(a: CapacityAssessment, p: CapacityParticipant,
                 reasons: Mapping[str, str | None]) -> bool:
    """Set the reasoning behind the person's scores (component → text; empty or None clears
    it); a reasoning needs its score. True when something changed."""
    changed = False
    for key, text in reasons.items():
        comp = _component(key)
        reason = (text or "").strip() or None
        existing = next((x for x in a.scores if x.participant is p and x.component is comp),
                        None)
        if existing is None:
            if reason:
                raise DomainError(f"{comp.value}_reasoning",
                                  "en begrunnelse trenger en skår på komponenten")
            continue
        if existing.reasoning != reason:
            existing.reasoning = reason
            changed = True
    return changed


def delete_participant(uow: UnitOfWork, participant_id: int,
                       expected_version: int | None = None) -> DeletedView:
    """Delete a participant with the person's individual scores (they are the person's
    answers and mean nothing without them); the consensus stays as it was agreed."""
    with uow:
        a, p = _load_participant(uow.session, participant_id)
        p.check_version(expected_version, "deltakeren")
        for x in [x for x in a.scores if x.participant is p]:
            a.scores.remove(x)
            uow.session.delete(x)  # deleted, not orphaned: the audit log records it
        a.participants.remove(p)
        label = f"{p.name} ({_display(a.municipality)} {a.held_on.strftime('%d.%m.%Y')})"
        return remove(uow, p, expected_version, "deltaker", "deltakeren", label)


def add_score(
    uow: UnitOfWork,
    assessment_id: int,
    participant: str,
    component: str | CapacityComponent,
    score: int,
    reasoning: str | None = None,
) -> ScoreView:
    """Record a participant's score 1–5 on a component (replaces an earlier score)."""
    comp = _component(component)
    rules.check_score("score", score)
    with uow:
        s = uow.session
        a = _load(s, assessment_id)
        p = _participant(a, participant)
        existing = next((x for x in a.scores
                         if x.participant_id == p.id and x.component is comp), None)
        if existing is None:
            existing = CapacityScore(participant=p, component=comp, score=score,
                                     reasoning=reasoning)
            a.scores.append(existing)
        else:
            existing.score = score
            existing.reasoning = reasoning
        uow.flush()
        view = ScoreView(a.id, p.name, comp.value, CAPACITY_LABELS[comp], existing.score,
                         existing.reasoning)
        uow.commit()
        return view


def set_consensus(
    uow: UnitOfWork,
    assessment_id: int,
    component: str | CapacityComponent,
    score: int,
    justification: str | None = None,
) -> ConsensusView:
    """Record the score the session agreed on for a component, with its justification."""
    comp = _component(component)
    rules.check_score("score", score)
    with uow:
        s = uow.session
        a = _load(s, assessment_id)
        existing = next((c for c in a.consensus if c.component is comp), None)
        if existing is None:
            existing = CapacityConsensus(component=comp, score=score,
                                         justification=justification)
            a.consensus.append(existing)
        else:
            existing.score = score
            existing.justification = justification
        uow.flush()
        view = _consensus_views(a)[list(CapacityComponent).index(comp)]
        uow.commit()
        return view


def set_consensus_all(
    uow: UnitOfWork, assessment_id: int,
    agreed: Mapping[str, tuple[int | None, str | None]],
) -> list[ConsensusView]:
    """Record the session's agreed scores on several components at once (component → score and
    justification; a component without a score stays as it is), in one transaction."""
    checked: dict[CapacityComponent, tuple[int, str | None]] = {}
    for key, (score, justification) in agreed.items():
        comp = _component(key)
        if score is None:
            if (justification or "").strip():
                raise DomainError(f"{comp.value}_justification",
                                  "en begrunnelse trenger en felles skår")
            continue
        rules.check_score(comp.value, score)
        checked[comp] = (score, (justification or "").strip() or None)
    with uow:
        a = _load(uow.session, assessment_id)
        for comp, (score, justification) in checked.items():
            existing = next((c for c in a.consensus if c.component is comp), None)
            if existing is None:
                a.consensus.append(CapacityConsensus(component=comp, score=score,
                                                     justification=justification))
            else:
                existing.score = score
                existing.justification = justification
        uow.flush()
        views = _consensus_views(a)
        uow.commit()
        return views


def add_priority(
    uow: UnitOfWork,
    assessment_id: int,
    description: str,
    component: str | CapacityComponent | None = None,
    responsible: str | None = None,
) -> PriorityView:
    """Record what the session wants to strengthen, and who is responsible."""
    comp = _component(component) if component else None
    with uow:
        s = uow.session
        a = _load(s, assessment_id)
        p = CapacityPriority(component=comp, description=description, responsible=responsible)
        a.priorities.append(p)
        uow.flush()
        view = _priority_view(p, a.id)
        uow.commit()
        return view


def update_priority(
    uow: UnitOfWork, priority_id: int, expected_version: int | None = None,
    description: str | None = None, component: str | None = None,
    responsible: str | None = None,
) -> PriorityView:
    """Correct a priority: None leaves a field as it is, empty text clears the component or
    the responsible (the description is required)."""
    with uow:
        s = uow.session
        a, p = _load_priority(s, priority_id)
        p.check_version(expected_version, "prioriteringen")
        if description is not None:
            p.description = description
        if component is not None:
            p.component = _component(component) if component.strip() else None
        if responsible is not None:
            p.responsible = responsible
        uow.flush()
        view = _priority_view(p, a.id)
        uow.commit()
        return view


def delete_priority(uow: UnitOfWork, priority_id: int,
                    expected_version: int | None = None) -> DeletedView:
    """Delete a priority (nothing else points at it; the audit log keeps it)."""
    with uow:
        a, p = _load_priority(uow.session, priority_id)
        p.check_version(expected_version, "prioriteringen")
        a.priorities.remove(p)
        return remove(uow, p, expected_version, "prioritering", "prioriteringen",
                      p.description[:60])


def _priority_view(p: CapacityPriority, assessment_id: int) -> PriorityView:
    return PriorityView(
        p.id, assessment_id, p.component.value if p.component else None,
        CAPACITY_LABELS[p.component] if p.component else None, p.description, p.responsible,
        p.version,
    )


def _consensus_views(a: CapacityAssessment) -> list[ConsensusView]:
    agreed = {c.component: c for c in a.consensus}
    views = []
    for comp in CapacityComponent:
        mine = sorted((x for x in a.scores if x.component is comp),
                      key=lambda x: x.participant_id)
        individual = [x.score for x in mine]
        c = agreed.get(comp)
        views.append(ConsensusView(
            a.id, comp.value, CAPACITY_LABELS[comp], c.score if c else None,
            c.justification if c else None,
            round(float(mean(individual)), 2) if individual else None, len(individual),
            min(individual) if individual else None,
            float(median(individual)) if individual else None,
            max(individual) if individual else None,
            spread_text(individual),
            [NO_INDIVIDUAL_SCORES] if c is not None and not individual else [],
            individual={x.participant.name: x.score for x in mine},
        ))
    return views


NO_INDIVIDUAL_SCORES = (
    "Felleskarakteren er satt uten individuelle vurderinger bak seg: metoden er individuelle "
    "vurderinger først, deretter konsensus.")


def spread_text(scores: list[int]) -> str | None:
    """The individual scores' spread as «min–max» (one score: just it); None when none."""
    if not scores:
        return None
    lo, hi = min(scores), max(scores)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def get_assessment(uow: UnitOfWork, assessment_id: int) -> AssessmentDetail:
    """A whole session."""
    with uow:
        a = _load(uow.session, assessment_id, "id")
        order = list(CapacityComponent)
        return AssessmentDetail(
            assessment=_assessment_view(a),
            participants=[_participant_view(a, p)
                          for p in sorted(a.participants, key=lambda p: p.id)],
            scores=[
                ScoreView(a.id, x.participant.name, x.component.value,
                          CAPACITY_LABELS[x.component], x.score, x.reasoning)
                for x in sorted(a.scores,
                                key=lambda x: (x.participant_id, order.index(x.component)))
            ],
            consensus=_consensus_views(a),
            priorities=[_priority_view(p, a.id) for p in sorted(a.priorities, key=lambda p: p.id)],
        )


def list_assessments(
    uow: UnitOfWork, municipality: str | None = None, programme: str | None = None,
    limit: int | None = None, offset: int = 0,
) -> list[AssessmentView]:
    """Sessions by municipality number and date. Read in plain SQL on the unit of work's
    connection (services.plain_capacity, what `nettverk capacity list` runs without
    SQLAlchemy)."""
    with uow:
        return plain_capacity.list_assessments(uow.plain_reader(), municipality, programme,
                                               limit, offset)


def compare(uow: UnitOfWork, earlier_id: int, later_id: int) -> list[ChangeView]:
    """Change per component between two sessions of one municipality (later − earlier)."""
    with uow:
        s = uow.session
        earlier = _load(s, earlier_id, "earlier_id")
        later = _load(s, later_id, "later_id")
        if earlier.id == later.id:
            raise DomainError("later_id", "velg to forskjellige vurderinger")
        if earlier.municipality_id != later.municipality_id:
            raise DomainError("later_id", "vurderingene må gjelde samme kommune")
        if later.held_on < earlier.held_on:
            raise DomainError(
                "later_id",
                f"den senere vurderingen ({later.held_on.isoformat()}) er holdt før den "
                f"tidligere ({earlier.held_on.isoformat()})",
            )
        return [
            ChangeView(c.component.value, CAPACITY_LABELS[c.component], c.earlier, c.later,
                       c.change)
            for c in compare_consensus(earlier.consensus_scores(), later.consensus_scores())
        ]


def network_averages(uow: UnitOfWork, programme: str,
                     year: int | None = None) -> list[AverageView]:
    """Mean consensus per component per year over the programme's sessions."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        year_col = extract("year", CapacityAssessment.held_on)
        stmt = (
            select(year_col, CapacityConsensus.component, func.avg(CapacityConsensus.score),
                   func.count(CapacityConsensus.id))
            .join(CapacityAssessment, CapacityConsensus.assessment_id == CapacityAssessment.id)
            .where(CapacityAssessment.programme_id == prog.id)
            .group_by(year_col, CapacityConsensus.component)
        )
        if year is not None:
            stmt = stmt.where(year_col == rules.check_year("year", year))
        order = list(CapacityComponent)
        rows = [
            AverageView(int(y), comp.value, CAPACITY_LABELS[comp], round(float(avg), 2),
                        int(n))
            for y, comp, avg, n in s.execute(stmt)
        ]
        rows.sort(key=lambda r: (r.year, order.index(CapacityComponent(r.component))))
        return rows
