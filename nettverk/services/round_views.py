"""The view of a call for applications (utlysning), importable without SQLAlchemy: built by
services.plain_rounds for `nettverk round list` and re-exported by services.applications."""

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
