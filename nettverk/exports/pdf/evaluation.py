"""The yearly evaluation report (evaluering / årsrapport): network summary, one section per participant."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph

from nettverk.domain.norwegian import count, plural
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
from nettverk.exports.pdf.figures import (
    EvaluationFigures,
    gatherings_chart,
    history_series,
    plan_progress_chart,
    priority_chart,
)
from nettverk.exports.pdf.radar import SeriesRadar, radar


@dataclass(frozen=True)
class Assessment:
    """A capacity-diamond session's consensus, in the order of the report's components."""

    held_on: date
    scores: Sequence[int | None]
    spreads: Sequence[str | None] = ()
    """Per component: the individual scores' spread («min–max») beside the consensus."""


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
    ten_point: Sequence[tuple[str, str, date | None, str]] = ()  # step, status, date, notes


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
    owner: str | None = None  # the county body that owns the programme: the PDF's author
    figures: EvaluationFigures = field(default_factory=EvaluationFigures)
    unconfirmed: int = 0
    """Gatherings whose time had passed by the data date without being recorded held."""


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
        *([["Ikke bekreftet holdt", str(report.unconfirmed)]] if report.unconfirmed else []),
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
    if report.unconfirmed:
        out.append(Paragraph(
            f"• {count(report.unconfirmed, 'samlinger')} var ikke bekreftet holdt per "
            f"{day(report.data_date)} og er ikke talt med som holdt.", st["body"]))
    out.append(para("Kapasitetsdiamanten i nettverket", st["h2"]))
    out.append(table(
        ["Komponent", "Gjennomsnitt (konsensus)", "Vurderinger"],
        [[c, number(mean, 2), str(n)] for c, mean, n in report.capacity_averages],
        [width * 0.45, width * 0.3, width * 0.25], right=(1, 2)))
    return out + _figures(report, width)


