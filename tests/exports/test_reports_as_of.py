"""Reports for a date D are computed from what was recorded as true on D: changing later data
(cancelling a future gathering, adopting a plan, deciding an application, confirming a gathering
and its attendance, ending an agreement, completing a milestone) leaves their text unchanged.

On the demonstration data, both databases; the PDFs are read with pdftotext.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nettverk.services import (
    agreements,
    applications,
    attendance,
    gatherings,
    milestones,
    overview,
    plans,
    programmes,
    register,
    reports,
)
from nettverk.services.database import Database
from tests.support import run_cli

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) mangler")

OSLO = ZoneInfo("Europe/Oslo")
PROG = "mindre-kommuner-2020"
AT = date(2023, 12, 1)  # the status report's date
YEAR = 2022  # the evaluation report's year (data per 31.12.2022)
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # the time printed as "Laget" is pinned


def _today() -> date:
    """The day the changes below are recorded on: today in Norway, whatever the clock says."""
    return datetime.now(OSLO).date()


def _text(data: bytes, tmp_path: Path, name: str) -> str:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _prepare(db: Database) -> dict[str, int]:
    """Data recorded before the reports are made: a gathering in 2022 nobody confirmed, an
    application waiting for a decision, a plan under consultation."""
    extra = gatherings.add_gathering(
        db.uow(), PROG, "Ekstra samling om stedsutvikling", datetime(2022, 10, 5, 10, 0),
        datetime(2022, 10, 5, 14, 0), "video", video_url="https://video.example.no/ekstra")
    participants = {p.municipality for p in programmes.list_participants(db.uow(), PROG)}
    applied = {a.municipality for a in applications.list_applications(db.uow(), PROG)}
    candidate = next(m.number for m in register.list_municipalities(db.uow(), county="18")
                     if m.number not in participants | applied)
    application = applications.add_application(db.uow(), PROG, candidate,
                                               received=date(2022, 3, 1))
    first = sorted(participants)[0]
    plan = plans.add_plan_document(db.uow(), first, "community_plan", 2022, 2034,
                                   stage="consultation", on=date(2022, 9, 1))
    signed = next(a for a in agreements.list_agreements(db.uow(), status="signed")
                  if a.signed_on is not None and a.signed_on <= AT)
    late = milestones.add_milestone(db.uow(), "Kunnskapsgrunnlag ferdig", date(2023, 6, 1),
                                    programme=PROG, municipality=first)
    coming = next(g for g in gatherings.list_gatherings(db.uow(), programme=PROG)
                  if g.start.year == 2027)
    return {"extra": extra.id, "application": application.id, "plan": plan.id,
            "agreement": signed.id, "milestone": late.id, "coming": coming.id,
            "participant": int(first)}


def _change_later(db: Database, ids: dict[str, int]) -> None:
    """Everything recorded today, long after the reports' dates."""
    gatherings.cancel_gathering(db.uow(), ids["coming"])
    plans.set_stage(db.uow(), ids["plan"], "adopted", on=date(2023, 12, 19))
    applications.decide(db.uow(), ids["application"], accept=False, reason="Ikke plass")
    attendance.set_attendance(db.uow(), ids["extra"], f"{ids['participant']:04d}",
                              attended=True, persons=2, travel_cost=Decimal("1200"))
    gatherings.mark_held(db.uow(), ids["extra"])
    agreements.set_status(db.uow(), ids["agreement"], "ended")
    milestones.mark_done(db.uow(), ids["milestone"])


def _made(db: Database, tmp_path: Path, name: str) -> dict[str, str]:
    return {
        "status": _text(reports.export_status(db.uow(), PROG, at=AT, now=NOW), tmp_path,
                        f"status-{name}"),
        "evaluation": _text(reports.export_evaluation(db.uow(), PROG, YEAR, now=NOW), tmp_path,
                            f"evaluation-{name}"),
        "cli": run_cli(db.url, "status", "--date", AT.isoformat()).out,
    }


