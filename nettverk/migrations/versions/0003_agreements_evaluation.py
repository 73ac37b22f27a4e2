"""Agreements, theme calendar and evaluation tools

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('capacity_assessment',
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('facilitator', sa.String(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_capacity_assessment_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_capacity_assessment_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity_assessment')),
    sa.UniqueConstraint('municipality_id', 'held_on', name=op.f('uq_capacity_assessment_municipality_id_held_on'))
    )
    with op.batch_alter_table('capacity_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capacity_assessment_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_capacity_assessment_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_capacity_assessment_programme_id'), ['programme_id'], unique=False)

    op.create_table('focus_area',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_focus_area_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_area')),
    sa.UniqueConstraint('programme_id', 'code', name=op.f('uq_focus_area_programme_id_code'))
    )
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_focus_area_programme_id'), ['programme_id'], unique=False)

    op.create_table('partnership_agreement',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('offered', 'under_consideration', 'signed', 'ended', 'declined', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('offered_on', sa.Date(), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('starts', sa.Date(), nullable=True),
    sa.Column('ends', sa.Date(), nullable=True),
    sa.Column('archive_ref', sa.String(), nullable=True),
    sa.Column('county_contact_id', sa.Integer(), nullable=True),
    sa.Column('municipality_contact_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('exempt_from_public', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends IS NULL OR starts IS NULL OR ends >= starts', name=op.f('ck_partnership_agreement_period_ordered')),
    sa.ForeignKeyConstraint(['county_contact_id'], ['person.id'], name=op.f('fk_partnership_agreement_county_contact_id_person')),
    sa.ForeignKeyConstraint(['municipality_contact_id'], ['person.id'], name=op.f('fk_partnership_agreement_municipality_contact_id_person')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_partnership_agreement_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_partnership_agreement_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_agreement')),
    sa.UniqueConstraint('programme_id', 'municipality_id', name=op.f('uq_partnership_agreement_programme_id_municipality_id'))
    )
    with op.batch_alter_table('partnership_agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_agreement_county_contact_id'), ['county_contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_agreement_ends'), ['ends'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_agreement_municipality_contact_id'), ['municipality_contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_agreement_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_agreement_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_agreement_status'), ['status'], unique=False)

    op.create_table('priority_session',
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_priority_session_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_priority_session_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_session'))
    )
    with op.batch_alter_table('priority_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_session_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_priority_session_programme_id'), ['programme_id'], unique=False)

    op.create_table('theme',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('goals', sa.JSON(), nullable=False),
    sa.Column('links', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_theme_month_range')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_theme_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme')),
    sa.UniqueConstraint('programme_id', 'year', 'month', name=op.f('uq_theme_programme_id_year_month'))
    )
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_programme_id'), ['programme_id'], unique=False)

    op.create_table('agreement_action',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('owner', sa.String(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'in_progress', 'done', 'cancelled', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['partnership_agreement.id'], name=op.f('fk_agreement_action_agreement_id_partnership_agreement')),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_agreement_action_focus_area_id_focus_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_action'))
    )
    with op.batch_alter_table('agreement_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_action_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_action_due'), ['due'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_action_focus_area_id'), ['focus_area_id'], unique=False)

    op.create_table('agreement_event',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('offered', 'under_consideration', 'signed', 'ended', 'declined', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['partnership_agreement.id'], name=op.f('fk_agreement_event_agreement_id_partnership_agreement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_event'))
    )
    with op.batch_alter_table('agreement_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_event_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_focus_area',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['partnership_agreement.id'], name=op.f('fk_agreement_focus_area_agreement_id_partnership_agreement')),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_agreement_focus_area_focus_area_id_focus_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_focus_area')),
    sa.UniqueConstraint('agreement_id', 'focus_area_id', name=op.f('uq_agreement_focus_area_agreement_id_focus_area_id'))
    )
    with op.batch_alter_table('agreement_focus_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_focus_area_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_focus_area_focus_area_id'), ['focus_area_id'], unique=False)

    op.create_table('capacity_consensus',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('component', sa.Enum('leadership', 'competence', 'culture', 'economy', 'time', name='component', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('justification', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_capacity_consensus_score_range')),
    sa.ForeignKeyConstraint(['assessment_id'], ['capacity_assessment.id'], name=op.f('fk_capacity_consensus_assessment_id_capacity_assessment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity_consensus')),
    sa.UniqueConstraint('assessment_id', 'component', name=op.f('uq_capacity_consensus_assessment_id_component'))
    )
    with op.batch_alter_table('capacity_consensus', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capacity_consensus_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('capacity_participant',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['capacity_assessment.id'], name=op.f('fk_capacity_participant_assessment_id_capacity_assessment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity_participant')),
    sa.UniqueConstraint('assessment_id', 'name', name=op.f('uq_capacity_participant_assessment_id_name'))
    )
    with op.batch_alter_table('capacity_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capacity_participant_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('capacity_priority',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('component', sa.Enum('leadership', 'competence', 'culture', 'economy', 'time', name='component', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('responsible', sa.String(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['capacity_assessment.id'], name=op.f('fk_capacity_priority_assessment_id_capacity_assessment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity_priority'))
    )
    with op.batch_alter_table('capacity_priority', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capacity_priority_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('feedback',
    sa.Column('gathering_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('respondent', sa.String(), nullable=True),
    sa.Column('overall', sa.Integer(), nullable=False),
    sa.Column('usefulness', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('overall BETWEEN 1 AND 5', name=op.f('ck_feedback_overall_range')),
    sa.CheckConstraint('usefulness BETWEEN 1 AND 5', name=op.f('ck_feedback_usefulness_range')),
    sa.ForeignKeyConstraint(['gathering_id'], ['gathering.id'], name=op.f('fk_feedback_gathering_id_gathering')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_feedback_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_gathering_id'), ['gathering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('priority_factor',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('agreed_importance', sa.Integer(), nullable=True),
    sa.Column('agreed_influence', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('agreed_importance IS NULL OR agreed_importance BETWEEN 1 AND 5', name=op.f('ck_priority_factor_importance_range')),
    sa.CheckConstraint('agreed_influence IS NULL OR agreed_influence BETWEEN 1 AND 5', name=op.f('ck_priority_factor_influence_range')),
    sa.ForeignKeyConstraint(['session_id'], ['priority_session.id'], name=op.f('fk_priority_factor_session_id_priority_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_factor')),
    sa.UniqueConstraint('session_id', 'name', name=op.f('uq_priority_factor_session_id_name'))
    )
    with op.batch_alter_table('priority_factor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_factor_session_id'), ['session_id'], unique=False)

    op.create_table('success_factor_status',
    sa.Column('participation_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('factor', sa.Enum('mobilisation', 'anchoring', 'ownership', 'clear_goals', 'action_plan', 'clear_roles', 'linked_projects', 'communication', name='factor', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('in_place', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['participation_id'], ['participation.id'], name=op.f('fk_success_factor_status_participation_id_participation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_success_factor_status')),
    sa.UniqueConstraint('participation_id', 'year', 'factor', name=op.f('uq_success_factor_status_participation_id_year_factor'))
    )
    with op.batch_alter_table('success_factor_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_success_factor_status_participation_id'), ['participation_id'], unique=False)

    op.create_table('capacity_score',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('component', sa.Enum('leadership', 'competence', 'culture', 'economy', 'time', name='component', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('reasoning', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_capacity_score_score_range')),
    sa.ForeignKeyConstraint(['assessment_id'], ['capacity_assessment.id'], name=op.f('fk_capacity_score_assessment_id_capacity_assessment')),
    sa.ForeignKeyConstraint(['participant_id'], ['capacity_participant.id'], name=op.f('fk_capacity_score_participant_id_capacity_participant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity_score')),
    sa.UniqueConstraint('participant_id', 'component', name=op.f('uq_capacity_score_participant_id_component'))
    )
    with op.batch_alter_table('capacity_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capacity_score_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_capacity_score_participant_id'), ['participant_id'], unique=False)

    op.create_table('priority_score',
    sa.Column('factor_id', sa.Integer(), nullable=False),
    sa.Column('participant', sa.String(), nullable=False),
    sa.Column('importance', sa.Integer(), nullable=False),
    sa.Column('influence', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('importance BETWEEN 1 AND 5', name=op.f('ck_priority_score_importance_range')),
    sa.CheckConstraint('influence BETWEEN 1 AND 5', name=op.f('ck_priority_score_influence_range')),
    sa.ForeignKeyConstraint(['factor_id'], ['priority_factor.id'], name=op.f('fk_priority_score_factor_id_priority_factor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_score')),
    sa.UniqueConstraint('factor_id', 'participant', name=op.f('uq_priority_score_factor_id_participant'))
    )
    with op.batch_alter_table('priority_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_score_factor_id'), ['factor_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('priority_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_score_factor_id'))

    op.drop_table('priority_score')
    with op.batch_alter_table('capacity_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capacity_score_participant_id'))
        batch_op.drop_index(batch_op.f('ix_capacity_score_assessment_id'))

    op.drop_table('capacity_score')
    with op.batch_alter_table('success_factor_status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_success_factor_status_participation_id'))

    op.drop_table('success_factor_status')
    with op.batch_alter_table('priority_factor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_factor_session_id'))

    op.drop_table('priority_factor')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_gathering_id'))

    op.drop_table('feedback')
    with op.batch_alter_table('capacity_priority', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capacity_priority_assessment_id'))

    op.drop_table('capacity_priority')
    with op.batch_alter_table('capacity_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capacity_participant_assessment_id'))

    op.drop_table('capacity_participant')
    with op.batch_alter_table('capacity_consensus', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capacity_consensus_assessment_id'))

    op.drop_table('capacity_consensus')
    with op.batch_alter_table('agreement_focus_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_focus_area_focus_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_focus_area_agreement_id'))

    op.drop_table('agreement_focus_area')
    with op.batch_alter_table('agreement_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_event_agreement_id'))

    op.drop_table('agreement_event')
    with op.batch_alter_table('agreement_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_action_focus_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_action_due'))
        batch_op.drop_index(batch_op.f('ix_agreement_action_agreement_id'))

    op.drop_table('agreement_action')
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_programme_id'))

    op.drop_table('theme')
    with op.batch_alter_table('priority_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_session_programme_id'))
        batch_op.drop_index(batch_op.f('ix_priority_session_municipality_id'))

    op.drop_table('priority_session')
    with op.batch_alter_table('partnership_agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_agreement_status'))
        batch_op.drop_index(batch_op.f('ix_partnership_agreement_programme_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_agreement_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_agreement_municipality_contact_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_agreement_ends'))
        batch_op.drop_index(batch_op.f('ix_partnership_agreement_county_contact_id'))

    op.drop_table('partnership_agreement')
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_focus_area_programme_id'))

    op.drop_table('focus_area')
    with op.batch_alter_table('capacity_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capacity_assessment_programme_id'))
        batch_op.drop_index(batch_op.f('ix_capacity_assessment_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_capacity_assessment_held_on'))

    op.drop_table('capacity_assessment')
