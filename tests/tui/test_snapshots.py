"""Snapshots of the main screens (fixed size, fixed today, register demo data + two milestones).

Update after an intended change of the look: `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from nettverk.services import milestones
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from tests.tui.conftest import TODAY
from tests.tui.pilot import settle

SLUG = "mindre-kommuner-2020"


def app_for(db: Database, start: str) -> NettverkApp:
    milestones.add_milestone(db.uow(), "Vedta planstrategi", date(2026, 2, 1), SLUG, "1853",
                             today=TODAY)
    milestones.add_milestone(db.uow(), "Innspill til samfunnsdelen", date(2026, 3, 10), SLUG,
                             "1839", today=TODAY)
    return NettverkApp(db, today=TODAY, title="demo", start=start)


async def _settle(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_dashboard(register_db: Database, snap_compare: Any) -> None:
    assert snap_compare(app_for(register_db, "oversikt"), terminal_size=(120, 32),
                        run_before=_settle)


def test_municipalities_narrow(register_db: Database, snap_compare: Any) -> None:
    assert snap_compare(app_for(register_db, "kommuner"), terminal_size=(80, 24),
                        run_before=_settle)


def test_municipality_form(register_db: Database, snap_compare: Any) -> None:
    async def open_form(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("e", "v", "e", "n", "e", "s", "enter", "enter")
        await settle(pilot)
        # The text cursor blinks on a timer: hide it, or the picture depends on the moment.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await settle(pilot)

    assert snap_compare(app_for(register_db, "kommuner"), terminal_size=(120, 40),
                        run_before=open_form)


def test_programmes(register_db: Database, snap_compare: Any) -> None:
    assert snap_compare(app_for(register_db, "program"), terminal_size=(160, 40),
                        run_before=_settle)


def test_milestones(register_db: Database, snap_compare: Any) -> None:
    assert snap_compare(app_for(register_db, "milepaeler"), terminal_size=(120, 30),
                        run_before=_settle)
