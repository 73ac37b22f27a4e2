"""Reports as of their date: when a gathering was recorded held or cancelled, and when an
attendance was recorded

Revision ID: 0009
Revises: 0006
Create Date: 2026-11-30
"""
from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OSLO = ZoneInfo("Europe/Oslo")


def _local_day(value: datetime | str) -> date:
    if isinstance(value, str):  # SQLite hands back text
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(_OSLO).date()


def upgrade() -> None:
    with op.batch_alter_table("gathering") as batch:
        batch.add_column(sa.Column("held_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("cancelled_on", sa.Date(), nullable=True))
    with op.batch_alter_table("attendance") as batch:
        batch.add_column(sa.Column("recorded_on", sa.Date(), nullable=True))
    # Existing gatherings: held since the day they began; cancelled on the day of their last
    # change (a cancelled gathering cannot be changed any more, so that is the cancellation), or
    # on the day it was to begin if that is earlier (it did not take place that day).
    # Existing attendance keeps recorded_on empty: counted for every date, as before.
    bind = op.get_bind()
    gathering = sa.table("gathering", sa.column("id", sa.Integer()),
                         sa.column("status", sa.String()),
                         sa.column("starts_at", sa.DateTime(timezone=True)),
                         sa.column("updated_at", sa.DateTime(timezone=True)),
                         sa.column("held_on", sa.Date()), sa.column("cancelled_on", sa.Date()))
    rows = bind.execute(sa.select(gathering.c.id, gathering.c.status, gathering.c.starts_at,
                                  gathering.c.updated_at)
                        .where(gathering.c.status.in_(("held", "cancelled")))).all()
    held = [{"gid": r.id, "day": _local_day(r.starts_at)} for r in rows if r.status == "held"]
    cancelled = [{"gid": r.id, "day": min(_local_day(r.updated_at), _local_day(r.starts_at))}
                 for r in rows if r.status == "cancelled"]
    if held:
        bind.execute(gathering.update().where(gathering.c.id == sa.bindparam("gid"))
                     .values(held_on=sa.bindparam("day")), held)
    if cancelled:
        bind.execute(gathering.update().where(gathering.c.id == sa.bindparam("gid"))
                     .values(cancelled_on=sa.bindparam("day")), cancelled)


def downgrade() -> None:
    # No table copy: recreating `gathering` under SQLite's foreign keys would fail while
    # attendance and feedback rows refer to it; SQLite (3.35+) drops a plain column in place.
    with op.batch_alter_table("attendance", recreate="never") as batch:
        batch.drop_column("recorded_on")
    with op.batch_alter_table("gathering", recreate="never") as batch:
        batch.drop_column("cancelled_on")
        batch.drop_column("held_on")
