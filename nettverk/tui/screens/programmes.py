"""Program: the programmes and the municipalities taking part, with add and status change."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import ClassVar, cast

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from nettverk.forms import programmes as forms
from nettverk.forms.fields import show_date, show_int
from nettverk.forms.programmes import KINDS
from nettverk.services import programmes
from nettverk.services.database import Database
from nettverk.services.programmes import ParticipantView, ProgrammeView
from nettverk.tui.related import STATUS
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.facts import fact_grid
from nettverk.tui.widgets.list_area import ListArea, QuickFilter
from nettverk.tui.widgets.virtual_table import Column, Row


def participant_row(p: ParticipantView, programme: ProgrammeView) -> Row:
    """A participation as a list row."""
    name = f"{p.name} – {p.sami_name}" if p.sami_name else p.name
    return Row(
        key=(p.programme, p.municipality),
        cells=(p.programme, p.municipality, name, STATUS.get(p.status, p.status),
               show_date(p.starts), show_date(p.ends)),
        sort=(p.programme, p.municipality, p.name.lower(), p.status, p.starts, p.ends),
        style="dim" if p.status != "active" else "",
        tags=frozenset({f"programme:{p.programme}", f"status:{p.status}"}),
        search=programme.name,
        data=(p, programme),
    )


def programme_row(programme: ProgrammeView) -> Row:
    """A programme nobody takes part in yet, as a list row (so it can be seen, edited, deleted)."""
    return Row(
        key=(programme.slug, ""),
        cells=(programme.slug, "", f"{programme.name} – ingen deltakere ennå", "",
               show_date(programme.starts), show_date(programme.ends)),
        sort=(programme.slug, "", programme.name.lower(), "", programme.starts, programme.ends),
        style="italic", tags=frozenset({f"programme:{programme.slug}", "empty"}),
        search=programme.name, data=(None, programme),
    )


class ProgrammesArea(ListArea):
    """Every participation in every programme, with the programme's rules in the detail."""

    TITLE = "Program"
    NOUN = "deltakelser"
    COLUMNS: ClassVar[list[Column]] = [
        Column("Program", 14, cut="middle"), Column("Nr", 5, min=5), Column("Kommune", 0),
        Column("Status", 9),
        Column("Fra", 10, min=10), Column("Til", 10, min=10),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new_participant", "Ny deltaker", id="programme.new_participant"),
        Binding("ctrl+o", "new_programme", "Nytt program", id="programme.new"),
        Binding("ctrl+e", "edit_programme", "Endre program", id="programme.edit"),
    ]
    programmes: list[tuple[str, str]] = []  # replaced, never mutated

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Nytt program", "Opprett et program", "new_programme"),
        ("Ny deltaker", "Legg en kommune til et program", "new_participant"),
        ("Endre program", "Navn, periode, eier, regler og beskrivelse for programmet som er markert",
         "edit_programme"),
        ("Slett deltakelse eller program", "En deltakelse uten noe registrert på den, eller et "
         "program uten deltakere og annet innhold (spør først)", "delete"),
    ]

    def fetch(self, db: Database) -> list[Row]:
        """Participants of every programme (one query per programme; there are few)."""
        rows: list[Row] = []
        for programme in programmes.list_programmes(db.uow()):
            participants = programmes.list_participants(db.uow(), programme.slug)
            rows.extend(participant_row(p, programme) for p in participants)
            if not participants:  # a new programme is seen before its first participant
                rows.append(programme_row(programme))
        return rows

    def quick_filters(self, rows: Sequence[Row]) -> list[QuickFilter]:
        """One per programme, then by status."""
        seen: dict[str, str] = {}
        for row in rows:
            seen.setdefault(row.data[1].slug, row.data[1].name)
        self.programmes = [(f"{name} ({slug})", slug) for slug, name in sorted(seen.items())]
        filters: list[QuickFilter] = [(name, _tag(f"programme:{slug}")) for name, slug in
                                      self.programmes]
        filters += [(f"Status: {label}", _tag(f"status:{value}")) for value, label in STATUS.items()]
        return filters

    def fetch_detail(self, db: Database, key: Hashable) -> RenderableType:
        """The programme's rules and the participation."""
        slug, number = cast(tuple[str, str], key)
        p = programmes.get_programme(db.uow(), slug)
        facts = fact_grid()
        facts.add_row("Program", f"{p.name} ({p.slug})")
        facts.add_row("Type", KINDS.get(p.kind, p.kind))
        facts.add_row("Periode", f"{show_date(p.starts)}–{show_date(p.ends)}")
        facts.add_row("Eier", p.owner or "–")
        if p.partners:
            facts.add_row("Partnere", ", ".join(p.partners))
        if p.max_population:
            facts.add_row("Maks innbyggere", show_int(p.max_population))
        if p.min_per_county or p.max_per_county:
            facts.add_row("Per fylke", f"{p.min_per_county or 0}–{p.max_per_county or '∞'}")
        if p.gatherings_per_year_min or p.gatherings_per_year_max:
            facts.add_row("Samlinger/år",
                          f"{p.gatherings_per_year_min or 0}–{p.gatherings_per_year_max or '∞'}")
        parts: list[RenderableType] = [facts]
        if p.description:
            parts += [Text(""), Text(p.description, style="italic")]
        if p.physical_per_year:
            facts.add_row("Fysiske/år", str(p.physical_per_year))
        hint = (f"Kommune {number} – Enter endrer status, Ctrl+E endrer programmet" if number else
                "Ingen deltakere ennå – Ctrl+N legger til en, Enter endrer programmet, "
                "Delete sletter det")
        from nettverk.tui.screens.programme_charts import programme_charts

        charts = programme_charts(db, slug, self.app.today)  # type: ignore[attr-defined]
        return Group(*parts, Text(""), Text(hint, style="dim"), *charts)

    # --- forms --------------------------------------------------------------------------

    def action_new_programme(self) -> None:
        """Create a programme."""
        self.app.push_screen(FormScreen(forms.new_programme()), self._saved)

    def action_edit_programme(self) -> None:
        """Edit the highlighted row's programme (name, period, owner, rules, description)."""
        row = self.table.current
        if row is None:
            self.notify("Marker en deltaker i programmet du vil endre.", timeout=4)
            return
        self.app.push_screen(FormScreen(forms.edit_programme(row.data[1])), self._saved)

    def action_new_participant(self) -> None:
        """Add a municipality to a programme."""
        current = self.table.current
        programme = current.data[1].slug if current else None
        self.app.push_screen(FormScreen(forms.new_participant(programme)),
                             self._saved)

    def open_row(self, row: Row) -> None:
        """Change the participation's status (on a programme without participants: edit it)."""
        if row.data[0] is None:
            self.action_edit_programme()
            return
        self.app.push_screen(FormScreen(forms.participation_status(row.data[0])), self._saved)

    # --- deleting -----------------------------------------------------------------------

    def delete_question(self, row: Row) -> str | None:
        """A participation can be deleted only while nothing is recorded on it (the service checks);
        a programme without participants only while nothing else belongs to it."""
        if row.data[0] is None:
            programme: ProgrammeView = row.data[1]
            return (f"Slette programmet {programme.name} ({programme.slug})? Det går bare så lenge "
                    "ingenting hører til det: deltakere, utlysninger, samlinger, avtaler …")
        p: ParticipantView = row.data[0]
        return (f"Slette deltakelsen til {p.name} i {p.programme}? Det går bare for en deltakelse "
                "registrert ved en feil, uten søknad, oppmøte, milepæler, vurderinger eller annet "
                "registrert på den; ellers endrer du status (Enter).")

    def delete_row(self, db: Database, row: Row) -> None:
        """Delete the participation (refused if anything is recorded on it, or it changed), or the
        unused programme."""
        if row.data[0] is None:
            from nettverk.services.programme_deletion import delete_programme

            delete_programme(db.uow(), row.data[1].slug, expected_version=row.data[1].version)
            return
        p: ParticipantView = row.data[0]
        programmes.delete_participation(db.uow(), p.programme, p.municipality,
                                      expected_version=p.version)

    def _saved(self, result: object | None) -> None:
        if isinstance(result, ParticipantView):
            self.reload(keep=(result.programme, result.municipality))
        elif isinstance(result, ProgrammeView):
            current = self.table.current
            same = current is not None and current.data[1].slug == result.slug
            self.reload(keep=current.key if same and current is not None else (result.slug, ""))
        elif result is not None:
            self.reload()


def _tag(tag: str) -> Callable[[Row], bool]:
    return lambda row: tag in row.tags
