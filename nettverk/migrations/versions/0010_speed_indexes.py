"""Indexes for one municipality's lists

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-30
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (name, table, columns): the indexes of nettverk/domain/municipality_indexes.py.
INDEXES = [
    ("ix_follow_up_municipality_id_on", "follow_up", ["municipality_id", "on"]),
    ("ix_gathering_municipality_id_starts_at", "gathering", ["municipality_id", "starts_at", "id"]),
    ("ix_attendance_municipality_id_gathering_id", "attendance",
     ["municipality_id", "gathering_id"]),
    ("ix_feedback_municipality_id_gathering_id", "feedback", ["municipality_id", "gathering_id"]),
    ("ix_capacity_assessment_municipality_id_held_on", "capacity_assessment",
     ["municipality_id", "held_on"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
