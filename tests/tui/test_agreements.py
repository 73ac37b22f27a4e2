"""Avtaler: open, filter, add (inline refusal first), status change, edit with conflict, action."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import agreement_actions, agreements
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]


def table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-avtaler #table", VirtualTable)


def by_municipality(db: Database) -> dict[str, agreements.AgreementView]:
    return {a.municipality: a for a in agreements.list_agreements(db.uow())}


@pytest.mark.parametrize("size", SIZES)
async def test_add_filter_and_sign_an_agreement(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="avtaler")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert table(app).total == len(agreements.list_agreements(tui_db.uow()))
        await pilot.press("ctrl+n")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        fill(app, municipality="1804", offered_on="01.02.2026")  # Bodø has one already
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one(".field.invalid") is not None
        assert snapshot(tui_db.engine) == before
        fill(app, municipality="1838")  # Gildeskål
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = by_municipality(tui_db)["1838"]
        assert added.status == "offered" and added.offered_on == date(2026, 2, 1)

        await pilot.press("slash", "escape")
        await type_text(pilot, "gildesk")
        await pilot.press("enter")
        await settle(pilot)
        assert [r.key for r in table(app).rows] == [added.id]
        await pilot.press("enter")
        await settle(pilot)
        fill(app, status="signed", on="20.02.2026", signed_on="20.02.2026", starts="01.03.2026",
             ends="28.02.2030")
        await pilot.press("ctrl+s")
        await settle(pilot)
        signed = by_municipality(tui_db)["1838"]
        assert signed.status == "signed" and signed.ends == date(2030, 2, 28)
        assert "Signert" in screen_text(app)


async def test_edit_refuses_a_stale_version_and_reloads(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="avtaler")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")  # the first agreement (Bodø)
        await settle(pilot)
        first = table(app).rows[0].data
        agreements.update_agreement(tui_db.uow(), first.id, notes="Endret av en kollega")
        fill(app, archive_ref="26/00001-1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "endret" in screen_text(app).lower()
        assert agreements.get_agreement(tui_db.uow(), first.id).archive_ref == first.archive_ref
        await pilot.press("ctrl+r")
        await settle(pilot)
        fill(app, archive_ref="26/00001-1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = agreements.get_agreement(tui_db.uow(), first.id)
        assert (saved.archive_ref, saved.notes) == ("26/00001-1", "Endret av en kollega")
        await pilot.press("ctrl+k")
        await settle(pilot)
        fill(app, title="Felles kulturkalender", due="01.09.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        titles = [x.title for x in agreement_actions.list_actions(tui_db.uow(), agreement_id=first.id)]
        assert "Felles kulturkalender" in titles
