"""The plan documents' views and how a document's row becomes one (its legal deadline, the
state of that deadline, the warning about public notice), importable without SQLAlchemy:
services.plain_plans builds them for `nettverk plan list` and the TUI's Plandokumenter,
services.plans for the documents it loads; services.plans re-exports them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from nettverk.domain.network_rules import (
    DEADLINE_STATE_LABELS,
    PLAN_KIND_LABELS,
    PLAN_STAGE_LABELS,
    DeadlineState,
    PlanKind,
    PlanStage,
    plan_document_deadline,
    plan_strategy_deadline_state,
    public_notice_warning,
)
from nettverk.domain.norwegian import display_name


@dataclass(frozen=True)
class PlanStageEventView:
    """A dated stage in a document's history."""

    stage: str
    stage_label: str
    on: date
    note: str | None


@dataclass(frozen=True)
class PlanDocumentView:
    """A planning document with its stage and, for a planstrategi, its legal deadline."""

    id: int
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    county: str
    kind: str
    kind_label: str
    title: str | None
    period_start: int | None
    period_end: int | None
    stage: str
    stage_label: str
    adopted_on: date | None
    archive_ref: str | None
    council_constituted_on: date | None
    deadline: date | None
    deadline_state: str | None
    deadline_label: str | None
    stages: list[PlanStageEventView]
    version: int
    warnings: list[str] = field(default_factory=list)


def deadline_of(kind: PlanKind, period_start: int | None, constituted: date | None,
                adopted_on: date | None, today: date,
                ) -> tuple[date | None, DeadlineState | None]:
    """A document's legal deadline, if it has one, and how it stands on `today`."""
    deadline = plan_document_deadline(kind, period_start, constituted, today)
    if deadline is None:
        return None, None
    return deadline, plan_strategy_deadline_state(deadline, adopted_on, today)


def _warnings(kind: PlanKind, stages: list[PlanStageEventView],
              adopted_on: date | None) -> list[str]:
    """The planstrategi's proposal must be public (høring) at least 30 days before adoption."""
    if kind is not PlanKind.plan_strategy:
        return []
    published = min((e.on for e in stages if e.stage == PlanStage.consultation.value),
                    default=None)
    warning = public_notice_warning(published, adopted_on)
    return [warning] if warning else []


def document_view(id: int, number: str, name: str, sami_name: str | None, county: str,
                   kind: PlanKind, title: str | None, period_start: int | None,
                   period_end: int | None, stage: PlanStage, adopted_on: date | None,
                   archive_ref: str | None, constituted: date | None,
                   stages: list[PlanStageEventView], version: int,
                   today: date) -> PlanDocumentView:
    """A document's view from its values (a loaded document's or a list's row)."""
    deadline, state = deadline_of(kind, period_start, constituted, adopted_on, today)
    return PlanDocumentView(
        id=id, municipality=number, name=name, sami_name=sami_name,
        display_name=display_name(name, sami_name), county=county,
        kind=kind.value, kind_label=PLAN_KIND_LABELS[kind], title=title,
        period_start=period_start, period_end=period_end, stage=stage.value,
        stage_label=PLAN_STAGE_LABELS[stage], adopted_on=adopted_on,
        archive_ref=archive_ref, council_constituted_on=constituted,
        deadline=deadline, deadline_state=state.value if state else None,
        deadline_label=DEADLINE_STATE_LABELS[state] if state else None,
        stages=stages, version=version, warnings=_warnings(kind, stages, adopted_on),
    )
