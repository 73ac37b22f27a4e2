"""The programme workbook's sheets built from the columns their queries read: the headings and
kinds, and each row from plain values. Shared by services.spreadsheets (SQLAlchemy) and
services.plain_spreadsheets (plain DB-API SQL), so both write the same cells; importable
without SQLAlchemy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from nettverk.domain.evaluation_rules import (
    CAPACITY_LABELS,
    SUCCESS_FACTOR_LABELS,
    CapacityComponent,
    SuccessFactor,
)
from nettverk.domain.network_rules import (
    DEADLINE_STATE_LABELS,
    FOLLOW_UP_KIND_LABELS,
    GATHERING_MODE_LABELS,
    GATHERING_STATUS_LABELS,
    MILESTONE_STATUS_LABELS,
    PLAN_KIND_LABELS,
    PLAN_STAGE_LABELS,
    PlanKind,
    milestone_status,
    plan_document_deadline,
    plan_strategy_deadline_state,
)
from nettverk.domain.norwegian import display_name
from nettverk.domain.values import OSLO
from nettverk.exports.tabular import Column, Sheet

_PARTICIPATION_LABELS = {"active": "aktiv", "completed": "fullført", "withdrawn": "trukket seg"}

Row = tuple[Any, ...]


def participants(found: Iterable[Row]) -> Sheet:
    """Deltakere from (number, name, sami name, county, population, status, starts, ends,
    contact person), by municipality number."""
    rows = [
        (number, display_name(name, sami_name), sami_name, county, population,
         _PARTICIPATION_LABELS.get(status, status), starts, ends, contact)
        for number, name, sami_name, county, population, status, starts, ends, contact in found
    ]
    return Sheet("Deltakere", [
        Column("Kommunenr"), Column("Kommune"), Column("Samisk navn"), Column("Fylke"),
        Column("Innbyggere", "int"), Column("Status"), Column("Fra", "date"),
        Column("Til", "date"), Column("Kontaktperson"),
    ], rows)


def gatherings(found: Iterable[Row]) -> Sheet:
    """Samlinger from (id, title, starts, ends, mode, status, location, video link, theme,
    revision, agenda)."""
    rows = [
        (gid, title, start, end, GATHERING_MODE_LABELS[mode], GATHERING_STATUS_LABELS[status],
         location, video_url, theme, revision, agenda)
        for (gid, title, start, end, mode, status, location, video_url, theme, revision,
             agenda) in found
    ]
    return Sheet("Samlinger", [
        Column("Id", "int"), Column("Tittel"), Column("Start", "datetime"),
        Column("Slutt", "datetime"), Column("Form"), Column("Status"), Column("Sted"),
        Column("Videolenke"), Column("Tema"), Column("Revisjon", "int"),
        Column("Agenda", width=60),
    ], rows)


def attendance(found: Iterable[Row]) -> Sheet:
    """Oppmøte from (gathering title, starts (aware), number, name, sami name, invited,
    registered, attended, persons, travel, accommodation (Decimal))."""
    rows = [
        (title, starts.astimezone(OSLO).date(), number, display_name(name, sami), invited,
         registered, attended, persons, travel, accommodation, travel + accommodation)
        for (title, starts, number, name, sami, invited, registered, attended, persons,
             travel, accommodation) in found
    ]
    return Sheet("Oppmøte", [
        Column("Samling"), Column("Dato", "date"), Column("Kommunenr"), Column("Kommune"),
        Column("Invitert", "bool"), Column("Påmeldt", "bool"), Column("Møtt", "bool"),
        Column("Personer", "int"), Column("Reiseutgifter", "money"),
        Column("Oppholdsutgifter", "money"), Column("Sum", "money"),
    ], rows)


def milestones(found: Iterable[Row], today: date) -> Sheet:
    """Milepæler from (title, due, done on, number, municipality's display name, responsible),
    with their state on `today`."""
    rows = []
    for title, due, done_on, number, municipality, responsible in found:
        done_then = done_on if done_on is not None and done_on <= today else None
        rows.append((title, due, done_then,
                     MILESTONE_STATUS_LABELS[milestone_status(due, done_then, today)],
                     number, municipality, responsible))
    return Sheet("Milepæler", [
        Column("Milepæl"), Column("Frist", "date"), Column("Utført", "date"),
        Column("Status"), Column("Kommunenr"), Column("Kommune"), Column("Ansvarlig"),
    ], rows)


def plans(found: Iterable[Row], today: date) -> Sheet:
    """Planstatus from (number, name, sami name, kind, title, period start, period end, stage,
    adopted on, council constituted on, archive reference), with the deadline on `today`."""
    rows = []
    for (number, name, sami_name, kind, title, start, end, stage, adopted_on, constituted,
         archive_ref) in found:
        deadline = plan_document_deadline(PlanKind(kind), start, constituted, today)
        state = (plan_strategy_deadline_state(deadline, adopted_on, today)
                 if deadline is not None else None)
        rows.append((
            number, display_name(name, sami_name), PLAN_KIND_LABELS[kind], title,
            f"{start}–{end}" if start and end else (str(start) if start else None),
            PLAN_STAGE_LABELS[stage], adopted_on, deadline,
            DEADLINE_STATE_LABELS[state] if state else None, archive_ref))
    return Sheet("Planstatus", [
        Column("Kommunenr"), Column("Kommune"), Column("Plan"), Column("Tittel"),
        Column("Periode"), Column("Fase"), Column("Vedtatt", "date"), Column("Frist", "date"),
        Column("Fristsituasjon"), Column("Arkivreferanse"),
    ], rows)


def evaluation(sessions: Iterable[Row], people: dict[int, int],
               agreed: Iterable[Row]) -> Sheet:
    """Evaluering from the sessions (id, number, name, sami name, held on, facilitator), the
    participants per session and the consensus scores (session id, component, score)."""
    components = list(CapacityComponent)
    scored: dict[int, dict[str, int]] = {}
    for aid, component, score in agreed:
        scored.setdefault(aid, {})[component] = score
    rows = []
    for aid, number, name, sami_name, held_on, facilitator in sessions:
        consensus = scored.get(aid, {})
        scores = [consensus.get(c) for c in components]
        present = [x for x in scores if x is not None]
        rows.append((number, display_name(name, sami_name), held_on, held_on.year, *scores,
                     round(sum(present) / len(present), 2) if present else None,
                     people.get(aid, 0), facilitator))
    return Sheet("Evaluering", [
        Column("Kommunenr"), Column("Kommune"), Column("Dato", "date"), Column("År", "int"),
        *(Column(CAPACITY_LABELS[c], "int") for c in components),
        Column("Snitt", "number"), Column("Deltakere", "int"), Column("Prosessleder"),
    ], rows)


def applications(found: Iterable[Row]) -> Sheet:
    """Søknader from (received, number, display name, county, population, its year, round,
    status label, eligible, eligibility notes, decided on, reason, override, late, samfunnsdel
    year, has statistics, progress plan, personnel)."""
    rows = [(*row[:9], _lines(row[9]), *row[10:]) for row in found]
    return Sheet("Søknader", [
        Column("Mottatt", "date"), Column("Kommunenr"), Column("Kommune"), Column("Fylke"),
        Column("Innbyggere", "int"), Column("Innbyggere år", "int"), Column("Utlysning"),
        Column("Status"), Column("Kvalifisert", "bool"), Column("Merknader", width=50),
        Column("Avgjort", "date"), Column("Begrunnelse", width=40),
        Column("Overstyrt fordi", width=40), Column("Sen", "bool"),
        Column("Samfunnsdel år", "int"), Column("Har statistikk", "bool"),
        Column("Framdriftsplan", width=40), Column("Personell", width=40),
    ], rows)


def follow_ups(found: Iterable[Row]) -> Sheet:
    """Oppfølging from (on, number, name, sami name, kind, participants, summary, next
    action, its deadline, done on, exempt from public)."""
    rows = [
        (on, number, display_name(name, sami_name), FOLLOW_UP_KIND_LABELS[kind], participants,
         summary, next_action, due, done_on, exempt)
        for (on, number, name, sami_name, kind, participants, summary, next_action, due,
             done_on, exempt) in found
    ]
    return Sheet("Oppfølging", [
        Column("Dato", "date"), Column("Nr"), Column("Kommune"), Column("Type"),
        Column("Deltakere"), Column("Referat", width=60), Column("Neste steg", width=40),
        Column("Frist", "date"), Column("Utført", "date"), Column("Unntatt offentlighet", "bool"),
    ], rows)


def feedback(found: Iterable[Row]) -> Sheet:
    """Tilbakemeldinger from (gathering starts, its title, number, name, sami name,
    respondent, overall, usefulness, comment)."""
    rows = [
        (starts_at, title, number, display_name(name, sami_name) if name else None, respondent,
         overall, usefulness, comment)
        for (starts_at, title, number, name, sami_name, respondent, overall, usefulness,
             comment) in found
    ]
    return Sheet("Tilbakemeldinger", [
        Column("Dato", "datetime"), Column("Samling"), Column("Nr"), Column("Kommune"),
        Column("Respondent"), Column("Helhet", "int"), Column("Nytte", "int"),
        Column("Kommentar", width=60),
    ], rows)


def success_factors(found: Iterable[Row]) -> Sheet:
    """Suksessfaktorer from (number, name, sami name, year, factor, in place, notes), in the
    order of success_factors.list_status: municipality, year, the factors' own order."""
    order = {factor: i for i, factor in enumerate(SuccessFactor)}
    ordered = sorted(found, key=lambda r: (r[0], r[3], order[r[4]]))
    rows = [(number, display_name(name, sami_name), year, SUCCESS_FACTOR_LABELS[factor],
             in_place, notes) for number, name, sami_name, year, factor, in_place, notes
            in ordered]
    return Sheet("Suksessfaktorer", [
        Column("Nr"), Column("Kommune"), Column("År", "int"), Column("Suksessfaktor", width=40),
        Column("På plass", "bool"), Column("Merknad", width=50),
    ], rows)


def agreements(rows: list[Row]) -> Sheet:
    """Avtaler: the partnership agreements, rows as spreadsheet_sheets builds them."""
    return Sheet("Avtaler", [
        Column("Nr"), Column("Kommune"), Column("Fylke"), Column("Status"),
        Column("Tilbudt", "date"), Column("Signert", "date"), Column("Fra", "date"),
        Column("Til", "date"), Column("Innsatsområder", width=40), Column("Åpne tiltak", "int"),
        Column("Kontakt fylket"), Column("Kontakt kommunen"), Column("Arkivref."),
        Column("Merknad", width=50),
    ], rows)


def actions(rows: list[Row]) -> Sheet:
    """Tiltak: the agreed actions of the programme's agreements."""
    return Sheet("Tiltak", [
        Column("Frist", "date"), Column("Nr"), Column("Kommune"), Column("Tiltak", width=50),
        Column("Innsatsområde"), Column("Ansvarlig"), Column("Status"), Column("Utført", "date"),
        Column("Forfalt", "bool"), Column("Avtale", "int"),
    ], rows)


def priority(rows: list[Row]) -> Sheet:
    """Prioritering: each priority session's factors."""
    return Sheet("Prioritering", [
        Column("Dato", "date"), Column("Økt"), Column("Nr"), Column("Kommune"),
        Column("Faktor", width=40), Column("Viktighet (snitt)", "number"),
        Column("Påvirkning (snitt)", "number"), Column("Viktighet (avtalt)", "int"),
        Column("Påvirkning (avtalt)", "int"), Column("Svar", "int"), Column("Kvadrant"),
    ], rows)


def themes(rows: list[Row]) -> Sheet:
    """Temaer: the theme calendar, month by month."""
    return Sheet("Temaer", [
        Column("År", "int"), Column("Måned"), Column("Tema"), Column("Bærekraftsmål"),
        Column("Beskrivelse", width=60), Column("Lenker", width=40),
    ], rows)


def _lines(values: list[str]) -> str | None:
    return "\n".join(values) if values else None
