"""The one modal form: built from a declaration (`FormSpec`: fields, kinds, references, the service
call), it takes keys from the moment it is drawn, focuses the first editable field, loads the
pickers' choices in a worker, shows every error at once next to its field, asks before unsaved
input is lost (Esc, Ctrl+Q, Ctrl+C) and scrolls, with its buttons always visible, at 80x24."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea

from nettverk.domain.errors import ConflictError, DomainError
from nettverk.forms.fields import DATE_HINT, DATETIME_HINT, FormField, FormSpec
from nettverk.tui import references
from nettverk.tui.messages import Reloaded, Saved, ServiceFailed
from nettverk.tui.references import Choice
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.widgets.picker import Picker, PickList

__all__ = ["FormScreen", "FormSpec"]


class ChoicesLoaded(Message):
    """A reference field's choices were read."""

    def __init__(self, kind: str, choices: list[Choice]) -> None:
        super().__init__()
        self.kind = kind
        self.choices = choices


class TextBox(TextArea):
    """A multi-line text field; `value` like a one-line field's."""

    @property
    def value(self) -> str:
        """The text."""
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.text = text


class FieldsLoaded(Message):
    """Values for untouched fields and notes under fields, read after the form was drawn."""

    def __init__(self, values: dict[str, str], notes: dict[str, str]) -> None:
        super().__init__()
        self.values = values
        self.notes = notes


