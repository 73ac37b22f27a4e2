"""The 10-point model's view and words, importable without SQLAlchemy (services.plain_ten_point
builds the view for `nettverk ten-point list` and the TUI's 10-punktsmodellen;
services.ten_point re-exports it).

The steps' codes and Norwegian names are those of nettverk.domain.ten_point, which maps its
class with SQLAlchemy; tests/cli/test_plain_ten_point.py checks that they stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: The steps' codes in the model's order (domain.ten_point.TenPointStepKind).
STEP_CODES = (
    "goal_analysis", "place_qualities", "community_analysis", "target_group_analysis",
    "positioning", "anchoring", "identity_reputation", "action_plan",
    "organisation_financing", "long_term_work",
)

#: The steps' names by code (domain.ten_point.TEN_POINT_LABELS).
STEP_LABELS = {
    "goal_analysis": "Målanalyse",
    "place_qualities": "Kartlegg stedskvaliteter",
    "community_analysis": "Samfunnsanalyse",
    "target_group_analysis": "Målgruppeanalyse",
    "positioning": "Valg av posisjon",
    "anchoring": "Forankring",
    "identity_reputation": "Identitets- og omdømmekartlegging",
    "action_plan": "Handlingsplan",
    "organisation_financing": "Organisering og finansiering",
    "long_term_work": "Langsiktig utviklings- og kommunikasjonsarbeid",
}

#: The statuses' words by code (domain.ten_point.TEN_POINT_STATUS_LABELS).
STATUS_LABELS = {"not_started": "ikke startet", "in_progress": "pågår", "done": "ferdig"}


@dataclass(frozen=True)
class TenPointStepView:
    """A municipality's work on one step; `id` is None for a step not recorded yet."""

    id: int | None
    municipality: str
    display_name: str
    number: int
    step: str
    step_label: str
    status: str
    status_label: str
    on: date | None
    notes: str | None
    version: int | None
