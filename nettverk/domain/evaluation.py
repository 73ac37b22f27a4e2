"""Evaluation tools: capacity diamond, priority tool, gathering feedback, success factors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from nettverk.domain import rules
from nettverk.domain.base import Entity, str_enum
from nettverk.domain.errors import DomainError
from nettverk.domain.evaluation_rules import (
    CAPACITY_LABELS,
    EARLIER_CAPACITY_LABELS,
    MIDPOINT,
    QUADRANT_LABELS,
    SUCCESS_FACTOR_LABELS,
    CapacityComponent,
    Quadrant,
    SuccessFactor,
    _required_score,
    priority_quadrant,
    quadrant_of,
)
from nettverk.domain.network import Gathering
from nettverk.domain.register import Municipality, Participation, Programme

# The components and success factors live in evaluation_rules (importable without SQLAlchemy);
# they are re-exported here beside the classes. (Only the re-exported names are listed.)
__all__ = ["CAPACITY_LABELS", "EARLIER_CAPACITY_LABELS", "MIDPOINT", "QUADRANT_LABELS",
           "SUCCESS_FACTOR_LABELS", "CapacityComponent", "Quadrant", "SuccessFactor",
           "priority_quadrant", "quadrant_of"]

#: The question each component asks in a self-assessment (after the source, in bokmål).
CAPACITY_QUESTIONS: dict[CapacityComponent, str] = {
    CapacityComponent.leadership:
        "Hvordan har ledelsen bidratt til at planen skal fungere som styringsverktøy?",
    CapacityComponent.competence:
        "Jobber vi etter beste praksis? Har vi riktig og tilstrekkelig kunnskap og kompetanse?",
    CapacityComponent.culture:
        "Har vi en kultur for å jobbe langsiktig og målrettet etter vedtatt plan?",
    CapacityComponent.economy:
        "Har vi selv, eller har vi tilgang til, midler som kan brukes til gjennomføring?",
    CapacityComponent.time:
        "Har vi frigjort tilstrekkelige personalressurser til gjennomføring?",
}


def capacity_label_matches(component: CapacityComponent, text: str | None) -> bool:
    """Whether `text` names the component: its bokmål name or the nynorsk one used before."""
    return text in (CAPACITY_LABELS[component], EARLIER_CAPACITY_LABELS.get(component))


def parse_component(value: str, field: str = "component") -> CapacityComponent:
    """A component by its code (leadership …) or its Norwegian name (Utviklingsledelse …; the
    nynorsk names of earlier versions, Utviklingsleiing …, are understood too)."""
    text = (value or "").strip().lower()
    for component, label in CAPACITY_LABELS.items():
        earlier = EARLIER_CAPACITY_LABELS.get(component, label)
        if text in (component.value, label.lower(), earlier.lower()):
            return component
    allowed = ", ".join(f"{c.value} ({CAPACITY_LABELS[c]})" for c in CapacityComponent)
    raise DomainError(field, f"ukjent komponent {value!r}; må være en av: {allowed}")


@dataclass(frozen=True)
class ComponentChange:
    """How one component moved between two sessions (None when a session has no consensus)."""

    component: CapacityComponent
    earlier: int | None
    later: int | None

    @property
    def change(self) -> int | None:
        """Later consensus minus earlier consensus."""
        if self.earlier is None or self.later is None:
            return None
        return self.later - self.earlier


def compare_consensus(
    earlier: Mapping[CapacityComponent, int], later: Mapping[CapacityComponent, int]
) -> list[ComponentChange]:
    """Change per component, in the diamond's order: later consensus − earlier consensus."""
    return [
        ComponentChange(component, earlier.get(component), later.get(component))
        for component in CapacityComponent
    ]


