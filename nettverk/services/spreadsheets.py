"""The programme workbook: participants, gatherings, attendance, milestones, plans, evaluation,
and (spreadsheet_sheets) the rest of the work."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from nettverk.domain.base import utcnow
from nettverk.domain.evaluation import (
    CAPACITY_LABELS,
    CapacityAssessment,
    CapacityComponent,
    CapacityConsensus,
    CapacityParticipant,
)
from nettverk.domain.network import (
    DEADLINE_STATE_LABELS,
    GATHERING_MODE_LABELS,
    GATHERING_STATUS_LABELS,
    MILESTONE_STATUS_LABELS,
    PLAN_KIND_LABELS,
    PLAN_STAGE_LABELS,
    Attendance,
    Gathering,
    PlanDocument,
    milestone_status,
    plan_document_deadline,
    plan_strategy_deadline_state,
)
from nettverk.domain.register import Municipality, Participation, ParticipationStatus
from nettverk.domain.values import OSLO
from nettverk.exports.tabular import Column, Sheet, write_xlsx
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import register
from nettverk.services.register import find_programme
from nettverk.services.reports import milestone_rows
from nettverk.services.spreadsheet_sheets import work_sheets

_PARTICIPATION_LABELS = {"active": "aktiv", "completed": "fullført", "withdrawn": "trukket seg"}


def _display(name: str, sami_name: str | None) -> str:
    return f"{name} – {sami_name}" if sami_name else name


def participants_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Deltakere: the participating municipalities."""
    rows = [
        (p.municipality, _display(p.name, p.sami_name), p.sami_name, p.county, p.population,
         _PARTICIPATION_LABELS.get(p.status, p.status), p.starts, p.ends, p.contact_person)
        for p in register.list_participants(uow, programme)
    ]
    return Sheet("Deltakere", [
        Column("Kommunenr"), Column("Kommune"), Column("Samisk navn"), Column("Fylke"),
        Column("Innbyggere", "int"), Column("Status"), Column("Fra", "date"),
        Column("Til", "date"), Column("Kontaktperson"),
    ], rows)


def gatherings_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Samlinger: every gathering with time, form, place and agenda (one column query)."""
    with uow:
        prog = find_programme(uow.session, programme)
        stmt = (
            select(Gathering.id, Gathering.title, Gathering.starts_at, Gathering.ends_at,
                   Gathering.mode, Gathering.status, Gathering.location, Gathering.video_url,
                   Gathering.theme, Gathering.revision, Gathering.agenda)
            .where(Gathering.programme_id == prog.id)
            .order_by(Gathering.starts_at, Gathering.id)
        )
        rows = [
            (gid, title, start, end, GATHERING_MODE_LABELS[mode], GATHERING_STATUS_LABELS[status],
             location, video_url, theme, revision, agenda)
            for (gid, title, start, end, mode, status, location, video_url, theme, revision,
                 agenda) in uow.session.execute(stmt)
        ]
    return Sheet("Samlinger", [
        Column("Id", "int"), Column("Tittel"), Column("Start", "datetime"),
        Column("Slutt", "datetime"), Column("Form"), Column("Status"), Column("Sted"),
        Column("Videolenke"), Column("Tema"), Column("Revisjon", "int"),
        Column("Agenda", width=60),
    ], rows)


def attendance_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Oppmøte: one row per municipality and gathering, with persons and costs (one query)."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        stmt = (
            select(Gathering.title, Gathering.starts_at, Municipality.number, Municipality.name,
                   Municipality.sami_name, Attendance.invited, Attendance.registered,
                   Attendance.attended, Attendance.persons, Attendance.travel_cost,
                   Attendance.accommodation_cost)
            .join(Gathering, Attendance.gathering_id == Gathering.id)
            .join(Municipality, Attendance.municipality_id == Municipality.id)
            .where(Gathering.programme_id == prog.id)
            .order_by(Gathering.starts_at, Gathering.id, Municipality.number)
        )
        rows = [
            (title, starts.astimezone(OSLO).date(), number, _display(name, sami), invited,
             registered, attended, persons, travel, accommodation, travel + accommodation)
            for (title, starts, number, name, sami, invited, registered, attended, persons,
                 travel, accommodation) in s.execute(stmt)
        ]
    return Sheet("Oppmøte", [
        Column("Samling"), Column("Dato", "date"), Column("Kommunenr"), Column("Kommune"),
        Column("Invitert", "bool"), Column("Påmeldt", "bool"), Column("Møtt", "bool"),
        Column("Personer", "int"), Column("Reiseutgifter", "money"),
        Column("Oppholdsutgifter", "money"), Column("Sum", "money"),
    ], rows)


def milestones_sheet(uow: UnitOfWork, programme: str, today: date) -> Sheet:
    """Milepæler: the programme's milestones, with their state on `today`."""
    rows = []
    for m in milestone_rows(uow, programme):
        done_then = m.done_on if m.done_on is not None and m.done_on <= today else None
        rows.append((m.title, m.due, done_then,
                     MILESTONE_STATUS_LABELS[milestone_status(m.due, done_then, today)],
                     m.municipality, m.municipality_name, m.responsible))
    return Sheet("Milepæler", [
        Column("Milepæl"), Column("Frist", "date"), Column("Utført", "date"),
        Column("Status"), Column("Kommunenr"), Column("Kommune"), Column("Ansvarlig"),
    ], rows)


