"""The one form mechanism at 80x24: keys typed at once, focus, quit guard, all errors, pickers."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from nettverk.services import register
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.picker import Picker, PickList
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import fill, flat_text, settle, type_text

pytestmark = pytest.mark.asyncio


def make_app(db: Database, start: str) -> NettverkApp:
    return NettverkApp(db, today=TODAY, title="demo", start=start)


def post_keys(app: NettverkApp, *keys: str) -> None:
    """Keys as a terminal delivers them: all queued at once, nobody waiting for the screen."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_typed_right_after_opening_a_form_all_land_in_it(tui_db: Database) -> None:
    app = make_app(tui_db, "kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        post_keys(app, "ctrl+n", "1", "8", "9", "9")  # a burst, before the form is drawn
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Prøve")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#input-number", Input).value == "1899"
        assert app.screen.query_one("#input-name", Input).value == "Prøve"
        assert app.query_one("#area-kommuner #filter", Input).value == ""  # nothing went to the list


async def test_keys_typed_right_after_enter_go_to_the_edit_form_not_to_the_filter(
    tui_db: Database,
) -> None:
    app = make_app(tui_db, "kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        post_keys(app, "enter", "Ø", "y")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#input-name", Input).value.endswith("Øy")
        assert app.query_one("#area-kommuner #filter", Input).value == ""


async def test_the_first_editable_field_has_the_focus_in_new_and_edit_forms(tui_db: Database) -> None:
    app = make_app(tui_db, "kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#input-number")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # edit: the number is fixed, so the name comes first
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.focused is app.screen.query_one("#input-name")


async def test_escape_closes_an_untouched_form_at_once_and_asks_when_something_was_typed(
    tui_db: Database,
) -> None:
    app = make_app(tui_db, "samlinger")  # its form has choices that start with a value
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, ConfirmScreen))
        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, title="Halvårssamling")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
async def test_quitting_from_a_form_with_typed_input_asks_first(tui_db: Database, key: str) -> None:
    app = make_app(tui_db, "kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, "1899")
        await pilot.press(key)
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # Nei: back to the form, the input is still there
        await settle(pilot)
        assert app.screen.query_one("#input-number", Input).value == "1899"
        await pilot.press(key)
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert not app.is_running


async def test_every_error_is_shown_at_once_next_to_its_field_and_nothing_is_saved(
    tui_db: Database,
) -> None:
    app = make_app(tui_db, "kommuner")
    before = len(register.list_municipalities(tui_db.uow()))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, number="1899", population="mange", population_year="i fjor", ended_on="32.13.2020")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        invalid = {w.id for w in form.query(".field.invalid")}
        assert invalid == {"field-name", "field-population",
                           "field-population_year", "field-ended_on"}
        assert app.focused is form.query_one("#input-name")  # the first wrong field
    assert len(register.list_municipalities(tui_db.uow())) == before


async def test_the_programme_form_scrolls_with_its_buttons_on_screen_at_80x24(tui_db: Database) -> None:
    app = make_app(tui_db, "program")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert "Lagre (Ctrl+S)" in flat_text(app)
        form = app.screen
        last = form.query_one("#input-description")
        last.focus()
        await settle(pilot)
        assert last.region.bottom <= form.query_one("#save").region.y  # above the buttons
        assert form.query_one("#save").region.bottom <= NARROW[1]


async def test_the_new_gathering_form_fits_80x24_with_its_buttons(tui_db: Database) -> None:
    app = make_app(tui_db, "samlinger")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        text = flat_text(app)
        assert "Lagre (Ctrl+S)" in text and "Avbryt (Esc)" in text


async def test_a_municipality_is_picked_by_typing_part_of_its_name_without_accents(
    tui_db: Database,
) -> None:
    app = make_app(tui_db, "program")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")  # a new participant
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#input-municipality", Picker).focus()
        await type_text(pilot, "habmer")
        await settle(pilot)
        pick = form.query_one("#pick-municipality", PickList)
        assert pick.display
        assert "1875 Hamarøy – Hábmer" in flat_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert form.query_one("#input-municipality", Picker).value == "1875 Hamarøy – Hábmer"
        assert form.values()["municipality"] == "1875"


async def test_a_text_matching_no_municipality_is_an_error_on_its_field(tui_db: Database) -> None:
    app = make_app(tui_db, "program")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, municipality="Atlantis")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "ingen treff på «Atlantis»" in flat_text(app)


