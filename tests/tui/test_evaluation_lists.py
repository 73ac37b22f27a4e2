"""Evaluering's further lists and deletes: feedback after gatherings (F2), success factors (F3),
deleting capacity and priority sessions, and editing a capacity session's header."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Select

from nettverk.domain.values import OSLO
from nettverk.services import capacity, feedback, priority, success_factors
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.list_screen import ListScreen
from nettverk.tui.widgets.list_area import ListArea
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, flat_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
PROG = "mindre-kommuner-2020"


def list_area(app: NettverkApp) -> ListArea:
    assert isinstance(app.screen, ListScreen)
    return app.screen.area


def evaluation_table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-evaluering #table", VirtualTable)


def question(app: NettverkApp) -> str:
    """The open confirmation's question (the list shows beside a narrow dialog)."""
    assert isinstance(app.screen, ConfirmScreen)
    return app.screen.question


def quick(app: NettverkApp, label: str) -> None:
    """Choose a quick filter by its label."""
    area = list_area(app)
    index = [text for text, _ in area._quick].index(label)
    area.query_one("#quick", Select).value = index


async def open_list(pilot: object, app: NettverkApp, key: str) -> ListArea:
    await pilot.press(key)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    return list_area(app)


@pytest.mark.parametrize("size", SIZES)
async def test_feedback_list_filter_add_edit_delete(tui_db: Database, size: tuple[int, int]) -> None:
    responses = feedback.list_feedback(tui_db.uow())
    first = responses[0]
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        area = await open_list(pilot, app, "f2")
        assert area.table.total == len(responses)
        assert "Tilbakemeldinger" in flat_text(app)

        # quick filter per gathering; the detail shows the gathering's average
        quick(app, f"{first.starts_at.astimezone(OSLO).strftime('%d.%m.%Y')} {first.gathering}")
        await settle(pilot)
        assert {r.data.gathering_id for r in area.table.rows} == {first.gathering_id}
        await pilot.press("down")
        await settle(pilot)
        mean = feedback.averages(tui_db.uow(), gathering_id=first.gathering_id).gatherings[0]
        assert f"Snitt for samlingen: {mean.responses} svar" in flat_text(app)

        # add: a score out of range is shown at the field and nothing is saved
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, municipality="1839", respondent="Testperson Fiktiv", overall="9",
             usefulness="4", comment="Gode diskusjoner")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-overall").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, overall="5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = next(f for f in feedback.list_feedback(tui_db.uow(),
                                                       gathering_id=first.gathering_id)
                     if f.respondent == "Testperson Fiktiv")
        assert (added.overall, added.usefulness, added.municipality) == (5, 4, "1839")
        assert area.table.current is not None and area.table.current.key == added.id

        # edit: Enter opens the response; clearing the comment clears it
        await pilot.press("enter")
        await settle(pilot)
        fill(app, overall="2", comment="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        changed = feedback.get_feedback(tui_db.uow(), added.id)
        assert (changed.overall, changed.comment) == (2, None)

        # delete: Nei keeps it, Ja deletes it
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Slette tilbakemeldingen fra Beiarn · Testperson Fiktiv" in question(app)
        await pilot.press("enter")  # Enter is «Nei»
        await settle(pilot)
        assert snapshot(tui_db.engine) == before
        await pilot.press("delete", "j")
        await settle(pilot)
        assert added.id not in {f.id for f in feedback.list_feedback(tui_db.uow())}
        assert added.id not in {r.key for r in area.table.rows}
        assert len(feedback.list_feedback(tui_db.uow())) == len(responses)

        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_success_factors_list_add_edit_delete(tui_db: Database, size: tuple[int, int]) -> None:
    # Make room for a new registration: Beiarn 2021 has every factor recorded in the demo.
    gone = next(x for x in success_factors.list_status(tui_db.uow(), PROG, year=2021,
                                                       municipality="1839")
                if x.factor == "communication")
    success_factors.delete_status(tui_db.uow(), PROG, "1839", 2021, "communication")
    total = len(success_factors.list_status(tui_db.uow(), None))
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        area = await open_list(pilot, app, "f3")
        assert area.table.total == total

        quick(app, "Ikke på plass")
        await settle(pilot)
        assert area.table.rows and all(not r.data.in_place for r in area.table.rows)
        quick(app, "År 2021")
        await settle(pilot)
        await type_text(pilot, "beiarn")
        await pilot.press("down")
        await settle(pilot)
        row = area.table.current
        assert row is not None and (row.data.name, row.data.year) == ("Beiarn", 2021)
        assert "ikke vurdert" in flat_text(app)

        # add: an already recorded factor is refused at the field, nothing saved
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, factor="mobilisation", in_place="yes", notes="Folkemøte i mars")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-factor").has_class("invalid")
        assert "allerede registrert" in flat_text(app)
        assert snapshot(tui_db.engine) == before
        fill(app, factor="communication")
        await pilot.press("ctrl+s")
        await settle(pilot)
        new = next(x for x in success_factors.list_status(tui_db.uow(), PROG, year=2021,
                                                          municipality="1839")
                   if x.factor == "communication")
        assert (new.in_place, new.notes) == (True, "Folkemøte i mars")
        assert area.table.current is not None
        assert area.table.current.key == (PROG, "1839", 2021, "communication")

        # edit: not in place after all; the note goes
        await pilot.press("enter")
        await settle(pilot)
        fill(app, in_place="no", notes="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited = next(x for x in success_factors.list_status(tui_db.uow(), PROG, year=2021,
                                                             municipality="1839")
                      if x.factor == "communication")
        assert (edited.in_place, edited.notes) == (False, None)

        # delete: the question says what removing means; Nei keeps it, Ja removes it
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        text = question(app)
        assert "Fjerne registreringen «Formidling av aktivitet og resultater» for Beiarn 2021?" \
            in text and "ikke vurdert" in text
        await pilot.press("enter")
        await settle(pilot)
        assert snapshot(tui_db.engine) == before
        await pilot.press("delete", "j")
        await settle(pilot)
        left = {x.factor for x in success_factors.list_status(tui_db.uow(), PROG, year=2021,
                                                              municipality="1839")}
        assert gone.factor not in left and len(left) == 7


