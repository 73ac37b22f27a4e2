"""Calendar feed tokens

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('calendar_feed',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('token_hint', sa.String(length=8), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('with_themes', sa.Boolean(), nullable=False),
    sa.Column('label', sa.String(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(programme_id IS NULL) <> (municipality_id IS NULL)', name=op.f('ck_calendar_feed_one_target')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_calendar_feed_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_calendar_feed_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feed')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feed_token_hash'))
    )
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feed_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_feed_programme_id'), ['programme_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feed_programme_id'))
        batch_op.drop_index(batch_op.f('ix_calendar_feed_municipality_id'))

    op.drop_table('calendar_feed')
