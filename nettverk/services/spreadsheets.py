"""The programme workbook: participants, gatherings, attendance, milestones, plans, evaluation,
and (spreadsheet_sheets) the rest of the work. The rows are built from the columns each query
reads by services.spreadsheet_rows, which services.plain_spreadsheets shares."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from nettverk.domain.base import utcnow
from nettverk.domain.evaluation import (
    CapacityAssessment,
    CapacityConsensus,
    CapacityParticipant,
)
from nettverk.domain.network import Attendance, Gathering, PlanDocument
from nettverk.domain.register import Municipality, Participation, ParticipationStatus
from nettverk.domain.values import OSLO
from nettverk.exports.tabular import Sheet, write_xlsx
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import programmes, spreadsheet_rows
from nettverk.services.register import find_programme
from nettverk.services.reports import milestone_rows
from nettverk.services.spreadsheet_sheets import work_sheets


def participants_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Deltakere: the participating municipalities."""
    return spreadsheet_rows.participants(
        (p.municipality, p.name, p.sami_name, p.county, p.population, p.status, p.starts,
         p.ends, p.contact_person)
        for p in programmes.list_participants(uow, programme))


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
        return spreadsheet_rows.gatherings(uow.session.execute(stmt).all())


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
        return spreadsheet_rows.attendance(s.execute(stmt).all())


def milestones_sheet(uow: UnitOfWork, programme: str, today: date) -> Sheet:
    """Milepæler: the programme's milestones, with their state on `today`."""
    return spreadsheet_rows.milestones(
        ((m.title, m.due, m.done_on, m.municipality, m.municipality_name, m.responsible)
         for m in milestone_rows(uow, programme)), today)


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
    return spreadsheet_rows.plans(found, today)


def evaluation_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Evaluering: the capacity diamond's consensus scores per session.

    The rows of capacity.list_assessments(programme=…), read as plain columns (three
    queries instead of a view with its participants and consensus per session);
    tests/exports/test_xlsx.py compares the two."""
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
        agreed = s.execute(
            select(CapacityConsensus.assessment_id, CapacityConsensus.component,
                   CapacityConsensus.score)
            .where(CapacityConsensus.assessment_id.in_(of_programme))).all()
    return spreadsheet_rows.evaluation(sessions, people, agreed)


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
