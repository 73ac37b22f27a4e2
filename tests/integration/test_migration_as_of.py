"""Migration 0009 on a database with data: gatherings already held or cancelled get their dates,
and going down and up again keeps every row (both databases)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from nettverk.domain.values import OSLO
from nettverk.persistence import schema
from nettverk.persistence.engine import make_engine
from tests.support import run_cli

pytestmark = pytest.mark.parametrize("empty_url", ["sqlite", pytest.param(
    "postgres", marks=pytest.mark.postgres)], indirect=True)


def _moment(value: datetime | str) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # stored in UTC


def _day(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def test_down_and_up_with_data_dates_held_and_cancelled_gatherings(empty_url: str) -> None:
    assert run_cli(empty_url, "init", "--demo").code == 0
    engine = make_engine(empty_url)
    try:
        previous = ScriptDirectory.from_config(
            schema.alembic_config(engine)).get_revision("0009").down_revision
        assert isinstance(previous, str)
        schema.downgrade(engine, previous)  # attendance and feedback still refer to gatherings
        columns = {c["name"] for c in inspect(engine).get_columns("gathering")}
        assert not {"held_on", "cancelled_on"} & columns
        schema.upgrade(engine)
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT status, starts_at, held_on, cancelled_on FROM gathering")).all()
            attendance = conn.execute(text("SELECT COUNT(*) FROM attendance")).scalar_one()
    finally:
        engine.dispose()
    assert attendance > 0
    held = [r for r in rows if r.status == "held"]
    assert held and all(r.cancelled_on is None for r in held)
    for r in held:  # held since the day it began, in Norwegian time
        assert _day(r.held_on) == _moment(r.starts_at).astimezone(OSLO).date()
    assert all(r.cancelled_on is not None for r in rows if r.status == "cancelled")
    assert all(r.held_on is None and r.cancelled_on is None for r in rows if r.status == "planned")
    # The reports read them: every demo gathering before 2024 is held or cancelled on 31.12.2023.
    status = run_cli(empty_url, "status", "--date", "2023-12-31", "--format", "json")
    assert status.code == 0 and json.loads(status.out)["unconfirmed_total"] == 0