class CapacityAssessment(Entity):
    """A capacity-diamond self-assessment session of one municipality on one date."""

    __tablename__ = "capacity_assessment"
    __table_args__ = (UniqueConstraint("municipality_id", "held_on"),)

    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"), index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    facilitator: Mapped[str | None]
    notes: Mapped[str | None] = mapped_column(Text)

    municipality: Mapped[Municipality] = relationship()
    programme: Mapped[Programme | None] = relationship()
    participants: Mapped[list[CapacityParticipant]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan"
    )
    scores: Mapped[list[CapacityScore]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan"
    )
    consensus: Mapped[list[CapacityConsensus]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan"
    )
    priorities: Mapped[list[CapacityPriority]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan"
    )

    @validates("facilitator")
    def _facilitator(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("facilitator", value, max_length=200)

    @validates("notes")
    def _notes(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("notes", value)

    def consensus_scores(self) -> dict[CapacityComponent, int]:
        """The agreed score per component (only those set)."""
        return {c.component: c.score for c in self.consensus}


class CapacityParticipant(Entity):
    """A person taking part in a capacity-diamond session."""

    __tablename__ = "capacity_participant"
    __table_args__ = (UniqueConstraint("assessment_id", "name"),)

    assessment_id: Mapped[int] = mapped_column(ForeignKey("capacity_assessment.id"), index=True)
    name: Mapped[str]
    role: Mapped[str | None]

    assessment: Mapped[CapacityAssessment] = relationship(back_populates="participants")

    @validates("name")
    def _name(self, _key: str, value: str) -> str:
        return rules.required_text("name", value, max_length=200)

    @validates("role")
    def _role(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("role", value, max_length=200)


class CapacityScore(Entity):
    """One participant's individual score on one component, with optional reasoning."""

    __tablename__ = "capacity_score"
    __table_args__ = (
        UniqueConstraint("participant_id", "component"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    assessment_id: Mapped[int] = mapped_column(ForeignKey("capacity_assessment.id"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("capacity_participant.id"), index=True
    )
    component: Mapped[CapacityComponent] = mapped_column(
        str_enum(CapacityComponent, "component")
    )
    score: Mapped[int]
    reasoning: Mapped[str | None] = mapped_column(Text)

    assessment: Mapped[CapacityAssessment] = relationship(back_populates="scores")
    participant: Mapped[CapacityParticipant] = relationship()

    @validates("score")
    def _score(self, _key: str, value: int) -> int:
        return _required_score("score", value)

    @validates("reasoning")
    def _reasoning(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("reasoning", value)


class CapacityConsensus(Entity):
    """The agreed score on one component, with its justification."""

    __tablename__ = "capacity_consensus"
    __table_args__ = (
        UniqueConstraint("assessment_id", "component"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    assessment_id: Mapped[int] = mapped_column(ForeignKey("capacity_assessment.id"), index=True)
    component: Mapped[CapacityComponent] = mapped_column(
        str_enum(CapacityComponent, "component")
    )
    score: Mapped[int]
    justification: Mapped[str | None] = mapped_column(Text)

    assessment: Mapped[CapacityAssessment] = relationship(back_populates="consensus")

    @validates("score")
    def _score(self, _key: str, value: int) -> int:
        return _required_score("score", value)

    @validates("justification")
    def _justification(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("justification", value)


class CapacityPriority(Entity):
    """What the session chose to strengthen, and who is responsible."""

    __tablename__ = "capacity_priority"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("capacity_assessment.id"), index=True)
    component: Mapped[CapacityComponent | None] = mapped_column(
        str_enum(CapacityComponent, "component")
    )
    description: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str | None]

    assessment: Mapped[CapacityAssessment] = relationship(back_populates="priorities")

    @validates("description")
    def _description(self, _key: str, value: str) -> str:
        return rules.required_text("description", value)

    @validates("responsible")
    def _responsible(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("responsible", value, max_length=200)


class PrioritySession(Entity):
    """A session with the priority tool (importance × local influence)."""

    __tablename__ = "priority_session"

    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id"), index=True
    )
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"), index=True)
    held_on: Mapped[date]
    title: Mapped[str]

    municipality: Mapped[Municipality | None] = relationship()
    programme: Mapped[Programme | None] = relationship()
    factors: Mapped[list[PriorityFactor]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )

    @validates("title")
    def _title(self, _key: str, value: str) -> str:
        return rules.required_text("title", value, max_length=200)


class PriorityFactor(Entity):
    """A factor scored in a priority session, with its agreed placing."""

    __tablename__ = "priority_factor"
    __table_args__ = (
        UniqueConstraint("session_id", "name"),
        CheckConstraint(
            "agreed_importance IS NULL OR agreed_importance BETWEEN 1 AND 5",
            name="importance_range",
        ),
        CheckConstraint(
            "agreed_influence IS NULL OR agreed_influence BETWEEN 1 AND 5",
            name="influence_range",
        ),
    )

    session_id: Mapped[int] = mapped_column(ForeignKey("priority_session.id"), index=True)
    name: Mapped[str]
    agreed_importance: Mapped[int | None]
    agreed_influence: Mapped[int | None]

    session: Mapped[PrioritySession] = relationship(back_populates="factors")
    scores: Mapped[list[PriorityScore]] = relationship(
        back_populates="factor", cascade="all, delete-orphan"
    )

    @validates("name")
    def _name(self, _key: str, value: str) -> str:
        return rules.required_text("name", value, max_length=200)

    @validates("agreed_importance")
    def _agreed_importance(self, _key: str, value: int | None) -> int | None:
        return rules.check_score("importance", value, required=False)

    @validates("agreed_influence")
    def _agreed_influence(self, _key: str, value: int | None) -> int | None:
        return rules.check_score("influence", value, required=False)


class PriorityScore(Entity):
    """One participant's scoring of one factor."""

    __tablename__ = "priority_score"
    __table_args__ = (
        UniqueConstraint("factor_id", "participant"),
        CheckConstraint("importance BETWEEN 1 AND 5", name="importance_range"),
        CheckConstraint("influence BETWEEN 1 AND 5", name="influence_range"),
    )

    factor_id: Mapped[int] = mapped_column(ForeignKey("priority_factor.id"), index=True)
    participant: Mapped[str]
    importance: Mapped[int]
    influence: Mapped[int]

    factor: Mapped[PriorityFactor] = relationship(back_populates="scores")

    @validates("participant")
    def _participant(self, _key: str, value: str) -> str:
        return rules.required_text("participant", value, max_length=200)

    @validates("importance", "influence")
    def _scores(self, key: str, value: int) -> int:
        return _required_score(key, value)


class Feedback(Entity):
    """One respondent's feedback after a gathering."""

    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("overall BETWEEN 1 AND 5", name="overall_range"),
        CheckConstraint("usefulness BETWEEN 1 AND 5", name="usefulness_range"),
    )

    gathering_id: Mapped[int] = mapped_column(ForeignKey("gathering.id"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id"), index=True
    )
    respondent: Mapped[str | None]
    overall: Mapped[int]
    usefulness: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)

    gathering: Mapped[Gathering] = relationship()
    municipality: Mapped[Municipality | None] = relationship()

    @validates("overall", "usefulness")
    def _scores(self, key: str, value: int) -> int:
        return _required_score(key, value)

    @validates("respondent")
    def _respondent(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("respondent", value, max_length=200)

    @validates("comment")
    def _comment(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("comment", value)


def parse_success_factor(value: str, field: str = "factor") -> SuccessFactor:
    """A success factor by its code (mobilisation …) or its Norwegian name."""
    text = (value or "").strip().lower()
    for factor, label in SUCCESS_FACTOR_LABELS.items():
        if text in (factor.value, label.lower()):
            return factor
    allowed = ", ".join(f.value for f in SuccessFactor)
    raise DomainError(field, f"ukjent suksessfaktor {value!r}; må være en av: {allowed}")


class SuccessFactorStatus(Entity):
    """Whether one success factor is in place for a participation in a year."""

    __tablename__ = "success_factor_status"
    __table_args__ = (UniqueConstraint("participation_id", "year", "factor"),)

    participation_id: Mapped[int] = mapped_column(ForeignKey("participation.id"), index=True)
    year: Mapped[int]
    factor: Mapped[SuccessFactor] = mapped_column(str_enum(SuccessFactor, "factor"))
    in_place: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str | None] = mapped_column(Text)

    participation: Mapped[Participation] = relationship()

    @validates("year")
    def _year(self, _key: str, value: int) -> int:
        checked = rules.check_year("year", value)
        if checked is None:
            raise DomainError("year", "må fylles ut")
        return checked

    @validates("notes")
    def _notes(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("notes", value)
