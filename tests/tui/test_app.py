"""The shell: header, number keys, command palette, theme toggle, errors shown, first frame fast."""

from __future__ import annotations

import threading

import pytest
from textual.command import CommandPalette
from textual.widgets import TabbedContent

from nettverk.services import register
from nettverk.services.database import Database
from nettverk.tui.app import DARK, LIGHT, NettverkApp
from nettverk.tui.areas import all_areas
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import screen_text, settle, type_text

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_number_keys_jump_between_every_area(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert "SQLite" in screen_text(app)
        tabs = app.query_one("#areas", TabbedContent)
        for spec in [*all_areas(), *reversed(all_areas())]:  # there and back again
            await pilot.press(spec.key)
            await settle(pilot)
            assert tabs.active == f"tab-{spec.id}"
            assert app.area(spec.id).loaded
            assert spec.label in screen_text(app)


async def test_the_palette_offers_every_area_and_action(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, start="kommuner")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for expected in ("Gå til Samlinger", "Ny kommune", "Ny samling", "Ny søknad",
                         "Registrer plan-stadium", "Ny milepæl", "Ny avtale",
                         "Ny kapasitetsvurdering", "Eksporter: Regneark (XLSX)",
                         "Bytt mellom lyst og mørkt tema"):
            assert expected in titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "gå til milep")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one("#areas", TabbedContent).active == "tab-milepaeler"


async def test_theme_toggles_between_light_and_dark(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        assert app.theme == DARK
        await pilot.press("ctrl+t")
        assert app.theme == LIGHT
        await pilot.press("ctrl+t")
        assert app.theme == DARK


async def test_a_failing_service_is_shown_not_crashed(
    tui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("databasen svarer ikke")

    monkeypatch.setattr(register, "list_municipalities", broken)
    app = NettverkApp(tui_db, today=TODAY, start="kommuner")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any("databasen svarer ikke" in n.message for n in app._notifications)
        await pilot.press("1")
        tabs = app.query_one("#areas", TabbedContent)
        for _ in range(30):  # the shared test machine can be slow
            await settle(pilot)
            if tabs.active == "tab-oversikt":
                break
        assert tabs.active == "tab-oversikt"


async def test_first_frame_does_not_wait_for_the_data(
    tui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = register.list_municipalities

    def slow(*args: object, **kwargs: object) -> object:
        release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(register, "list_municipalities", slow)
    app = NettverkApp(tui_db, today=TODAY, start="kommuner")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "Laster" in screen_text(app)  # drawn while the query is still running
        release.set()
        await settle(pilot)
        assert "Bodø" in screen_text(app)
    # How fast the first frame comes is measured by bench/ (time to first screen), not here.
