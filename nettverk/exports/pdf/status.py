"""The status report for the county council (statusrapport til fylkesrådet), at a date."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from nettverk.domain.norwegian import plural
from nettverk.exports.pdf.common import (
    Heading,
    ReportDocument,
    build,
    day,
    number,
    para,
    percent,
    short_moment,
    styles,
    table,
    text,
)


@dataclass(frozen=True)
class ParticipantLine:
    """One participating municipality's standing."""

    number: str
    display_name: str
    county: str
    population: int | None
    population_year: int | None
    status: str
    plan_stage: str | None
    plan_deadline: date | None
    plan_deadline_state: str | None
    milestones_done: int
    milestones_overdue: int
    milestones_total: int
    attendance_percent: float | None
    agreement: str | None = None


@dataclass(frozen=True)
class GatheringLine:
    """A gathering held or coming."""

    start: datetime
    title: str
    mode: str
    status: str
    location: str | None


@dataclass(frozen=True)
class MilestoneLine:
    """An overdue milestone."""

    title: str
    due: date
    municipality: str | None
    days_overdue: int


@dataclass(frozen=True)
class ApplicationLine:
    """An application not yet decided."""

    display_name: str
    received: date
    status: str
    eligible: bool
    notes: Sequence[str]


@dataclass(frozen=True)
class CoverageLine:
    """Partnership-agreement coverage in one county."""

    county: str
    municipalities: int
    signed: int
    pending: int
    share_signed: float


@dataclass(frozen=True)
class StatusReport:
    """Everything the status report shows; plain data gathered by the reports service."""

    programme: str
    programme_name: str
    period: str
    description: str | None
    at: date
    made: datetime
    participants: Sequence[ParticipantLine]
    held: Sequence[GatheringLine]
    coming: Sequence[GatheringLine]
    cancelled: int
    overdue: Sequence[MilestoneLine]
    applications: Sequence[ApplicationLine]
    overdue_total: int | None = None  # when `overdue` lists only the oldest
    coverage: Sequence[CoverageLine] = ()
    coverage_programme: str | None = None
    notes: Sequence[str] = field(default_factory=tuple)
    owner: str | None = None  # the county body that owns the programme: the PDF's author
    #: decisions taken against a rule: municipality, decided on, status, reason, justification
    overrides: Sequence[tuple[str, date, str, str | None, str]] = ()
    unconfirmed: Sequence[GatheringLine] = ()
    """Gatherings whose time had passed on `at` without being recorded held or cancelled."""


def _gathering_rows(lines: Sequence[GatheringLine]) -> list[list[str]]:
    return [[short_moment(g.start), g.title, g.mode, g.status, g.location or ""] for g in lines]


