"""An index of gatherings by their state on a day (the overview's counts and unconfirmed list)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["status", "starts_at", "held_on", "cancelled_on", "programme_id"]


def upgrade() -> None:
    op.create_index("ix_gathering_state", "gathering", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_gathering_state", table_name="gathering")
