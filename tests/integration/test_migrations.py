"""Migrations: up, down, up again on both databases; models and migrations agree."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from nettverk.domain.model import Base
from nettverk.persistence import (
    audit,  # noqa: F401
    schema,
)
from nettverk.persistence.engine import make_engine
from nettverk.services import database, register
from tests.support import run_cli

pytestmark = pytest.mark.parametrize("empty_url", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)], indirect=True)


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        schema.upgrade(engine)
        assert schema.state(engine) is schema.SchemaState.current
        assert _tables(empty_url) >= {"municipality", "gathering", "capacity_score", "audit_log"}
        schema.downgrade(engine, "base")
        assert _tables(empty_url) == set()
        assert schema.state(engine) is schema.SchemaState.empty
        schema.upgrade(engine)
        assert schema.current_revision(engine) == schema.head_revision()
    finally:
        engine.dispose()


def test_the_head_constant_names_alembics_head(empty_url: str) -> None:
    assert schema.head_revision() == schema.HEAD_REVISION


def test_models_and_migrations_agree(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        schema.upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_any_command_creates_a_new_database_at_the_newest_schema(empty_url: str) -> None:
    result = run_cli(empty_url, "county", "list", "--format", "json")
    assert result.code == 0, result.err
    assert result.json() == []
    engine = make_engine(empty_url)
    try:
        assert schema.current_revision(engine) == schema.head_revision()
    finally:
        engine.dispose()


def test_a_database_behind_is_refused_until_upgraded(empty_url: str, tmp_path) -> None:
    engine = make_engine(empty_url)
    try:
        schema.upgrade(engine, "0001")
    finally:
        engine.dispose()
    refused = run_cli(empty_url, "municipality", "list")
    assert refused.code == 2
    assert "nettverk db upgrade" in refused.err
    assert "Traceback" not in refused.err

    upgraded = run_cli(empty_url, "db", "upgrade")
    assert upgraded.code == 0, upgraded.err
    assert "Sikkerhetskopi" in upgraded.out
    assert run_cli(empty_url, "municipality", "list").code == 0


def test_init_backs_up_and_keeps_data_when_upgrading(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        schema.upgrade(engine, "0001")
    finally:
        engine.dispose()
    db = database.connect(empty_url, "test", check_schema=False)
    try:
        register.add_county(db.uow(), "18", "Nordland")
        backup = database.upgrade(db)
        assert backup is not None and backup.exists()
        assert [c.number for c in register.list_counties(db.uow())] == ["18"]
    finally:
        db.close()
