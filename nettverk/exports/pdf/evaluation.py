"""The yearly evaluation report (evaluering / årsrapport): network summary, one section per participant."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from nettverk.exports.pdf.common import (
    Contents,
    Heading,
    ReportDocument,
    build,
    day,
    kroner,
    label,
    number,
    para,
    percent,
    styles,
    table,
    text,
)
from nettverk.exports.pdf.radar import radar


@dataclass(frozen=True)
class Assessment:
    """A capacity-diamond session's consensus, in the order of the report's components."""

    held_on: date
    scores: Sequence[int | None]


@dataclass(frozen=True)
class ParticipantSection:
    """What the report says about one participant in the year."""

    number: str
    display_name: str
    county: str
    population: int | None
    attendance_percent: float | None
    persons: int
    total_cost: Decimal
    first: Assessment | None
    latest: Assessment | None
    plans: Sequence[tuple[str, str, str]]  # plan, stage, deadline text
    milestones: Sequence[tuple[str, date, str]]  # title, due, status label
    follow_ups: Sequence[tuple[date, str, str, str]]  # on, kind, summary, next action
    success_factors: Sequence[tuple[str, bool, str]]  # factor, in place, notes


@dataclass(frozen=True)
class EvaluationReport:
    """Everything the evaluation report shows; plain data gathered by the reports service."""

    programme: str
    programme_name: str
    year: int
    made: datetime
    data_date: date
    components: Sequence[str]
    held: int
    planned: int
    cancelled: int
    physical_held: int
    target_min: int | None
    target_max: int | None
    physical_target: int | None
    target_notes: Sequence[str]
    attendance_percent: float | None
    persons: int
    travel_cost: Decimal
    accommodation_cost: Decimal
    total_cost: Decimal
    feedback_responses: int
    feedback_overall: float | None
    feedback_usefulness: float | None
    capacity_averages: Sequence[tuple[str, float, int]]  # component, mean, sessions
    participants: Sequence[ParticipantSection]
    notes: Sequence[str] = field(default_factory=tuple)


def _target(report: EvaluationReport) -> str:
    if report.target_min is None and report.target_max is None:
        return "ikke satt"
    if report.target_min == report.target_max or report.target_max is None:
        return str(report.target_min)
    if report.target_min is None:
        return f"høyst {report.target_max}"
    return f"{report.target_min}–{report.target_max}"


def _summary(report: EvaluationReport, width: float) -> list[Flowable]:
    st = styles()
    physical = str(report.physical_held)
    if report.physical_target is not None:
        physical += f" (mål {report.physical_target})"
    rows = [
        ["Samlinger holdt", f"{report.held} (mål {_target(report)})"],
        ["Herav fysiske eller hybride", physical],
        ["Planlagt / avlyst", f"{report.planned} / {report.cancelled}"],
        ["Oppmøte (møtt av inviterte)", percent(report.attendance_percent)],
        ["Personer som deltok", number(report.persons)],
        ["Reiseutgifter", kroner(report.travel_cost)],
        ["Oppholdsutgifter", kroner(report.accommodation_cost)],
        ["Kostnader i alt", kroner(report.total_cost)],
        ["Tilbakemeldinger", f"{report.feedback_responses} svar"],
        ["Helhetsinntrykk (1–5)", number(report.feedback_overall, 2)
         if report.feedback_overall is not None else "–"],
        ["Nytte (1–5)", number(report.feedback_usefulness, 2)
         if report.feedback_usefulness is not None else "–"],
    ]
    out: list[Flowable] = [table(["Nøkkeltall", str(report.year)], rows,
                                 [width * 0.5, width * 0.5], right=(1,))]
    for note in report.target_notes:
        out.append(Paragraph(f"• {text(note)}", st["body"]))
    out.append(para("Kapasitetsdiamanten i nettverket", st["h2"]))
    out.append(table(
        ["Komponent", "Gjennomsnitt (konsensus)", "Vurderinger"],
        [[c, number(mean, 2), str(n)] for c, mean, n in report.capacity_averages],
        [width * 0.45, width * 0.3, width * 0.25], right=(1, 2)))
    return out


def _participant(report: EvaluationReport, p: ParticipantSection, width: float,
                 key: str) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [
        Heading(f"{p.number} {p.display_name}", st["h1"], 1, key),
        Paragraph(
            f"Fylke {text(p.county)} · {number(p.population)} innbyggere · oppmøte "
            f"{percent(p.attendance_percent)} · {number(p.persons)} "
            f"{'person' if p.persons == 1 else 'personer'} · "
            f"kostnader {kroner(p.total_cost)}", st["body"]),
    ]
    if p.latest or p.first:
        later_label = (f"Konsensus {report.year} ({day(p.latest.held_on)})" if p.latest
                       else f"Ingen vurdering i {report.year}")
        earlier_label = f"Første vurdering ({day(p.first.held_on)})" if p.first else ""
        chart = radar(report.components, p.latest.scores if p.latest else None,
                      p.first.scores if p.first and p.first != p.latest else None,
                      later_label, earlier_label)
        scores = [[c,
                   str(p.first.scores[i] or "–") if p.first else "–",
                   str(p.latest.scores[i] or "–") if p.latest else "–"]
                  for i, c in enumerate(report.components)]
        out.append(KeepTogether([
            label("Kapasitetsdiamanten", "h2"), chart,
            table(["Komponent", "Første vurdering", f"Konsensus {report.year}"], scores,
                  [width * 0.4, width * 0.3, width * 0.3], right=(1, 2)),
        ]))
    else:
        out.append(label("Kapasitetsdiamanten", "h2"))
        out.append(label("Ingen vurdering registrert.", "body"))
    out.append(label("Planarbeid", "h2"))
    out.append(table(["Plan", "Fase", "Frist"], [list(x) for x in p.plans],
                     [width * 0.35, width * 0.25, width * 0.4]))
    out.append(label("Milepæler", "h2"))
    out.append(table(["Milepæl", "Frist", "Status"],
                     [[t, day(due), status] for t, due, status in p.milestones],
                     [width * 0.56, width * 0.2, width * 0.24]))
    out.append(label("Oppfølging", "h2"))
    out.append(table(["Dato", "Form", "Hva", "Neste steg"],
                     [[day(on), kind, summary, nxt] for on, kind, summary, nxt in p.follow_ups],
                     [width * 0.13, width * 0.12, width * 0.45, width * 0.3]))
    out.append(label("Suksessfaktorer", "h2"))
    out.append(table(["Faktor", "På plass", "Merknad"],
                     [[f, "ja" if ok else "nei", notes] for f, ok, notes in p.success_factors],
                     [width * 0.4, width * 0.12, width * 0.48]))
    return out


def render_evaluation(report: EvaluationReport) -> bytes:
    """The evaluation report as PDF bytes (A4, with a table of contents)."""
    st = styles()
    buffer = io.BytesIO()
    title = f"Evaluering {report.year}: {report.programme_name}"
    doc = ReportDocument(buffer, title, report.made, report.data_date, "Årlig evaluering")
    w = doc.width
    story: list[Flowable] = [
        para(title, st["title"]),
        Paragraph(f"Årsrapport for {report.year} · {len(report.participants)} deltakerkommuner",
                  st["subtitle"]),
        para("Innhold", st["h2"]),
        Contents([(0, "Nettverket samlet", "toc-summary")]
                 + ([(0, "Deltakerkommunene", "toc-participants")] if report.participants else [])
                 + [(1, f"{p.number} {p.display_name}", f"toc-{i}")
                    for i, p in enumerate(report.participants)]),
    ]
    for note in report.notes:
        story.append(Paragraph(f"<i>{text(note)}</i>", st["small"]))
    story += [PageBreak(), Heading("Nettverket samlet", st["h1"], 0, "toc-summary"),
              *_summary(report, w)]
    if report.participants:
        story += [PageBreak(), Heading("Deltakerkommunene", st["h1"], 0, "toc-participants")]
    for i, p in enumerate(report.participants):
        if i:
            story.append(PageBreak())
        story += _participant(report, p, w, f"toc-{i}")
    return build(doc, story)
