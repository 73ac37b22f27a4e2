"""GDPR erasure reaches every free-text column, in any letter case, for every name, e-mail and
phone the person has had; the calendar feed stops carrying them; the storage is rewritten; and
the backups made before the erasure are named."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from nettverk import paths
from nettverk.domain.agreements import PartnershipAgreement
from nettverk.domain.network import Application, FollowUp, FollowUpKind, Gathering, Milestone
from nettverk.domain.register import Municipality
from nettverk.services import database, persons, privacy
from nettverk.services.database import Database
from tests.support import run_cli

NAME = "Ánne Márjá Sara"
FORMER = "Ánne Márjá Guttorm"
EMAIL = "anne.marja.sara@example.no"
PHONE = "+47 900 00 011"
TRACES = [NAME, FORMER, EMAIL, "90000011", "900 00 011", "ÁNNE MÁRJÁ", "Márjá Sara"]


@pytest.fixture
def anne(demo_db: Database, db_url: str, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(paths, "backup_dir", lambda: tmp_path / "sikkerhetskopier")
    person = next(p for p in persons.list_persons(demo_db.uow()) if p.name == NAME)
    # A former name, known only from the audit log.
    persons.update_person(demo_db.uow(), person.id, name=FORMER)
    persons.update_person(demo_db.uow(), person.id, name=NAME)
    with demo_db.uow() as uow:
        s = uow.session
        gathering = s.scalars(select(Gathering).where(Gathering.status == "planned")
                              .order_by(Gathering.id)).first()
        assert gathering is not None
        gathering.agenda = f"09.00 Velkommen ved {NAME.upper()} ({PHONE})"
        milestone = s.scalars(select(Milestone).order_by(Milestone.id)).first()
        assert milestone is not None
        milestone.title = f"Send planen til {FORMER}"
        application = s.scalars(select(Application).order_by(Application.id)).first()
        assert application is not None
        application.personnel = f"Prosjektleder: {NAME.lower()}, tlf 90000011"
        agreement = s.scalars(select(PartnershipAgreement).order_by(PartnershipAgreement.id)
                              ).first()
        assert agreement is not None
        agreement.notes = f"Kontakt: {EMAIL.upper()}"
        evenes = s.scalar(select(Municipality).where(Municipality.number == "1853"))
        assert evenes is not None
        s.add(FollowUp(municipality=evenes, on=date(2022, 5, 3), kind=FollowUpKind.call,
                       participants="Kari Fjellheim", summary=f"Samtale med {NAME.swapcase()}."))
        uow.commit()
    feed = run_cli(db_url, "feed", "create", "--programme", "mindre-kommuner-2020",
                   "--label", f"til {NAME}")
    assert feed.code == 0, feed.err
    return person.id


def _left(db: Database) -> list[str]:
    """The traces of the person still in any text of any table (letter case ignored)."""
    meta = MetaData()
    meta.reflect(db.engine)
    texts: list[str] = []
    with db.engine.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)):
                texts += [str(v) for v in row if v is not None]
    blob = "\n".join(texts).casefold()
    return [t for t in TRACES if t.casefold() in blob]


def test_export_lists_every_mention_in_any_table_and_case(demo_db: Database, anne: int) -> None:
    data = privacy.export_person(demo_db.uow(), anne)
    where = {(m["table"], m["field"]) for m in data["mentions"]}
    assert {("gathering", "agenda"), ("milestone", "title"), ("application", "personnel"),
            ("partnership_agreement", "notes"), ("calendar_feed", "label"),
            ("follow_up", "summary")} <= where


def test_erasure_leaves_no_trace_in_any_column_or_the_calendar(
        demo_db: Database, db_url: str, anne: int, tmp_path: Path) -> None:
    assert _left(demo_db), "the fixture should have spread the person around"
    ics_before = tmp_path / "før.ics"
    assert run_cli(db_url, "export", "ics", "--programme", "mindre-kommuner-2020",
                   "-o", str(ics_before)).code == 0
    assert "ÁNNE MÁRJÁ" in ics_before.read_text(encoding="utf-8").replace("\r\n ", "")

    view = privacy.erase_person(demo_db.uow(), anne, today=date(2026, 11, 22))

    assert _left(demo_db) == []
    assert view.mentions_replaced >= 6
    assert {"gathering", "milestone", "application", "partnership_agreement", "calendar_feed",
            "follow_up"} <= set(view.tables_cleaned)
    ics_after = tmp_path / "etter.ics"
    assert run_cli(db_url, "export", "ics", "--programme", "mindre-kommuner-2020",
                   "-o", str(ics_after)).code == 0
    unfolded = ics_after.read_text(encoding="utf-8").replace("\r\n ", "").casefold()
    assert not [t for t in TRACES if t.casefold() in unfolded]
    assert "[slettet person]" in unfolded


def test_sqlite_file_holds_no_old_copy_and_older_backups_are_named(
        demo_db: Database, db_url: str, anne: int, tmp_path: Path) -> None:
    if not db_url.startswith("sqlite"):
        # PostgreSQL: the touched tables are vacuumed; the dump in the backup dir is named.
        backup = paths.backup_dir() / f"{demo_db.engine.url.database}-20261101.dump"
        backup.parent.mkdir(parents=True)
        backup.write_bytes(b"dump")
        os.utime(backup, (1_700_000_000, 1_700_000_000))
        view = privacy.erase_person(demo_db.uow(), anne)
        assert view.backups_still_holding == [str(backup)]
        return
    db_file = Path(demo_db.engine.url.database or "")
    before = database.make_backup(demo_db, db_file.with_name(f"{db_file.stem}.backup-1.sqlite"))
    os.utime(before, (1_700_000_000, 1_700_000_000))
    result = run_cli(db_url, "person", "erase", str(anne), "--yes")
    assert result.code == 0, result.err
    assert str(before) in result.err
    assert "nettverk: merk: 1 sikkerhetskopi laget før slettingen inneholder fortsatt personen; " \
        "slett den eller la den utløpe" in result.err
    raw = b"".join(p.read_bytes() for p in db_file.parent.glob(db_file.name + "*"))
    assert NAME.encode() not in raw and EMAIL.encode() not in raw
    assert NAME.encode() in before.read_bytes(), "the backup is listed, not changed"