async def test_the_list_filter_ignores_case_and_accents(tui_db: Database) -> None:
    app = make_app(tui_db, "kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        table = app.query_one("#area-kommuner #table", VirtualTable)
        await type_text(pilot, "bodo")
        await settle(pilot)
        assert [row.key for row in table.rows] == ["1804"]
        await pilot.press("escape")
        await type_text(pilot, "HABMER")
        await settle(pilot)
        assert [row.key for row in table.rows] == ["1875"]



async def test_a_match_is_taken_with_the_mouse_too(tui_db: Database) -> None:
    app = make_app(tui_db, "program")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        form.query_one("#input-municipality", Picker).focus()
        await type_text(pilot, "bodo")
        await settle(pilot)
        await pilot.click("#pick-municipality", offset=(2, 0))
        await settle(pilot)
        assert form.query_one("#input-municipality", Picker).value == "1804 Bodø"
        assert not form.query_one("#pick-municipality", PickList).display


async def test_a_wrong_municipality_number_is_flagged_with_the_other_errors(
    tui_db: Database,
) -> None:
    """The domain's rule for a field (four digits) is checked with the rest, not after them."""
    app = make_app(tui_db, "kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, number="Testkommune", org_number="12345")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert {w.id for w in form.query(".field.invalid")} == {
            "field-number", "field-name", "field-org_number"}
        assert "fire sifre" in str(form.query_one("#error-number").render())
        assert "ni sifre" in str(form.query_one("#error-org_number").render())


async def test_an_error_goes_when_its_field_is_changed_and_the_others_stay(
    tui_db: Database,
) -> None:
    app = make_app(tui_db, "kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, number="1899", population="mange")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert {w.id for w in form.query(".field.invalid")} == {"field-name", "field-population"}
        assert app.focused is form.query_one("#input-name")
        await type_text(pilot, "Prøvekommune")
        await settle(pilot)
        assert {w.id for w in form.query(".field.invalid")} == {"field-population"}
        assert str(form.query_one("#error-name").render()).strip() == ""
        assert "heltall" in str(form.query_one("#error-population").render())


async def test_a_reader_is_told_in_norwegian_without_an_english_field_key(
    tui_db: Database,
) -> None:
    from nettverk.services import users
    from nettverk.services.database import connect

    users.add_user(tui_db.uow(), "testbruker", "leader")
    users.add_user(tui_db.uow(), "ingrid", "reader")
    reader = connect(str(tui_db.url), "ingrid")
    before = len(register.list_municipalities(tui_db.uow()))
    try:
        app = make_app(reader, "kommuner")
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            fill(app, number="1899", name="Prøve")
            await pilot.press("ctrl+s")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, FormScreen)
            said = str(form.query_one("#form-error").render())
            assert "lesetilgang" in said or "leser" in said, said
            assert "role" not in said and "reader" not in said, said
    finally:
        reader.close()
    assert len(register.list_municipalities(tui_db.uow())) == before


async def test_an_actions_focus_area_is_chosen_among_its_agreements_own(tui_db: Database) -> None:
    """The picker offers only the focus areas the chosen agreement has, and follows a change of
    agreement; with no agreement chosen yet it offers them all."""
    from nettverk.forms.agreements import new_action
    from nettverk.services.agreements import list_agreements

    by_number = {a.municipality: a for a in list_agreements(tui_db.uow())}
    vefsn = by_number["1824"]  # Tilhørighet, Trygghet
    app = make_app(tui_db, "oversikt")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)

        async def offered(form: FormScreen) -> list[str]:
            picker = form.query_one("#input-focus_area", Picker)
            picker.focus()
            picker.value = ""
            await type_text(pilot, "t")  # a letter all four demo focus areas have
            await settle(pilot)
            return [m.label for m in picker.matches]

        app.push_screen(FormScreen(new_action(vefsn.id, TODAY)))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert sorted(await offered(form)) == ["Tilhørighet", "Trygghet"]

        app.pop_screen()
        app.push_screen(FormScreen(new_action(None, TODAY)))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert len(await offered(form)) == 4
        form.query_one("#input-agreement", Picker).focus()
        await type_text(pilot, "narvik")
        await pilot.press("enter")
        await settle(pilot)
        assert await offered(form) == ["Tilgang til utdanning, arbeid og gode nærmiljø"]
        await pilot.press("enter")
        await settle(pilot)
        assert form.values()["focus_area"] == "tilgang"
