"""Every declared form (nettverk.forms), at 80x24, as a person uses it: it opens with the first
editable field focused and takes keys typed at once; Esc on an untouched form closes it at once
(and asks once something was typed); saving with several wrong fields shows every error at
once, each on its field, and calls no service; reference fields are pickers that find a choice
typed without case or accents.

The tests are parametrized over the registry of declarations, so a new form is covered as soon
as it is declared (with `@declared(example)`), and no form is built any other way."""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest
from textual.widgets import Select

from nettverk.forms.fields import FormSpec
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from tests.tui.conftest import NARROW
from tests.tui.declared_forms_support import (
    FORMS,
    GROUPS,
    ROOT,
    check_each,
    editable,
    open_form,
    text_of,
)
from tests.tui.pilot import settle


def test_every_form_is_declared_and_opened_from_its_declaration() -> None:
    """Each function in nettverk.forms that builds a FormSpec is registered (with an example),
    and the TUI opens forms only from declarations."""
    import importlib
    import pkgutil

    import nettverk.forms

    declared = {make for make, _ in FORMS.values()}
    for module in pkgutil.iter_modules(nettverk.forms.__path__):
        loaded = importlib.import_module(f"nettverk.forms.{module.name}")
        for name, thing in vars(loaded).items():
            if (inspect.isfunction(thing) and thing.__module__ == loaded.__name__
                    and not name.startswith("_")
                    and inspect.signature(thing).return_annotation in ("FormSpec", FormSpec)):
                assert thing in declared, f"{loaded.__name__}.{name} is not @declared"
    ad_hoc = []
    for path in (ROOT / "tui").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"FormScreen\((?!forms\.|spec\)|ModalScreen)", line):
                ad_hoc.append(f"{path.name}: {line.strip()}")
    assert not ad_hoc, ad_hoc


@pytest.mark.asyncio
@pytest.mark.parametrize("names", GROUPS, ids=[f"{g[0]}…" for g in GROUPS])
async def test_the_form_opens_focused_takes_keys_at_once_and_closes_untouched(
    tui_db: Database, names: list[str],
) -> None:
    await check_each(tui_db, names, _opens_focused_takes_keys_and_closes_untouched)


async def _opens_focused_takes_keys_and_closes_untouched(app: NettverkApp, pilot: Any, name: str,
                                                         spec: FormSpec) -> None:
    form = await open_form(app, pilot, spec)
    fields = editable(form)
    untouched = form.values()
    if fields:
        assert app.focused is fields[0][1], f"{name}: {app.focused!r}"
    assert form.query_one("#save").region.bottom <= NARROW[1]  # the buttons are on screen
    await pilot.press("escape")  # untouched: closes at once, asks nothing
    await settle(pilot)
    assert not isinstance(app.screen, (FormScreen, ConfirmScreen)), name

    form = await open_form(app, pilot, spec, "x", "y", "z")
    if not fields:
        return
    first_field, _ = fields[0]
    first = form.query_one(f"#input-{first_field.name}")
    assert app.focused is first
    if isinstance(first, Select):  # a choice takes no letters; they must not go elsewhere
        assert form.values() == untouched, name
        return
    assert text_of(first).endswith("xyz"), f"{name}: {text_of(first)!r}"
    await pilot.press("escape")  # typed: asks before the input is lost
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen), name
