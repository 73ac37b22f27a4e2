"""`nettverk remind` against a real SMTP server on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from nettverk.domain.values import OSLO, today_in_norway
from nettverk.services import milestones, persons, reminders
from nettverk.services.database import Database
from nettverk.services.overview_views import OverduePlan, OverviewView, UpcomingGathering
from tests.mail.conftest import ANNE, BJORN, LEADER, PROG
from tests.mail.smtp_server import Received
from tests.support import run_cli, snapshot

DAY = today_in_norway()


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _persons(db: Database) -> dict[str, int]:
    return {p.name: p.id for p in persons.list_persons(db.uow())}


def _milestones(db: Database) -> dict[str, int]:
    people = _persons(db)
    ids = {}
    for title, days, who in [
        ("Planstrategi til politisk behandling", -3, "Ánne Máret Sárá"),
        ("Rapport til fylkesrådet – Evenášši", 5, "Ánne Máret Sárá"),
        ("Langt frem i tid", 60, "Ánne Máret Sárá"),
        ("Alt gjort", -1, "Ánne Máret Sárá"),
        ("Søknad om skjønnsmidler", 2, "Bjørn Øye"),
        ("Ingen adresse å sende til", 1, "Ola Uten E-post"),
    ]:
        ids[title] = milestones.add_milestone(db.uow(), title, DAY + timedelta(days=days),
                                              programme=PROG, responsible_id=people[who]).id
    milestones.mark_done(db.uow(), ids["Alt gjort"], on=DAY)
    return ids


def test_each_person_gets_a_digest_once_a_day_and_the_leader_the_overview(
        network: Database, smtp: Received) -> None:
    _milestones(network)
    result = run_cli(_url(network), "remind", "--date", DAY.isoformat(), "--format", "json")
    assert result.code == 0, result.err
    assert "Ola Uten E-post (1 milepæl) har ingen e-postadresse" in result.err
    sent = {r["email"]: r["detail"] for r in result.json() if r["status"] == "sent"}
    assert sent == {ANNE: "2 punkter", BJORN: "1 punkt", LEADER: "1 punkt"}
    anne = smtp.to(ANNE)[0].get_content()
    assert "Planstrategi til politisk behandling" in anne and "3 dager over fristen" in anne
    assert "Rapport til fylkesrådet – Evenášši" in anne
    assert "Langt frem i tid" not in anne and "Alt gjort" not in anne
    assert "Søknad om skjønnsmidler" not in anne
    leader = smtp.to(LEADER)[0]
    assert leader["Subject"] == f"Oversikt {DAY:%d.%m.%Y}: 1 over fristen, 3 snart, 0 samlinger"
    assert "Søknad om skjønnsmidler" in leader.get_content()

    # the same day again: nothing is sent twice
    again = run_cli(_url(network), "remind", "--date", DAY.isoformat(), "--format", "json")
    assert again.code == 0 and {r["status"] for r in again.json()} == {"skipped"}
    assert len(smtp.messages) == 3

    # a new item the same day: only that one goes to its person
    people = _persons(network)
    milestones.add_milestone(network.uow(), "Nytt i dag", DAY + timedelta(days=1),
                             programme=PROG, responsible_id=people["Ánne Máret Sárá"])
    third = run_cli(_url(network), "remind", "--date", DAY.isoformat(), "--format", "json")
    assert [r["email"] for r in third.json() if r["status"] == "sent"] == [ANNE]
    latest = smtp.to(ANNE)[-1].get_content()
    assert "Nytt i dag" in latest and "Planstrategi til politisk behandling" not in latest

    # the next day everything open is reminded again
    milestones.add_milestone(network.uow(), "Enda en uten adresse", DAY + timedelta(days=3),
                             programme=PROG, responsible_id=people["Ola Uten E-post"])
    nxt = run_cli(_url(network), "remind", "--date", (DAY + timedelta(days=1)).isoformat())
    assert nxt.code == 0
    assert "Ola Uten E-post (2 milepæler) har ingen e-postadresse" in nxt.err
    assert "Planstrategi til politisk behandling" in smtp.to(ANNE)[-1].get_content()


def _overdue_plan(name: str, days: int) -> OverduePlan:
    return OverduePlan(1, "1853", name, 2024, 2027, "draft", "utkast",
                       DAY - timedelta(days=days), days, [PROG])


def _gathering(title: str) -> UpcomingGathering:
    start = datetime.combine(DAY + timedelta(days=3), time(10), OSLO)
    return UpcomingGathering(1, "uid", PROG, title, start, start + timedelta(hours=2),
                             "video", "video", None, None, None, 3)


def _view(**lists: Any) -> OverviewView:
    """An overview on DAY with these lists filled and the rest empty."""
    empty = ("upcoming_gatherings", "overdue", "due_soon", "pending_applications",
             "overdue_plan_strategies", "programmes", "overdue_handlingsdel",
             "unconfirmed_gatherings")
    return OverviewView(today=DAY, horizon_days=14, overdue_total=0, due_soon_total=0,
                        unconfirmed_total=0, **{name: [] for name in empty} | lists)


def test_the_leaders_overview_counts_days_and_gatherings_in_the_right_form() -> None:
    one = _view(upcoming_gatherings=[_gathering("Samling")],
                overdue_plan_strategies=[_overdue_plan("Evenes", 1)])
    digest = reminders._leader_digest(LEADER, "Leder", one)
    assert digest is not None
    assert digest.subject == f"Oversikt {DAY:%d.%m.%Y}: 0 over fristen, 0 snart, 1 samling"
    assert "(frist " in digest.body and "1 dag over)" in digest.body
    many = _view(upcoming_gatherings=[_gathering("A"), _gathering("B")],
                 overdue_plan_strategies=[_overdue_plan("Evenes", 12)])
    digest = reminders._leader_digest(LEADER, "Leder", many)
    assert digest is not None
    assert digest.subject.endswith(", 2 samlinger") and "12 dager over)" in digest.body


def test_refused_reminder_is_tried_again_and_dry_run_writes_files(
        network: Database, smtp: Received, tmp_path: Path) -> None:
    _milestones(network)
    before = snapshot(network.engine)
    out = tmp_path / "påminnelser"
    dry = run_cli(_url(network), "remind", "--dry-run", str(out))
    assert dry.code == 0, dry.err
    files = sorted(out.glob("*.eml"))
    assert len(files) == 3 and smtp.messages == []
    assert "nettverk: 3 meldinger skrevet som .eml-filer; ingenting er sendt" in dry.err
    parsed = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files]
    assert any("Evenášši" in m.get_content() for m in parsed)  # type: ignore[attr-defined]
    assert snapshot(network.engine) == before

    smtp.refuse.add(BJORN)
    first = run_cli(_url(network), "remind", "--format", "json")
    assert first.code == 2 and "Traceback" not in first.err
    assert {r["email"]: r["status"] for r in first.json()}[BJORN] == "failed"
    smtp.refuse.clear()
    second = run_cli(_url(network), "remind", "--format", "json")
    assert [r["email"] for r in second.json() if r["status"] == "sent"] == [BJORN]


def test_a_day_with_nothing_to_remind_needs_no_server(network: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.mail.smtp_server import free_port

    for name, value in {"HOST": "127.0.0.1", "PORT": str(free_port()), "SECURITY": "none",
                        "FROM": LEADER}.items():
        monkeypatch.setenv(f"NETTVERK_SMTP_{name}", value)
    # The running network's yearly handlingsdel revision (PBL § 11-1) is not registered in this
    # fixture, which the overview rightly reports; this test is about a day with nothing at all.
    from nettverk.services import plain_overview

    monkeypatch.setattr(plain_overview, "_overdue_revisions", lambda _r, _today: [])
    result = run_cli(_url(network), "remind", "--format", "json")
    assert result.code == 0, result.err
    assert result.json() == []
    _milestones(network)  # now there is something, and the server is down: exit 2, retried later
    down = run_cli(_url(network), "remind", "--format", "json")
    assert down.code == 2 and "får ikke kontakt med e-posttjeneren" in down.err
    assert "Traceback" not in down.err
