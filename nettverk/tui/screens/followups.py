"""Oppfølging (F2 from Milepæler): the follow-up log with add, edit, next action done, delete."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, ClassVar

from rich.console import RenderableType
from textual.binding import Binding, BindingType

from nettverk.forms import followups as forms
from nettverk.forms.fields import show_date
from nettverk.forms.followups import KINDS
from nettverk.services.database import Database
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

STYLES = {"overdue": "bold red", "due_soon": "dark_orange"}


def follow_up_row(f: Any) -> Row:
    """A logged contact as a list row; the next action's due date is coloured like a milestone."""
    next_action = f.next_action or ""
    if f.next_action_due:
        next_action += f" ({show_date(f.next_action_due)})"
    done = show_date(f.next_action_done_on) if f.next_action_done_on else (
        "nei" if f.next_action else "")
    status = f.next_action_status or ""
    return Row(
        key=f.id,
        cells=(show_date(f.on), f.display_name, f.kind_label, f.summary, next_action, done),
        sort=(f.on, f.name.lower(), f.kind_label, f.summary.lower(),
              f.next_action_due or f.on, f.next_action_done_on),
        style=STYLES.get(status, ""),
        tags=frozenset({f"kind:{f.kind}", f"status:{status}"}
                       | ({"open"} if f.next_action and not f.next_action_done_on else set())
                       | ({"exempt"} if f.exempt_from_public else set())),
        search=" ".join(x for x in (f.participants, f.programme, f.municipality) if x), data=f,
    )


def _tag(tag: str) -> Callable[[Row], bool]:
    return lambda row: tag in row.tags


class FollowUpsArea(ListArea):
    """The follow-up log, newest first."""

    TITLE = "Oppfølging"
    NOUN = "oppfølginger"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Dato", 10, min=10), Column("Kommune", 20), Column("Type", 7, min=7),
        Column("Referat", 0), Column("Neste steg (frist)", 30), Column("Utført", 10, min=10),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Neste steg ikke utført", lambda r: "open" in r.tags),
        ("Neste steg forfalt", lambda r: "status:overdue" in r.tags),
        ("Unntatt offentlighet", lambda r: "exempt" in r.tags),
        *((f"Kontakt: {label}", _tag(f"kind:{value}")) for value, label in KINDS.items()),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny oppfølging", id="follow_up.new"),
        Binding("ctrl+d", "done", "Neste steg utført", id="follow_up.done"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny oppfølging", "Logg en kontakt med en kommune", "new"),
        ("Endre oppfølging", "Den markerte oppfølgingen", "edit"),
        ("Merk neste steg utført", "For den markerte oppfølgingen", "done"),
        ("Slett oppfølging", "Den markerte oppfølgingen (spør først)", "delete"),
    ]

    def fetch(self, db: Database) -> Loaded:
        """The whole log."""
        from nettverk.services.followups import list_follow_ups

        today = self.app.today  # type: ignore[attr-defined]
        return Loaded([follow_up_row(f) for f in list_follow_ups(db.uow(), today=today)])

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The contact's facts (from the row; no query)."""
        f = next(r.data for r in self.table.rows if r.key == key)
        facts = fact_grid()
        facts.add_row("Dato", show_date(f.on))
        facts.add_row("Kommune", f"{f.municipality} {f.display_name}")
        facts.add_row("Kontakt", f.kind_label)
        facts.add_row("Program", f.programme or "–")
        facts.add_row("Deltakere", f.participants or "–")
        facts.add_row("Referat", f.summary)
        if f.next_action:
            facts.add_row("Neste steg", f.next_action)
            facts.add_row("Frist", show_date(f.next_action_due) or "–")
            facts.add_row("Utført", show_date(f.next_action_done_on) or "nei")
        if f.exempt_from_public:
            facts.add_row("", "Unntatt offentlighet")
        facts.add_row("", "Enter: endre · Ctrl+D: neste steg utført · Delete: slett")
        return facts

    def action_new(self) -> None:
        """Log a contact with a municipality."""
        today = self.app.today  # type: ignore[attr-defined]
        current = self.table.current
        like = current.data if current is not None else None
        self.app.push_screen(FormScreen(forms.new_follow_up(like, today)),
                             self._saved)

    def open_row(self, row: Row) -> None:
        """Enter edits the follow-up."""
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the highlighted follow-up (refused if someone changed it meanwhile)."""
        row = self.table.current
        if row is None:
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.edit_follow_up(row.data, today)),
                             self._saved)

    def action_done(self) -> None:
        """Mark the highlighted follow-up's next action done."""
        row = self.table.current
        if row is None:
            return
        f = row.data
        if not f.next_action or f.next_action_done_on:
            self.notify("Ingen neste steg som venter." if not f.next_action
                        else "Neste steg er allerede utført.", timeout=4)
            return
        today = self.app.today  # type: ignore[attr-defined]
        self.app.push_screen(FormScreen(forms.next_action_done(f, today)), self._saved)

    def delete_question(self, row: Row) -> str | None:
        """Deleting a contact also removes its next action from the milestones."""
        f = row.data
        extra = " Neste steg forsvinner fra milepælene." if f.next_action_due else ""
        return f"Slette oppfølgingen av {f.display_name} {show_date(f.on)} («{f.summary}»)?{extra}"

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the follow-up (refused if someone changed it since the list was read)."""
        from nettverk.services.followups import delete_follow_up

        delete_follow_up(db.uow(), row.data.id, expected_version=row.data.version)

    def _saved(self, result: object | None) -> None:
        if result is not None:
            self.reload(keep=getattr(result, "id", None))
