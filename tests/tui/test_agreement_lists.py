"""Temaer (F2 from Samlinger), Kalenderstrømmer (F2 from Eksport), Tiltak and Innsatsområder
(F2/F3 from Avtaler), and deleting agreements: open, filter, add, refuse inline, edit, delete."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from nettverk.services import agreement_actions, agreements, calendar, focus_areas, themes
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.feeds import FeedCreatedScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.list_screen import ListScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, flat_text, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]


def list_table(app: NettverkApp) -> VirtualTable:
    screen = app.screen
    assert isinstance(screen, ListScreen)
    return screen.area.table


async def open_list(pilot: object, app: NettverkApp, key: str, title: str) -> VirtualTable:
    await pilot.press(key)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ListScreen)
    assert app.screen.sub.label == title
    return list_table(app)


async def save_refused(pilot: object, app: NettverkApp, field: str) -> None:
    """Ctrl+S in a form that must stay open with the field marked invalid."""
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, FormScreen)
    assert app.screen.query_one(f"#field-{field}").has_class("invalid")


async def delete_no_then_yes(pilot: object, app: NettverkApp, db: Database,
                             question: str) -> None:
    """Delete asks first: «Nei» (Enter) keeps everything, «j» deletes."""
    before = snapshot(db.engine)
    await pilot.press("delete")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ConfirmScreen)
    assert question in app.screen.question  # shown wrapped in the dialog
    assert question.split()[0] in flat_text(app)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert not isinstance(app.screen, ConfirmScreen)
    assert snapshot(db.engine) == before
    await pilot.press("delete", "j")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


def notes(app: NettverkApp) -> str:
    """The notifications shown so far."""
    return " ".join(n.message for n in app._notifications)


def theme_titles(db: Database) -> dict[str, themes.ThemeView]:
    return {f"{t.year}-{t.month}": t for t in themes.list_themes(db.uow(), None)}


@pytest.mark.parametrize("size", SIZES)
async def test_themes_open_filter_add_edit_delete(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "f2", "Temaer")
        assert table.total == 24
        assert "2024-01 januar" in screen_text(app)
        await type_text(pilot, "matsvinn")
        await settle(pilot)
        assert [r.data.year for r in table.rows] == [2024, 2025]
        await pilot.press("escape")  # clears the filter
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, year="2025", month="3", title="Vårrengjøring", goals="12, 18")
        await save_refused(pilot, app, "goals")  # UN goals are 1–17
        assert "bærekraftsmål må være tall fra 1 til 17" in flat_text(app)
        fill(app, goals="12")
        await save_refused(pilot, app, "month")  # March 2025 has a theme already
        assert "mars 2025 har allerede et tema" in flat_text(app)
        assert snapshot(tui_db.engine) == before
        fill(app, year="2026", links="https://example.no/vaar")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = theme_titles(tui_db)["2026-3"]
        assert (added.title, added.goals, added.links, added.programme) == (
            "Vårrengjøring", [12], ["https://example.no/vaar"], "det-gode-liv")
        current = list_table(app).current
        assert current is not None and current.key == added.id

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, title="Vårrengjøring og gjenbruk", month="4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited = theme_titles(tui_db)["2026-4"]
        assert edited.id == added.id and edited.title == "Vårrengjøring og gjenbruk"

        await delete_no_then_yes(pilot, app, tui_db,
                                 "Slette temaet «Vårrengjøring og gjenbruk» for april 2026")
        assert "2026-4" not in theme_titles(tui_db)
        assert added.id not in {r.key for r in list_table(app).rows}
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_feeds_create_shows_the_url_once_and_revoke_asks(
        tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="eksport")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        calendar.create_feed(tui_db.uow(), municipality="1853", label="Evenes rådhus")
        table = await open_list(pilot, app, "f2", "Kalenderstrømmer")
        assert table.total == 1
        await pilot.press("ctrl+n")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        await save_refused(pilot, app, "programme")  # neither programme nor municipality
        fill(app, programme="det-gode-liv", municipality="1853")
        await save_refused(pilot, app, "programme")  # both
        fill(app, municipality="", base_url="ftp://x")
        await save_refused(pilot, app, "base_url")
        assert snapshot(tui_db.engine) == before
        fill(app, base_url="https://kalender.example.no", label="Piloten", with_themes="ja")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FeedCreatedScreen)
        url = app.screen.query_one("#feed-url", Input).value
        assert url.startswith("https://kalender.example.no/feed/") and url.endswith(".ics")
        assert "vises bare nå" in flat_text(app)
        token = url.removeprefix("https://kalender.example.no/feed/").removesuffix(".ics")
        assert calendar.feed_calendar(tui_db.uow(), token) is not None
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)
        feeds = {f.label: f for f in calendar.list_feeds(tui_db.uow())}
        new = feeds["Piloten"]
        assert new.with_themes and new.programme == "det-gode-liv"
        assert table.total == 2 and table.current is not None and table.current.key == new.id
        assert next(r for r in table.rows if r.key == new.id).cells[-1] == f"…/feed/{token[:4]}….ics"
        assert f"{token[:4]}…" in screen_text(app)  # in the list or the detail pane

        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "får ikke flere oppdateringer" in app.screen.question
        await pilot.press("enter")  # «Nei»
        await settle(pilot)
        assert calendar.feed_calendar(tui_db.uow(), token) is not None
        await pilot.press("delete", "j")
        await settle(pilot)
        assert calendar.feed_calendar(tui_db.uow(), token) is None
        revoked = {f.label: f for f in calendar.list_feeds(tui_db.uow())}["Piloten"]
        assert revoked.revoked_at is not None
        assert table.total == 2  # still listed, marked
        assert "revoked" in next(r for r in table.rows if r.key == new.id).tags
        await pilot.press("delete")  # already revoked: a message, no question
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Strømmen ble trukket tilbake" in notes(app)


def actions_by_title(db: Database) -> dict[str, agreement_actions.ActionView]:
    return {x.title: x for x in agreement_actions.list_actions(db.uow(), today=TODAY)}


@pytest.mark.parametrize("size", SIZES)
async def test_actions_list_add_edit_delete(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="avtaler")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "f2", "Tiltak")
        assert table.total == 13
        await type_text(pilot, "beredskapsdag")
        await pilot.press("down")
        await settle(pilot)
        assert [r.data.municipality for r in table.rows] == ["1824"]
        await pilot.press("ctrl+n")  # starts on the highlighted action's agreement (Vefsn)
        await settle(pilot)
        before = snapshot(tui_db.engine)
        fill(app, focus_area="tillit", title="Ungdomsting")  # Vefsn has not chosen tillit
        await save_refused(pilot, app, "focus_area")
        fill(app, title="", focus_area="trygghet")
        await save_refused(pilot, app, "title")
        assert snapshot(tui_db.engine) == before
        fill(app, title="Ungdomsting", focus_area="trygghet", owner="Kultur", due="01.09.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = actions_by_title(tui_db)["Ungdomsting"]
        assert (added.municipality, added.focus_area, added.due) == (
            "1824", "trygghet", date(2026, 9, 1))

        await pilot.press("slash", "escape")  # the filter still says «beredskapsdag»: clear it
        await settle(pilot)
        assert list_table(app).move_to(added.id)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, owner="", status="done", on="20.02.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited = actions_by_title(tui_db)["Ungdomsting"]
        assert (edited.owner, edited.status, edited.done_on) == (None, "done", date(2026, 2, 20))

        await delete_no_then_yes(pilot, app, tui_db,
                                 "Slette tiltaket «Ungdomsting» i avtalen med Vefsn?")
        assert "Ungdomsting" not in actions_by_title(tui_db)
        assert len(actions_by_title(tui_db)) == 13


@pytest.mark.parametrize("size", SIZES)
async def test_focus_areas_add_edit_and_delete_only_unused(
        tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="avtaler")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "f3", "Innsatsområder")
        assert table.total == 4
        assert table.current is not None and table.current.data.code == "tilhorighet"
        before = snapshot(tui_db.engine)
        await pilot.press("delete")  # in use: refused without a question
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert "brukes av 4 avtaler og 4 tiltak" in notes(app)
        assert snapshot(tui_db.engine) == before

        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, code="Kul tur", name="Kultur")
        await save_refused(pilot, app, "code")
        fill(app, code="trygghet")
        await save_refused(pilot, app, "code")  # exists already
        assert snapshot(tui_db.engine) == before
        fill(app, code="kultur", description="Kulturliv og møteplasser")
        await pilot.press("ctrl+s")
        await settle(pilot)
        areas = {f.code: f for f in focus_areas.list_focus_areas(tui_db.uow())}
        assert areas["kultur"].name == "Kultur"
        assert table.current is not None and table.current.key == areas["kultur"].id

        await pilot.press("enter")
        await settle(pilot)
        fill(app, new_code="tillit")
        await save_refused(pilot, app, "new_code")
        fill(app, new_code="kultur-og-idrett", name="Kultur og idrett")
        await pilot.press("ctrl+s")
        await settle(pilot)
        areas = {f.code: f for f in focus_areas.list_focus_areas(tui_db.uow())}
        assert areas["kultur-og-idrett"].name == "Kultur og idrett" and "kultur" not in areas

        await delete_no_then_yes(pilot, app, tui_db,
                                 "Slette innsatsområdet «Kultur og idrett» (kultur-og-idrett)?")
        assert {f.code for f in focus_areas.list_focus_areas(tui_db.uow())} == {
            "tilhorighet", "trygghet", "tillit", "tilgang"}


@pytest.mark.parametrize("size", SIZES)
async def test_deleting_an_agreement_only_before_it_is_signed(
        tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="avtaler")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.query_one("#area-avtaler #table", VirtualTable)
        assert table.current is not None and table.current.data.municipality == "1804"
        before = snapshot(tui_db.engine)
        await pilot.press("delete")  # Bodø is signed: history
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert "har vært signert og er historikk" in notes(app)
        assert snapshot(tui_db.engine) == before

        await type_text(pilot, "steigen")
        await pilot.press("down")
        await settle(pilot)
        assert [r.data.municipality for r in table.rows] == ["1848"]
        await delete_no_then_yes(pilot, app, tui_db, "Slette avtalen med Steigen (tilbudt)?")
        numbers = {a.municipality for a in agreements.list_agreements(tui_db.uow())}
        assert "1848" not in numbers and "1804" in numbers
