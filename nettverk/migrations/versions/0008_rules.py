"""Rules of issue 15: populations per year, the population a decision used, the earlier
periods of an agreement, the 10-point model

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-30
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STEPS = ("goal_analysis", "place_qualities", "community_analysis", "target_group_analysis",
          "positioning", "anchoring", "identity_reputation", "action_plan",
          "organisation_financing", "long_term_work")


def _entity_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "municipality_population",
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=True),
        *_entity_columns(),
        sa.CheckConstraint("population >= 0",
                           name=op.f("ck_municipality_population_population_non_negative")),
        sa.ForeignKeyConstraint(["municipality_id"], ["municipality.id"],
                                name=op.f("fk_municipality_population_municipality_id_municipality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipality_population")),
        sa.UniqueConstraint("municipality_id", "year",
                            name=op.f("uq_municipality_population_municipality_id_year")),
    )
    with op.batch_alter_table("municipality_population", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_municipality_population_municipality_id"),
                              ["municipality_id"], unique=False)
    # The figures already held become the first year of each municipality's series.
    op.execute(
        "INSERT INTO municipality_population (municipality_id, year, population, source, "
        "created_at, updated_at, version) SELECT id, population_year, population, "
        "'registeret før 0008', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1 FROM municipality "
        "WHERE population IS NOT NULL AND population_year IS NOT NULL"
    )

    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_population", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decision_population_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decision_eligible", sa.Boolean(), nullable=True))
    # Decisions already made keep the figure they could have seen: the one held today.
    op.execute(
        "UPDATE application SET decision_population = (SELECT m.population FROM municipality m "
        "WHERE m.id = application.municipality_id), decision_population_year = (SELECT "
        "m.population_year FROM municipality m WHERE m.id = application.municipality_id) "
        "WHERE status IN ('accepted', 'rejected')"
    )

    op.create_table(
        "agreement_period",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=True),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        *_entity_columns(),
        sa.ForeignKeyConstraint(["agreement_id"], ["partnership_agreement.id"],
                                name=op.f("fk_agreement_period_agreement_id_partnership_agreement")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_period")),
    )
    with op.batch_alter_table("agreement_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_period_agreement_id"), ["agreement_id"],
                              unique=False)

    op.create_table(
        "ten_point_step",
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Enum(*_STEPS, name="step", native_enum=False,
                                  create_constraint=True, length=32), nullable=False),
        sa.Column("status", sa.Enum("not_started", "in_progress", "done", name="status",
                                    native_enum=False, create_constraint=True, length=32),
                  nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_entity_columns(),
        sa.ForeignKeyConstraint(["municipality_id"], ["municipality.id"],
                                name=op.f("fk_ten_point_step_municipality_id_municipality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ten_point_step")),
        sa.UniqueConstraint("municipality_id", "step",
                            name=op.f("uq_ten_point_step_municipality_id_step")),
    )
    with op.batch_alter_table("ten_point_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ten_point_step_municipality_id"),
                              ["municipality_id"], unique=False)


def downgrade() -> None:
    op.drop_table("ten_point_step")
    op.drop_table("agreement_period")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_column("decision_eligible")
        batch_op.drop_column("decision_population_year")
        batch_op.drop_column("decision_population")
    op.drop_table("municipality_population")