def render_status(report: StatusReport) -> bytes:
    """The status report as PDF bytes (A4)."""
    st = styles()
    buffer = io.BytesIO()
    title = f"Statusrapport: {report.programme_name}"
    doc = ReportDocument(buffer, title, report.made, report.at, "Statusrapport til fylkesrådet",
                         author=report.owner)
    w = doc.width
    story: list[Flowable] = [
        para(title, st["title"]),
        Paragraph(f"Status per {day(report.at)} · {text(report.period)} · "
                  f"{plural(len(report.participants), 'deltakerkommune', 'deltakerkommuner')}",
                  st["subtitle"]),
    ]
    if report.description:
        story.append(para(report.description, st["body"]))
    held_count, coming_count = len(report.held), len(report.coming)
    overdue_count = report.overdue_total if report.overdue_total is not None else len(report.overdue)
    unconfirmed = (f", {len(report.unconfirmed)} ikke bekreftet holdt" if report.unconfirmed
                   else "")
    story.append(Paragraph(
        f"<b>Kort oppsummert:</b> {plural(held_count, 'samling', 'samlinger')} holdt{unconfirmed}, "
        f"{coming_count} kommende"
        f"{f', {report.cancelled} avlyst' if report.cancelled else ''}; "
        f"{plural(overdue_count, 'forfalt milepæl', 'forfalte milepæler')}; "
        f"{plural(len(report.applications), 'åpen søknad', 'åpne søknader')}.",
        st["body"]))
    for note in report.notes:
        story.append(Paragraph(f"<i>{text(note)}</i>", st["small"]))

    story.append(Heading("Deltakerkommuner", st["h1"], 0, "sec-participants"))
    rows = []
    for p in report.participants:
        plan = p.plan_stage or "ikke registrert"
        if p.plan_deadline:
            plan += f"\nfrist {day(p.plan_deadline)}"
        if p.plan_deadline_state:
            plan += f" ({p.plan_deadline_state})"
        population = number(p.population)
        if p.population_year:
            population += f" ({p.population_year})"
        rows.append([
            f"{p.number} {p.display_name}" + ("" if p.status == "aktiv" else f"\n{p.status}"),
            p.county, population, plan,
            f"{p.milestones_done} av {p.milestones_total}",
            str(p.milestones_overdue), percent(p.attendance_percent), p.agreement or "–",
        ])
    story.append(table(
        ["Kommune", "Fylke", "Innbyggere", "Planstrategi", "Milepæler utført", "Forfalt",
         "Oppmøte", "Avtale"], rows,
        [w * x for x in (0.2, 0.07, 0.12, 0.19, 0.11, 0.08, 0.1, 0.13)], right=(2, 4, 5, 6)))

    story.append(Heading("Samlinger holdt", st["h1"], 0, "sec-held"))
    story.append(table(["Tid", "Samling", "Form", "Status", "Sted"], _gathering_rows(report.held),
                       [w * x for x in (0.17, 0.39, 0.1, 0.1, 0.24)]))
    if report.unconfirmed:
        story.append(Heading("Samlinger som ikke er bekreftet holdt", st["h1"], 0, "sec-unconfirmed"))
        story.append(Paragraph(
            f"Tiden for disse samlingene var passert per {day(report.at)}, men det var ikke "
            "registrert at de ble holdt eller avlyst. De er ikke talt med som holdt.", st["body"]))
        story.append(table(["Tid", "Samling", "Form", "Status", "Sted"],
                           _gathering_rows(report.unconfirmed),
                           [w * x for x in (0.17, 0.39, 0.1, 0.1, 0.24)]))
    story.append(Heading("Kommende samlinger", st["h1"], 0, "sec-coming"))
    story.append(table(["Tid", "Samling", "Form", "Status", "Sted"],
                       _gathering_rows(report.coming),
                       [w * x for x in (0.17, 0.39, 0.1, 0.1, 0.24)]))

    story.append(Heading("Forfalte milepæler", st["h1"], 0, "sec-overdue"))
    if overdue_count > len(report.overdue):
        story.append(Paragraph(
            f"De {len(report.overdue)} eldste av {overdue_count} forfalte milepæler; alle står i "
            "regnearket (<i>nettverk export xlsx</i>, arket Milepæler).", st["body"]))
    story.append(table(
        ["Milepæl", "Frist", "Kommune", "Dager over"],
        [[m.title, day(m.due), m.municipality or "hele nettverket", str(m.days_overdue)]
         for m in report.overdue],
        [w * x for x in (0.45, 0.14, 0.29, 0.12)], right=(3,)))

    story.append(Heading("Åpne søknader", st["h1"], 0, "sec-applications"))
    story.append(table(
        ["Kommune", "Mottatt", "Status", "Oppfyller kriteriene"],
        [[a.display_name, day(a.received), a.status,
          "ja" if a.eligible else "nei: " + "; ".join(a.notes)] for a in report.applications],
        [w * x for x in (0.3, 0.14, 0.16, 0.4)]))

    if report.overrides:
        story.append(Heading("Overstyrte vedtak", st["h1"], 0, "sec-overrides"))
        story.append(Paragraph("Søknader som ble avgjort mot en regel (kriteriene eller antallet "
                               "per fylke), med begrunnelsen som ble gitt.", st["small"]))
        story.append(table(
            ["Kommune", "Avgjort", "Vedtak", "Begrunnelse for overstyring"],
            [[name, day(on), status + (f": {reason}" if reason else ""), why]
             for name, on, status, reason, why in report.overrides],
            [w * x for x in (0.22, 0.12, 0.26, 0.4)]))

    heading = "Dekning av partnerskapsavtaler"
    if report.coverage_programme:
        heading += f" ({report.coverage_programme})"
    story.append(Heading(heading, st["h1"], 0, "sec-coverage"))
    story.append(table(
        ["Fylke", "Kommuner", "Signert", "Under behandling", "Andel signert"],
        [[c.county, str(c.municipalities), str(c.signed), str(c.pending),
          percent(c.share_signed * 100)] for c in report.coverage],
        [w * x for x in (0.32, 0.16, 0.16, 0.18, 0.18)], right=(1, 2, 3, 4)))
    story.append(Spacer(1, 4 * mm))
    return build(doc, story)
