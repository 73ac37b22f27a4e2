"""Concurrency stress on PostgreSQL: 8 processes × 1,000 conflicting edits, no lost update."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nettverk.persistence.audit import AuditEntry
from nettverk.services import register
from nettverk.services.database import connect
from tests.conftest import PostgresServer

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 8
EDITS = 1000


def test_every_edit_lands_or_is_reported_as_a_conflict(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database()
    db = connect(url, "oppsett")
    try:
        register.add_county(db.uow(), "18", "Nordland")
        register.add_municipality(db.uow(), number="1853", name="Evenes", county="18",
                                  population=0)
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.safety.stress_worker", url, str(w), str(EDITS)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            )
            for w in range(1, PROCESSES + 1)
        ]
        results = []
        for proc in workers:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err[-2000:]
            results.append(json.loads(out.strip().splitlines()[-1]))

        landed = [v for r in results for v in r["landed"]]
        conflicts = sum(r["conflicts"] for r in results)
        assert len(landed) + conflicts == PROCESSES * EDITS
        assert conflicts > 0, "the edits should really have competed"

        final = register.get_municipality(db.uow(), "1853")
        # Every landed edit raised the version by one: nothing was silently overwritten.
        assert final.version == 1 + len(landed)
        with db.uow() as uow:
            updates = uow.session.execute(
                select(AuditEntry.changes).where(
                    AuditEntry.table_name == "municipality", AuditEntry.action == "update"
                ).order_by(AuditEntry.id)
            ).scalars().all()
            users = uow.session.scalar(
                select(func.count(func.distinct(AuditEntry.user)))
                .where(AuditEntry.action == "update")
            )
        # The audit log is complete: one entry per landed edit, in the order they landed.
        assert len(updates) == len(landed)
        assert sorted(u["population"][1] for u in updates) == sorted(landed)
        assert updates[-1]["population"][1] == final.population
        assert users == PROCESSES
    finally:
        db.close()
