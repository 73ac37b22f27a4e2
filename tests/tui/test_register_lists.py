"""Personer and Organisasjoner (F2/F3 from Kommuner), and editing a programme from Program."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from nettverk.services import organisations, persons, programmes
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.list_screen import ListScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import dialog_text, fill, flat_text, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
SLUG = "mindre-kommuner-2020"


def list_table(app: NettverkApp) -> VirtualTable:
    screen = app.screen
    assert isinstance(screen, ListScreen)
    return screen.area.table


def error_text(app: NettverkApp, field: str) -> str:
    """The message shown next to a form field."""
    return str(app.screen.query_one(f"#error-{field}").render().plain)  # type: ignore[attr-defined]


def persons_by_name(db: Database) -> dict[str, persons.PersonView]:
    return {p.name: p for p in persons.list_persons(db.uow(), include_erased=True)}


async def open_list(pilot: object, app: NettverkApp, key: str, title: str) -> VirtualTable:
    await pilot.press(key)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ListScreen)
    assert app.screen.sub.label == title
    return list_table(app)


@pytest.mark.parametrize("size", SIZES)
async def test_persons_open_filter_add_refuse_edit(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "f2", "Personer")
        assert table.total == len(persons_by_name(tui_db))
        assert "Kari Fjellheim" in screen_text(app)
        await type_text(pilot, "plansjef")
        await settle(pilot)
        assert {r.data.name for r in table.rows} == {"Ánne Márjá Sara", "Máhtte Jåma"}
        await pilot.press("escape")  # clears the filter; a second Esc would leave the list
        await settle(pilot)
        assert len(table.rows) == table.total
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, name="Liv Nordvik", email="liv.nordvik(at)example.no")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-email").has_class("invalid")
        assert error_text(app, "email") == "ugyldig e-postadresse"
        assert snapshot(tui_db.engine) == before
        fill(app, email="liv.nordvik@example.no", organisation="Distriktssenteret",
             title="Rådgiver")
        await pilot.press("ctrl+s")
        await settle(pilot)
        liv = persons_by_name(tui_db)["Liv Nordvik"]
        assert (liv.email, liv.organisation, liv.title) == (
            "liv.nordvik@example.no", "Distriktssenteret", "Rådgiver")
        assert list_table(app).current is not None and list_table(app).current.key == liv.id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, organisation="", phone="+47 400 00 000", municipality="1853")
        await pilot.press("ctrl+s")
        await settle(pilot)
        liv = persons_by_name(tui_db)["Liv Nordvik"]
        assert (liv.phone, liv.organisation, liv.municipality) == ("+47 400 00 000", None, "1853")
        assert "1853 Evenes" in screen_text(app)
        await pilot.press("escape")  # back to Kommuner
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)


async def test_a_persons_organisation_is_picked_by_its_short_name(tui_db: Database) -> None:
    nfk = next(o for o in organisations.list_organisations(tui_db.uow()) if o.short_name == "NFK")
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await open_list(pilot, app, "f2", "Personer")
        await pilot.press("ctrl+n")
        await type_text(pilot, "Per Prøve")
        await settle(pilot)
        app.screen.query_one("#input-organisation").focus()
        await type_text(pilot, "nfk")
        await pilot.press("enter")  # takes the match
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert persons_by_name(tui_db)["Per Prøve"].organisation == nfk.name
        await pilot.press("enter")  # the edit form names the organisation, not a code
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        shown = app.screen.query_one("#input-organisation", Input).value
        assert shown == f"{nfk.name} (NFK)"


@pytest.mark.parametrize("size", SIZES)
async def test_deleting_a_person_erases_them_after_a_question(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "f2", "Personer")
        await type_text(pilot, "siri lund")
        await pilot.press("enter")
        await settle(pilot)
        assert table.current is not None and table.current.data.name == "Siri Lund"
        siri = table.current.data.id
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = flat_text(app)
        assert "Slette «Siri Lund» etter personvernreglene?" in question
        assert "anonymiseres overalt" in question and "revisjonsloggen" in question
        await pilot.press("enter")  # «Nei» is the default
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)
        assert snapshot(tui_db.engine) == before
        await pilot.press("delete", "j")
        await settle(pilot)
        erased = persons.get_person(tui_db.uow(), siri)
        assert erased.erased_on == TODAY and erased.email is None
        assert erased.name == f"Slettet person {siri}"
        assert "Siri Lund" not in {p.name for p in persons.list_persons(tui_db.uow())}
        table = list_table(app)
        assert siri not in {r.key for r in table.rows}  # the filter no longer matches the name
        await pilot.press("slash", "escape")  # clears the filter
        await settle(pilot)
        row = next(r for r in table.rows if r.key == siri)
        assert "dim" in row.style  # still listed, dimmed
        quick = app.screen.query_one("#quick")
        quick.value = next(v for label, v in quick._options  # type: ignore[attr-defined]
                           if str(label) == "Uten slettede")
        await settle(pilot)
        assert siri not in {r.key for r in table.rows}
        quick.value = next(v for label, v in quick._options  # type: ignore[attr-defined]
                           if str(label) == "Slettede (anonymisert)")
        await settle(pilot)
        assert [r.key for r in table.rows] == [siri]
        await pilot.press("enter")  # an erased person cannot be edited
        await pilot.press("delete")  # nor erased again
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_organisations_open_filter_add_refuse_edit_delete(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "f3", "Organisasjoner")
        assert table.total == len(organisations.list_organisations(tui_db.uow()))
        await type_text(pilot, "fylkeskommune")
        await settle(pilot)
        assert {r.data.short_name for r in table.rows} == {"NFK", "TRFK"}
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, name="Nordområdeinstituttet", short_name="NOI", kind="research",
             org_number="123456789")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-org_number").has_class("invalid")
        assert "kontrollsiffer" in error_text(app, "org_number")
        assert snapshot(tui_db.engine) == before
        fill(app, org_number="964982953", short_name="NFK")  # a short name already in use
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-short_name").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, short_name="NOI", org_number="", county="18")
        await pilot.press("ctrl+s")
        await settle(pilot)
        orgs = {o.name: o for o in organisations.list_organisations(tui_db.uow())}
        noi = orgs["Nordområdeinstituttet"]
        assert (noi.short_name, noi.kind, noi.county) == ("NOI", "research", "18")
        assert list_table(app).current is not None and list_table(app).current.key == noi.id
        await pilot.press("enter")
        await settle(pilot)
        fill(app, name="Nordområdeinstituttet AS", kind="other")
        await pilot.press("ctrl+s")
        await settle(pilot)
        noi = organisations.get_organisation(tui_db.uow(), noi.id)
        assert (noi.name, noi.kind) == ("Nordområdeinstituttet AS", "other")
        assert "Nordområdeinstituttet AS" in screen_text(app)
        # deleting: Nei keeps it, Ja deletes it
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Slette organisasjonen «Nordområdeinstituttet AS»?" in flat_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert snapshot(tui_db.engine) == before
        await pilot.press("delete", "j")
        await settle(pilot)
        assert noi.id not in {o.id for o in organisations.list_organisations(tui_db.uow())}
        assert noi.id not in {r.key for r in list_table(app).rows}


@pytest.mark.parametrize("size", SIZES)
async def test_an_organisation_in_use_is_not_deleted(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "f3", "Organisasjoner")
        await type_text(pilot, "nordland fylkeskommune")
        await pilot.press("enter")
        await settle(pilot)
        assert table.current is not None and table.current.data.short_name == "NFK"
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)  # refused at once, no question
        refusal = " ".join(n.message for n in app._notifications)
        assert "Organisasjonen Nordland fylkeskommune kan ikke slettes" in refusal
        assert "eier av mindre-kommuner-2020" in refusal and "kontaktperson" in refusal
        assert snapshot(tui_db.engine) == before


async def test_the_lists_are_in_the_footer_and_the_palette(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "F2" in text.replace("f2", "F2") and "Personer" in text
        assert "Organisasjoner" in text
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Vis personer" in titles and "Vis organisasjoner" in titles
        await open_list(pilot, app, "f2", "Personer")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles[:3] == ["Ny person", "Endre person", "Slett person (personvern)"]


@pytest.mark.parametrize("size", SIZES)
async def test_edit_a_programme_with_inline_refusal_and_a_conflict(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="program")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_text(pilot, "evenes")
        await pilot.press("enter", "ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#input-name").value == programmes.get_programme(  # type: ignore[attr-defined]
            tui_db.uow(), SLUG).name
        before = snapshot(tui_db.engine)
        fill(app, gatherings_per_year_min="4")  # above the maximum of 3
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-gatherings_per_year_max").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, gatherings_per_year_min="2", ends="31.12.2019")  # before the start
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-ends").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        # someone else changes the description meanwhile
        programmes.update_programme(tui_db.uow(), SLUG, description="Endret av en kollega.")
        fill(app, ends="31.12.2024", max_population="3000", name="Læringsnettverket 2020–2024")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "Noen andre har endret posten" in flat_text(app)
        assert programmes.get_programme(tui_db.uow(), SLUG).max_population == 2500
        await pilot.press("ctrl+r")  # theirs, keeping what I typed
        await settle(pilot)
        assert app.screen.query_one("#input-description").value == "Endret av en kollega."  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        p = programmes.get_programme(tui_db.uow(), SLUG)
        assert (p.name, str(p.ends), p.max_population, p.description) == (
            "Læringsnettverket 2020–2024", "2024-12-31", 3000, "Endret av en kollega.")
        assert "Læringsnettverket 2020–2024" in flat_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_delete_a_participation_only_when_nothing_is_recorded_on_it(
    tui_db: Database, size: tuple[int, int]
) -> None:
    programmes.add_participant(tui_db.uow(), SLUG, "1804")
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="program")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.query_one("#area-program #table", VirtualTable)
        await type_text(pilot, "evenes")
        await pilot.press("enter")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Slette deltakelsen til Evenes i {SLUG}?" in dialog_text(app)
        await pilot.press("j")
        await settle(pilot)
        refusal = " ".join(n.message for n in app._notifications)
        assert "kan ikke slettes" in refusal and "Endre status" in refusal
        assert snapshot(tui_db.engine) == before
        await pilot.press("slash", "escape")
        await type_text(pilot, "bodø")
        await pilot.press("enter")
        await settle(pilot)
        assert table.current is not None and table.current.key == (SLUG, "1804")
        await pilot.press("delete", "n")  # Nei keeps it
        await settle(pilot)
        assert snapshot(tui_db.engine) == before
        await pilot.press("delete", "j")
        await settle(pilot)
        assert "1804" not in {p.municipality for p in programmes.list_participants(tui_db.uow(), SLUG)}
        assert (SLUG, "1804") not in {r.key for r in table.rows}


@pytest.mark.parametrize("size", SIZES)
async def test_a_person_changed_meanwhile_shows_both_and_reloads(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "f2", "Personer")
        await type_text(pilot, "ola strand")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        ola = table.current.data.id  # type: ignore[union-attr]
        persons.update_person(tui_db.uow(), ola, phone="+47 411 11 111")  # someone else
        fill(app, title="Spesialrådgiver")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Noen andre har endret posten" in flat_text(app)
        assert persons.get_person(tui_db.uow(), ola).title == "Seniorrådgiver"
        await pilot.press("ctrl+r", "ctrl+s")
        await settle(pilot)
        saved = persons.get_person(tui_db.uow(), ola)
        assert (saved.title, saved.phone) == ("Spesialrådgiver", "+47 411 11 111")
