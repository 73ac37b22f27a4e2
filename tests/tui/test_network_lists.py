"""Utlysninger (F2 from Søknader), Oppfølging (F2 from Milepæler), Plandokumenter (F2 from
Planarbeid), and deleting applications and plan documents, through Pilot."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import applications, followups, plans
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.list_screen import ListScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, flat_text, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
SLUG = "mindre-kommuner-2020"


def list_table(app: NettverkApp) -> VirtualTable:
    screen = app.screen
    assert isinstance(screen, ListScreen)
    return screen.area.table


def area_table(app: NettverkApp, area: str) -> VirtualTable:
    return app.query_one(f"#area-{area} #table", VirtualTable)


def notices(app: NettverkApp) -> str:
    return " ".join(n.message for n in app._notifications)


async def open_list(pilot: object, app: NettverkApp, title: str) -> VirtualTable:
    await pilot.press("f2")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ListScreen) and app.screen.sub.label == title
    return list_table(app)


async def pick(pilot: object, app: NettverkApp, text: str) -> None:
    """Filter the open list down to `text` and put the cursor in the table."""
    await type_text(pilot, text)  # type: ignore[arg-type]
    await pilot.press("down")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def confirm_delete(pilot: object, app: NettverkApp, db: Database, question: str) -> None:
    """Delete asks first: «Nei» (Enter) keeps everything, then «j» deletes."""
    before = snapshot(db.engine)
    await pilot.press("delete")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ConfirmScreen)
    assert app.screen.question.startswith(question)
    await settle(pilot)  # type: ignore[arg-type]
    assert " ".join(question.split()[:4]) in flat_text(app)  # wrapped in the dialog on 80x24
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert not isinstance(app.screen, ConfirmScreen)
    assert snapshot(db.engine) == before
    await pilot.press("delete", "j")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


# --- rounds ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_rounds_open_filter_add_refuse_edit_delete(
        tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="soknader")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "Utlysninger")
        assert table.total == len(applications.list_rounds(tui_db.uow()))
        states = {r.data.programme: r.cells[5] for r in table.rows}
        assert states == {SLUG: "stengt", "gode-lokalsamfunn": "ikke åpnet"}
        await type_text(pilot, "partnerskap")
        await settle(pilot)
        assert [r.data.programme for r in table.rows] == ["gode-lokalsamfunn"]
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, programme=SLUG, title="Ekstra runde", opens="01.04.2026", deadline="01.03.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-deadline").has_class("invalid")
        assert "fristen kan ikke være før utlysningen åpner" in flat_text(app)
        assert snapshot(tui_db.engine) == before
        fill(app, deadline="30.04.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = next(r for r in applications.list_rounds(tui_db.uow()) if r.title == "Ekstra runde")
        assert (added.programme, added.opens, added.deadline) == (
            SLUG, date(2026, 4, 1), date(2026, 4, 30))
        assert list_table(app).current is not None and list_table(app).current.key == added.id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, title="Ekstra runde 2026", deadline="15.05.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        changed = applications.get_round(tui_db.uow(), added.id)
        assert (changed.title, changed.deadline) == ("Ekstra runde 2026", date(2026, 5, 15))
        assert "Ekstra runde 2026" in screen_text(app)
        await confirm_delete(pilot, app, tui_db,
                             f"Slette utlysningen «Ekstra runde 2026» ({SLUG})?")
        assert added.id not in {r.id for r in applications.list_rounds(tui_db.uow())}
        assert added.id not in {r.key for r in list_table(app).rows}

        await pick(pilot, app, "invitasjon til læringsnettverk")
        used = list_table(app).current
        assert used is not None and used.data.applications == 9
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Utlysningen har 9 søknader og kan ikke slettes" in notices(app)
        assert snapshot(tui_db.engine) == before
        await pilot.press("escape", "escape")  # the filter, then the list
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)


# --- applications ------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_applications_pending_edit_and_delete_decided_refused(
        tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=date(2026, 11, 22), title="demo", start="soknader")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_text(pilot, "sørfold")
        await pilot.press("down")
        await settle(pilot)
        row = area_table(app, "soknader").current
        assert row is not None and row.data.status == "received"
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, samfunnsdel_year="2030")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-samfunnsdel_year").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, samfunnsdel_year="2019", personnel="Planlegger 40 %", received="10.11.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = applications.get_application(tui_db.uow(), row.data.id)
        assert (saved.samfunnsdel_year, saved.personnel, saved.received) == (
            2019, "Planlegger 40 %", date(2026, 11, 10))
        await confirm_delete(pilot, app, tui_db, "Slette søknaden fra Sørfold til "
                             "gode-lokalsamfunn (mottatt 10.11.2026, status: mottatt) med historikken?")
        assert row.data.id not in {a.id for a in applications.list_applications(tui_db.uow())}

        await pilot.press("slash", "escape")  # clear the filter
        await pick(pilot, app, "evenes")
        accepted = area_table(app, "soknader").current
        assert accepted is not None and accepted.data.status == "accepted"
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Søknaden er tatt opp og kan ikke slettes" in notices(app)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert snapshot(tui_db.engine) == before


# --- follow-ups --------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_follow_ups_open_filter_add_refuse_edit_done_delete(
        tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "Oppfølging")
        assert table.total == len(followups.list_follow_ups(tui_db.uow(), today=TODAY))
        await type_text(pilot, "beiarn")
        await settle(pilot)
        assert {r.data.municipality for r in table.rows} == {"1839"}
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, municipality="1853", on="02.03.2026", kind="call",
             summary="Samtale om planstrategien", next_action="Sende mal",
             next_action_due="01.02.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-next_action_due").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, next_action_due="16.03.2026", programme=SLUG)
        await pilot.press("ctrl+s")
        await settle(pilot)
        logged = next(f for f in followups.list_follow_ups(tui_db.uow(), today=TODAY)
                      if f.summary == "Samtale om planstrategien")
        assert (logged.municipality, logged.kind, logged.next_action_due, logged.programme) == (
            "1853", "call", date(2026, 3, 16), SLUG)
        assert list_table(app).current is not None and list_table(app).current.key == logged.id
        await pilot.press("enter")
        await settle(pilot)
        fill(app, summary="Møte om planstrategien", kind="meeting", next_action_due="20.03.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited = followups.get_follow_up(tui_db.uow(), logged.id, today=TODAY)
        assert (edited.summary, edited.kind, edited.next_action_due) == (
            "Møte om planstrategien", "meeting", date(2026, 3, 20))
        await pilot.press("ctrl+d")
        await settle(pilot)
        fill(app, on="02.03.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert followups.get_follow_up(tui_db.uow(), logged.id).next_action_done_on == TODAY
        await confirm_delete(pilot, app, tui_db, "Slette oppfølgingen av Evenes – Evenášši "
                             "02.03.2026 («Møte om planstrategien»)?")
        assert logged.id not in {f.id for f in followups.list_follow_ups(tui_db.uow())}
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)
        keys = {r.key for r in area_table(app, "milepaeler").rows}  # read again on the way back
        assert f"follow_up:{logged.id}" not in keys


# --- plan documents ----------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_plan_document_delete_from_the_matrix(tui_db: Database, size: tuple[int, int]) -> None:
    evenes = {(d.kind, d.period_start): d for d in plans.list_plan_documents(
        tui_db.uow(), municipality="1853", today=TODAY)}
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="planarbeid")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pick(pilot, app, "evenes")
        assert area_table(app, "planarbeid").current.key == (SLUG, "1853")  # type: ignore[union-attr]
        await pilot.press("delete")  # several documents in one row: their list opens
        await settle(pilot)
        assert isinstance(app.screen, ListScreen) and app.screen.sub.label == "Plandokumenter"
        table = list_table(app)
        assert {r.key for r in table.rows} == {d.id for d in evenes.values()}
        await pick(pilot, app, "samfunnsdel")  # a milestone follows it: refused
        followed = evenes[("community_plan", 2021)]
        assert table.current is not None and table.current.key == followed.id
        before = snapshot(tui_db.engine)
        await pilot.press("delete", "j")
        await settle(pilot)
        assert "1 milepæl hører til det" in notices(app)
        assert snapshot(tui_db.engine) == before
        await pilot.press("slash", "escape")
        await pick(pilot, app, "planstrategi 2020")
        old = evenes[("plan_strategy", 2020)]
        assert table.current is not None and table.current.key == old.id
        await confirm_delete(pilot, app, tui_db, "Slette planstrategi 2020–2023 for Evenes – "
                             "Evenášši med 3 trinn i historikken?")
        left = {d.id for d in plans.list_plan_documents(tui_db.uow(), municipality="1853")}
        assert old.id not in left and followed.id in left
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_plan_documents_list_add_refuse_edit(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="planarbeid")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = await open_list(pilot, app, "Plandokumenter")
        assert table.total == len(plans.list_plan_documents(tui_db.uow(), today=TODAY))
        await pilot.press("ctrl+n")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        fill(app, municipality="1853", kind="land_use_plan", stage="start_notified",
             on="01.03.2026", period_start="2026", period_end="2020")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-period_end").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, period_end="2038")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = next(d for d in plans.list_plan_documents(tui_db.uow(), municipality="1853",
                                                          kind="land_use_plan"))
        assert (added.period_start, added.period_end, added.stage) == (2026, 2038, "start_notified")
        assert table.current is not None and table.current.key == added.id
        await pilot.press("enter")
        await settle(pilot)
        fill(app, title="Arealdelen 2026–2038", archive_ref="26/00042")
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited = plans.get_plan_document(tui_db.uow(), added.id)
        assert (edited.title, edited.archive_ref) == ("Arealdelen 2026–2038", "26/00042")
