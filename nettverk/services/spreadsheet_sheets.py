"""The programme workbook's sheets for the rest of the work: applications, agreements and their
actions, follow-ups, feedback, success factors, priority sessions and the theme calendar.

Headings are the screens' own words, so a council member who has seen the program reads the
workbook without a key. Every sheet is there even when empty, so a workbook built on by formulas
keeps its shape from year to year.
"""

from __future__ import annotations

from sqlalchemy import select

from nettverk.domain.evaluation import Feedback, SuccessFactorStatus
from nettverk.domain.network import FollowUp, Gathering
from nettverk.domain.register import Municipality, Participation
from nettverk.exports.tabular import Sheet
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import agreement_actions, agreements, applications, priority, spreadsheet_rows, themes
from nettverk.services.register import find_programme


def applications_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Søknader: every application with eligibility, decision and any override."""
    return spreadsheet_rows.applications(
        (a.received, a.municipality, a.display_name, a.county, a.population, a.population_year,
         a.round_title, a.status_label, a.eligible, a.eligibility_notes, a.decided_on,
         a.decision_reason, a.override_justification, a.late, a.samfunnsdel_year,
         a.has_statistics, a.progress_plan, a.personnel)
        for a in applications.list_applications(uow, programme=programme))


def agreements_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Avtaler: the partnership agreements with their focus areas."""
    rows = [
        (a.municipality, a.display_name, a.county, a.status_label, a.offered_on, a.signed_on,
         a.starts, a.ends, ", ".join(a.focus_area_names) or None, a.open_actions, a.county_contact,
         a.municipality_contact, a.archive_ref, a.notes)
        for a in agreements.list_agreements(uow, programme=programme)
    ]
    return spreadsheet_rows.agreements(rows)


def actions_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Tiltak: the agreed actions of the programme's agreements."""
    ids = {a.id for a in agreements.list_agreements(uow, programme=programme)}
    rows = [
        (x.due, x.municipality, x.display_name, x.title, x.focus_area_name, x.owner,
         x.status_label, x.done_on, x.overdue, x.agreement_id)
        for x in agreement_actions.list_actions(uow) if x.agreement_id in ids
    ]
    return spreadsheet_rows.actions(rows)


def follow_ups_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Oppfølging: the direct follow-up log with the next step and its deadline (one column
    query, in the order of followups.list_follow_ups: newest first)."""
    with uow:
        s = uow.session
        stmt = (
            select(FollowUp.on, Municipality.number, Municipality.name, Municipality.sami_name,
                   FollowUp.kind, FollowUp.participants, FollowUp.summary, FollowUp.next_action,
                   FollowUp.next_action_due, FollowUp.next_action_done_on,
                   FollowUp.exempt_from_public)
            .join(Municipality, FollowUp.municipality_id == Municipality.id)
            .where(FollowUp.programme_id == find_programme(s, programme).id)
            .order_by(FollowUp.on.desc(), Municipality.number, FollowUp.id.desc())
        )
        return spreadsheet_rows.follow_ups(s.execute(stmt).all())


def feedback_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Tilbakemeldinger: every answer after the gatherings, with its comment (one column query:
    tens of thousands of answers at national scale)."""
    with uow:
        s = uow.session
        stmt = (
            select(Gathering.starts_at, Gathering.title, Municipality.number, Municipality.name,
                   Municipality.sami_name, Feedback.respondent, Feedback.overall,
                   Feedback.usefulness, Feedback.comment)
            .join(Gathering, Feedback.gathering_id == Gathering.id)
            .outerjoin(Municipality, Feedback.municipality_id == Municipality.id)
            .where(Gathering.programme_id == find_programme(s, programme).id)
            .order_by(Gathering.starts_at, Feedback.id)
        )
        return spreadsheet_rows.feedback(s.execute(stmt).all())


def success_factors_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Suksessfaktorer: which factors are in place, per municipality and year (one column
    query, in the order of success_factors.list_status: municipality, year, the factors')."""
    with uow:
        s = uow.session
        stmt = (
            select(Municipality.number, Municipality.name, Municipality.sami_name,
                   SuccessFactorStatus.year, SuccessFactorStatus.factor,
                   SuccessFactorStatus.in_place, SuccessFactorStatus.notes)
            .join(Participation, SuccessFactorStatus.participation_id == Participation.id)
            .join(Municipality, Participation.municipality_id == Municipality.id)
            .where(Participation.programme_id == find_programme(s, programme).id)
        )
        found = s.execute(stmt).all()
    return spreadsheet_rows.success_factors(found)


def priority_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Prioritering: each session's factors with mean and agreed scores and their quadrant."""
    rows = []
    for session in priority.list_sessions(uow, programme=programme):
        detail = priority.get_session(uow, session.id)
        for f in detail.factors:
            rows.append((session.held_on, session.title, session.municipality,
                         session.display_name, f.name, f.mean_importance, f.mean_influence,
                         f.agreed_importance, f.agreed_influence, f.scores, f.quadrant_label))
    return spreadsheet_rows.priority(rows)


def themes_sheet(uow: UnitOfWork, programme: str) -> Sheet:
    """Temaer: the theme calendar, month by month."""
    rows = [
        (t.year, t.month_name, t.title, ", ".join(str(g) for g in t.goals) or None,
         t.description, "\n".join(t.links) or None)
        for t in themes.list_themes(uow, programme=programme)
    ]
    return spreadsheet_rows.themes(rows)


def work_sheets(uow: UnitOfWork, programme: str) -> list[Sheet]:
    """The sheets after the programme's core six, in the order of the program's areas."""
    return [
        applications_sheet(uow, programme),
        agreements_sheet(uow, programme),
        actions_sheet(uow, programme),
        follow_ups_sheet(uow, programme),
        feedback_sheet(uow, programme),
        success_factors_sheet(uow, programme),
        priority_sheet(uow, programme),
        themes_sheet(uow, programme),
    ]