@pytest.mark.parametrize("size", SIZES)
async def test_deleting_assessments_and_editing_a_header(tui_db: Database,
                                                         size: tuple[int, int]) -> None:
    session = priority.list_sessions(tui_db.uow())[0]
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_text(pilot, "osen")
        await pilot.press("down")
        await settle(pilot)
        table = evaluation_table(app)
        assert table.current is not None and table.current.data.name == "Osen"
        a = table.current.data

        # header: an impossible date is shown at the field; a new facilitator is saved
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, held_on="31.02.2020")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-held_on").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, held_on="21.03.2020", facilitator="Kari Fiktiv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        changed = capacity.get_assessment(tui_db.uow(), a.id).assessment
        assert (changed.held_on, changed.facilitator) == (date(2020, 3, 21), "Kari Fiktiv")
        assert table.current is not None and table.current.key == ("capacity", a.id)

        # delete the capacity session: the question names what goes with it
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Slette kapasitetsvurderingen for Osen 21.03.2020?" in question(app)
        assert "prioriteringene slettes også" in question(app)
        await pilot.press("enter")
        await settle(pilot)
        assert snapshot(tui_db.engine) == before
        await pilot.press("delete", "j")
        await settle(pilot)
        assert a.id not in {x.id for x in capacity.list_assessments(tui_db.uow())}
        assert ("capacity", a.id) not in {r.key for r in table.rows}

        # a priority session: Ctrl+E edits its title, then it is deleted with its factors
        await pilot.press("escape")
        await settle(pilot)
        assert table.move_to(("priority", session.id))
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, title="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-title").has_class("invalid")
        fill(app, title="Bolyst i Beiarn")
        await pilot.press("ctrl+s")
        await settle(pilot)
        session = priority.list_sessions(tui_db.uow())[0]
        assert session.title == "Bolyst i Beiarn"
        await pilot.press("delete")
        await settle(pilot)
        assert f"Slette prioriteringsøkten «{session.title}»" in question(app)
        await pilot.press("j")
        await settle(pilot)
        assert session.id not in {s.id for s in priority.list_sessions(tui_db.uow())}


@pytest.mark.parametrize("size", SIZES)
async def test_new_priority_session(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, title="Sentrumsutvikling", held_on="12.03.2026", municipality="9999")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-municipality").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, municipality="1853", programme=PROG)
        await pilot.press("ctrl+s")
        await settle(pilot)
        made = next(s for s in priority.list_sessions(tui_db.uow())
                    if s.title == "Sentrumsutvikling")
        assert (made.held_on, made.municipality, made.programme) == (date(2026, 3, 12), "1853",
                                                                    PROG)
        current = evaluation_table(app).current
        assert current is not None and current.key == ("priority", made.id)
