"""Deleting records: the confirmation-free service and CLI side (the TUI asks first).

Each kind of record that can be deleted gets its own test here or next to its use case;
this file holds the shared rules, shown on milestones.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nettverk.domain.errors import ConflictError, NotFoundError
from nettverk.persistence.audit import AuditEntry
from nettverk.services import milestones
from nettverk.services.database import Database
from tests.support import run_cli, snapshot

SLUG = "mindre-kommuner-2020"
TODAY = date(2026, 3, 2)


def test_deleting_a_milestone_removes_it_and_the_audit_log_keeps_it(demo_db: Database) -> None:
    m = milestones.add_milestone(demo_db.uow(), "Sluttrapport", date(2026, 12, 1), SLUG,
                                 today=TODAY)
    gone = milestones.delete_milestone(demo_db.uow(), m.id, expected_version=m.version)
    assert (gone.kind, gone.id, gone.label) == ("milepæl", m.id, "Sluttrapport")
    keys = {v.key for v in milestones.list_milestones(demo_db.uow(), today=TODAY)}
    assert m.key not in keys
    with demo_db.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "milestone", AuditEntry.row_id == str(m.id),
            AuditEntry.action == "delete")).one()
        assert entry.changes["title"][0] == "Sluttrapport"
    with pytest.raises(NotFoundError):
        milestones.delete_milestone(demo_db.uow(), m.id)


def test_deleting_a_milestone_someone_else_changed_is_refused(demo_db: Database) -> None:
    m = milestones.add_milestone(demo_db.uow(), "Sluttrapport", date(2026, 12, 1), SLUG,
                                 today=TODAY)
    milestones.update_milestone(demo_db.uow(), m.id, title="Sluttrapport til fylkestinget")
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError) as refused:
        milestones.delete_milestone(demo_db.uow(), m.id, expected_version=m.version)
    assert "endret av noen andre" in refused.value.message
    assert snapshot(demo_db.engine) == before


def test_milestone_delete_command(demo_db: Database, db_url: str) -> None:
    m = milestones.add_milestone(demo_db.uow(), "Sluttrapport", date(2026, 12, 1), SLUG,
                                 today=TODAY)
    before = snapshot(demo_db.engine)
    bad = run_cli(db_url, "milestone", "delete", "tolv")
    assert bad.code == 2 and "id" in bad.err and snapshot(demo_db.engine) == before
    missing = run_cli(db_url, "milestone", "delete", "999999")
    assert missing.code == 2 and snapshot(demo_db.engine) == before
    ok = run_cli(db_url, "milestone", "delete", str(m.id), "--format", "json")
    assert ok.code == 0, ok.err
    assert ok.json() == {"kind": "milepæl", "id": m.id, "label": "Sluttrapport", "deleted": True}
    listed = run_cli(db_url, "milestone", "list", "--programme", SLUG, "--format", "json").json()
    assert m.id not in {row["id"] for row in listed}
