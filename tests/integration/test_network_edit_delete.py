"""Editing and deleting learning-network records: rounds, applications, follow-ups, plans.

On the demo data, on SQLite and PostgreSQL. Every refusal leaves the database as it was.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from nettverk.domain.errors import ConflictError, DomainError
from nettverk.domain.network import ApplicationEvent, PlanStageEvent
from nettverk.persistence.audit import AuditEntry
from nettverk.services import applications, followups, milestones, plans
from nettverk.services.database import Database
from tests.support import snapshot

SLUG = "mindre-kommuner-2020"
PARTNERS = "gode-lokalsamfunn"
TODAY = date(2026, 11, 22)


def _round(db: Database, programme: str) -> applications.RoundView:
    return next(r for r in applications.list_rounds(db.uow(), programme))


def _application(db: Database, number: str) -> applications.ApplicationView:
    return next(a for a in applications.list_applications(db.uow())
                if a.municipality == number)


def _plan(db: Database, number: str, kind: str, start: int) -> plans.PlanDocumentView:
    return next(d for d in plans.list_plan_documents(db.uow(), municipality=number, kind=kind,
                                                     today=TODAY) if d.period_start == start)


def _count(db: Database, column: object, value: int) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).where(column == value)) or 0)


# --- rounds ------------------------------------------------------------------------------


def test_a_round_can_be_edited_and_a_stale_or_invalid_edit_writes_nothing(
        demo_db: Database) -> None:
    r = _round(demo_db, PARTNERS)
    changed = applications.update_round(demo_db.uow(), r.id, expected_version=r.version,
                                        title="Partnerskap 2027", deadline=date(2027, 1, 15))
    assert (changed.title, changed.deadline, changed.applications) == (
        "Partnerskap 2027", date(2027, 1, 15), r.applications)
    assert applications.get_round(demo_db.uow(), r.id).title == "Partnerskap 2027"
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        applications.update_round(demo_db.uow(), r.id, expected_version=r.version, title="Gammel")
    with pytest.raises(DomainError) as early:
        applications.update_round(demo_db.uow(), r.id, deadline=date(2026, 9, 1))
    assert early.value.field == "deadline"
    with pytest.raises(DomainError) as late_opening:  # an application came in on 20.10.2026
        applications.update_round(demo_db.uow(), r.id, opens=date(2026, 11, 1))
    assert late_opening.value.field == "opens" and "20.10.2026" in late_opening.value.message
    with pytest.raises(DomainError) as blank:
        applications.update_round(demo_db.uow(), r.id, title="  ")
    assert blank.value.field == "title"
    assert snapshot(demo_db.engine) == before


def test_a_round_with_applications_cannot_be_deleted_an_empty_one_can(demo_db: Database) -> None:
    used = _round(demo_db, SLUG)
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        applications.delete_round(demo_db.uow(), used.id, expected_version=used.version)
    assert refused.value.message == (
        f"Utlysningen kan ikke slettes: brukes av {used.applications} søknader")
    assert snapshot(demo_db.engine) == before
    empty = applications.add_round(demo_db.uow(), SLUG, "Ekstra runde", date(2026, 12, 1),
                                   date(2027, 1, 31))
    one = applications.add_round(demo_db.uow(), SLUG, "Runde med én søknad", date(2026, 12, 1),
                                 date(2027, 1, 31))
    applications.add_application(demo_db.uow(), SLUG, "1804", received=date(2026, 12, 2),
                                 round_id=one.id, today=date(2026, 12, 2))
    with pytest.raises(DomainError) as single:
        applications.delete_round(demo_db.uow(), one.id)
    assert single.value.message == "Utlysningen kan ikke slettes: brukes av 1 søknad"
    gone = applications.delete_round(demo_db.uow(), empty.id, expected_version=empty.version)
    assert (gone.kind, gone.label) == ("utlysning", "Ekstra runde")
    assert empty.id not in {r.id for r in applications.list_rounds(demo_db.uow())}


# --- applications ------------------------------------------------------------------------


def test_a_pending_applications_answers_can_be_corrected(demo_db: Database) -> None:
    a = _application(demo_db, "1845")  # received 12.11.2026, not yet processed
    changed = applications.update_application(
        demo_db.uow(), a.id, expected_version=a.version, today=TODAY,
        received=date(2026, 11, 10), samfunnsdel_year=2019, progress_plan="Ny framdriftsplan",
        has_statistics=False, personnel="Planlegger 40 %")
    assert (changed.received, changed.samfunnsdel_year, changed.progress_plan,
            changed.has_statistics, changed.personnel) == (
        date(2026, 11, 10), 2019, "Ny framdriftsplan", False, "Planlegger 40 %")
    assert changed.events[0].on == date(2026, 11, 10)  # the history follows the received date
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        applications.update_application(demo_db.uow(), a.id, expected_version=a.version,
                                        personnel="x", today=TODAY)
    for field, value in (("received", date(2026, 12, 1)), ("received", date(2026, 9, 1)),
                         ("samfunnsdel_year", 2027)):
        with pytest.raises(DomainError) as refused:
            applications.update_application(demo_db.uow(), a.id, today=TODAY, **{field: value})
        assert refused.value.field == field
    interviewed = _application(demo_db, "1838")  # already invited to an interview
    with pytest.raises(DomainError) as after_interview:
        applications.update_application(demo_db.uow(), interviewed.id, today=TODAY,
                                        received=date(2026, 11, 20))
    assert after_interview.value.field == "received"
    decided = _application(demo_db, "1853")
    with pytest.raises(DomainError) as accepted:
        applications.update_application(demo_db.uow(), decided.id, personnel="x", today=TODAY)
    assert accepted.value.field == "status" and "tatt opp" in accepted.value.message
    assert snapshot(demo_db.engine) == before


def test_only_an_undecided_application_can_be_deleted(demo_db: Database) -> None:
    pending = _application(demo_db, "1845")
    gone = applications.delete_application(demo_db.uow(), pending.id,
                                           expected_version=pending.version)
    assert (gone.kind, gone.label) == ("søknad", "Sørfold til gode-lokalsamfunn")
    assert pending.id not in {a.id for a in applications.list_applications(demo_db.uow())}
    assert _count(demo_db, ApplicationEvent.application_id, pending.id) == 0
    withdrawn = _application(demo_db, "5022")
    applications.delete_application(demo_db.uow(), withdrawn.id)
    before = snapshot(demo_db.engine)
    for number, word in (("1853", "tatt opp"), ("1848", "avslått")):
        decided = _application(demo_db, number)
        with pytest.raises(DomainError) as refused:
            applications.delete_application(demo_db.uow(), decided.id)
        assert refused.value.field == "status" and word in refused.value.message
    assert snapshot(demo_db.engine) == before
    with demo_db.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "application", AuditEntry.row_id == str(pending.id),
            AuditEntry.action == "delete")).one()
        assert entry.changes["personnel"][0] == pending.personnel


def test_the_override_refusal_names_the_field_not_a_command_line_option(
        demo_db: Database) -> None:
    a = applications.add_application(demo_db.uow(), SLUG, "1804", received=date(2019, 12, 1),
                                      today=TODAY)
    with pytest.raises(DomainError) as refused:
        applications.decide(demo_db.uow(), a.id, accept=True, on=date(2020, 1, 10), today=TODAY)
    assert refused.value.field == "override"
    assert "--override" not in refused.value.message
    assert "begrunnelse for overstyring" in refused.value.message


# --- follow-ups --------------------------------------------------------------------------


def _log(db: Database) -> followups.FollowUpView:
    return followups.add_follow_up(
        db.uow(), "1853", date(2026, 11, 2), "call", "Samtale om planstrategien",
        participants="Kari Fjellheim", next_action="Sende mal", next_action_due=date(2026, 12, 1),
        programme=SLUG, today=TODAY)


def test_a_follow_up_can_be_edited_and_its_next_action_follows(demo_db: Database) -> None:
    f = _log(demo_db)
    changed = followups.update_follow_up(
        demo_db.uow(), f.id, expected_version=f.version, today=TODAY, kind="meeting",
        summary="Møte om planstrategien", next_action_due=date(2026, 12, 10),
        municipality="1839", programme=None, exempt_from_public=True)
    assert (changed.kind, changed.summary, changed.municipality, changed.programme,
            changed.next_action_due, changed.exempt_from_public) == (
        "meeting", "Møte om planstrategien", "1839", None, date(2026, 12, 10), True)
    actions = {m.key: m for m in milestones.list_milestones(demo_db.uow(), today=TODAY)}
    assert actions[f"follow_up:{f.id}"].due == date(2026, 12, 10)
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        followups.update_follow_up(demo_db.uow(), f.id, expected_version=f.version,
                                   summary="x", today=TODAY)
    for changes, field in (
        ({"next_action_due": date(2026, 10, 1)}, "next_action_due"),
        ({"next_action": None}, "next_action"),
        ({"on": date(2026, 12, 24)}, "on"),
        ({"summary": ""}, "summary"),
        ({"kind": "brevdue"}, "kind"),
        ({"municipality": "9999"}, "municipality"),
        ({"next_action_done_on": date(2026, 12, 1)}, "next_action_done_on"),
    ):
        with pytest.raises(DomainError) as refused:
            followups.update_follow_up(demo_db.uow(), f.id, today=TODAY, **changes)
        assert refused.value.field == field, changes
    assert snapshot(demo_db.engine) == before
    done = followups.complete_next_action(demo_db.uow(), f.id, on=date(2026, 11, 20),
                                          today=TODAY, expected_version=changed.version)
    assert done.next_action_status == "done"
    reopened = followups.update_follow_up(demo_db.uow(), f.id, next_action_done_on=None,
                                          today=TODAY)
    assert reopened.next_action_done_on is None


def test_deleting_a_follow_up_removes_its_next_action(demo_db: Database) -> None:
    f = _log(demo_db)
    gone = followups.delete_follow_up(demo_db.uow(), f.id, expected_version=f.version)
    assert (gone.kind, gone.label) == ("oppfølging", "Evenes – Evenášši 02.11.2026")
    assert f.id not in {x.id for x in followups.list_follow_ups(demo_db.uow(), today=TODAY)}
    keys = {m.key for m in milestones.list_milestones(demo_db.uow(), today=TODAY)}
    assert f"follow_up:{f.id}" not in keys


# --- plan documents ----------------------------------------------------------------------


def test_a_plan_document_is_deleted_with_its_stage_history(demo_db: Database) -> None:
    d = _plan(demo_db, "1853", "plan_strategy", 2020)
    assert len(d.stages) == 3
    gone = plans.delete_plan_document(demo_db.uow(), d.id, expected_version=d.version)
    assert (gone.kind, gone.label) == ("plandokument", "planstrategi 2020–2023 – Evenes – Evenášši")
    assert _count(demo_db, PlanStageEvent.plan_document_id, d.id) == 0
    assert d.id not in {x.id for x in plans.list_plan_documents(demo_db.uow(), today=TODAY)}


def test_a_plan_document_with_milestones_is_not_deleted(demo_db: Database) -> None:
    d = _plan(demo_db, "1853", "community_plan", 2021)  # a milestone follows it
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as refused:
        plans.delete_plan_document(demo_db.uow(), d.id)
    assert refused.value.field == "id"
    assert "1 milepæl hører til det" in refused.value.message
    assert snapshot(demo_db.engine) == before
    stale = _plan(demo_db, "1853", "plan_strategy", 2024)
    plans.update_plan_document(demo_db.uow(), stale.id, title="Planstrategi 2024–2027")
    with pytest.raises(ConflictError):
        plans.delete_plan_document(demo_db.uow(), stale.id, expected_version=stale.version)
