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
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from nettverk.domain.folding import fold
from nettverk.forms import every_form
from nettverk.forms.fields import FormField, FormSpec
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.picker import Picker, PickList
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import settle, type_text

FORMS = every_form()
NAMES = sorted(FORMS)
ROOT = Path(__file__).resolve().parents[2] / "nettverk"

#: Text each kind of field refuses (choices cannot be typed wrong; free text only when required).
WRONG = {"int": "mange", "decimal": "litt", "date": "32.13.2020", "datetime": "32.13.2020 25:00",
         "money": "dyrt", "bool": "kanskje", "reference": "zzqxj finnes ikke"}


def spec_of(name: str, db: Database) -> FormSpec:
    """The declaration opened with its example arguments, read from the demo data."""
    make, example = FORMS[name]
    return make(**example(db))


def make_app(db: Database) -> NettverkApp:
    return NettverkApp(db, today=TODAY, title="demo", start="eksport")


def editable(form: FormScreen) -> list[tuple[FormField, Widget]]:
    """The fields a person can change, with their inputs, in order."""
    pairs = [(f, form.query_one(f"#input-{f.name}")) for f in form.fields]
    return [(f, w) for f, w in pairs if not w.disabled and w.focusable]


def text_of(widget: Widget) -> str:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else str(widget.value)
    assert isinstance(widget, Input)
    return widget.value


async def open_form(app: NettverkApp, pilot: Any, spec: FormSpec, *keys: str) -> FormScreen:
    """Push the form and, in the same burst, the keys (before it is drawn), as a typist would."""
    app.push_screen(FormScreen(spec))
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot)
    form = app.screen
    assert isinstance(form, FormScreen), type(form)
    return form


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


#: The forms in a few groups, each checked in one running app (an app start costs more than all
#: its forms together); a failure names its form, and every form of the group is still checked.
GROUPS = [NAMES[i::6] for i in range(6)]


async def check_each(db: Database, names: list[str], check: Any) -> None:
    """Run `check(app, pilot, name, spec)` for every form in one app at 80x24, back on the base
    screen between forms; fail with every form that failed."""
    failures = []
    app = make_app(db)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        for name in names:
            try:
                await check(app, pilot, name, spec_of(name, db))
            except AssertionError as error:
                failures.append(f"{name}: {error}")
            while len(app.screen_stack) > 1:
                app.pop_screen()
            await settle(pilot)
    assert not failures, "\n".join(failures)


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


@pytest.mark.asyncio
@pytest.mark.parametrize("names", GROUPS, ids=[f"{g[0]}…" for g in GROUPS])
async def test_saving_shows_every_error_at_once_and_pickers_ignore_case_and_accents(
    tui_db: Database, names: list[str],
) -> None:
    await check_each(tui_db, names, _shows_every_error_and_picks_by_name)


async def _shows_every_error_and_picks_by_name(app: NettverkApp, pilot: Any, name: str,
                                               spec: FormSpec) -> None:
    form = await open_form(app, pilot, spec)
    fields = editable(form)

    for f, widget in fields:  # a reference field is a picker that finds a choice by its name
        if f.kind != "reference":
            continue
        assert isinstance(widget, Picker), f"{name}.{f.name}: {type(widget).__name__}"
        choices = widget.choices or []
        assert choices, f"{name}.{f.name}: no choices loaded"
        choice = next((c for c in choices if not c.label.isascii()), choices[0])
        query = " ".join(re.findall(r"[a-z0-9]+", fold(choice.label))[:4]).upper()
        widget.value = ""
        widget.focus()
        await type_text(pilot, query)
        await settle(pilot)
        pick = form.query_one(f"#pick-{f.name}", PickList)
        shown = [str(pick.get_option_at_index(i).prompt) for i in range(pick.option_count)]
        assert pick.display and choice.label in shown, f"{name}.{f.name}: {query} → {shown}"
        for _ in range(shown.index(choice.label)):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert form.values(strict=True)[f.name] == choice.value

    wrong = {f.name: WRONG.get(f.kind, "")
             for f, _ in fields
             if f.kind in WRONG or (f.required and f.kind in ("text", "multiline"))}
    if not wrong:
        return  # only choices and optional text: nothing can be typed wrong
    for f, widget in fields:
        if f.name not in wrong:
            continue
        if isinstance(widget, TextArea):
            widget.text = wrong[f.name]
        else:
            assert isinstance(widget, Input)
            widget.value = wrong[f.name]
    form.query_one(f"#input-{fields[0][0].name}").focus()
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert app.screen is form and not form.saving, f"{name}: the service was called"
    invalid = {w.id for w in form.query(".field.invalid")}
    assert invalid == {f"field-{n}" for n in wrong}, name
    for n in wrong:
        assert str(form.query_one(f"#error-{n}").render()).strip(), f"{name}.{n}: no message"
    first_wrong = next(w for f, w in fields if f.name in wrong)
    assert app.focused is first_wrong