class FormScreen(ModalScreen[object | None]):
    """Collects values, saves them in a worker, and dismisses with the saved view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lagre", priority=True, id="form.save"),
        Binding("escape", "cancel", "Avbryt", id="form.cancel"),
        Binding("ctrl+r", "reload", "Last inn på nytt", show=False, id="form.reload"),
        Binding("ctrl+c", "quit_guarded", "Avslutt", show=False, priority=True, id="form.quit"),
        # Priority, so keys typed right after Tab go to the next field even when they arrive
        # in the same burst (a fast typist, a paste) before the field has taken the earlier ones.
        Binding("tab", "next_field", "Neste felt", show=False, priority=True, id="form.next"),
        Binding("shift+tab", "previous_field", "Forrige felt", show=False, priority=True,
                id="form.previous"),
    ]

    def __init__(self, spec: FormSpec) -> None:
        """The form a use case declares (`nettverk.forms`)."""
        super().__init__(classes="dialog-screen")
        self.spec = spec
        self.save_label = spec.save_label
        self.done = spec.done
        self.title_text = spec.title
        self.fields: list[FormField] = list(spec.fields)
        self.initial = dict(spec.initial)
        self.save_fn = spec.save
        self.reload_fn = spec.reload
        self.load_fn = spec.load
        self.saving = False
        self.theirs: dict[str, str] | None = None  # the other person's version after a conflict
        self._early_keys: list[events.Key] | None = []  # keys that came before the fields did
        self._baseline: dict[str, str] = {}  # the values as first shown (untouched = not dirty)
        self._flagged: dict[str, str] = {}  # the text each flagged field had when its error was shown
        self._choices: dict[str, list[Choice]] = {}  # every choice of each reference kind read

    def compose(self) -> ComposeResult:
        """A labelled input per field and a place for its error; the focused field's help below."""
        with Vertical(classes="dialog form"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static("", id="form-error", classes="form-error")
            with VerticalScroll(classes="form-fields", can_focus=False):
                for f in self.fields:
                    with Vertical(classes="field", id=f"field-{f.name}"):
                        with Horizontal(classes=f"field-row {f.kind}"):
                            star = " *" if f.required and not f.read_only else ""
                            yield Label(f.label + star, classes="field-label")
                            yield self._input(f)
                        if f.kind == "reference":
                            pick = PickList(id=f"pick-{f.name}", classes="pick-list")
                            pick.display = False
                            yield pick
                        yield Label("", id=f"note-{f.name}", classes="field-note")
                        yield Label("", id=f"error-{f.name}", classes="field-error")
            with Vertical(classes="form-foot"):
                yield Static("", id="form-help", classes="form-help")
                with Horizontal(classes="buttons"):
                    yield Button(f"{self.save_label} (Ctrl+S)", variant="primary", id="save",
                                 compact=True)
                    yield Button("Avbryt (Esc)", id="cancel", compact=True)
                    yield Button("Last inn på nytt", id="reload", classes="hidden",
                                 compact=True)

    def _input(self, f: FormField) -> Widget:
        value = self.initial.get(f.name, "")
        if f.kind == "choice":
            return Select([(label, v) for label, v in f.choices], value=value or Select.NULL,
                          allow_blank=not f.required, id=f"input-{f.name}",
                          disabled=f.read_only, prompt="Velg …", compact=True)
        if f.kind == "reference":
            return Picker(value, field=f.name, label=f.label, multiple=f.multiple,
                          id=f"input-{f.name}", disabled=f.read_only)
        if f.kind == "multiline":
            area = TextBox(value, id=f"input-{f.name}", disabled=f.read_only, compact=True,
                            soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            return area
        return Input(value, placeholder=f.placeholder, id=f"input-{f.name}", disabled=f.read_only,
                     compact=True)

    def help_text(self, f: FormField) -> str:
        """The help shown below the form while the field has the focus."""
        hint = f.hint or {"date": DATE_HINT, "datetime": DATETIME_HINT}.get(f.kind, "")
        if f.kind == "reference":
            many = "; flere skilles med komma" if f.multiple else ""
            hint = (hint + " · " if hint else "") + f"skriv navn eller nummer, ↑↓ og Enter velger{many}"
        return f"{f.label}: {hint}" if hint else f.label

    # --- opening: keys are taken from the first frame ------------------------------------

    def _forward_event(self, event: events.Event) -> None:
        # Keys typed before the fields are mounted are kept and given to the first field.
        if isinstance(event, events.Key) and self._early_keys is not None:
            self._early_keys.append(event)
            return
        super()._forward_event(event)

    def on_mount(self) -> None:
        """Focus the first editable field, hand it what was typed already, load the choices."""
        first = self._first_editable()
        if first is not None:
            first.focus(scroll_visible=False)
        self._baseline = self.values()
        early, self._early_keys = self._early_keys or [], None
        for key in early:
            self._replay(key)
        kinds = sorted({f.reference for f in self.fields if f.kind == "reference" and f.reference})
        if kinds:
            self._load_choices(kinds)
        if self.load_fn is not None:
            self._load_fields()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-load")
    def _load_fields(self) -> None:
        assert self.load_fn is not None
        try:
            values, notes = self.load_fn(self.app.db)  # type: ignore[attr-defined]
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
        else:
            self.post_message(FieldsLoaded(values, notes))

    @on(FieldsLoaded)
    def _fields_loaded(self, message: FieldsLoaded) -> None:
        for f in self.fields:
            note = message.notes.get(f.name, "")
            label = self.query_one(f"#note-{f.name}", Label)
            label.update(note)
            label.set_class(bool(note), "shown")
            if f.name not in message.values:
                continue
            value = message.values[f.name]
            widget = self.query_one(f"#input-{f.name}")
            current = self.values().get(f.name, "")
            if current != self._baseline.get(f.name, ""):
                continue  # typed already: what the user typed stays
            if isinstance(widget, Select):
                widget.value = value or Select.NULL
            elif isinstance(widget, Input):
                widget.value = value
            elif isinstance(widget, TextArea):
                widget.text = value
            self.initial[f.name] = value
            self._baseline[f.name] = self.values()[f.name]

    def _replay(self, key: events.Key) -> None:
        """Do what a key typed before the fields were there would have done, in order."""
        focused = self.focused
        if key.key == "tab":
            self.focus_next()
        elif key.key == "shift+tab":
            self.focus_previous()
        elif key.key == "ctrl+s":
            self.action_save()
        elif isinstance(focused, Input) and key.is_printable and key.character:
            focused.insert_text_at_cursor(key.character)
        elif isinstance(focused, Input) and key.key == "backspace":
            focused.action_delete_left()
        elif isinstance(focused, TextArea) and key.is_printable and key.character:
            focused.insert(key.character)
        else:
            (focused or self).post_message(events.Key(key.key, key.character))

    def _first_editable(self) -> Widget | None:
        for f in self.fields:
            widget = self.query_one(f"#input-{f.name}")
            if not widget.disabled and widget.focusable:
                return widget
        return None

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-choices")
    def _load_choices(self, kinds: list[str]) -> None:
        db = self.app.db  # type: ignore[attr-defined]
        for kind in kinds:
            try:
                choices = references.load(db, kind)
            except Exception:  # the picker then passes the typed text on to the service
                continue
            self.post_message(ChoicesLoaded(kind, choices))

    @on(ChoicesLoaded)
    def _choices_loaded(self, message: ChoicesLoaded) -> None:
        self._choices[message.kind] = message.choices
        for f in self.fields:
            if f.kind == "reference" and f.reference == message.kind:
                picker = self.query_one(f"#input-{f.name}", Picker)
                untouched = picker.value == self._baseline.get(f.name)
                picker.set_choices(self._narrowed(f))
                if untouched:  # the name replaces the number; that is not a change
                    self._baseline[f.name] = picker.lenient_value()
            elif f.narrowed_by and self._choices.get(f.reference) is not None:
                self._renarrow(f.narrowed_by)  # the narrowing field now shows a name

    def _narrowed(self, f: FormField) -> list[Choice]:
        """The field's choices, only those of the narrowing field's value if it has one."""
        choices = self._choices.get(f.reference, [])
        if not f.narrowed_by:
            return choices
        by = self.query_one(f"#input-{f.narrowed_by}", Picker)
        try:
            value = by.chosen_value()
        except DomainError:  # nothing chosen yet that names one: offer them all
            value = ""
        return references.narrow(choices, value)

    def _renarrow(self, changed: str) -> None:
        """The fields narrowed by `changed` offer what belongs to its new value."""
        for f in self.fields:
            if f.narrowed_by == changed and f.reference in self._choices:
                self.query_one(f"#input-{f.name}", Picker).set_choices(self._narrowed(f))

    @on(OptionList.OptionSelected, ".pick-list")
    def _clicked_match(self, event: OptionList.OptionSelected) -> None:
        """A match clicked with the mouse is taken, as Enter takes it."""
        event.stop()
        name = str(event.option_list.id).removeprefix("pick-")
        picker = self.query_one(f"#input-{name}", Picker)
        event.option_list.highlighted = event.option_index
        picker.action_pick()
        picker.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Show the focused field's help."""
        for f in self.fields:
            if event.widget.id == f"input-{f.name}":
                self.query_one("#form-help", Static).update(self.help_text(f))

    # --- values ------------------------------------------------------------------------

    def values(self, strict: bool = False) -> dict[str, str]:
        """What the user has typed, by field name (hidden initial values included); a picker
        gives its choice's value (with `strict`, a text matching none or many raises)."""
        result = {k: v for k, v in self.initial.items() if k.startswith("_")}
        for f in self.fields:
            widget = self.query_one(f"#input-{f.name}")
            if isinstance(widget, Select):
                result[f.name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, Picker):
                result[f.name] = widget.chosen_value() if strict else widget.lenient_value()
            elif isinstance(widget, Input):
                result[f.name] = widget.value
            elif isinstance(widget, TextArea):
                result[f.name] = widget.text
        return result

    @property
    def dirty(self) -> bool:
        """True when something differs from what the form showed when it opened."""
        current = self.values()
        baseline = self._baseline or {f.name: self.initial.get(f.name, "") for f in self.fields}
        return any(current[f.name] != baseline.get(f.name, "") for f in self.fields)

    def check(self) -> tuple[dict[str, str], dict[str, str]]:
        """The values, and every error found by the fields' kinds and the pickers (no database)."""
        errors: dict[str, str] = {}
        values = self.values()
        for f in self.fields:
            widget = self.query_one(f"#input-{f.name}")
            if isinstance(widget, Picker):
                try:
                    values[f.name] = widget.chosen_value()
                except DomainError as exc:
                    errors[f.name] = exc.message
                    continue
            problem = f.check(values[f.name])
            if problem:
                errors[f.name] = problem
        return values, errors

    def _clear_errors(self) -> None:
        for label in self.query(".field-error").results(Label):
            label.update("")
        self.query_one("#form-error", Static).update("")
        self.query(".field").remove_class("invalid")

    # --- saving -------------------------------------------------------------------------

    def action_next_field(self) -> None:
        """Tab: the next field (after the keys typed before it, if the form is not drawn yet)."""
        if self._early_keys is not None:
            self._early_keys.append(events.Key("tab", None))
        else:
            self.focus_next()

    def action_previous_field(self) -> None:
        """Shift+Tab: the previous field."""
        if self._early_keys is not None:
            self._early_keys.append(events.Key("shift+tab", None))
        else:
            self.focus_previous()

    def action_save(self) -> None:
        """Check every field at once; if all are well, save in a worker. Keys typed before
        Ctrl+S that the fields have not handled yet are handled first."""
        if self._early_keys is not None:  # typed before the fields were there: save after them
            self._early_keys.append(events.Key("ctrl+s", None))
            return
        # Ctrl+S is a priority key: it can overtake characters still queued at a field. Each
        # field runs the save after what it has queued, one field after the other.
        inputs = [self.query_one(f"#input-{f.name}") for f in self.fields]
        self._after_queued(inputs, self._save_now)

    def _after_queued(self, widgets: list[Widget], then: Callable[[], object]) -> None:
        if not widgets:
            then()
            return
        first, rest = widgets[0], widgets[1:]
        first.call_later(self._after_queued, rest, then)

    def _save_now(self) -> None:
        if self.saving or not self.is_attached:
            return
        self._clear_errors()
        values, errors = self.check()
        if errors:
            self._show_errors(errors)
            return
        self.saving = True
        self.query_one(".form-fields").loading = True  # the progress indicator while working
        self._save(values)

    def _show_errors(self, errors: dict[str, str], general: str = "") -> None:
        """Each error next to its field, all at once; the first invalid field gets the focus."""
        first: Widget | None = None
        unplaced = [general] if general else []
        for name, message in errors.items():
            field = next((f for f in self.fields if f.owns(name)), None)
            if field is None:  # the message names what it is about, in Norwegian
                unplaced.append(message)
                continue
            self.query_one(f"#error-{field.name}", Label).update(message)
            self.query_one(f"#field-{field.name}").add_class("invalid")
            self._flagged[field.name] = self.values().get(field.name, "")
            if first is None:
                first = self.query_one(f"#input-{field.name}")
        if unplaced:
            self.query_one("#form-error", Static).update("\n".join(unplaced))
        if first is not None:
            first.focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-save")
    def _save(self, values: dict[str, str]) -> None:
        db = self.app.db  # type: ignore[attr-defined]
        try:
            result = self.save_fn(db, values)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field, isinstance(exc, ConflictError)))
        except Exception as exc:
            self.post_message(ServiceFailed(f"Kunne ikke lagre: {exc}"))
        else:
            self.post_message(Saved(result))

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        """A field's error goes as soon as the field is changed; saving checks it again."""
        name = (event.control.id or "").removeprefix("input-")
        if any(f.narrowed_by == name for f in self.fields):
            self._renarrow(name)
        if not name or not self.query(f"#field-{name}.invalid"):
            return
        if self.values().get(name) == self._flagged.get(name):
            return  # a change made before the error was shown, handled late
        self.query_one(f"#field-{name}").remove_class("invalid")
        self.query_one(f"#error-{name}", Label).update("")

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.saving = False
        if self.done:
            self.app.notify(self.done, timeout=3)
        self.dismiss(message.result)

    @on(ServiceFailed)
    def _failed(self, message: ServiceFailed) -> None:
        self.saving = False
        self.query_one(".form-fields").loading = False
        field = next((f for f in self.fields if message.field and f.owns(message.field)), None)
        if message.conflict:
            self.query_one("#form-error", Static).update(
                f"{message.message}\nTrykk «Last inn på nytt» (Ctrl+R) for å hente den nye versjonen."
            )
            self.query_one("#reload", Button).remove_class("hidden")
            if self.reload_fn is not None:
                self._reload(conflict=True)  # fetch theirs, to show it beside yours
        elif field is not None:
            self._show_errors({field.name: message.message})
        else:  # not about one field (a role, a rule across fields): the message, without its key
            self.query_one("#form-error", Static).update(message.message)

    # --- reload after a conflict --------------------------------------------------------

    def action_reload(self) -> None:
        """Take the newest version, keeping every field you changed yourself."""
        if self.theirs is not None:
            self._merge(self.theirs)
        elif self.reload_fn is not None:
            self._reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-reload")
    def _reload(self, conflict: bool = False) -> None:
        assert self.reload_fn is not None
        try:
            values = self.reload_fn(self.app.db)  # type: ignore[attr-defined]
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
        else:
            self.post_message(Reloaded(values, conflict=conflict))

    @on(Reloaded)
    def _reloaded(self, message: Reloaded) -> None:
        if message.conflict:
            self.theirs = dict(message.values)
            self.query_one("#form-error", Static).update(self._comparison(self.theirs))
            return
        self._merge(dict(message.values))

    def _comparison(self, theirs: dict[str, str]) -> str:
        """Their change and yours, field by field, for the conflict message."""
        mine = self.values()
        lines = ["Noen andre har endret posten mens du redigerte:"]
        for f in self.fields:
            base, other, own = (self.initial.get(f.name, ""), theirs.get(f.name, ""),
                                mine.get(f.name, ""))
            if other != base or own != base:
                lines.append(f"  {f.label}: deres «{other or '–'}», din «{own or '–'}»")
        lines.append("Ctrl+R tar deres versjon og beholder feltene du selv har endret; "
                     "lagre deretter på nytt.")
        return "\n".join(lines)

    def _merge(self, theirs: dict[str, str]) -> None:
        """Load their version into the form; what you typed yourself stays."""
        mine = self.values()
        changed_by_me = {f.name for f in self.fields
                         if mine.get(f.name, "") != self.initial.get(f.name, "")}
        self.initial = dict(theirs)
        for f in self.fields:
            widget = self.query_one(f"#input-{f.name}")
            value = mine[f.name] if f.name in changed_by_me else self.initial.get(f.name, "")
            if isinstance(widget, Select):
                widget.value = value or Select.NULL
            elif isinstance(widget, Input):
                widget.value = value
            elif isinstance(widget, TextArea):
                widget.text = value
        self.theirs = None
        self._clear_errors()
        self.query_one("#reload", Button).add_class("hidden")
        note = " Dine endringer er beholdt." if changed_by_me else ""
        self.app.notify("Lastet inn den nyeste versjonen." + note, timeout=4)

    # --- leaving ------------------------------------------------------------------------

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()
        elif event.button.id == "reload":
            self.action_reload()

    def action_cancel(self) -> None:
        """Close; asks first when there are unsaved changes."""
        self.leave(lambda: self.dismiss(None))

    def action_quit_guarded(self) -> None:
        """Quit the app (Ctrl+Q, Ctrl+C); asks first when there are unsaved changes."""
        self.leave(self.app.exit)

    def leave(self, then: Callable[[], object]) -> bool:
        """Run `then` at once when nothing is unsaved, else after the user agrees to discard;
        True when it ran at once."""
        if self._early_keys:  # typed before the fields were there: decide once they are
            self.call_after_refresh(self.leave, then)
            return False
        if self._early_keys is not None or not self.dirty:  # nothing typed yet, or untouched
            then()
            return True

        def answered(discard: bool | None) -> None:
            if discard:
                then()

        self.app.push_screen(ConfirmScreen("Du har endringer som ikke er lagret. Forkaste dem?",
                                           yes="Forkast"), answered)
        return False
