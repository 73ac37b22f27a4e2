"""Samlinger: gatherings with a month calendar (ISO weeks), warnings and attendance editing."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType

from nettverk.domain.errors import DomainError
from nettverk.domain.holidays import norwegian_holidays
from nettverk.services.database import Database
from nettverk.services.network_common import fmt_period
from nettverk.tui.messages import RowsChanged, ServiceFailed
from nettverk.tui.related import section
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.gathering_mail import GatheringMailMixin, send_log_section
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.form_fields import (
    FormField,
    integer,
    moment,
    money,
    required_moment,
    show_moment,
    show_money,
    text,
    yes_no,
)
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter, SubList
from nettverk.tui.widgets.month_calendar import month_calendar
from nettverk.tui.widgets.virtual_table import Column, Row

MODES = {"physical": "fysisk", "video": "video", "hybrid": "hybrid"}
STATUSES = {"planned": "planlagt", "held": "holdt", "cancelled": "avlyst"}


def gathering_row(g: Any) -> Row:
    """A gathering as a list row; ⚠ marks holiday or overlap warnings."""
    start = g.start
    return Row(
        key=g.id,
        cells=(start.strftime("%d.%m.%Y"), str(start.isocalendar().week), start.strftime("%H:%M"),
               g.title, MODES.get(g.mode, g.mode), g.location or "", STATUSES.get(g.status, g.status),
               "⚠" if g.warnings else ""),
        sort=(start, start.isocalendar().week, start.time(), g.title.lower(), g.mode, g.location,
              g.status, len(g.warnings)),
        style={"cancelled": "dim strike", "held": "dim"}.get(g.status, ""),
        tags=frozenset({g.status, g.mode, f"programme:{g.programme}"}
                       | ({"warning"} if g.warnings else set())),
        search=f"{g.programme} {g.theme or ''} {g.municipality_name or ''}", data=g,
    )


def gathering_fields(programmes: Sequence[tuple[str, str]], editing: bool) -> list[FormField]:
    """The gathering form."""
    return [
        FormField("programme", "Program", kind="choice", required=True, read_only=editing,
                  choices=tuple(programmes)),
        FormField("title", "Tittel", required=True),
        FormField("start", "Starter", kind="datetime", required=True, aliases=("starts_at",)),
        FormField("end", "Slutter", kind="datetime", required=True, aliases=("ends_at",)),
        FormField("mode", "Form", kind="choice", required=True,
                  choices=tuple((label, value) for value, label in MODES.items())),
        FormField("location", "Sted", hint="påkrevd for fysisk og hybrid"),
        FormField("video_url", "Videolenke", hint="https://…"),
        FormField("theme", "Tema"),
    ]


ATTENDANCE_FIELDS = [
    FormField("municipality", "Kommune", kind="reference", reference="municipality", required=True),
    FormField("registered", "Påmeldt", kind="bool"),
    FormField("attended", "Møtte", kind="bool"),
    FormField("persons", "Antall personer", kind="int"),
    FormField("travel_cost", "Reisekostnad", kind="money"),
    FormField("accommodation_cost", "Overnatting", kind="money"),
]


class GatheringsArea(GatheringMailMixin, ListArea):
    """Every gathering by start; the detail shows its month, warnings and attendance."""

    TITLE = "Samlinger"
    NOUN = "samlinger"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Dato", 10, min=10), Column("Uke", 3, "right", min=3), Column("Kl.", 5, min=5),
        Column("Tittel", 0), Column("Form", 7), Column("Sted", 16), Column("Status", 8),
        Column("!", 1, min=1),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Planlagt", lambda r: "planned" in r.tags),
        ("Holdt", lambda r: "held" in r.tags),
        ("Avlyst", lambda r: "cancelled" in r.tags),
        ("Med varsler (helligdag/overlapp)", lambda r: "warning" in r.tags),
        ("Fysisk", lambda r: "physical" in r.tags),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "Ny samling", id="gathering.new"),
        Binding("ctrl+a", "attendance", "Oppmøte", id="gathering.attendance"),
        Binding("ctrl+g", "invite", "Inviter deltakerne", id="gathering.invite"),
        Binding("ctrl+d", "mark_held", "Holdt", id="gathering.held"),
        Binding("delete", "cancel_gathering", "Avlys", id="gathering.cancel"),
        Binding("ctrl+u", "send_invitations", "Send invitasjon", id="gathering.send"),
    ]
    SUBLISTS: ClassVar[list[SubList]] = [SubList("Temaer", "themes", "ThemesArea")]
    programmes: list[tuple[str, str]] = []  # replaced, never mutated

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Ny samling", "Planlegg en samling", "new"),
        ("Oppmøte", "Registrer oppmøte på samlingen", "attendance"),
        ("Inviter deltakerne", "Inviter alle deltakende kommuner", "invite"),
        ("Avlys samling", "Avlys den markerte samlingen (spør først)", "cancel_gathering"),
        ("Bekreft at samlingen ble holdt", "Marker den markerte samlingen som holdt",
         "mark_held"),
        ("Send invitasjon på e-post", "Send kalenderinvitasjonen (endring, avlysning) til "
         "kontaktpersonene og partnerne", "send_invitations"),
    ]

    #: Rows shown at once when the list opens, while the whole list (10,000 rows) is read.
    FIRST_ROWS: ClassVar[int] = 300

    def fetch_first(self, db: Database) -> list[Row]:
        """The first gatherings by start (the list's own order), read with a LIMIT; their
        warnings are completed when the whole list arrives."""
        from nettverk.services.gatherings import list_gatherings

        return [gathering_row(g) for g in list_gatherings(db.uow(), limit=self.FIRST_ROWS)]

    def fetch(self, db: Database) -> Loaded:
        """All gatherings, and the programmes for the form."""
        from nettverk.services import register
        from nettverk.services.gatherings import list_gatherings

        programmes = [(p.name, p.slug) for p in register.list_programmes(db.uow())]
        return Loaded([gathering_row(g) for g in list_gatherings(db.uow())], extra=programmes)

    def take_extra(self, extra: object) -> None:
        """The programmes offered in the form."""
        self.programmes = list(extra)  # type: ignore[call-overload]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """Facts, warnings, the month around it, and the attendance."""
        from nettverk.services.gatherings import list_attendance

        g = next(r.data for r in self.table.rows if r.key == key)
        start = g.start
        facts = fact_grid()
        facts.add_row("Samling", g.title)
        facts.add_row("Tid", f"{fmt_period(g.start, g.end)} (uke {start.isocalendar().week})")
        facts.add_row("Form", MODES.get(g.mode, g.mode))
        facts.add_row("Sted", g.location or g.video_url or "–")
        facts.add_row("Program", g.programme)
        facts.add_row("Status", STATUSES.get(g.status, g.status))
        parts: list[RenderableType] = [facts]
        parts += [Text(f"⚠ {w}", style="dark_orange") for w in g.warnings]
        same_month = {r.data.start.date(): "bold green" for r in self.table.rows
                      if (r.data.start.year, r.data.start.month) == (start.year, start.month)}
        same_month[start.date()] = "bold reverse green"
        holidays = norwegian_holidays(start.year)
        parts += [Text(""), month_calendar(start.year, start.month, same_month,
                                           self.app.today, holidays)]  # type: ignore[attr-defined]
        attendance = list_attendance(db.uow(), g.id)
        parts += [Text(""), section("Oppmøte", ["Kommune", "Påm.", "Møtte", "Pers.", "Kostnad"], [
            (a.display_name, "ja" if a.registered else "nei", "ja" if a.attended else "nei",
             str(a.persons), show_money(a.total_cost)) for a in attendance])]
        parts += [Text(""), send_log_section(db, g.id)]
        return Group(*parts)

    # --- forms --------------------------------------------------------------------------

    def action_new(self) -> None:
        """Plan a gathering; holiday and overlap warnings are shown after saving."""
        def save(db: Database, values: dict[str, str]) -> object:
            from nettverk.services.gatherings import add_gathering

            return add_gathering(
                db.uow(), programme=values.get("programme", ""), title=text(values, "title") or "",
                starts_at=required_moment(values, "start"), ends_at=required_moment(values, "end"),
                mode=values.get("mode", ""), location=text(values, "location"),
                video_url=text(values, "video_url"), theme=text(values, "theme"))

        initial = {"programme": self.programmes[-1][1]} if self.programmes else {}
        self.app.push_screen(
            FormScreen("Ny samling", gathering_fields(self.programmes, False), initial, save),
            self._saved)

    def open_row(self, row: Row) -> None:
        """Edit the gathering (refused if someone else changed it meanwhile)."""
        g = row.data

        def save(db: Database, values: dict[str, str]) -> object:
            from nettverk.services.gatherings import update_gathering

            return update_gathering(
                db.uow(), g.id, expected_version=g.version, title=text(values, "title") or "",
                starts_at=moment(values, "start"), ends_at=moment(values, "end"),
                mode=values.get("mode", ""), location=text(values, "location"),
                video_url=text(values, "video_url"), theme=text(values, "theme"))

        def reload(db: Database) -> dict[str, str]:
            from nettverk.services.gatherings import get_gathering

            return gathering_values(get_gathering(db.uow(), g.id))

        self.app.push_screen(
            FormScreen(f"Endre {g.title}", gathering_fields(self.programmes, True),
                       gathering_values(g), save, reload), self._saved)

    def action_attendance(self) -> None:
        """Record a municipality's attendance at the highlighted gathering."""
        row = self.table.current
        if row is None:
            return
        gathering_id = row.data.id

        def save(db: Database, values: dict[str, str]) -> object:
            from nettverk.services.gatherings import set_attendance

            set_attendance(
                db.uow(), gathering_id, text(values, "municipality") or "",
                registered=yes_no(values, "registered"), attended=yes_no(values, "attended"),
                persons=integer(values, "persons"), travel_cost=money(values, "travel_cost"),
                accommodation_cost=money(values, "accommodation_cost"))
            return row.data

        self.app.push_screen(FormScreen(f"Oppmøte: {row.data.title}", ATTENDANCE_FIELDS, {}, save),
                             self._saved)

    def action_invite(self) -> None:
        """Invite every participating municipality to the highlighted gathering."""
        row = self.table.current
        if row is not None:
            self._invite(row.data.id)

    def action_cancel_gathering(self) -> None:
        """Cancel the highlighted gathering, after a confirmation."""
        row = self.table.current
        if row is None or row.data.status != "planned":
            self.notify("Bare planlagte samlinger kan avlyses.", timeout=4)
            return
        g = row.data

        def answered(yes: bool | None) -> None:
            if yes:
                self._done = "Samlingen er avlyst."
                self._cancel(g.id, g.version)

        self.app.push_screen(ConfirmScreen(f"Avlyse «{g.title}» {show_moment(g.start)}? "
                                           "Kalenderne til deltakerne oppdateres.", yes="Avlys"),
                             answered)

    def action_mark_held(self) -> None:
        """Record that the highlighted gathering was held (confirmed on the app's today), after a
        question."""
        row = self.table.current
        if row is None or row.data.status != "planned":
            self.notify("Bare planlagte samlinger kan markeres som holdt.", timeout=4)
            return
        g = row.data

        def answered(yes: bool | None) -> None:
            if yes:
                self._done = "Samlingen er markert som holdt."
                self._mark_held(g.id, g.version, self.app.today)  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmScreen(f"Bekreft at «{g.title}» {show_moment(g.start)} "
                                           "ble holdt?", yes="Bekreft"), answered)

    _done = "Samlingen er avlyst."

    @work(thread=True, exclusive=True, exit_on_error=False, group="gathering-held")
    def _mark_held(self, gathering_id: int, version: int, on: date) -> None:
        from nettverk.services.gatherings import mark_held

        try:
            view = mark_held(self.db.uow(), gathering_id, expected_version=version, on=on)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
        else:
            self.post_message(RowsChanged(view.id))

    @work(thread=True, exclusive=True, exit_on_error=False, group="gathering-cancel")
    def _cancel(self, gathering_id: int, version: int) -> None:
        from nettverk.services.gatherings import cancel_gathering

        try:
            view = cancel_gathering(self.db.uow(), gathering_id, expected_version=version)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
        else:
            self.post_message(RowsChanged(view.id))

    @on(RowsChanged)
    def _rows_changed(self, message: RowsChanged) -> None:
        message.stop()
        self.notify(self._done, timeout=4)
        self.reload(keep=message.key)

    def _invite(self, gathering_id: int) -> None:
        def save(db: Database, _values: dict[str, str]) -> object:
            from nettverk.services.gatherings import get_gathering, invite_participants

            invite_participants(db.uow(), gathering_id)
            return get_gathering(db.uow(), gathering_id)

        self.app.push_screen(FormScreen("Inviter alle deltakende kommuner?", [], {}, save,
                                        save_label="Inviter", done="Invitert."),
                             self._saved)

    def _saved(self, result: object | None) -> None:
        if result is None:
            return
        for warning in getattr(result, "warnings", []):
            self.notify(warning, title="Varsel", severity="warning", timeout=8)
        self.reload(keep=getattr(result, "id", None))


def gathering_values(g: Any) -> dict[str, str]:
    """A gathering as form text."""
    return {"programme": g.programme, "title": g.title, "start": show_moment(g.start),
            "end": show_moment(g.end), "mode": g.mode, "location": g.location or "",
            "video_url": g.video_url or "", "theme": g.theme or ""}


