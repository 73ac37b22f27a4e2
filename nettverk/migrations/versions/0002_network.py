"""Learning network: applications, gatherings, attendance, plans, milestones, follow-ups

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('plan_document',
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('plan_strategy', 'community_plan', 'land_use_plan', 'action_plan', 'financial_plan', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('title', sa.String(), nullable=True),
    sa.Column('period_start', sa.Integer(), nullable=True),
    sa.Column('period_end', sa.Integer(), nullable=True),
    sa.Column('stage', sa.Enum('not_started', 'start_notified', 'planning_programme', 'consultation', 'adopted', name='stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('archive_ref', sa.String(), nullable=True),
    sa.Column('council_constituted_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_plan_document_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_document'))
    )
    with op.batch_alter_table('plan_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_document_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('plan_stage_event',
    sa.Column('plan_document_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('not_started', 'start_notified', 'planning_programme', 'consultation', 'adopted', name='stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_document_id'], ['plan_document.id'], name=op.f('fk_plan_stage_event_plan_document_id_plan_document')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_stage_event'))
    )
    with op.batch_alter_table('plan_stage_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_stage_event_plan_document_id'), ['plan_document_id'], unique=False)

    op.create_table('application_round',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('opens', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('deadline >= opens', name=op.f('ck_application_round_deadline_after_opening')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_application_round_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_round'))
    )
    with op.batch_alter_table('application_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_round_programme_id'), ['programme_id'], unique=False)

    op.create_table('follow_up',
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('meeting', 'call', 'email', 'visit', 'gathering', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('participants', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('next_action', sa.Text(), nullable=True),
    sa.Column('next_action_due', sa.Date(), nullable=True),
    sa.Column('next_action_done_on', sa.Date(), nullable=True),
    sa.Column('exempt_from_public', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_follow_up_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_follow_up_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up'))
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index('ix_follow_up_next_action_due', ['next_action_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_programme_id'), ['programme_id'], unique=False)

    op.create_table('gathering',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('uid', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('theme', sa.String(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('mode', sa.Enum('video', 'physical', 'hybrid', name='mode', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('location', sa.String(), nullable=True),
    sa.Column('video_url', sa.String(), nullable=True),
    sa.Column('agenda', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'held', 'cancelled', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_gathering_ends_after_start')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_gathering_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_gathering_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gathering')),
    sa.UniqueConstraint('uid', name=op.f('uq_gathering_uid'))
    )
    with op.batch_alter_table('gathering', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gathering_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index('ix_gathering_programme_id_starts_at', ['programme_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_gathering_starts_at'), ['starts_at'], unique=False)

    op.create_table('milestone',
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('plan_document_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('responsible_id', sa.Integer(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_milestone_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['plan_document_id'], ['plan_document.id'], name=op.f('fk_milestone_plan_document_id_plan_document')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_milestone_programme_id_programme')),
    sa.ForeignKeyConstraint(['responsible_id'], ['person.id'], name=op.f('fk_milestone_responsible_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index('ix_milestone_done_on_due', ['done_on', 'due'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_plan_document_id'), ['plan_document_id'], unique=False)
        batch_op.create_index('ix_milestone_programme_id_due', ['programme_id', 'due'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_responsible_id'), ['responsible_id'], unique=False)

    op.create_table('application',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('received', sa.Date(), nullable=False),
    sa.Column('samfunnsdel_year', sa.Integer(), nullable=True),
    sa.Column('progress_plan', sa.Text(), nullable=True),
    sa.Column('has_statistics', sa.Boolean(), nullable=True),
    sa.Column('personnel', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('received', 'interview', 'accepted', 'rejected', 'withdrawn', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.Column('override_justification', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_application_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_application_programme_id_programme')),
    sa.ForeignKeyConstraint(['round_id'], ['application_round.id'], name=op.f('fk_application_round_id_application_round')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application'))
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_status'), ['status'], unique=False)

    op.create_table('attendance',
    sa.Column('gathering_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('invited', sa.Boolean(), nullable=False),
    sa.Column('registered', sa.Boolean(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('persons', sa.Integer(), nullable=False),
    sa.Column('travel_cost', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('accommodation_cost', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('accommodation_cost >= 0', name=op.f('ck_attendance_accommodation_cost_non_negative')),
    sa.CheckConstraint('persons >= 0', name=op.f('ck_attendance_persons_non_negative')),
    sa.CheckConstraint('travel_cost >= 0', name=op.f('ck_attendance_travel_cost_non_negative')),
    sa.ForeignKeyConstraint(['gathering_id'], ['gathering.id'], name=op.f('fk_attendance_gathering_id_gathering')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_attendance_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('gathering_id', 'municipality_id', name=op.f('uq_attendance_gathering_id_municipality_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_gathering_id'), ['gathering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('application_event',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('received', 'interview', 'accepted', 'rejected', 'withdrawn', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_application_event_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_event'))
    )
    with op.batch_alter_table('application_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_event_application_id'), ['application_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('application_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_event_application_id'))

    op.drop_table('application_event')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_gathering_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_status'))
        batch_op.drop_index(batch_op.f('ix_application_round_id'))
        batch_op.drop_index(batch_op.f('ix_application_programme_id'))
        batch_op.drop_index(batch_op.f('ix_application_municipality_id'))

    op.drop_table('application')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_responsible_id'))
        batch_op.drop_index('ix_milestone_programme_id_due')
        batch_op.drop_index(batch_op.f('ix_milestone_plan_document_id'))
        batch_op.drop_index(batch_op.f('ix_milestone_municipality_id'))
        batch_op.drop_index('ix_milestone_done_on_due')

    op.drop_table('milestone')
    with op.batch_alter_table('gathering', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gathering_starts_at'))
        batch_op.drop_index('ix_gathering_programme_id_starts_at')
        batch_op.drop_index(batch_op.f('ix_gathering_municipality_id'))

    op.drop_table('gathering')
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_programme_id'))
        batch_op.drop_index('ix_follow_up_next_action_due')
        batch_op.drop_index(batch_op.f('ix_follow_up_municipality_id'))

    op.drop_table('follow_up')
    with op.batch_alter_table('application_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_round_programme_id'))

    op.drop_table('application_round')
    with op.batch_alter_table('plan_stage_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_stage_event_plan_document_id'))

    op.drop_table('plan_stage_event')
    with op.batch_alter_table('plan_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_document_municipality_id'))

    op.drop_table('plan_document')
