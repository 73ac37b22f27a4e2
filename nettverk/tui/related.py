"""The items related to a municipality, for its detail pane (called inside worker threads)."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from nettverk.forms.fields import show_date
from nettverk.forms.programmes import STATUS
from nettverk.services import programmes
from nettverk.services.database import Database

LIMIT = 8  # newest items per section; the areas hold the rest


def section(title: str, headings: list[str], rows: list[tuple[str, ...]]) -> RenderableType:
    """A titled small table, or a muted line when empty."""
    if not rows:
        return Text(f"{title.strip()}: ingen", style="dim")
    table = Table(title=title, title_justify="left", title_style="bold", box=None,
                  show_edge=False, pad_edge=False, expand=False)
    for heading in headings:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def related_items(db: Database, number: str, today: date) -> list[RenderableType]:
    """Participations, applications, plans, milestones, follow-ups, agreements, assessments."""
    from nettverk.services import agreements, applications, capacity, followups, milestones, plans

    parts: list[RenderableType] = [section("Deltakelser", ["Program", "Status", "Fra", "Til"], [
        (p.programme, STATUS.get(p.status, p.status), show_date(p.starts), show_date(p.ends))
        for p in programmes.list_participations(db.uow(), number)])]
    apps = [a for a in applications.list_applications(db.uow()) if a.municipality == number]
    parts.append(section("Søknader", ["Mottatt", "Program", "Status"], [
        (show_date(a.received), a.programme, a.status_label) for a in apps[-LIMIT:]]))
    documents = plans.list_plan_documents(db.uow(), municipality=number, today=today)
    parts.append(section("Plandokumenter", ["Plan", "Periode", "Stadium", "Frist"], [
        (d.kind_label, f"{d.period_start or ''}–{d.period_end or ''}", d.stage_label,
         d.deadline_label or "") for d in documents]))
    due = milestones.list_milestones(db.uow(), municipality=number, today=today, limit=LIMIT)
    parts.append(section("Milepæler", ["Frist", "Milepæl", "Status"], [
        (show_date(m.due), m.title, m.status_label) for m in due]))
    log = followups.list_follow_ups(db.uow(), municipality=number, today=today, limit=LIMIT)
    parts.append(section("Oppfølging", ["Dato", "Hva", "Neste steg"], [
        (show_date(f.on), f.kind_label, f.next_action or "") for f in log]))
    deals = [a for a in agreements.list_agreements(db.uow()) if a.municipality == number]
    parts.append(section("Avtaler", ["Status", "Signert", "Til"], [
        (a.status_label, show_date(a.signed_on), show_date(a.ends)) for a in deals]))
    sessions = capacity.list_assessments(db.uow(), municipality=number)
    parts.append(section("Kapasitetsvurderinger", ["Dato", "Deltakere"], [
        (show_date(a.held_on), str(a.participants)) for a in sessions[-LIMIT:]]))
    return parts
