"""`nettverk demo generate` on both databases: reproducible, valid, bulk, and only into an empty one."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from nettverk.demo import generate
from nettverk.domain.model import Base
from nettverk.domain.network import Gathering, Milestone
from nettverk.domain.register import Municipality
from nettverk.persistence.engine import make_engine
from nettverk.services import organisations, register
from nettverk.services.database import Database, connect
from tests.support import run_cli, snapshot

TODAY = date(2026, 11, 22)
SMALL = generate.Scale(municipalities=20, years=5, gatherings=60, milestones=200)
SMALL_ARGS = ("demo", "generate", "--municipalities", "20", "--years", "5", "--gatherings", "60",
              "--milestones", "200", "--seed", "11", "--today", "2026-11-22", "--format", "json")

both = pytest.mark.parametrize("empty_url", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)], indirect=True)


@both
def test_the_command_fills_a_new_database_and_counts_what_it_wrote(empty_url: str) -> None:
    result = run_cli(empty_url, *SMALL_ARGS)
    assert result.code == 0, result.err
    counts = {row["table"]: row["rows"] for row in result.json()}
    assert counts["municipality"] == 20
    assert counts["county"] == 11
    assert counts["milestone"] == 200
    assert counts["gathering"] == 60
    listed = run_cli(empty_url, "municipality", "list", "--format", "json").json()
    assert len(listed) == 20
    assert {"Tromsø", "Oslo", "Trondheim"} <= {m["name"] for m in listed}
    trondheim = next(m for m in listed if m["name"] == "Trondheim")
    assert trondheim["sami_name"] == "Tråante"
    engine = make_engine(empty_url)
    try:
        rows = snapshot(engine)
    finally:
        engine.dispose()
    assert rows["audit_log"] == [], "generated data is not written to the audit log"


@both
def test_same_seed_gives_the_same_database(empty_url: str, tmp_path,
                                           postgres_server: Any) -> None:
    other_url = (postgres_server.create_database() if empty_url.startswith("postgresql")
                 else f"sqlite:///{tmp_path / 'other.db'}")
    assert run_cli(empty_url, *SMALL_ARGS).code == 0
    assert run_cli(other_url, *SMALL_ARGS).code == 0
    engines = [make_engine(empty_url), make_engine(other_url)]
    try:
        first, second = (snapshot(e) for e in engines)
    finally:
        for e in engines:
            e.dispose()
    assert first == second
    assert len(first["milestone"]) == 200


@both
def test_a_database_with_data_is_refused_and_left_unchanged(empty_url: str) -> None:
    assert run_cli(empty_url, "init").code == 0  # creates the schema
    db = connect(empty_url, "test")
    try:
        register.add_county(db.uow(), "18", "Nordland")
        before = snapshot(db.engine)
        refused = run_cli(empty_url, *SMALL_ARGS)
        assert refused.code == 2
        assert "«db»" in refused.err and "tom" in refused.err
        assert "Traceback" not in refused.err
        assert snapshot(db.engine) == before
    finally:
        db.close()


@both
def test_bad_sizes_are_refused_with_the_field_named(empty_url: str) -> None:
    result = run_cli(empty_url, "demo", "generate", "--municipalities", "400")
    assert result.code == 2
    assert "«municipalities»" in result.err
    result = run_cli(empty_url, "demo", "generate", "--milestones", "mange")
    assert result.code == 2
    assert "«milestones»" in result.err


def test_generated_rows_load_as_valid_entities_and_services_can_add_more(db: Database) -> None:
    generate.generate(db.engine, SMALL, seed=4, today=TODAY)
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Milestone)).scalar_one() == 200
    with db.uow() as uow:
        for mapper in Base.registry.mappers:
            for entity in uow.session.scalars(select(mapper.class_)):
                for key in mapper.validators:
                    setattr(entity, key, getattr(entity, key))  # re-runs the @validates rule
                check = getattr(entity, "check", None)
                if callable(check):
                    check()
        gathering = uow.session.scalars(select(Gathering).limit(1)).one()
        assert gathering.starts_at.tzinfo is not None and gathering.ends_at > gathering.starts_at
        stamp = datetime(2026, 11, 22, 6, tzinfo=UTC)
        assert (gathering.created_at, gathering.updated_at, gathering.version) == (stamp, stamp, 1)
        uow.rollback()
    # Ids were given explicitly; new rows through the use cases must not collide with them.
    view = organisations.add_organisation(db.uow(), "Ny organisasjon", "other", county="18")
    assert view.id > 23
    with db.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Municipality)) == 20
