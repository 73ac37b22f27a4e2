"""The send log of invitations and reminders

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-30
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mail_log",
        sa.Column("key", sa.String(length=600), nullable=False),
        sa.Column("kind", sa.Enum("invitation", "reminder", name="kind", native_enum=False,
                                  create_constraint=True, length=32), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("recipient_name", sa.String(), nullable=True),
        sa.Column("gathering_id", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=16), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("item", sa.String(length=100), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("status", sa.Enum("sending", "sent", "failed", name="status", native_enum=False,
                                    create_constraint=True, length=32), nullable=False),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["gathering_id"], ["gathering.id"],
                                name=op.f("fk_mail_log_gathering_id_gathering")),
        sa.ForeignKeyConstraint(["municipality_id"], ["municipality.id"],
                                name=op.f("fk_mail_log_municipality_id_municipality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_log")),
        sa.UniqueConstraint("key", name=op.f("uq_mail_log_key")),
    )
    with op.batch_alter_table("mail_log") as batch:
        batch.create_index(batch.f("ix_mail_log_recipient"), ["recipient"], unique=False)
        batch.create_index(batch.f("ix_mail_log_gathering_id"), ["gathering_id"], unique=False)
        batch.create_index(batch.f("ix_mail_log_municipality_id"), ["municipality_id"],
                           unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mail_log") as batch:
        batch.drop_index(batch.f("ix_mail_log_municipality_id"))
        batch.drop_index(batch.f("ix_mail_log_gathering_id"))
        batch.drop_index(batch.f("ix_mail_log_recipient"))
    op.drop_table("mail_log")
