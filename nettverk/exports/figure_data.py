"""The data the reports' charts are drawn from (attendance and feedback per gathering, plan
progress, priority sessions, comments, capacity history): plain dataclasses without ReportLab,
so the terminal's charts read the same figures without loading the PDF machinery."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class GatheringFigure:
    """One held gathering: attendance of the invited, and the feedback's averages (1–5)."""

    title: str
    on: date
    attendance_percent: float | None
    overall: float | None
    usefulness: float | None


@dataclass(frozen=True)
class PriorityFigure:
    """One priority-tool session: its factors placed by importance and influence (1–5)."""

    title: str
    held_on: date
    municipality: str | None
    factors: Sequence[tuple[str, float, float, str]]  # name, importance, influence, quadrant


@dataclass(frozen=True)
class FeedbackComment:
    """A comment given in the feedback after a gathering."""

    on: date
    gathering: str
    who: str
    comment: str


@dataclass(frozen=True)
class EvaluationFigures:
    """The evaluation report's charts and comments, as of its date."""

    gatherings: Sequence[GatheringFigure] = ()
    plan_progress: Sequence[tuple[str, int]] = ()  # planstrategi stage label, municipalities
    priority_sessions: Sequence[PriorityFigure] = ()
    comments: Sequence[FeedbackComment] = ()
    #: per municipality number: the first session, then each year's last (date, consensus scores
    #: in the report's component order)
    capacity_history: dict[str, Sequence[tuple[date, Sequence[int | None]]]] = field(
        default_factory=dict)
