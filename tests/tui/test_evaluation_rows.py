"""The rows inside an evaluation session (Ctrl+L from Evaluering): a capacity session's
participants with their scores and its priorities; a priority session's factors and scores."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Select

from nettverk.services import capacity, priority
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.list_screen import ListScreen
from nettverk.tui.screens.priority_factors import ChooseScreen
from nettverk.tui.widgets.list_area import ListArea
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, flat_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]


def list_area(app: NettverkApp) -> ListArea:
    assert isinstance(app.screen, ListScreen)
    return app.screen.area


def evaluation_table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-evaluering #table", VirtualTable)


def question(app: NettverkApp) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return app.screen.question


def quick(app: NettverkApp, label: str) -> None:
    area = list_area(app)
    index = [text for text, _ in area._quick].index(label)
    area.query_one("#quick", Select).value = index


async def save(pilot: object) -> None:
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", SIZES)
async def test_participants_and_priorities_of_a_capacity_session(
        tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = evaluation_table(app)
        a = next(r.data for r in table.rows if "capacity" in r.tags and r.data.name == "Beiarn")
        assert table.move_to(("capacity", a.id))
        await settle(pilot)
        d = capacity.get_assessment(tui_db.uow(), a.id)
        assert "Deltakere og skårer" in [c.title for c in app.get_system_commands(app.screen)]

        # open: the participants with their scores, and the priorities
        await pilot.press("ctrl+l")
        await settle(pilot)
        area = list_area(app)
        assert area.table.total == len(d.participants) + len(d.priorities)
        assert "Deltakere og skårer – Beiarn" in flat_text(app)
        palette = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Ny deltaker", "Ny prioritering"} <= set(palette)
        first = d.participants[0]
        row = next(r for r in area.table.rows if r.key == ("participant", first.id))
        assert row.cells[2:] == tuple(str(first.scores[c]) for c in
                                      ("leadership", "competence", "culture", "economy", "time"))

        # filter: a quick filter for the priorities, typing for a name
        quick(app, "Prioriteringer")
        await settle(pilot)
        assert {r.key[0] for r in area.table.rows} == {"priority"}
        quick(app, "Deltakere")
        await settle(pilot)
        await type_text(pilot, first.name.split()[0].lower())
        await pilot.press("down")
        await settle(pilot)
        assert area.table.current is not None and area.table.current.key[0] == "participant"
        assert "Skårer" in flat_text(app)
        await pilot.press("slash", "escape")  # clears the filter
        area.query_one("#quick", Select).clear()  # and the quick filter: all rows again
        await settle(pilot)
        assert area.table.total == len(area.table.rows)

        # add: a score out of range is shown at its field and nothing is saved
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, name="Kari Fiktiv", role="ordfører", leadership="4", culture="7")
        await save(pilot)
        assert app.screen.query_one("#field-culture").has_class("invalid")
        assert "1 til 5" in flat_text(app)
        assert snapshot(tui_db.engine) == before
        fill(app, culture="2")
        await save(pilot)
        added = next(p for p in capacity.get_assessment(tui_db.uow(), a.id).participants
                     if p.name == "Kari Fiktiv")
        assert added.scores == {"leadership": 4, "culture": 2}
        assert area.table.current is not None
        assert area.table.current.key == ("participant", added.id)

        # edit: Enter opens the participant; a score added, one removed, the role cleared
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, role="", culture="", time="3")
        await save(pilot)
        changed = next(p for p in capacity.get_assessment(tui_db.uow(), a.id).participants
                       if p.id == added.id)
        assert (changed.role, changed.scores) == (None, {"leadership": 4, "time": 3})

        # a new priority, then edited
        await pilot.press("ctrl+o")
        await settle(pilot)
        fill(app, description="", responsible="Plansjef")
        await save(pilot)
        assert app.screen.query_one("#field-description").has_class("invalid")
        fill(app, description="Eget budsjett for utviklingsarbeid", component="economy")
        await save(pilot)
        pr = next(p for p in capacity.get_assessment(tui_db.uow(), a.id).priorities
                  if p.description == "Eget budsjett for utviklingsarbeid")
        assert (pr.component, pr.responsible) == ("economy", "Plansjef")
        assert area.table.current is not None and area.table.current.key == ("priority", pr.id)
        await pilot.press("enter")
        await settle(pilot)
        fill(app, responsible="Økonomisjef")
        await save(pilot)
        assert next(p for p in capacity.get_assessment(tui_db.uow(), a.id).priorities
                    if p.id == pr.id).responsible == "Økonomisjef"

        # delete the participant: the question names the scores; Nei keeps, Ja deletes
        assert area.table.move_to(("participant", added.id))
        await settle(pilot)
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        text = question(app)
        assert "Slette deltakeren Kari Fiktiv?" in text
        assert "De individuelle skårene (2) slettes også" in text
        await pilot.press("enter")  # Enter is «Nei»
        await settle(pilot)
        assert snapshot(tui_db.engine) == before
        await pilot.press("delete", "j")
        await settle(pilot)
        after = capacity.get_assessment(tui_db.uow(), a.id)
        assert added.id not in {p.id for p in after.participants}
        assert ("participant", added.id) not in {r.key for r in area.table.rows}

        # back: Evaluering reads the session again (the participant count in its detail)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)
        current = table.current
        assert current is not None and current.key == ("capacity", a.id)
        assert f"({len(after.participants)} deltakere)" in flat_text(app)
        if size == WIDE:  # below the chart: off a narrow screen
            assert "Eget budsjett for utviklingsarbeid" in flat_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_factors_of_a_priority_session(tui_db: Database, size: tuple[int, int]) -> None:
    session = priority.list_sessions(tui_db.uow())[0]
    detail = priority.get_session(tui_db.uow(), session.id)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = evaluation_table(app)
        assert table.move_to(("priority", session.id))
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        area = list_area(app)
        assert area.table.total == len(detail.factors)
        assert "Faktorer – " in flat_text(app)

        # filter by quadrant, then by typing
        quick(app, "Prioriter")
        await settle(pilot)
        assert area.table.rows
        assert all(r.data.quadrant == "prioritise" for r in area.table.rows)
        area.query_one("#quick", Select).clear()
        await settle(pilot)
        f = detail.factors[0]
        await type_text(pilot, f.name.lower())
        await pilot.press("down")
        await settle(pilot)
        assert area.table.current is not None and area.table.current.key == f.id
        assert "Deltakernes skårer" in flat_text(app)
        await pilot.press("slash", "escape")  # clears the filter
        await settle(pilot)

        # add: half a placing is refused at the field, nothing saved
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, name="Kollektivtilbud", importance="4")
        await save(pilot)
        assert app.screen.query_one("#field-influence").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, influence="2")
        await save(pilot)
        new = next(x for x in priority.get_session(tui_db.uow(), session.id).factors
                   if x.name == "Kollektivtilbud")
        assert (new.agreed_importance, new.agreed_influence, new.quadrant) == (
            4, 2, "influence_others")
        assert area.table.current is not None and area.table.current.key == new.id

        # a participant's score of it
        await pilot.press("ctrl+k")
        await settle(pilot)
        fill(app, participant="Jon Fiktiv", importance="5", influence="0")
        await save(pilot)
        assert app.screen.query_one("#field-influence").has_class("invalid")
        fill(app, influence="4")
        await save(pilot)
        scores = [x for x in priority.get_session(tui_db.uow(), session.id).scores
                  if x.factor == "Kollektivtilbud"]
        assert [(x.participant, x.importance, x.influence) for x in scores] == [
            ("Jon Fiktiv", 5, 4)]

        # edit: rename, and clear the placing (the quadrant follows the score then)
        await pilot.press("enter")
        await settle(pilot)
        fill(app, name="Kollektivtilbud og skyss", importance="", influence="")
        await save(pilot)
        edited = next(x for x in priority.get_session(tui_db.uow(), session.id).factors
                      if x.id == new.id)
        assert (edited.name, edited.agreed_importance, edited.quadrant) == (
            "Kollektivtilbud og skyss", None, "prioritise")

        # delete: the question names the scores; Nei keeps
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert "Slette faktoren «Kollektivtilbud og skyss»? Deltakernes vurderinger av den (1) " \
               "slettes også." in question(app)
        await pilot.press("enter")
        await settle(pilot)
        assert snapshot(tui_db.engine) == before

        # one participant's score removed: choose who, then confirm (Nei keeps, Fjern removes)
        for answer in ("enter", "j"):
            await pilot.press("ctrl+d")
            await settle(pilot)
            assert isinstance(app.screen, ChooseScreen)
            app.screen.query_one(OptionList).highlighted = 0
            await pilot.press("enter")
            await settle(pilot)
            assert "Fjerne skåren til Jon Fiktiv for «Kollektivtilbud og skyss»?" in question(app)
            await pilot.press(answer)
            await settle(pilot)
            if answer == "enter":
                assert snapshot(tui_db.engine) == before
        assert "Kollektivtilbud og skyss" not in {
            x.factor for x in priority.get_session(tui_db.uow(), session.id).scores}
        assert area.table.current is not None and area.table.current.key == new.id
        assert area.table.current.data.scores == 0

        # Ja deletes the factor
        await pilot.press("delete")
        await settle(pilot)
        assert question(app) == "Slette faktoren «Kollektivtilbud og skyss»?"
        await pilot.press("j")
        await settle(pilot)
        left = priority.get_session(tui_db.uow(), session.id)
        assert new.id not in {x.id for x in left.factors}
        assert "Kollektivtilbud og skyss" not in {x.factor for x in left.scores}

        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)
        assert f"{session.title}" in flat_text(app)
