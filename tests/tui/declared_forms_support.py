"""What the declared-form tests share: the registry, opening a form with keys typed at once,
and checking every form in a few running apps (tests/tui/test_declared_forms*.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from nettverk.forms import every_form
from nettverk.forms.fields import FormField, FormSpec
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import settle

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
