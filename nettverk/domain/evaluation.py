"""Evaluation tools: capacity diamond, priority tool, gathering feedback, success factors."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nettverk.domain.base import Entity, str_enum
from nettverk.domain.network import Gathering
from nettverk.domain.register import Municipality, Participation, Programme


class CapacityComponent(enum.StrEnum):
    """The five components of the capacity diamond (kapasitetsdiamanten)."""

    leadership = "leadership"  # utviklingsleiing
    competence = "competence"  # utviklingskompetanse
    culture = "culture"  # utviklingskultur
    economy = "economy"  # utviklingsøkonomi
    time = "time"  # tidsressursar


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


class CapacityParticipant(Entity):
    """A person taking part in a capacity-diamond session."""

    __tablename__ = "capacity_participant"
    __table_args__ = (UniqueConstraint("assessment_id", "name"),)

    assessment_id: Mapped[int] = mapped_column(ForeignKey("capacity_assessment.id"), index=True)
    name: Mapped[str]
    role: Mapped[str | None]

    assessment: Mapped[CapacityAssessment] = relationship(back_populates="participants")


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


class SuccessFactor(enum.StrEnum):
    """The success factors followed per participant and year."""

    mobilisation = "mobilisation"  # mobilisering
    anchoring = "anchoring"  # forankring
    ownership = "ownership"  # eierskap
    clear_goals = "clear_goals"  # tydelige og realistiske mål
    action_plan = "action_plan"  # handlingsplan med milepæler
    clear_roles = "clear_roles"  # avklare roller
    linked_projects = "linked_projects"  # kobling mot andre prosjekter
    communication = "communication"  # formidling av aktivitet og resultater


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
