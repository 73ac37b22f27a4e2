"""Personal data: a person's export holds everything about them; erasure leaves no trace."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nettverk.domain.evaluation import CapacityAssessment, CapacityParticipant
from nettverk.domain.network import FollowUp, FollowUpKind
from nettverk.domain.register import Municipality, Participation
from nettverk.persistence.audit import AuditEntry
from nettverk.services import persons, privacy, programmes
from nettverk.services.database import Database
from tests.support import run_cli, snapshot

NAME = "Ánne Márjá Sara"
EMAIL = "anne.marja.sara@example.no"


@pytest.fixture
def anne(demo_db: Database) -> int:
    person = next(p for p in persons.list_persons(demo_db.uow()) if p.name == NAME)
    with demo_db.uow() as uow:
        evenes = uow.session.scalar(select(Municipality).where(Municipality.number == "1853"))
        assert evenes is not None
        uow.session.add(FollowUp(municipality=evenes, on=date(2022, 5, 3),
                                 kind=FollowUpKind.call, participants=f"{NAME}, Kari Fjellheim",
                                 summary=f"Samtale med {NAME} om planstrategien."))
        assessment = CapacityAssessment(municipality=evenes, held_on=date(2099, 1, 1))
        assessment.participants.append(CapacityParticipant(name=NAME, role="plansjef"))
        uow.session.add(assessment)
        uow.commit()
    return person.id


def _all_text(db: Database) -> str:
    return repr(snapshot(db.engine))


def test_export_holds_the_record_links_mentions_and_audit_log(demo_db: Database,
                                                               anne: int) -> None:
    data = privacy.export_person(demo_db.uow(), anne)
    assert data["person"]["name"] == NAME and data["person"]["email"] == EMAIL
    assert {"programme": "mindre-kommuner-2020", "municipality": "1853"} in \
        data["contact_for_participations"]
    tables = {m["table"] for m in data["mentions"]}
    assert {"follow_up", "capacity_participant"} <= tables
    assert any(e["table"] == "person" and e["action"] == "insert" for e in data["audit_log"])


def test_erase_anonymises_everywhere_and_keeps_the_statistics(demo_db: Database,
                                                              anne: int) -> None:
    with demo_db.uow() as uow:
        participations = len(uow.session.scalars(select(Participation)).all())
        capacity_people = len(uow.session.scalars(select(CapacityParticipant)).all())
    assert NAME in _all_text(demo_db) or "\\u00c1nne" in _all_text(demo_db)

    result = privacy.erase_person(demo_db.uow(), anne, today=date(2026, 11, 22))
    assert result.mentions_replaced >= 3

    text = _all_text(demo_db)
    traces = (NAME, EMAIL, "\\u00c1nne M\\u00e1rj\\u00e1", "+47 900 00 011")
    assert [t for t in traces if t in text] == [], "erased data is still in the database"
    with demo_db.uow() as uow:
        assert len(uow.session.scalars(select(Participation)).all()) == participations
        assert len(uow.session.scalars(select(CapacityParticipant)).all()) == capacity_people
        erase = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        assert erase.table_name == "person" and erase.row_id == str(anne)
    evenes = next(p for p in programmes.list_participants(demo_db.uow(), "mindre-kommuner-2020")
                  if p.municipality == "1853")
    assert evenes.contact_person == f"Slettet person {anne}"


def test_erase_through_the_cli_needs_confirmation(demo_db: Database, db_url: str,
                                                   anne: int) -> None:
    before = snapshot(demo_db.engine)
    refused = run_cli(db_url, "person", "erase", str(anne))
    assert refused.code == 2 and "--yes" in refused.err
    assert snapshot(demo_db.engine) == before
    done = run_cli(db_url, "person", "erase", str(anne), "--yes", "--format", "json")
    assert done.code == 0, done.err
    again = run_cli(db_url, "person", "erase", str(anne), "--yes")
    assert again.code == 2 and "allerede slettet" in again.err


def test_export_through_the_cli_is_json(demo_db: Database, db_url: str, anne: int) -> None:
    result = run_cli(db_url, "person", "export", str(anne))
    assert result.code == 0, result.err
    assert result.json()["person"]["name"] == NAME
    missing = run_cli(db_url, "person", "export", "99999")
    assert missing.code == 2 and "«id»" in missing.err
