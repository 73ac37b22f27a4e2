"""A modal form: domain validation shown next to the field, unsaved-changes guard, conflict reload."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from nettverk.domain.errors import ConflictError, DomainError
from nettverk.services.database import Database
from nettverk.tui.messages import Reloaded, Saved, ServiceFailed
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.widgets.form_fields import DATE_HINT, DATETIME_HINT, FormField

SaveFn = Callable[[Database, dict[str, str]], object]
ReloadFn = Callable[[Database], dict[str, str]]


class FormScreen(ModalScreen[object | None]):
    """Collects values, saves them in a worker, and dismisses with the saved view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lagre", priority=True, id="form.save"),
        Binding("escape", "cancel", "Avbryt", id="form.cancel"),
        Binding("ctrl+r", "reload", "Last inn på nytt", show=False, id="form.reload"),
    ]

    def __init__(self, title: str, fields: Sequence[FormField], initial: dict[str, str],
                 save: SaveFn, reload: ReloadFn | None = None, *, save_label: str = "Lagre",
                 done: str = "Lagret.") -> None:
        """`save_label` names what the main button does (Eksporter, Inviter …); `done` is the
        note shown after it succeeded."""
        super().__init__(classes="dialog-screen")
        self.save_label = save_label
        self.done = done
        self.title_text = title
        self.fields = list(fields)
        self.initial = dict(initial)
        self.save_fn = save
        self.reload_fn = reload
        self.saving = False
        self.theirs: dict[str, str] | None = None  # the other person's version after a conflict

    def compose(self) -> ComposeResult:
        """A labelled input per field, each with a hint and a place for its error."""
        with Vertical(classes="dialog form"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static("", id="form-error", classes="form-error")
            with VerticalScroll(classes="form-fields"):
                for f in self.fields:
                    with Vertical(classes="field", id=f"field-{f.name}"):
                        with Horizontal(classes="field-row"):
                            star = " *" if f.required else ""
                            yield Label(f.label + star, classes="field-label")
                            yield self._input(f)
                        hint = f.hint or {"date": DATE_HINT, "datetime": DATETIME_HINT}.get(f.kind, "")
                        if hint and f.kind != "choice":
                            yield Label(hint, classes="field-hint")
                        yield Label("", id=f"error-{f.name}", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.save_label} (Ctrl+S)", variant="primary", id="save")
                yield Button("Avbryt (Esc)", id="cancel")
                yield Button("Last inn på nytt", id="reload", classes="hidden")

    def _input(self, f: FormField) -> Input | Select[str]:
        value = self.initial.get(f.name, "")
        if f.kind == "choice":
            return Select([(label, v) for label, v in f.choices], value=value or Select.NULL,
                          allow_blank=not f.required, id=f"input-{f.name}",
                          disabled=f.read_only, prompt="Velg …", compact=True)
        return Input(value, placeholder=f.placeholder, id=f"input-{f.name}", disabled=f.read_only,
                     compact=True)

    def values(self) -> dict[str, str]:
        """What the user has typed, by field name (hidden initial values included)."""
        result = {k: v for k, v in self.initial.items() if k.startswith("_")}
        for f in self.fields:
            widget = self.query_one(f"#input-{f.name}")
            if isinstance(widget, Select):
                result[f.name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, Input):
                result[f.name] = widget.value
        return result

    @property
    def dirty(self) -> bool:
        """True when something differs from what was loaded."""
        current = self.values()
        return any(current[f.name] != self.initial.get(f.name, "") for f in self.fields)

    def _clear_errors(self) -> None:
        for label in self.query(".field-error").results(Label):
            label.update("")
        self.query_one("#form-error", Static).update("")
        self.query(".field").remove_class("invalid")

    # --- saving -------------------------------------------------------------------------

    def action_save(self) -> None:
        """Validate and save in a worker."""
        if self.saving:
            return
        self.saving = True
        self._clear_errors()
        self.query_one(".form-fields").loading = True  # the progress indicator while working
        self._save(self.values())

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
            self.query_one(f"#error-{field.name}", Label).update(message.message)
            self.query_one(f"#field-{field.name}").add_class("invalid")
            self.query_one(f"#input-{field.name}").focus()
        else:
            prefix = f"{message.field}: " if message.field else ""
            self.query_one("#form-error", Static).update(prefix + message.message)

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
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Du har endringer som ikke er lagret. Forkaste dem?",
                                           yes="Forkast"), answered)
