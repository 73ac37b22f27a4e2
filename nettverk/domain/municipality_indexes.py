"""Indexes for one municipality's lists, created by migration 0010.

Each leads with `municipality_id` and goes on with the column the list orders or joins by, so
a municipality's rows are found, ordered and (for attendance and feedback) joined to their
gatherings from the index alone, at national scale and on PostgreSQL as well as SQLite.
tests/integration/test_municipality_query_plans.py runs EXPLAIN for every such list.
"""

from __future__ import annotations

from sqlalchemy import Index

from nettverk.domain.evaluation import CapacityAssessment, Feedback
from nettverk.domain.network import Attendance, FollowUp, Gathering

# A municipality's follow-up log, newest first.
ix_follow_up_municipality_id_on = Index(
    "ix_follow_up_municipality_id_on", FollowUp.municipality_id, FollowUp.on)

# A municipality's own gatherings in time order (its list and its calendar).
ix_gathering_municipality_id_starts_at = Index(
    "ix_gathering_municipality_id_starts_at", Gathering.municipality_id, Gathering.starts_at,
    Gathering.id)

# A municipality's attendance and feedback, joined to their gatherings from the index.
ix_attendance_municipality_id_gathering_id = Index(
    "ix_attendance_municipality_id_gathering_id", Attendance.municipality_id,
    Attendance.gathering_id)
ix_feedback_municipality_id_gathering_id = Index(
    "ix_feedback_municipality_id_gathering_id", Feedback.municipality_id, Feedback.gathering_id)

# A municipality's capacity assessments, newest first.
ix_capacity_assessment_municipality_id_held_on = Index(
    "ix_capacity_assessment_municipality_id_held_on", CapacityAssessment.municipality_id,
    CapacityAssessment.held_on)

MUNICIPALITY_INDEXES = (
    ix_follow_up_municipality_id_on, ix_gathering_municipality_id_starts_at,
    ix_attendance_municipality_id_gathering_id, ix_feedback_municipality_id_gathering_id,
    ix_capacity_assessment_municipality_id_held_on,
)
