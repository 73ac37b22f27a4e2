"""Indexes for the large lists and the overview

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (name, table, columns): the extra indexes of nettverk/domain/indexes.py.
INDEXES = [
    ("ix_milestone_due_id", "milestone", ["due", "id"]),
    ("ix_milestone_municipality_id_due", "milestone", ["municipality_id", "due"]),
    ("ix_milestone_open_cover", "milestone",
     ["done_on", "due", "programme_id", "municipality_id", "plan_document_id"]),
    ("ix_gathering_starts_at_id", "gathering", ["starts_at", "id"]),
    ("ix_gathering_programme_id_status", "gathering", ["programme_id", "status"]),
    ("ix_follow_up_on", "follow_up", ["on"]),
    ("ix_follow_up_open_next_action", "follow_up", ["next_action_done_on", "next_action_due"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
