"""Samlinger: gatherings with a month calendar (ISO weeks), warnings and attendance editing."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType

from nettverk.domain.errors import DomainError
from nettverk.domain.holidays import norwegian_holidays
from nettverk.forms import gatherings as forms
from nettverk.forms.fields import show_moment, show_money
from nettverk.forms.gatherings import MODES
from nettverk.services.database import Database
from nettverk.services.network_common import fmt_period, local
from nettverk.tui.messages import RowsChanged, ServiceFailed
from nettverk.tui.related import section
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.gathering_mail import GatheringMailMixin, send_log_section
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter, SubList
from nettverk.tui.widgets.month_calendar import month_calendar
from nettverk.tui.widgets.row_source import HasTag, LazyRows, folded_column, sort_value
from nettverk.tui.widgets.virtual_table import Column, Row

if TYPE_CHECKING:
    from nettverk.services.gatherings import GatheringTable

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
        style=_STYLES.get(g.status, ""),
        tags=_tags(g.status, g.mode, g.programme, bool(g.warnings)),
        search=f"{g.programme} {g.theme or ''} {g.municipality_name or ''}", data=g,
    )


_STYLES = {"cancelled": "dim strike", "held": "dim"}


@lru_cache(maxsize=256)
def _tags(status: str, mode: str, programme: str, warned: bool) -> frozenset[str]:
    return frozenset({status, mode, f"programme:{programme}"} | ({"warning"} if warned else set()))


class GatheringRows(LazyRows):
    """Samlinger's rows from the service's table (`GatheringTable`): a row, its view and its
    warnings' texts are made only when shown; the filter's texts, widths, sort values and tags
    come from the columns, with each row's warnings counted, not written. The same as
    `gathering_row` of each view would give (tests/tui/test_gathering_rows.py)."""

    def __init__(self, table: GatheringTable) -> None:
        super().__init__(len(table))
        self.table = table

    def make(self, index: int) -> Row:
        return gathering_row(self.table.view(index))

    @cached_property
    def _starts(self) -> list[datetime]:
        """Each row's start in Norwegian time (one conversion per distinct start)."""
        found: dict[datetime, datetime] = {}
        return [found.get(r.starts_at) or found.setdefault(r.starts_at, local(r.starts_at))
                for r in self.table.rows]

    @cached_property
    def _counts(self) -> list[int]:
        return self.table.warning_counts()

    @cached_property
    def _cells(self) -> list[list[str]]:
        """Each column's texts (as `gathering_row`'s cells)."""
        starts, rows = self._starts, self.table.rows
        return [_each(starts, lambda s: s.strftime("%d.%m.%Y")),
                _each(starts, lambda s: str(s.isocalendar().week)),
                _each(starts, lambda s: s.strftime("%H:%M")),
                [r.title for r in rows],
                _each([r.mode.value for r in rows], lambda m: MODES.get(m, m)),
                [r.location or "" for r in rows],
                _each([r.status.value for r in rows], lambda s: STATUSES.get(s, s)),
                ["⚠" if n else "" for n in self._counts]]

    def make_keys(self) -> list[Hashable]:
        return [r.id for r in self.table.rows]

    def make_haystacks(self) -> list[str]:
        search = _each([(r.programme.slug, r.theme, r.municipality_name) for r in self.table.rows],
                       lambda t: f"{t[0]} {t[1] or ''} {t[2] or ''}")
        return list(map(" ".join, zip(*(folded_column(texts, str)
                                        for texts in [*self._cells, search]), strict=True)))

    def make_widths(self, columns: int) -> list[int]:
        widths = [max(map(len, set(texts)), default=0) for texts in self._cells]
        return (widths + [0] * columns)[:columns]

    def sort_keys(self, column: int) -> list[tuple[int, Any]]:
        rows = self.table.rows
        values: list[Any] = [
            lambda: self._starts, lambda: _each(self._starts, lambda s: s.isocalendar().week),
            lambda: _each(self._starts, lambda s: s.time()),
            lambda: _each([r.title for r in rows], str.lower),
            lambda: [r.mode.value for r in rows], lambda: [r.location for r in rows],
            lambda: [r.status.value for r in rows], lambda: self._counts][column]()
        by_value = {value: sort_value(value) for value in set(values)}
        return list(map(by_value.__getitem__, values))

    def tags(self) -> Sequence[frozenset[str]]:
        return [_tags(r.status.value, r.mode.value, r.programme.slug, bool(n))
                for r, n in zip(self.table.rows, self._counts, strict=True)]

    def days_in_month(self, year: int, month: int) -> set[date]:
        """The days of the month (Norwegian time) on which a listed gathering starts."""
        return {s.date() for s in self._starts if (s.year, s.month) == (year, month)}


def _each(values: Sequence[Any], text: Callable[[Any], Any]) -> list[Any]:
    """`text` of each value, worked out once for each distinct value."""
    found = {value: text(value) for value in set(values)}
    return list(map(found.__getitem__, values))


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
        ("Planlagt", HasTag("planned")),
        ("Holdt", HasTag("held")),
        ("Avlyst", HasTag("cancelled")),
        ("Med varsler (helligdag/overlapp)", HasTag("warning")),
        ("Fysisk", HasTag("physical")),
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
    LARGE = True  # 10,000 rows at national scale, each with its view and warnings

    def fetch_first(self, db: Database) -> list[Row]:
        """The first gatherings by start (the list's own order), read with a LIMIT; their
        warnings are completed when the whole list arrives."""
        from nettverk.services.gatherings import gathering_table

        return GatheringRows(gathering_table(db.uow(), limit=self.FIRST_ROWS))

    def fetch(self, db: Database) -> Loaded:
        """All gatherings, and the programmes for the form."""
        from nettverk.services import programmes
        from nettverk.services.gatherings import gathering_table

        choices = [(p.name, p.slug) for p in programmes.list_programmes(db.uow())]
        return Loaded(GatheringRows(gathering_table(db.uow())), extra=choices)

    def take_extra(self, extra: object) -> None:
        """The programmes offered in the form."""
        self.programmes = list(extra)  # type: ignore[call-overload]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """Facts, warnings, the month around it, and the attendance."""
        from nettverk.services.attendance import list_attendance

        row = self.table.row(key)
        if row is None:
            return ""
        g = row.data
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
        listed = self.table.source  # the month's gatherings, filtered out or not
        days = (listed.days_in_month(start.year, start.month)
                if isinstance(listed, GatheringRows) else
                {r.data.start.date() for r in listed
                 if (r.data.start.year, r.data.start.month) == (start.year, start.month)})
        same_month = dict.fromkeys(days, "bold green")
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
        last = self.programmes[-1][1] if self.programmes else None
        self.app.push_screen(FormScreen(forms.new_gathering(last)), self._saved)

    def open_row(self, row: Row) -> None:
        """Edit the gathering (refused if someone else changed it meanwhile)."""
        self.app.push_screen(FormScreen(forms.edit_gathering(row.data)),
                             self._saved)

    def action_attendance(self) -> None:
        """Record a municipality's attendance at the highlighted gathering."""
        row = self.table.current
        if row is not None:
            self.app.push_screen(FormScreen(forms.attendance(row.data)), self._saved)

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
        self.app.push_screen(FormScreen(forms.invite_participants(gathering_id)), self._saved)

    def _saved(self, result: object | None) -> None:
        if result is None:
            return
        for warning in getattr(result, "warnings", []):
            self.notify(warning, title="Varsel", severity="warning", timeout=8)
        self.reload(keep=getattr(result, "id", None))