def _figures(report: EvaluationReport, width: float) -> list[Flowable]:
    """The network's charts and the feedback's comments."""
    st, figures = styles(), report.figures
    out: list[Flowable] = []
    if figures.gatherings:
        out.append(KeepTogether([
            label("Oppmøte og tilbakemeldinger per samling", "h2"),
            Paragraph(f"Alle holdte samlinger fram til {day(report.data_date)}, eldste først.",
                      st["small"]),
            gatherings_chart(figures.gatherings, width)]))
    if figures.plan_progress:
        out.append(KeepTogether([
            label("Planstrategien i nettverket", "h2"),
            Paragraph(f"Antall deltakerkommuner i hver fase per {day(report.data_date)}.",
                      st["small"]),
            plan_progress_chart(figures.plan_progress, width)]))
    for session in figures.priority_sessions:
        where = f" · {text(session.municipality)}" if session.municipality else ""
        out.append(KeepTogether([
            para(f"Prioriteringsverktøyet: {session.title}", st["h2"]),
            Paragraph(f"{day(session.held_on)}{where} · viktighet × påvirkning (1–5); "
                      "stiplet linje ved midtpunktet 3", st["small"]),
            priority_chart(session, width),
            table(["Nr", "Faktor", "Viktighet", "Påvirkning", "Kvadrant"],
                  [[str(i), name, number(imp, 1), number(infl, 1), quadrant]
                   for i, (name, imp, infl, quadrant) in enumerate(session.factors, start=1)],
                  [width * x for x in (0.07, 0.43, 0.14, 0.14, 0.22)], right=(0, 2, 3))]))
    if figures.comments:
        out.append(para("Kommentarer fra tilbakemeldingene", st["h2"]))
        out.append(table(["Dato", "Samling", "Fra", "Kommentar"],
                         [[day(c.on), c.gathering, c.who, c.comment] for c in figures.comments],
                         [width * x for x in (0.12, 0.25, 0.2, 0.43)]))
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
        means = {c: mean for c, mean, _ in report.capacity_averages}
        average = [means.get(c) for c in report.components]
        history = report.figures.capacity_history.get(p.number, ())
        chart: Flowable
        if history:  # every year's consensus so far, against the network's average this year
            chart = SeriesRadar(report.components, history_series(history, average))
        else:
            chart = radar(report.components, p.latest.scores if p.latest else None,
                          p.first.scores if p.first and p.first != p.latest else None,
                          later_label, earlier_label)
        spreads = p.latest.spreads if p.latest and p.latest.spreads else ()
        scores = [[c,
                   str(p.first.scores[i] or "–") if p.first else "–",
                   str(p.latest.scores[i] or "–") if p.latest else "–",
                   (spreads[i] or "–") if spreads else "–",
                   number(average[i], 2) if average[i] is not None else "–"]
                  for i, c in enumerate(report.components)]
        out.append(KeepTogether([
            label("Kapasitetsdiamanten", "h2"), chart,
            table(["Komponent", "Første vurdering", f"Konsensus {report.year}",
                   "Individuelle (min–maks)", "Snitt i nettverket"], scores,
                  [width * 0.2, width * 0.17, width * 0.17, width * 0.25, width * 0.21],
                  right=(1, 2, 3, 4)),
        ]))
    else:
        out.append(label("Kapasitetsdiamanten", "h2"))
        out.append(label("Ingen vurdering registrert.", "body"))
    out += _section("Planarbeid", table(["Plan", "Fase", "Frist"], [list(x) for x in p.plans],
                                        [width * 0.35, width * 0.25, width * 0.4]), len(p.plans))
    out += _section("Milepæler", table(
        ["Milepæl", "Frist", "Status"], [[t, day(due), status] for t, due, status in p.milestones],
        [width * 0.56, width * 0.2, width * 0.24]), len(p.milestones))
    out += _section("Oppfølging", table(
        ["Dato", "Form", "Hva", "Neste steg"],
        [[day(on), kind, summary, nxt] for on, kind, summary, nxt in p.follow_ups],
        [width * 0.13, width * 0.12, width * 0.45, width * 0.3]), len(p.follow_ups))
    out += _section("Suksessfaktorer", table(
        ["Faktor", "På plass", "Merknad"],
        [[f, "ja" if ok else "nei", notes] for f, ok, notes in p.success_factors],
        [width * 0.4, width * 0.12, width * 0.48]), len(p.success_factors))
    if p.ten_point:
        out += _section("10-punktsmodellen", table(
            ["Steg", "Status", "Dato", "Notater"],
            [[step, status, day(on) if on else "–", notes] for step, status, on, notes in p.ten_point],
            [width * 0.38, width * 0.14, width * 0.14, width * 0.34]), len(p.ten_point))
    else:
        out += [label("10-punktsmodellen", "h2"), label("Ingen steg registrert.", "body")]
    return out


#: A table with at most this many rows moves to the next page whole, with its heading, rather
#: than leaving a page that holds only its repeated heading and a row or two.
KEEP_WHOLE_ROWS = 20


def _section(heading: str, body: Flowable, rows: int) -> list[Flowable]:
    if rows <= KEEP_WHOLE_ROWS:
        return [KeepTogether([label(heading, "h2"), body])]
    return [label(heading, "h2"), body]


def render_evaluation(report: EvaluationReport) -> bytes:
    """The evaluation report as PDF bytes (A4, with a table of contents)."""
    st = styles()
    buffer = io.BytesIO()
    title = f"Evaluering {report.year}: {report.programme_name}"
    doc = ReportDocument(buffer, title, report.made, report.data_date, "Årlig evaluering",
                         author=report.owner)
    w = doc.width
    story: list[Flowable] = [
        para(title, st["title"]),
        Paragraph(f"Årsrapport for {report.year} · "
                  f"{plural(len(report.participants), 'deltakerkommune', 'deltakerkommuner')}",
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
        story += [CondPageBreak(doc.height * 0.4),
                  Heading("Deltakerkommunene", st["h1"], 0, "toc-participants")]
    for i, p in enumerate(report.participants):
        if i:  # a new page only when less than 40 % of this one is left: no near-empty pages
            story.append(CondPageBreak(doc.height * 0.4))
        story += _participant(report, p, w, f"toc-{i}")
    return build(doc, story)
