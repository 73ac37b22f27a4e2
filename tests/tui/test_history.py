"""Ctrl+Y in any list: the highlighted record's history from the audit log (who, when, what)."""

from __future__ import annotations

import pytest

from nettverk.services import register
from nettverk.services.database import Database, connect
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.history import HistoryScreen
from nettverk.tui.widgets.list_area import ListArea
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import flat_text, settle, type_text

pytestmark = pytest.mark.asyncio


def _current_area(app: NettverkApp) -> ListArea:
    areas = [a for a in app.query(ListArea) if a.display and a.table.current is not None]
    return areas[0]


async def test_a_municipalitys_history_shows_who_changed_what(tui_db: Database) -> None:
    url = tui_db.engine.url.render_as_string(hide_password=False)
    ola = connect(url, "ola")
    try:
        register.update_municipality(ola.uow(), "1853", population=1234)
    finally:
        ola.close()
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await type_text(pilot, "evenes")
        await pilot.press("down")
        await settle(pilot)
        assert _current_area(app).table.current.key == "1853"  # type: ignore[union-attr]
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = flat_text(app)
        assert "Historikk: 1853 · Evenes" in text
        assert "ola" in text and "endret" in text and "population" in text and "1234" in text
        assert "opprettet" in text  # the insert from the demo data, further down
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HistoryScreen)


async def test_a_row_without_a_record_of_its_own_says_so(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="program")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "ingen egen post i revisjonsloggen" in flat_text(app).lower() or \
            "ingen historikk" in flat_text(app).lower()
