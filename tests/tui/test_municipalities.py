"""Kommuner: open, filter, add, inline validation with nothing saved, edit, conflict, guards."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from nettverk.services import register
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio

SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]


def make_app(db: Database) -> NettverkApp:
    return NettverkApp(db, today=TODAY, title="demo", start="kommuner")


@pytest.mark.parametrize("size", SIZES)
async def test_opens_with_the_municipalities_and_the_database_in_the_header(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, start="kommuner")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "SQLite" in text
        assert "1804" in text and "Bodø" in text
        table = app.query_one("#area-kommuner #table", VirtualTable)
        assert table.total == len(register.list_municipalities(tui_db.uow()))


@pytest.mark.parametrize("size", SIZES)
async def test_typing_in_the_list_filters_as_you_type(tui_db: Database, size: tuple[int, int]) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.query_one("#area-kommuner #table", VirtualTable)
        await type_text(pilot, "even")
        await settle(pilot)
        assert [row.key for row in table.rows] == ["1853"]
        assert "Evenes – Evenášši" in screen_text(app)
        await pilot.press("escape")  # clears the filter, back to the list
        await settle(pilot)
        assert len(table.rows) == table.total
        assert app.focused is table


async def test_quick_filter_and_sorting(tui_db: Database) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        table = app.query_one("#area-kommuner #table", VirtualTable)
        quick = app.query_one("#area-kommuner #quick", Select)
        quick.value = next(v for label, v in quick._options if str(label) == "Samisk forvaltningsområde")
        await settle(pilot)
        assert 0 < len(table.rows) < table.total
        assert all("sami" in row.tags for row in table.rows)
        table.sort_by(3, reverse=True)  # population, largest first
        populations = [row.data.population or 0 for row in table.rows]
        assert populations == sorted(populations, reverse=True)


@pytest.mark.parametrize("size", SIZES)
async def test_add_a_municipality(tui_db: Database, size: tuple[int, int]) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, number="1899", name="Prøvekommune", sami_name="Gielda", county="18",
             population="1234")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        saved = register.get_municipality(tui_db.uow(), "1899")
        assert (saved.name, saved.sami_name, saved.population) == ("Prøvekommune", "Gielda", 1234)
        table = app.query_one("#area-kommuner #table", VirtualTable)
        assert table.current is not None and table.current.key == "1899"


@pytest.mark.parametrize("size", SIZES)
async def test_a_bad_value_is_shown_next_to_its_field_and_nothing_is_saved(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        before = snapshot(tui_db.engine)
        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, number="1898", name="Feilkommune", county="18", population="-5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        field = app.screen.query_one("#field-population")
        assert field.has_class("invalid")
        assert "population" not in screen_text(app)  # the message, not the code name
        assert app.screen.query_one("#error-population").render().plain  # type: ignore[attr-defined]
        assert snapshot(tui_db.engine) == before


async def test_a_bad_date_is_explained_in_norwegian(tui_db: Database) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        fill(app, ended_on="31.02.2024")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "31.02.2024 er ikke en gyldig dato" in screen_text(app)
        assert register.get_municipality(tui_db.uow(), "1804").ended_on is None


@pytest.mark.parametrize("size", SIZES)
async def test_edit_a_municipality_and_the_database_holds_it(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_text(pilot, "evenes")
        await pilot.press("enter", "enter")  # to the list, then open the highlighted row
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, population="1400", ended_on="01.01.2030")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = register.get_municipality(tui_db.uow(), "1853")
        assert saved.population == 1400
        assert str(saved.ended_on) == "2030-01-01"
        assert "1\u202f400" in screen_text(app)


async def test_a_conflict_shows_theirs_and_yours_and_keeps_your_input(tui_db: Database) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # 1804 Bodø
        await settle(pilot)
        # Someone else changes the population and the Sámi name while the form is open.
        register.update_municipality(tui_db.uow(), "1804", population=99999, sami_name="Bådåddjo")
        fill(app, population="50000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        text = screen_text(app)
        assert "endret posten" in text
        assert "deres «99999», din «50000»" in text.replace("\u202f", "")
        assert "Bådåddjo" in text
        assert register.get_municipality(tui_db.uow(), "1804").population == 99999
        await pilot.press("ctrl+r")
        await settle(pilot)
        # Your population stays; their Sámi name comes in; nothing you typed is lost.
        assert app.screen.query_one("#input-population", Input).value == "50000"
        assert app.screen.query_one("#input-sami_name", Input).value == "Bådåddjo"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = register.get_municipality(tui_db.uow(), "1804")
        assert (saved.population, saved.sami_name) == (50000, "Bådåddjo")


async def test_unsaved_changes_are_guarded(tui_db: Database) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        fill(app, name="Bodø by")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape", "j")
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, ConfirmScreen))
        assert register.get_municipality(tui_db.uow(), "1804").name == "Bodø"


async def test_the_detail_shows_everything_related(tui_db: Database) -> None:
    app = make_app(tui_db)
    async with app.run_test(size=(200, 70)) as pilot:
        await settle(pilot)
        await type_text(pilot, "evenes")
        await settle(pilot)
        text = screen_text(app)
        for heading in ("Deltakelser", "Søknader", "Plandokumenter", "Milepæler", "Oppfølging",
                        "Avtaler", "Kapasitetsvurderinger"):
            assert heading in text
        assert "mindre-kommuner-2020" in text and "planstrategi" in text
