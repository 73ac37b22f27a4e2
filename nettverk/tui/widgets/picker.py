"""A reference field: type any part of a name, a parallel name or a number, pick from the matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from nettverk.domain.errors import DomainError
from nettverk.domain.folding import fold, fold_words
from nettverk.tui.references import Choice

SHOWN = 5  # matches shown under the field (the form must still fit 80x24)


class PickList(OptionList):
    """The matches under a picker; the picker keeps the focus and steers it."""

    can_focus = False


class Picker(Input):
    """Type-ahead over a reference's choices; the value given to the service is the choice's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Neste treff", show=False),
        Binding("up", "move(-1)", "Forrige treff", show=False),
        Binding("enter", "pick", "Velg", show=False),
    ]

    def __init__(self, value: str, *, field: str, label: str, multiple: bool = False,
                 id: str | None = None, disabled: bool = False) -> None:
        super().__init__(value, id=id, disabled=disabled, compact=True,
                         placeholder="skriv navn eller nummer …")
        self.field = field
        self.field_label = label
        self.multiple = multiple
        self.choices: list[Choice] | None = None  # None until loaded
        self.raw = value  # the value the form was opened with (a number, id or code)
        self.matches: list[Choice] = []

    # --- choices arrive ----------------------------------------------------------------

    def set_choices(self, choices: Sequence[Choice]) -> None:
        """The choices are loaded: show the opening value by its name (what was typed stays)."""
        self.choices = list(choices)
        if self.value == self.raw and self.raw:
            labels = [self._label_of(part) for part in self._parts(self.raw)]
            self.value = ", ".join(labels)
            self.raw = self.value
        elif self.has_focus and self.value:
            self._show_matches()

    def _label_of(self, value: str) -> str:
        found = next((c for c in self.choices or () if c.value == value), None)
        return found.label if found else value

    def _parts(self, text: str) -> list[str]:
        if not self.multiple:
            return [text.strip()] if text.strip() else []
        return [part.strip() for part in text.split(",") if part.strip()]

    # --- the value ---------------------------------------------------------------------

    def resolve(self, text: str) -> str:
        """The service's value of one typed part (a label, a number or a unique match)."""
        if self.choices is None:
            return text  # not loaded yet: the service looks it up itself
        key = fold(text)
        for choice in self.choices:
            if fold(choice.value) == key or fold(choice.label) == key:
                return choice.value
        found = self._match(text)
        if len(found) == 1:
            return found[0].value
        if not found:
            raise DomainError(self.field, f"ingen treff på «{text}»")
        names = ", ".join(c.label for c in found[:3])
        raise DomainError(self.field, f"«{text}» passer til flere ({names} …): velg i listen")

    def chosen_value(self) -> str:
        """The value(s) for the service; raises DomainError when the text matches none or many."""
        return ", ".join(self.resolve(part) for part in self._parts(self.value))

    def lenient_value(self) -> str:
        """The value when it resolves, else the text (to tell whether the field changed)."""
        if self.value == self.raw:
            return self.value
        try:
            return self.chosen_value()
        except DomainError:
            return self.value

    # --- type-ahead --------------------------------------------------------------------

    def _match(self, text: str) -> list[Choice]:
        words = fold_words(text)
        if not words or self.choices is None:
            return []
        first = words[0]
        found = [c for c in self.choices if all(w in c.folded for w in words)]
        found.sort(key=lambda c: (not fold(c.value).startswith(first),
                                  not fold(c.label).startswith(first), c.label))
        return found

    def _current_part(self) -> str:
        return self.value.rsplit(",", 1)[-1] if self.multiple else self.value

    def _pick_list(self) -> PickList | None:
        found = self.screen.query(f"#pick-{self.field}")
        return found.first(PickList) if found else None

    def _show_matches(self) -> None:
        pick = self._pick_list()
        if pick is None:
            return
        part = self._current_part().strip()
        self.matches = self._match(part)[:SHOWN] if part else []
        exact = any(c.label == part for c in self.matches)
        pick.clear_options()
        if self.matches and not exact:
            pick.add_options([Option(c.label) for c in self.matches])
            pick.highlighted = 0
            pick.display = True
        else:
            pick.display = False

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input is self and self.has_focus:
            self._show_matches()

    def _on_blur(self, event: events.Blur) -> None:
        pick = self._pick_list()
        if pick is not None:
            pick.display = False

    def action_move(self, step: int) -> None:
        """Move in the matches; without matches, to the next or previous field."""
        pick = self._pick_list()
        if pick is None or not pick.display:
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        pick.highlighted = ((pick.highlighted or 0) + step) % max(pick.option_count, 1)

    def action_pick(self) -> None:
        """Take the highlighted match."""
        pick = self._pick_list()
        if pick is None or not pick.display or pick.highlighted is None:
            self.screen.focus_next()
            return
        choice = self.matches[pick.highlighted]
        if self.multiple and "," in self.value:
            head = self.value.rsplit(",", 1)[0]
            self.value = f"{head}, {choice.label}"
        else:
            self.value = choice.label
        self.cursor_position = len(self.value)
        pick.display = False