def plans_sheet(uow: UnitOfWork, programme: str, today: date) -> Sheet:
    """Planstatus: the participants' planning documents, stage and deadline.

    The rows of plans.list_plan_documents(programme=…), read as plain columns (its views, ORM
    objects with their stage events, took most of the workbook's query time at national
    scale); tests/exports/test_xlsx.py compares the two."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        found = s.execute(
            select(Municipality.number, Municipality.name, Municipality.sami_name,
                   PlanDocument.kind, PlanDocument.title, PlanDocument.period_start,
                   PlanDocument.period_end, PlanDocument.stage, PlanDocument.adopted_on,
                   PlanDocument.council_constituted_on, PlanDocument.archive_ref)
            .join(PlanDocument.municipality)
            .where(PlanDocument.municipality_id.in_(
                select(Participation.municipality_id).where(
                    Participation.programme_id == prog.id,
                    Participation.status != ParticipationStatus.withdrawn)))
            .order_by(Municipality.number, PlanDocument.kind, PlanDocument.period_start,
                      PlanDocument.id)).all()
    rows = []
    for (number, name, sami_name, kind, title, start, end, stage, adopted_on, constituted,
         archive_ref) in found:
        deadline = plan_document_deadline(kind, start, constituted, today)
        state = (plan_strategy_deadline_state(deadline, adopted_on, today)
                 if deadline is not None else None)
        rows.append((
            number, _display(name, sami_name), PLAN_KIND_LABELS[kind], title,
            f"{start}–{end}" if start and end else (str(start) if start else None),
            PLAN_STAGE_LABELS[stage], adopted_on, deadline,
            DEADLINE_STATE_LABELS[state] if state else None, archive_ref))
    return Sheet("Planstatus", [
        Column("Kommunenr"), Column("Kommune"), Column("Plan"), Column("Tittel"),
        Column("Periode"), Column("Fase"), Column("Vedtatt", "date"), Column("Frist", "date"),
        Column("Fristsituasjon"), Column("Arkivreferanse"),
    ], rows)


def evaluation_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Evaluering: the capacity diamond's consensus scores per session.

    The rows of capacity.list_assessments(programme=…), read as plain columns (three
    queries instead of a view with its participants and consensus per session);
    tests/exports/test_xlsx.py compares the two."""
    components = list(CapacityComponent)
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        sessions = s.execute(
            select(CapacityAssessment.id, Municipality.number, Municipality.name,
                   Municipality.sami_name, CapacityAssessment.held_on,
                   CapacityAssessment.facilitator)
            .join(CapacityAssessment.municipality)
            .where(CapacityAssessment.programme_id == prog.id)
            .order_by(Municipality.number, CapacityAssessment.held_on)).all()
        of_programme = select(CapacityAssessment.id).where(
            CapacityAssessment.programme_id == prog.id)
        people: dict[int, int] = {aid: n for aid, n in s.execute(
            select(CapacityParticipant.assessment_id, func.count())
            .where(CapacityParticipant.assessment_id.in_(of_programme))
            .group_by(CapacityParticipant.assessment_id))}
        agreed: dict[int, dict[CapacityComponent, int]] = {}
        for aid, component, score in s.execute(
                select(CapacityConsensus.assessment_id, CapacityConsensus.component,
                       CapacityConsensus.score)
                .where(CapacityConsensus.assessment_id.in_(of_programme))):
            agreed.setdefault(aid, {})[component] = score
    rows = []
    for aid, number, name, sami_name, held_on, facilitator in sessions:
        consensus = agreed.get(aid, {})
        scores = [consensus.get(c) for c in components]
        present = [x for x in scores if x is not None]
        rows.append((number, _display(name, sami_name), held_on, held_on.year, *scores,
                     round(sum(present) / len(present), 2) if present else None,
                     people.get(aid, 0), facilitator))
    return Sheet("Evaluering", [
        Column("Kommunenr"), Column("Kommune"), Column("Dato", "date"), Column("År", "int"),
        *(Column(CAPACITY_LABELS[c], "int") for c in components),
        Column("Snitt", "number"), Column("Deltakere", "int"), Column("Prosessleder"),
    ], rows)


def programme_sheets(uow: UnitOfWork, programme: str, today: date | None = None) -> list[Sheet]:
    """Every sheet of the programme workbook, as plain tables."""
    today = today or utcnow().astimezone(OSLO).date()
    with uow:
        find_programme(uow.session, programme)  # a clear error before any work
    return [
        participants_sheet(uow, programme),
        gatherings_sheet(uow, programme),
        attendance_sheet(uow, programme),
        milestones_sheet(uow, programme, today),
        plans_sheet(uow, programme, today),
        evaluation_sheet(uow, programme),
        *work_sheets(uow, programme),
    ]


def export_xlsx(uow: UnitOfWork, programme: str, today: date | None = None) -> bytes:
    """The programme workbook as xlsx bytes."""
    return write_xlsx(programme_sheets(uow, programme, today))
