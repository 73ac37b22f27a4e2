"""The 10-point model (10-punktsmodellen, Distriktssenteret): a municipality's place
development, step by step."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from nettverk.domain import rules
from nettverk.domain.base import Entity, str_enum
from nettverk.domain.errors import DomainError
from nettverk.domain.register import Municipality


class TenPointStepKind(enum.StrEnum):
    """The ten steps, in the model's order."""

    goal_analysis = "goal_analysis"
    place_qualities = "place_qualities"
    community_analysis = "community_analysis"
    target_group_analysis = "target_group_analysis"
    positioning = "positioning"
    anchoring = "anchoring"
    identity_reputation = "identity_reputation"
    action_plan = "action_plan"
    organisation_financing = "organisation_financing"
    long_term_work = "long_term_work"


#: The steps' names after the source (seed 003, nynorsk) in bokmål, numbered 1–10.
TEN_POINT_LABELS: dict[TenPointStepKind, str] = {
    TenPointStepKind.goal_analysis: "Målanalyse",
    TenPointStepKind.place_qualities: "Kartlegg stedskvaliteter",
    TenPointStepKind.community_analysis: "Samfunnsanalyse",
    TenPointStepKind.target_group_analysis: "Målgruppeanalyse",
    TenPointStepKind.positioning: "Valg av posisjon",
    TenPointStepKind.anchoring: "Forankring",
    TenPointStepKind.identity_reputation: "Identitets- og omdømmekartlegging",
    TenPointStepKind.action_plan: "Handlingsplan",
    TenPointStepKind.organisation_financing: "Organisering og finansiering",
    TenPointStepKind.long_term_work: "Langsiktig utviklings- og kommunikasjonsarbeid",
}

#: The nynorsk names earlier versions showed; still understood when a step is given by name.
EARLIER_TEN_POINT_LABELS: dict[TenPointStepKind, str] = {
    TenPointStepKind.place_qualities: "Kartlegg stadskvalitetar",
    TenPointStepKind.positioning: "Val av posisjon",
}


class TenPointStatus(enum.StrEnum):
    """How far a municipality has come with a step."""

    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"


TEN_POINT_STATUS_LABELS: dict[TenPointStatus, str] = {
    TenPointStatus.not_started: "ikke startet",
    TenPointStatus.in_progress: "pågår",
    TenPointStatus.done: "ferdig",
}


def step_number(kind: TenPointStepKind) -> int:
    """The step's number in the model, 1–10."""
    return list(TenPointStepKind).index(kind) + 1


def parse_step(value: str) -> TenPointStepKind:
    """A step by its number (1–10), its code or its Norwegian name (case-insensitive)."""
    text = str(value or "").strip()
    if text.isdigit() and 1 <= int(text) <= len(TenPointStepKind):
        return list(TenPointStepKind)[int(text) - 1]
    for kind, label in TEN_POINT_LABELS.items():
        earlier = EARLIER_TEN_POINT_LABELS.get(kind, label)
        if text.casefold() in (kind.value, label.casefold(), earlier.casefold()):
            return kind
    raise DomainError("step", "ukjent steg; må være 1–10, en kode (f.eks. goal_analysis) "
                              "eller et navn (f.eks. Målanalyse)")


def parse_status(value: str) -> TenPointStatus:
    """A status by its code or its Norwegian label."""
    text = str(value or "").strip().casefold()
    for status, label in TEN_POINT_STATUS_LABELS.items():
        if text in (status.value, label):
            return status
    raise DomainError("status", "ukjent status; må være not_started (ikke startet), "
                                "in_progress (pågår) eller done (ferdig)")


class TenPointStep(Entity):
    """A municipality's work on one step of the 10-point model: status, date and notes."""

    __tablename__ = "ten_point_step"
    __table_args__ = (UniqueConstraint("municipality_id", "step"),)

    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    step: Mapped[TenPointStepKind] = mapped_column(str_enum(TenPointStepKind, "step"))
    status: Mapped[TenPointStatus] = mapped_column(
        str_enum(TenPointStatus, "status"), default=TenPointStatus.not_started)
    on: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)

    municipality: Mapped[Municipality] = relationship()

    @validates("notes")
    def _notes(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value)
