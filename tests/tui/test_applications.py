"""Søknader: open, filter, add, inline refusal, workflow with override justification."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import applications, programmes
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, WIDE
from tests.tui.pilot import fill, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
SLUG = "mindre-kommuner-2020"
IN_2020 = date(2020, 1, 10)


def table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-soknader #table", VirtualTable)


@pytest.mark.parametrize("size", SIZES)
async def test_open_and_filter_shows_eligibility_notes(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=IN_2020, title="demo", start="soknader")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert table(app).total == len(applications.list_applications(tui_db.uow()))
        await type_text(pilot, "steigen")
        await settle(pilot)
        assert [r.data.name for r in table(app).rows] == ["Steigen"]
        notes = table(app).rows[0].data.eligibility_notes
        assert notes and "⚠" in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_add_then_accept_needs_an_override_justification(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=IN_2020, title="demo", start="soknader")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        fill(app, programme=SLUG, municipality="1804", received="01.02.2020")  # in the future
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-received").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, received="05.01.2020")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = next(a for a in applications.list_applications(tui_db.uow())
                     if a.municipality == "1804")
        assert not added.eligible
        assert table(app).current is not None and table(app).current.key == added.id

        await pilot.press("enter")
        await settle(pilot)
        fill(app, action="accept")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-override").has_class("invalid")
        assert applications.get_application(tui_db.uow(), added.id).status == "received"
        fill(app, override="Vertskommune for samlingene", reason="Styringsgruppens vedtak")
        await pilot.press("ctrl+s")
        await settle(pilot)
        decided = applications.get_application(tui_db.uow(), added.id)
        assert decided.status == "accepted"
        assert decided.override_justification == "Vertskommune for samlingene"
        assert "1804" in {p.municipality for p in programmes.list_participants(tui_db.uow(), SLUG)}
