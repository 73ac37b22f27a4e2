"""Samlinger: send a gathering's invitation by e-mail from its detail, and see the send log."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from nettverk.services.database import Database, connect
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.mail.conftest import ANNE, BJORN, LEADER, PARTNER, add_gathering, build
from tests.mail.smtp_server import smtp_server
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import settle

pytestmark = pytest.mark.asyncio


@pytest.fixture
def mail_db(tmp_path: Path) -> Iterator[Database]:
    db = connect(f"sqlite:///{tmp_path / 'mail.db'}", "testbruker")
    build(db)
    yield db
    db.close()


async def test_send_from_the_gathering_detail_lists_missing_addresses_and_shows_the_log(
        mail_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    gid = add_gathering(mail_db)
    with smtp_server() as (port, received):
        for name, value in {"HOST": "127.0.0.1", "PORT": str(port), "SECURITY": "none",
                            "FROM": LEADER}.items():
            monkeypatch.setenv(f"NETTVERK_SMTP_{name}", value)
        app = NettverkApp(mail_db, today=TODAY, title="test", start="samlinger")
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            table = app.query_one("#area-samlinger #table", VirtualTable)
            assert table.move_to(gid)
            table.focus()
            await settle(pilot)
            await pilot.press("ctrl+u")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            asked = app.screen.question
            assert "3 mottakere" in asked
            assert "Ola Uten E-post (Osen)" in asked and "Per Partner (Distriktssenteret)" in asked
            assert received.messages == []  # nothing is sent before the answer
            await pilot.press("j")
            await settle(pilot)
            assert sorted(r[0] for r, _ in received.messages) == sorted([ANNE, BJORN, PARTNER])
            assert any("Sendt: 3" in n.message for n in app._notifications)
            # the detail pane (below the list at 80x24; read whole, as scrolling would show it)
            detail = app.query_one("#area-samlinger #detail", Static)
            console = Console(width=120, record=True, file=io.StringIO())
            console.print(detail.content)
            shown = console.export_text()
            assert "Invitasjoner (e-post)" in shown
            assert "Ánne Máret Sárá" in shown and shown.count("sendt") == 3
