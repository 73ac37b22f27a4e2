"""Brukere: list, filter, add, inline refusal, edit, take away access (with a question)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from nettverk.services import users
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.list_screen import ListScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, flat_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]


async def open_users(app: NettverkApp, pilot: Pilot[int]) -> VirtualTable:
    """Through the command palette, as a user would."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_text(pilot, "brukere og roller")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ListScreen)
    return app.screen.query_one("#table", VirtualTable)


@pytest.mark.parametrize("size", SIZES)
async def test_users_add_refuse_edit_and_take_away_access(tui_db: Database,
                                                          size: tuple[int, int]) -> None:
    users.add_user(tui_db.uow(), "testbruker", "leader", "Kari Fjellheim")
    users.add_user(tui_db.uow(), "ola", "partner", "Ola Nordmann")
    app = NettverkApp(tui_db, today=TODAY, title="demo")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_users(app, pilot)
        assert [r.key for r in table.rows] == ["ola", "testbruker"]
        await type_text(pilot, "nordmann")
        await settle(pilot)
        assert [r.key for r in table.rows] == ["ola"]
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, username="ingrid berg", role="reader")  # a space is not allowed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-username").has_class("invalid")
        assert "brukernavn kan bare ha" in flat_text(app)
        assert snapshot(tui_db.engine) == before
        fill(app, username="ingrid", name="Ingrid Berg")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert {u.username: u.role for u in users.list_users(tui_db.uow())}["ingrid"] == "reader"
        assert table.current is not None and table.current.key == "ingrid"

        assert table.move_to("testbruker")
        await pilot.press("enter")
        await settle(pilot)
        fill(app, role="partner")  # the last leader: refused next to the field
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-role").has_class("invalid")
        await pilot.press("escape", "j")  # discard the unsaved change
        await settle(pilot)

        assert table.move_to("ola")
        await pilot.press("enter")
        await settle(pilot)
        fill(app, role="reader", name="Ola N.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        ola = next(u for u in users.list_users(tui_db.uow()) if u.username == "ola")
        assert (ola.role, ola.name, ola.active) == ("reader", "Ola N.", True)

        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Ta bort tilgangen for «ola»?" in flat_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert next(u for u in users.list_users(tui_db.uow()) if u.username == "ola").active
        await pilot.press("delete", "j")
        await settle(pilot)
        assert not next(u for u in users.list_users(tui_db.uow()) if u.username == "ola").active
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)