def test_reports_for_a_past_date_do_not_change_with_later_data(demo_db: Database,
                                                               tmp_path: Path) -> None:
    ids = _prepare(demo_db)
    before = _made(demo_db, tmp_path, "before")

    status = _flat(before["status"])
    # The 2022 gathering nobody confirmed is shown as such, and not counted as held.
    assert "Samlinger som ikke er bekreftet holdt" in status
    assert "1 ikke bekreftet holdt" in status
    unconfirmed_part = status.split("Samlinger som ikke er bekreftet holdt")[1].split(
        "Kommende samlinger")[0]
    assert "Ekstra samling om stedsutvikling" in unconfirmed_part
    held_part = status.split("Samlinger holdt")[1].split("Samlinger som ikke")[0]
    assert "Ekstra samling" not in held_part
    # The 2027 gathering is still coming on that date, the application still open.
    coming_part = status.split("Kommende samlinger")[1].split("Forfalte milepæler")[0]
    assert "Planlegging av oppfølgingsnettverk 2027" in coming_part
    assert "mottatt" in status.split("Åpne søknader")[1]

    evaluation = _flat(before["evaluation"])
    assert "Ikke bekreftet holdt 1" in evaluation
    assert "1 samling var ikke bekreftet holdt per 31.12.2022" in evaluation
    assert "Data per 31.12.2022" in evaluation
    assert "samfunnsdel 2022–2034 høring" in evaluation, evaluation

    assert "Samlinger som ikke er bekreftet holdt (1)" in before["cli"]

    _change_later(demo_db, ids)
    after = _made(demo_db, tmp_path, "after")

    assert after["status"] == before["status"]
    assert after["evaluation"] == before["evaluation"]
    assert after["cli"] == before["cli"]

    # Today the changes are seen: the gathering is held, the plan adopted. (Today is the real
    # day the changes were recorded on; a pinned date would be before them once the clock passes
    # it, or just after midnight in Norway.)
    now = _flat(_text(reports.export_status(demo_db.uow(), PROG, at=_today(), now=NOW),
                      tmp_path, "today"))
    held_now = now.split("Samlinger holdt")[1].split("Kommende samlinger")[0]
    assert "Ekstra samling om stedsutvikling" in held_now.split("Samlinger som ikke")[0]
    if "Samlinger som ikke er bekreftet holdt" in now:
        assert "Ekstra samling" not in now.split("Samlinger som ikke er bekreftet holdt")[1]
    assert "Planlegging av oppfølgingsnettverk 2027" not in now.split("Kommende samlinger")[1]
    evaluation_2023 = _flat(_text(reports.export_evaluation(demo_db.uow(), PROG, 2023, now=NOW),
                                  tmp_path, "evaluation-2023"))
    assert "2022–2034 vedtatt" in evaluation_2023


def test_overview_asks_to_confirm_a_past_gathering(demo_db: Database) -> None:
    extra = gatherings.add_gathering(
        demo_db.uow(), PROG, "Ekstra samling om stedsutvikling", datetime(2022, 10, 5, 10, 0),
        datetime(2022, 10, 5, 14, 0), "video", video_url="https://video.example.no/ekstra")
    today = _today()
    # The demo's own gatherings are past and unconfirmed too once the clock passes them.
    view = overview.overview(demo_db.uow(), today=today)
    listed = [g for g in view.unconfirmed_gatherings if g.id == extra.id]
    assert listed and listed[0].prompt == "Bekreft at samlingen ble holdt"
    counts = next(p for p in view.programmes if p.slug == PROG)
    unconfirmed = view.unconfirmed_total
    assert counts.gatherings_unconfirmed == unconfirmed >= 1
    cli = run_cli(demo_db.url, "status", "--date", today.isoformat())
    assert f"Samlinger som ikke er bekreftet holdt ({unconfirmed})" in cli.out
    assert f"gathering held {extra.id}" in cli.out

    # Confirmed today: gone from today's overview, but still unconfirmed on yesterday's.
    result = run_cli(demo_db.url, "gathering", "held", str(extra.id), "--format", "json")
    assert result.code == 0, result.err
    after = overview.overview(demo_db.uow(), today=today)
    assert after.unconfirmed_total == unconfirmed - 1
    assert extra.id not in {g.id for g in after.unconfirmed_gatherings}
    assert overview.overview(demo_db.uow(), today=date(2023, 1, 1)).unconfirmed_total == 1

    # A confirmation cannot be dated before the gathering began, nor after today.
    other = gatherings.add_gathering(
        demo_db.uow(), PROG, "Enda en", datetime(2022, 11, 2, 10, 0),
        datetime(2022, 11, 2, 12, 0), "video", video_url="https://video.example.no/x")
    early = run_cli(demo_db.url, "gathering", "held", str(other.id), "--date", "2022-11-01")
    assert early.code == 2 and "før den begynte" in early.err
    late = run_cli(demo_db.url, "gathering", "cancel", str(other.id), "--date", "2199-01-01")
    assert late.code == 2 and "etter i dag" in late.err
    assert gatherings.get_gathering(demo_db.uow(), other.id).status == "planned"
