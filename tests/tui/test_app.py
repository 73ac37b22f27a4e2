"""The shell: header, number keys, command palette, theme toggle, errors shown, first frame fast."""

from __future__ import annotations

import asyncio
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Static, TabbedContent

from nettverk.cli import main
from nettverk.persistence import schema
from nettverk.persistence.engine import make_engine
from nettverk.services import milestones, plain_overview, register
from nettverk.services import overview as overview_service
from nettverk.services.database import Database
from nettverk.tui.app import DARK, LIGHT, NettverkApp
from nettverk.tui.areas import all_areas
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import flat_text, screen_text, settle, type_text

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


async def test_the_first_frame_comes_before_the_database_opens(tui_db: Database) -> None:
    """`nettverk` starts the app with a connector: the screen is up while the database opens."""
    release = threading.Event()

    def connector() -> Database:
        release.wait(10)
        return tui_db

    app = NettverkApp(connector, today=TODAY, start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert "Kobler til databasen" in flat_text(app)
        await pilot.press("3")  # keys work meanwhile; the area shown opens once connected
        release.set()
        await settle(pilot)
        assert app.connected
        assert "SQLite" in screen_text(app)
        assert "Kobler til" not in screen_text(app)
        assert app.query_one("#areas", TabbedContent).active == "tab-program"
        assert app.area("program").loaded
        await pilot.press("2")
        await settle(pilot)
        assert "Bodø" in screen_text(app)


def _run_cli_as_tui(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                    *argv: str) -> tuple[int, str]:
    """`nettverk` without a command in a terminal, the app running headless."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    real_run = NettverkApp.run

    def headless(self: NettverkApp, **_kwargs: object) -> int | None:
        return real_run(self, headless=True, size=NARROW)

    monkeypatch.setattr(NettverkApp, "run", headless)
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("case", ["bad-url", "behind"])
async def test_the_tui_on_a_database_it_cannot_use_says_why_and_exits_2(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "ikke en url"
    if case == "behind":
        url = f"sqlite:///{tmp_path / 'old.db'}"
        engine = make_engine(url)
        try:
            schema.upgrade(engine, "0001")
        finally:
            engine.dispose()
    code, err = await asyncio.to_thread(_run_cli_as_tui, monkeypatch, capsys, "--db", url)
    assert code == 2
    assert err.startswith("nettverk: feil i «")
    assert ("ugyldig database-URL" if case == "bad-url" else "nettverk db upgrade") in err
    assert "Traceback" not in err


async def test_the_overview_says_how_many_items_it_leaves_out(
    tui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overview lists the most urgent items per kind; the totals say how many there are."""
    for day in range(1, 6):
        milestones.add_milestone(tui_db.uow(), f"Gammel frist {day}", date(2026, 1, day),
                                 "mindre-kommuner-2020", "1853", today=TODAY)
    monkeypatch.setattr(plain_overview, "ITEM_LIMIT", 2)
    view = overview_service.overview(tui_db.uow(), today=TODAY)
    assert view.overdue_total > 2
    for size in (NARROW, WIDE):
        app = NettverkApp(tui_db, today=TODAY)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            status = str(app.query_one("#area-oversikt #status", Static).render())
            assert f"viser 2 av {view.overdue_total} forfalte" in status
            if size == WIDE:  # at 80×24 the detail pane under the list shows the item first
                text = flat_text(app)
                assert f"Oversikten viser 2 av {view.overdue_total} forfalte" in text
                assert "tast 7 Milepæler" in text and "«Forfalt»" in text
            late = [r for r in app.area("oversikt").table.rows if "late" in r.tags
                    and r.key[0] == "milestone"]  # type: ignore[attr-defined]
            assert len(late) == 2
