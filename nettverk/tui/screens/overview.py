"""Oversikt: what needs attention now; Enter opens the item in its area."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work

from nettverk.domain.norwegian import count
from nettverk.forms.fields import show_date, show_int
from nettverk.tui.messages import RowsChanged, ServiceFailed
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, Loaded, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row

if TYPE_CHECKING:
    from nettverk.services.database import Database

LATE, SOON, INFO = "bold red", "dark_orange", ""


def _days(n: int) -> str:
    return "i dag" if n == 0 else ("i morgen" if n == 1 else f"om {n} dager")


def attention_rows(view: Any) -> list[Row]:
    """The overview's items as rows, most urgent first."""
    rows: list[Row] = []
    for p in view.overdue_plan_strategies:
        rows.append(Row(("plan", p.id), ("Planstrategi", show_date(p.deadline),
                        f"Planstrategi: {p.stage_label}", p.display_name,
                        f"{count(p.days_overdue, 'dager')} over frist"),
                        sort=("1", p.deadline), style=LATE, tags=frozenset({"plan", "late"}),
                        data=("plan", p, p.municipality)))
    for r in getattr(view, "overdue_handlingsdel", []):
        rows.append(Row(("handlingsdel", r.municipality, r.year),
                        ("Handlingsdel", show_date(r.due),
                         f"Handlingsdel {r.year}: årlig revisjon (PBL § 11-1)", r.display_name,
                         r.state_label),
                        sort=("1", r.due), style=LATE, tags=frozenset({"plan", "late"}),
                        data=("handlingsdel", r, r.municipality)))
    for m in view.overdue:
        rows.append(Row(("milestone", m.key), ("Forsinket", show_date(m.due), m.title,
                        m.municipality_name or m.programme or "", m.status_label),
                        sort=("2", m.due), style=LATE, tags=frozenset({"milestone", "late"}),
                        data=("milestone", m, m.municipality)))
    for m in view.due_soon:
        rows.append(Row(("milestone", m.key), ("Frist snart", show_date(m.due), m.title,
                        m.municipality_name or m.programme or "", m.status_label),
                        sort=("3", m.due), style=SOON, tags=frozenset({"milestone", "soon"}),
                        data=("milestone", m, m.municipality)))
    for a in view.pending_applications:
        warning = "" if a.eligible else " ⚠"
        rows.append(Row(("application", a.id), ("Søknad", show_date(a.received),
                        f"Søknad til {a.programme}{warning}", a.display_name, a.status_label),
                        sort=("4", a.received), style=SOON if not a.eligible else INFO,
                        tags=frozenset({"application"}), data=("application", a, a.municipality)))
    for u in view.unconfirmed_gatherings:
        rows.append(Row(("unconfirmed", u.id), ("Bekreft", show_date(u.start.date()),
                        f"{u.title}: {u.prompt.lower()}", u.programme, "ikke bekreftet"),
                        sort=("2", u.start.date()), style=SOON,
                        tags=frozenset({"gathering", "unconfirmed"}),
                        data=("unconfirmed", u, None)))
    for g in view.upcoming_gatherings:
        rows.append(Row(("gathering", g.id), ("Samling", show_date(g.start.date()),
                        f"{g.title} ({g.mode_label})", g.municipality_name or g.location or "",
                        _days(g.days_until)),
                        sort=("5", g.start), tags=frozenset({"gathering"}),
                        data=("gathering", g, g.municipality)))
    return rows


def limits(view: Any) -> tuple[str, str]:
    """What the capped lists leave out, short (status line) and in full (detail pane);
    empty when everything is listed."""
    capped = [(len(items), total, short, long) for items, total, short, long in (
        (view.overdue, view.overdue_total, "forfalte", "forfalte milepæler og neste steg"),
        (view.due_soon, view.due_soon_total, "snart frist", "med frist innen 14 dager"),
    ) if total > len(items)]
    if not capped:
        return "", ""
    short = "viser " + ", ".join(f"{shown} av {show_int(total)} {what}"
                                 for shown, total, what, _ in capped)
    long = ("Oversikten viser " + " og ".join(f"{shown} av {show_int(total)} {what}"
                                              for shown, total, _, what in capped)
            + " (de mest presserende). Alle: tast 7 Milepæler og velg hurtigfilteret "
            + " eller ".join(f"«{'Forfalt' if what == 'forfalte' else 'Snart frist'}»"
                             for _, _, what, _ in capped) + ".")
    return short, long


def programme_counts(view: Any) -> RenderableType:
    """Per-programme counts as a small table."""
    table = Table(title="Program (deltakere, søknader til behandling, samlinger holdt/alle, "
                  "forsinket, snart frist)", title_justify="left", title_style="bold", box=None,
                  pad_edge=False)
    for heading in ("Program", "Delt.", "Søkn.", "Saml.", "Sent", "Snart"):
        if heading == "Program":
            # folded rather than cut: programmes that differ only by year must stay apart
            table.add_column(heading, min_width=12, overflow="fold")
        else:
            table.add_column(heading, justify="right", min_width=5, no_wrap=True)
    for p in view.programmes:
        every = p.gatherings_held + p.gatherings_planned + p.gatherings_unconfirmed
        table.add_row(p.slug, str(p.participants), str(p.applications_pending),
                      f"{p.gatherings_held}/{every}",
                      str(p.overdue), str(p.due_soon))
    return table


