"""What used to need the command line, done in the TUI at 80x24 (through the same services)."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.domain.network import election_year_for_period
from nettverk.services import agreements, applications, capacity, focus_areas, persons, plans, programmes
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.list_area import ListArea
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import fill, flat_text, settle

pytestmark = pytest.mark.asyncio


def make_app(db: Database, start: str) -> NettverkApp:
    return NettverkApp(db, today=TODAY, title="demo", start=start)


def table(app: NettverkApp, area: str) -> VirtualTable:
    return app.query_one(f"#area-{area} #table", VirtualTable)


async def save(pilot: object) -> None:
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_a_new_programme_with_its_rules_is_listed_before_it_has_participants_and_can_be_deleted(
    tui_db: Database,
) -> None:
    app = make_app(tui_db, "program")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        fill(app, slug="nettverk-2027", name="Nytt nettverk 2027", kind="learning_network",
             starts="01.01.2027", owner="Nordland fylkeskommune", min_per_county="1",
             max_per_county="3", gatherings_per_year_min="2", gatherings_per_year_max="3",
             physical_per_year="1")
        await save(pilot)
        assert not isinstance(app.screen, FormScreen)
        rows = table(app, "program")
        assert rows.current is not None and rows.current.key == ("nettverk-2027", "")
        assert "ingen deltakere ennå" in rows.current.cells[2]
        assert "Per fylke 1–3" in flat_text(app)  # the rules, in the detail
        p = programmes.get_programme(tui_db.uow(), "nettverk-2027")
        assert (p.min_per_county, p.max_per_county, p.gatherings_per_year_min,
                p.gatherings_per_year_max, p.physical_per_year) == (1, 3, 2, 3, 1)

        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#yes")
        await settle(pilot)
    assert "nettverk-2027" not in {p.slug for p in programmes.list_programmes(tui_db.uow())}


async def test_a_programme_in_use_is_not_deleted(tui_db: Database) -> None:
    from nettverk.domain.errors import DomainError
    from nettverk.services.programme_deletion import delete_programme

    with pytest.raises(DomainError, match="deltakelse"):
        delete_programme(tui_db.uow(), "mindre-kommuner-2020")


async def test_an_agreements_focus_areas_and_contact_persons_are_changed(tui_db: Database) -> None:
    a = next(x for x in agreements.list_agreements(tui_db.uow()) if x.status == "offered")
    areas = focus_areas.list_focus_areas(tui_db.uow())
    person = persons.list_persons(tui_db.uow())[0]
    app = make_app(tui_db, "avtaler")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert table(app, "avtaler").move_to(a.id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        wanted = [areas[0].name, areas[-1].name]  # by name, not by code
        fill(app, focus_areas=", ".join(wanted), county_contact=person.name)
        await save(pilot)
        assert not isinstance(app.screen, FormScreen), flat_text(app)
    fresh = agreements.get_agreement(tui_db.uow(), a.id)
    assert set(fresh.focus_areas) == {areas[0].code, areas[-1].code}
    assert fresh.county_contact == person.name


async def test_an_application_without_a_round_warns_and_its_round_can_be_chosen(
    tui_db: Database,
) -> None:
    rnd = next(r for r in applications.list_rounds(tui_db.uow())
               if r.programme == "mindre-kommuner-2020")
    app = make_app(tui_db, "soknader")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, programme="mindre-kommuner-2020", municipality="Hábmer", received="01.09.2019")
        await save(pilot)
        assert not isinstance(app.screen, FormScreen), flat_text(app)
        assert any("hører ikke til noen utlysning" in n.message for n in app._notifications)
        added = next(x for x in applications.list_applications(tui_db.uow(), "mindre-kommuner-2020")
                     if x.municipality == "1875")
        assert added.round_id is None
        assert table(app, "soknader").move_to(added.id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        fill(app, round=rnd.title)  # before the round opened: refused at the field
        await save(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "mottatt før utlysningen åpnet" in flat_text(app)
        fill(app, received="20.10.2019")
        await save(pilot)
        assert not isinstance(app.screen, FormScreen), flat_text(app)
    assert applications.get_application(tui_db.uow(), added.id).round_id == rnd.id


async def _capacity_rows(app: NettverkApp, pilot: object, assessment_id: int) -> ListArea:
    assert table(app, "evaluering").move_to(("capacity", assessment_id))
    await pilot.press("ctrl+l")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    return app.screen.query_one(ListArea)


async def test_the_reasoning_behind_a_participants_score_is_recorded(tui_db: Database) -> None:
    a = capacity.list_assessments(tui_db.uow())[0]
    first = capacity.get_assessment(tui_db.uow(), a.id).participants[0]
    app = make_app(tui_db, "evaluering")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        area = await _capacity_rows(app, pilot, a.id)
        assert area.table.move_to(("participant", first.id))
        await pilot.press("enter")
        await settle(pilot)
        fill(app, economy_reasoning="Ingen egne utviklingsmidler i budsjettet")
        await save(pilot)
        assert not isinstance(app.screen, FormScreen), flat_text(app)
    d = capacity.get_assessment(tui_db.uow(), a.id)
    reasons = {x.component: x.reasoning for x in d.scores if x.participant == first.name}
    assert reasons["economy"] == "Ingen egne utviklingsmidler i budsjettet"


async def test_consensus_on_all_five_components_in_one_form_beside_the_individual_scores(
    tui_db: Database,
) -> None:
    a = capacity.list_assessments(tui_db.uow())[0]
    d = capacity.get_assessment(tui_db.uow(), a.id)
    app = make_app(tui_db, "evaluering")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert table(app, "evaluering").move_to(("capacity", a.id))
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        some = next(x for x in d.scores if x.component == "leadership")
        note = str(form.query_one("#note-leadership").render())
        assert f"{some.participant} {some.score}" in note
        fill(app, leadership="2", competence="3", culture="4", economy="2", time="5",
             culture_justification="Åpen for å prøve nytt")
        await save(pilot)
        assert not isinstance(app.screen, FormScreen), flat_text(app)
    after = capacity.get_assessment(tui_db.uow(), a.id)
    assert after.assessment.consensus == {"leadership": 2, "competence": 3, "culture": 4,
                                          "economy": 2, "time": 5}
    assert next(c for c in after.consensus if c.component == "culture").justification == (
        "Åpen for å prøve nytt")


async def test_the_councils_constitution_date_is_set_in_planarbeid(tui_db: Database) -> None:
    doc = next(d for d in plans.list_plan_documents(tui_db.uow()) if d.kind == "plan_strategy")
    app = make_app(tui_db, "planarbeid")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        rows = table(app, "planarbeid")
        assert rows.move_to(next(r.key for r in rows.rows if r.key[1] == doc.municipality))
        await pilot.press("ctrl+k")
        await settle(pilot)
        on = date(election_year_for_period(doc.period_start, TODAY), 10, 24)
        fill(app, on=on.strftime("%d.%m.%Y"))
        await save(pilot)
        assert not isinstance(app.screen, FormScreen), flat_text(app)
    assert plans.get_plan_document(tui_db.uow(), doc.id).council_constituted_on == on
