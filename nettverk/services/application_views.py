"""The views of calls for applications (utlysninger) and applications, importable without
SQLAlchemy: built by services.plain_rounds and services.plain_applications for `nettverk round
list` and `application list`, and re-exported by services.applications."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RoundView:
    """A call for applications."""

    id: int
    programme: str
    title: str
    opens: date
    deadline: date
    description: str | None
    applications: int
    version: int
    warnings: list[str] = field(default_factory=list)
    """Counties that ended the round under the programme's minimum per county."""


@dataclass(frozen=True)
class ApplicationEventView:
    """A dated status change of an application."""

    status: str
    status_label: str
    on: date
    reason: str | None


@dataclass(frozen=True)
class ApplicationView:
    """An application with its answers, eligibility notes and history."""

    id: int
    programme: str
    round_id: int | None
    round_title: str | None
    deadline: date | None
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    county: str
    population: int | None
    population_year: int | None
    received: date
    late: bool
    samfunnsdel_year: int | None
    progress_plan: str | None
    has_statistics: bool | None
    personnel: str | None
    status: str
    status_label: str
    decided_on: date | None
    decision_reason: str | None
    override_justification: str | None
    eligible: bool
    eligibility_notes: list[str]
    events: list[ApplicationEventView]
    version: int
    round_warnings: list[str] = field(default_factory=list)
    """After a decision that ends the round: counties under the minimum per county."""
