"""What the screen shows: both dates of a two-day gathering, whole names where it counts, every
tab, decimal commas, Norwegian plurals and Norwegian words where Textual's were English."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from nettverk.services import gatherings, programmes
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.areas import all_areas
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import NARROW
from tests.tui.pilot import fill, flat_text, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
TODAY = date(2026, 11, 22)
MEDIUM = (120, 34)


def notes(app: NettverkApp) -> str:
    """Every notification shown so far (title and message)."""
    return " ".join(f"{n.title} {n.message}" for n in app._notifications)


def table(app: NettverkApp, area: str) -> VirtualTable:
    return app.query_one(f"#area-{area} #table", VirtualTable)


async def test_a_two_day_gathering_shows_both_dates(tui_db: Database) -> None:
    g = gatherings.add_gathering(
        tui_db.uow(), programme="mindre-kommuner-2020", title="Todagerssamling",
        starts_at=datetime(2027, 9, 14, 10, 0), ends_at=datetime(2027, 9, 15, 15, 0),
        mode="physical", location="Bodø")
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert table(app, "samlinger").move_to(g.id)
        await settle(pilot)
        assert "14.09.2027 10:00–15.09.2027 15:00" in flat_text(app)


async def test_programmes_that_differ_by_year_stay_apart_when_cut(tui_db: Database) -> None:
    programmes.add_programme(tui_db.uow(), slug="mindre-kommuner-2027", name="Runde to",
                           kind="learning_network", starts=date(2027, 1, 1))
    programmes.add_participant(tui_db.uow(), "mindre-kommuner-2027", "1816",
                             starts=date(2027, 1, 1))
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press(*"mindre")  # programmes without participants have rows too: filter
        await settle(pilot)
        lines = screen_text(app).splitlines()
        firsts = {line.split()[0] for line in lines if line.strip().startswith("mindre-")}
        assert len(firsts) == 2, firsts  # 2020 and 2027 look different
        assert all(f.endswith(("2020", "2027")) for f in firsts)
        await pilot.press("escape")  # the filter cleared, back in the list
        await settle(pilot)
        await pilot.press("7")  # Milepæler: a narrow column, cut with "…" and the year kept
        await settle(pilot)
        assert "…" in screen_text(app)
        assert "2020" in screen_text(app)


@pytest.mark.parametrize("size", [NARROW, MEDIUM], ids=["80x24", "120x34"])
async def test_every_tab_shows_whole_or_ends_in_an_ellipsis(tui_db: Database,
                                                           size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="eksport")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("0", "6", "1"):
            await pilot.press(key)
            await settle(pilot)
            bar = screen_text(app).splitlines()[1]
            words = bar.split()
            assert words[0] == "1" and words[-2] == "0", bar
            for spec in all_areas():
                at = words.index(spec.key)
                name = words[at + 1]
                assert name == spec.label or (name.endswith("…")
                                              and spec.label.startswith(name[:-1])), bar
        assert "1 Oversikt" in bar  # the active tab is never cut


async def test_agreement_columns_show_names_and_statuses_whole(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="avtaler")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Takket nei" in text and "Til vurdering" in text
        assert "Lødingen" in text and "Steigen" in text


async def test_a_long_form_label_keeps_a_space_before_its_value(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="program")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#input-physical_per_year").focus()  # scrolled into view
        await settle(pilot)
        line = next(x for x in screen_text(app).splitlines() if "Fysiske samlinger per år" in x)
        after = line.split("Fysiske samlinger per år", 1)[1]
        assert after.startswith(" "), line


async def test_averages_have_a_decimal_comma(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        text = flat_text(app)
        assert "2,83" in text
        assert "2.83" not in text and "2.17" not in text


async def test_the_status_line_counts_in_the_singular(tui_db: Database) -> None:
    from nettverk.services import calendar

    calendar.create_feed(tui_db.uow(), programme="mindre-kommuner-2020")
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="eksport")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f2")  # Kalenderstrømmer: one feed
        await settle(pilot)
        text = flat_text(app)
        assert "1 kalenderstrøm" in text and "1 kalenderstrømmer" not in text


async def test_the_command_palette_and_the_quit_hint_are_norwegian(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "Kommandoer" in screen_text(app)  # the footer's key, not "palette"
        assert "palette" not in screen_text(app)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert "Søk etter kommandoer" in screen_text(app)
        await type_text(pilot, "qqqzzz")
        await pilot.pause(1.5)
        text = screen_text(app)
        assert "Ingen treff" in text and "No matches" not in text
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+c")  # copies; says which key quits
        await pilot.pause(0.5)
        text = notes(app)
        assert "Vil du avslutte?" in text and "Do you want" not in text


async def test_export_dialog_names_the_file_in_norwegian_and_says_eksporter(
        tui_db: Database, tmp_path: Path) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="eksport")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert table(app, "eksport").move_to("evaluation")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        path = app.screen.values()["path"]
        assert Path(path).name.startswith("nettverk-evaluering-")
        text = screen_text(app)
        assert "Eksporter (Ctrl+S)" in text and "Lagre" not in text


async def test_ctrl_o_says_when_the_file_cannot_be_opened(
        tui_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="eksport")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")  # nothing exported yet
        await settle(pilot)
        assert "Ingen fil er eksportert ennå" in notes(app)

        assert table(app, "eksport").move_to("calendar")
        await pilot.press("enter")
        await settle(pilot)
        target = tmp_path / "kalender.ics"
        fill(app, path=str(target))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.exists()
        # a system without a viewer for the file: xdg-open says so with exit status 3
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        opener = bin_dir / "xdg-open"
        opener.write_text("#!/bin/sh\nexit 3\n")
        opener.chmod(opener.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
        await pilot.press("ctrl+o")
        await settle(pilot)
        text = notes(app)
        assert "Kunne ikke åpne filen" in text and "kalender.ics" in text
        assert "fant ikke et program som kan åpne denne filtypen" in text