class OverviewArea(ListArea):
    """The dashboard: overdue plan strategies and milestones, applications, gatherings."""

    TITLE = "Oversikt"
    NOUN = "saker"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Hva", 12, min=12), Column("Dato", 10, min=10), Column("Sak", 0), Column("Kommune", 24),
        Column("Status", 20),
    ]
    QUICK_FILTERS: ClassVar[list[QuickFilter]] = [
        ("Forsinket", lambda r: "late" in r.tags),
        ("Frist snart", lambda r: "soon" in r.tags),
        ("Søknader", lambda r: "application" in r.tags),
        ("Samlinger", lambda r: "gathering" in r.tags),
        ("Ikke bekreftet holdt", lambda r: "unconfirmed" in r.tags),
        ("Planstrategier", lambda r: "plan" in r.tags),
    ]

    def fetch(self, db: Database) -> Loaded:
        """The overview for the app's today."""
        from nettverk.services.overview import overview

        view = overview(db.uow(), today=self.app.today)  # type: ignore[attr-defined]
        rows = [replace(r, data=(*r.data, view)) for r in attention_rows(view)]
        # The milestone lists are capped; the totals count every item.
        total = (len(rows) - len(view.overdue) - len(view.due_soon)
                 + max(view.overdue_total, len(view.overdue))
                 + max(view.due_soon_total, len(view.due_soon)))
        cases = "sak" if total == 1 else "saker"
        headline = Text("Ingenting krever oppmerksomhet nå." if not rows else
                        f"{show_int(total)} {cases} krever oppmerksomhet.", style="bold")
        short, long = limits(view)
        parts: list[RenderableType] = [headline, Text("")]
        if long:
            parts += [Text(long, style=SOON), Text("")]
        return Loaded(rows, Group(*parts, programme_counts(view)), extra=(short, long))

    _limits: tuple[str, str] = ("", "")

    def take_extra(self, extra: object) -> None:
        """What the capped lists leave out (for the status line and the detail pane)."""
        if isinstance(extra, tuple):
            self._limits = (str(extra[0]), str(extra[1]))

    def status_note(self) -> str:
        """How many overdue / due-soon items the capped lists leave out."""
        return self._limits[0]

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The item's facts and the programme counts (no extra query)."""
        row = next(r for r in self.table.rows if r.key == key)
        kind, item, _municipality, view = row.data
        facts = fact_grid()
        facts.add_row("Hva", row.cells[0])
        facts.add_row("Sak", row.cells[2])
        if row.cells[3]:
            facts.add_row("Kommune", row.cells[3])
        facts.add_row("Dato", row.cells[1])
        facts.add_row("Status", row.cells[4])
        parts: list[RenderableType] = [facts]
        if kind == "application" and item.eligibility_notes:
            parts.append(Text("Vilkår:", style="bold"))
            parts += [Text(f"⚠ {note}", style=SOON) for note in item.eligibility_notes]
        if kind == "milestone" and item.responsible:
            facts.add_row("Ansvarlig", item.responsible)
        parts += [Text(f"Enter: {item.prompt.lower()}" if kind == "unconfirmed"
                       else "Enter åpner saken", style="dim"), Text("")]
        if self._limits[1]:
            parts += [Text(self._limits[1], style=SOON), Text("")]
        parts.append(programme_counts(view))
        return Group(*parts)

    def open_row(self, row: Row) -> None:
        """Open the item in its area; a past gathering not confirmed: ask to confirm it."""
        kind, item, _municipality, _view = row.data
        if kind == "unconfirmed":
            self._ask_held(item)
            return
        target = {"plan": "planarbeid", "milestone": "milepaeler", "application": "soknader",
                  "gathering": "samlinger", "handlingsdel": "planarbeid"}[kind]
        key: Hashable = (getattr(item, "key", None) if kind == "milestone"
                         else item.plan_document_id if kind == "handlingsdel" else item.id)
        self.run_worker(self.app.open_item(target, key))  # type: ignore[attr-defined]

    def _ask_held(self, g: Any) -> None:
        from nettverk.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_held(g.id, g.version, self.app.today)  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmScreen(
            f"{g.prompt}: «{g.title}» {show_date(g.start.date())} ({g.programme})?",
            yes="Bekreft"), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="overview-held")
    def _mark_held(self, gathering_id: int, version: int, on: date) -> None:
        from nettverk.domain.errors import DomainError
        from nettverk.services.gatherings import mark_held

        try:
            mark_held(self.db.uow(), gathering_id, expected_version=version, on=on)
        except DomainError as exc:
            self.post_message(ServiceFailed(exc.message, exc.field))
        else:
            self.post_message(RowsChanged(None))

    @on(RowsChanged)
    def _held(self, message: RowsChanged) -> None:
        message.stop()
        self.notify("Samlingen er markert som holdt.", timeout=4)
        self.reload()
