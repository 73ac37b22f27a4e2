"""The evaluation's components, success factors and priority quadrants with their Norwegian
names, importable without SQLAlchemy (the plain-SQL spreadsheet export reads with them);
domain.evaluation re-exports them beside its mapped classes."""

from __future__ import annotations

import enum

from nettverk.domain import rules


class CapacityComponent(enum.StrEnum):
    """The five components of the capacity diamond (kapasitetsdiamanten)."""

    leadership = "leadership"  # utviklingsledelse
    competence = "competence"  # utviklingskompetanse
    culture = "culture"  # utviklingskultur
    economy = "economy"  # utviklingsøkonomi
    time = "time"  # tidsressurser


#: The components' names in bokmål (Distriktssenteret's source is in nynorsk).
CAPACITY_LABELS: dict[CapacityComponent, str] = {
    CapacityComponent.leadership: "Utviklingsledelse",
    CapacityComponent.competence: "Utviklingskompetanse",
    CapacityComponent.culture: "Utviklingskultur",
    CapacityComponent.economy: "Utviklingsøkonomi",
    CapacityComponent.time: "Tidsressurser",
}

#: The nynorsk names earlier versions showed and wrote into workbooks; still understood when
#: read (a component typed on the command line, a workbook made before the change).
EARLIER_CAPACITY_LABELS: dict[CapacityComponent, str] = {
    CapacityComponent.leadership: "Utviklingsleiing",
    CapacityComponent.time: "Tidsressursar",
}


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


SUCCESS_FACTOR_LABELS: dict[SuccessFactor, str] = {
    SuccessFactor.mobilisation: "Mobilisering",
    SuccessFactor.anchoring: "Forankring",
    SuccessFactor.ownership: "Eierskap",
    SuccessFactor.clear_goals: "Tydelige og realistiske mål",
    SuccessFactor.action_plan: "Handlingsplan med milepæler",
    SuccessFactor.clear_roles: "Avklarte roller",
    SuccessFactor.linked_projects: "Kobling mot andre prosjekter",
    SuccessFactor.communication: "Formidling av aktivitet og resultater",
}


class Quadrant(enum.StrEnum):
    """Where a factor lands in the priority tool (importance × local influence)."""

    prioritise = "prioritise"  # important and influenceable
    influence_others = "influence_others"  # important, hard to influence locally
    low_hanging = "low_hanging"  # easy to influence, less important
    deprioritise = "deprioritise"  # neither
    midline = "midline"  # exactly the neutral midpoint (3) on at least one axis


QUADRANT_LABELS: dict[Quadrant, str] = {
    Quadrant.prioritise: "Prioriter (viktig og påvirkbar)",
    Quadrant.influence_others: "Viktig, men lite påvirkbar lokalt (samarbeid med andre)",
    Quadrant.low_hanging: "Påvirkbar, men mindre viktig",
    Quadrant.deprioritise: "Lite viktig og lite påvirkbar",
    Quadrant.midline: "På midtlinjen (skår 3 er nøytral: verken høy eller lav)",
}

#: The neutral middle of the 1–5 scale: only a score ABOVE it counts as high, only one below
#: it as low; a factor scored exactly here on an axis lies on that axis' midline.
MIDPOINT = 3


def quadrant_of(importance: float, influence: float) -> Quadrant:
    """The quadrant of a (possibly averaged) placing: above MIDPOINT is high, below it is low,
    and exactly MIDPOINT on either axis is the midline (3×3 is not «Prioriter»)."""
    if importance == MIDPOINT or influence == MIDPOINT:
        return Quadrant.midline
    important = importance > MIDPOINT
    influenceable = influence > MIDPOINT
    if important and influenceable:
        return Quadrant.prioritise
    if important:
        return Quadrant.influence_others
    if influenceable:
        return Quadrant.low_hanging
    return Quadrant.deprioritise


def priority_quadrant(importance: int, influence: int) -> Quadrant:
    """The quadrant of a placing scored 1–5 on importance and on local influence.

    A score of 4 or 5 counts as high, 1 or 2 as low, and 3 (MIDPOINT) is the midline:
    important and influenceable means prioritise.
    """
    return quadrant_of(
        _required_score("importance", importance), _required_score("influence", influence)
    )


def _required_score(field: str, value: int) -> int:
    checked = rules.check_score(field, value)
    assert checked is not None
    return checked
