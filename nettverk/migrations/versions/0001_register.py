"""Register: counties, municipalities, organisations, people, programmes, participations, audit log

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('table_name', sa.String(length=100), nullable=False),
    sa.Column('row_id', sa.String(length=100), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_log_table_name_row_id', ['table_name', 'row_id'], unique=False)

    op.create_table('county',
    sa.Column('number', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_county')),
    sa.UniqueConstraint('number', name=op.f('uq_county_number'))
    )
    op.create_table('municipality',
    sa.Column('number', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('sami_name', sa.String(), nullable=True),
    sa.Column('kven_name', sa.String(), nullable=True),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('population_year', sa.Integer(), nullable=True),
    sa.Column('org_number', sa.String(), nullable=True),
    sa.Column('sami_administrative_area', sa.Boolean(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('population >= 0', name=op.f('ck_municipality_population_non_negative')),
    sa.ForeignKeyConstraint(['county_id'], ['county.id'], name=op.f('fk_municipality_county_id_county')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality')),
    sa.UniqueConstraint('number', name=op.f('uq_municipality_number'))
    )
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipality_county_id'), ['county_id'], unique=False)

    op.create_table('organisation',
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('short_name', sa.String(), nullable=True),
    sa.Column('kind', sa.Enum('county_authority', 'municipality', 'state_agency', 'research', 'other', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('org_number', sa.String(), nullable=True),
    sa.Column('county_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['county.id'], name=op.f('fk_organisation_county_id_county')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_organisation_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('name', name=op.f('uq_organisation_name'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_county_id'), ['county_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('person',
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=True),
    sa.Column('email', sa.String(), nullable=True),
    sa.Column('phone', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('erased_at', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_person_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_person_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('programme',
    sa.Column('slug', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.Enum('learning_network', 'partnership', 'pilot', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('starts', sa.Date(), nullable=False),
    sa.Column('ends', sa.Date(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('max_population', sa.Integer(), nullable=True),
    sa.Column('min_per_county', sa.Integer(), nullable=True),
    sa.Column('max_per_county', sa.Integer(), nullable=True),
    sa.Column('gatherings_per_year_min', sa.Integer(), nullable=True),
    sa.Column('gatherings_per_year_max', sa.Integer(), nullable=True),
    sa.Column('physical_per_year', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends IS NULL OR ends >= starts', name=op.f('ck_programme_period_ordered')),
    sa.ForeignKeyConstraint(['owner_id'], ['organisation.id'], name=op.f('fk_programme_owner_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme')),
    sa.UniqueConstraint('slug', name=op.f('uq_programme_slug'))
    )
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_owner_id'), ['owner_id'], unique=False)

    op.create_table('participation',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('starts', sa.Date(), nullable=False),
    sa.Column('ends', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('active', 'completed', 'withdrawn', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('contact_person_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends IS NULL OR ends >= starts', name=op.f('ck_participation_period_ordered')),
    sa.ForeignKeyConstraint(['contact_person_id'], ['person.id'], name=op.f('fk_participation_contact_person_id_person')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_participation_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_participation_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participation')),
    sa.UniqueConstraint('programme_id', 'municipality_id', name=op.f('uq_participation_programme_id_municipality_id'))
    )
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participation_contact_person_id'), ['contact_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_programme_id'), ['programme_id'], unique=False)

    op.create_table('programme_partner',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_programme_partner_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_partner_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_partner')),
    sa.UniqueConstraint('programme_id', 'organisation_id', name=op.f('uq_programme_partner_programme_id_organisation_id'))
    )
    with op.batch_alter_table('programme_partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_partner_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_partner_programme_id'), ['programme_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('programme_partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_partner_programme_id'))
        batch_op.drop_index(batch_op.f('ix_programme_partner_organisation_id'))

    op.drop_table('programme_partner')
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participation_programme_id'))
        batch_op.drop_index(batch_op.f('ix_participation_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_participation_contact_person_id'))

    op.drop_table('participation')
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_owner_id'))

    op.drop_table('programme')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_person_municipality_id'))

    op.drop_table('person')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_organisation_county_id'))

    op.drop_table('organisation')
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipality_county_id'))

    op.drop_table('municipality')
    op.drop_table('county')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_table_name_row_id')
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
