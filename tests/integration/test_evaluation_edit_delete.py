"""Correcting and deleting evaluation records, on SQLite and PostgreSQL.

Feedback after gatherings, success factors, capacity-diamond sessions (with everything they
own) and priority-tool sessions (with their factors and scores).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from nettverk.domain.errors import ConflictError, DomainError, NotFoundError
from nettverk.domain.evaluation import (
    CapacityConsensus,
    CapacityParticipant,
    CapacityPriority,
    CapacityScore,
    PriorityFactor,
    PriorityScore,
)
from nettverk.persistence.audit import AuditEntry
from nettverk.services import capacity, feedback, gatherings, priority, success_factors
from nettverk.services.database import Database
from tests.support import snapshot

PROG = "mindre-kommuner-2020"


def _count(db: Database, model: type, **where: int) -> int:
    with db.uow() as uow:
        stmt = select(func.count()).select_from(model)
        for column, value in where.items():
            stmt = stmt.where(getattr(model, column) == value)
        return int(uow.session.scalar(stmt) or 0)


def _deleted_rows(db: Database, table: str) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.table_name == table, AuditEntry.action == "delete")) or 0)


# --- feedback ---------------------------------------------------------------------------


def test_correcting_feedback_changes_the_gatherings_average(demo_db: Database) -> None:
    f = feedback.list_feedback(demo_db.uow(), programme=PROG)[0]
    before = feedback.averages(demo_db.uow(), gathering_id=f.gathering_id).gatherings[0]
    changed = feedback.update_feedback(demo_db.uow(), f.id, expected_version=f.version,
                                       overall=1, comment="Lydproblemer hele dagen",
                                       municipality="", respondent="")
    assert (changed.overall, changed.comment) == (1, "Lydproblemer hele dagen")
    assert changed.municipality is None and changed.respondent is None  # empty text clears
    assert changed.version == f.version + 1
    after = feedback.averages(demo_db.uow(), gathering_id=f.gathering_id).gatherings[0]
    assert after.responses == before.responses
    assert after.overall == pytest.approx(before.overall - (f.overall - 1) / before.responses,
                                          abs=0.01)
    # None leaves a field as it was
    again = feedback.update_feedback(demo_db.uow(), f.id, usefulness=5)
    assert (again.overall, again.usefulness, again.comment) == (1, 5, "Lydproblemer hele dagen")


def test_feedback_moves_only_to_a_held_gathering(demo_db: Database) -> None:
    f = feedback.list_feedback(demo_db.uow(), programme=PROG)[0]
    planned = [g for g in gatherings.list_gatherings(demo_db.uow(), programme=PROG)
               if g.status == "planned" and g.id != f.gathering_id]
    other = next(g for g in gatherings.list_gatherings(demo_db.uow(), programme=PROG,
                                                       status="held")
                 if g.id != f.gathering_id)
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as bad_score:
        feedback.update_feedback(demo_db.uow(), f.id, overall=6)
    assert bad_score.value.field == "overall"
    with pytest.raises(NotFoundError) as missing:
        feedback.update_feedback(demo_db.uow(), f.id, gathering_id=999_999)
    assert missing.value.field == "gathering"
    if planned:
        with pytest.raises(DomainError) as not_yet:
            feedback.update_feedback(demo_db.uow(), f.id, gathering_id=planned[-1].id,
                                     now=planned[-1].start.replace(year=2000))
        assert not_yet.value.field == "gathering"
    assert snapshot(demo_db.engine) == before
    moved = feedback.update_feedback(demo_db.uow(), f.id, gathering_id=other.id)
    assert (moved.gathering_id, moved.gathering) == (other.id, other.title)


def test_feedback_edit_and_delete_refused_when_someone_else_changed_it(
        demo_db: Database) -> None:
    f = feedback.list_feedback(demo_db.uow(), programme=PROG)[0]
    feedback.update_feedback(demo_db.uow(), f.id, expected_version=f.version, usefulness=1)
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        feedback.update_feedback(demo_db.uow(), f.id, expected_version=f.version, overall=2)
    with pytest.raises(ConflictError):
        feedback.delete_feedback(demo_db.uow(), f.id, expected_version=f.version)
    assert snapshot(demo_db.engine) == before


def test_deleting_feedback_removes_it_from_list_and_averages(demo_db: Database) -> None:
    f = feedback.list_feedback(demo_db.uow(), programme=PROG)[0]
    n = feedback.averages(demo_db.uow(), gathering_id=f.gathering_id).gatherings[0].responses
    gone = feedback.delete_feedback(demo_db.uow(), f.id, expected_version=f.version)
    assert (gone.kind, gone.id) == ("tilbakemelding", f.id)
    assert f.id not in {x.id for x in feedback.list_feedback(demo_db.uow())}
    left = feedback.averages(demo_db.uow(), gathering_id=f.gathering_id).gatherings
    assert (left[0].responses if left else 0) == n - 1
    assert _deleted_rows(demo_db, "feedback") == 1
    with pytest.raises(NotFoundError):
        feedback.delete_feedback(demo_db.uow(), f.id)


# --- success factors --------------------------------------------------------------------


def test_changing_a_success_factor_keeps_its_notes_unless_told(demo_db: Database) -> None:
    x = next(s for s in success_factors.list_status(demo_db.uow(), PROG) if s.notes)
    changed = success_factors.set_status(demo_db.uow(), PROG, x.municipality, x.year, x.factor,
                                         not x.in_place, expected_version=x.version)
    assert (changed.in_place, changed.notes) == (not x.in_place, x.notes)
    cleared = success_factors.set_status(demo_db.uow(), PROG, x.municipality, x.year, x.factor,
                                         x.in_place, notes="")
    assert cleared.notes is None
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):  # the version read first is stale now
        success_factors.set_status(demo_db.uow(), PROG, x.municipality, x.year, x.factor,
                                   True, expected_version=x.version)
    with pytest.raises(DomainError) as twice:
        success_factors.set_status(demo_db.uow(), PROG, x.municipality, x.year, x.factor,
                                   True, create_only=True)
    assert twice.value.field == "factor" and "allerede registrert" in twice.value.message
    assert snapshot(demo_db.engine) == before


def test_removing_a_success_factor_makes_it_not_assessed(demo_db: Database) -> None:
    x = success_factors.list_status(demo_db.uow(), PROG)[0]
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as bad:
        success_factors.delete_status(demo_db.uow(), PROG, x.municipality, x.year, "luck")
    assert bad.value.field == "factor"
    with pytest.raises(ConflictError):
        success_factors.delete_status(demo_db.uow(), PROG, x.municipality, x.year, x.factor,
                                      expected_version=x.version + 1)
    assert snapshot(demo_db.engine) == before
    gone = success_factors.delete_status(demo_db.uow(), PROG, x.municipality, x.year,
                                         x.factor, expected_version=x.version)
    assert gone.kind == "suksessfaktor" and x.factor_label in gone.label
    left = {(s.municipality, s.year, s.factor)
            for s in success_factors.list_status(demo_db.uow(), PROG)}
    assert (x.municipality, x.year, x.factor) not in left
    with pytest.raises(NotFoundError) as again:
        success_factors.delete_status(demo_db.uow(), PROG, x.municipality, x.year, x.factor)
    assert again.value.field == "factor"
    with pytest.raises(ConflictError):  # an edit of a removed registration is not a new one
        success_factors.set_status(demo_db.uow(), PROG, x.municipality, x.year, x.factor,
                                   True, expected_version=x.version)


def test_success_factors_of_every_programme(demo_db: Database) -> None:
    every = success_factors.list_status(demo_db.uow(), None)
    assert len(every) == len(success_factors.list_status(demo_db.uow(), PROG)) + sum(
        1 for s in every if s.programme != PROG)
    assert every and all(s.id and s.version for s in every)


# --- capacity diamond -------------------------------------------------------------------


def test_editing_a_capacity_sessions_header(demo_db: Database) -> None:
    a = capacity.list_assessments(demo_db.uow(), programme=PROG)[0]
    sibling = next((b for b in capacity.list_assessments(demo_db.uow(),
                                                         municipality=a.municipality)
                    if b.id != a.id), None)
    before = snapshot(demo_db.engine)
    if sibling is not None:
        with pytest.raises(DomainError) as taken:
            capacity.update_assessment(demo_db.uow(), a.id, held_on=sibling.held_on)
        assert taken.value.field == "held_on"
    with pytest.raises(NotFoundError) as unknown:
        capacity.update_assessment(demo_db.uow(), a.id, programme="finnes-ikke")
    assert unknown.value.field == "programme"
    assert snapshot(demo_db.engine) == before
    changed = capacity.update_assessment(
        demo_db.uow(), a.id, expected_version=a.version, held_on=date(2019, 5, 6),
        programme="", facilitator="Kari Prosess", notes="Flyttet etter avlysning")
    assert (changed.held_on, changed.programme, changed.facilitator, changed.notes) == (
        date(2019, 5, 6), None, "Kari Prosess", "Flyttet etter avlysning")
    assert changed.consensus == a.consensus and changed.municipality == a.municipality
    with pytest.raises(ConflictError):
        capacity.update_assessment(demo_db.uow(), a.id, expected_version=a.version,
                                   facilitator="Noen andre")


def test_deleting_a_capacity_session_deletes_what_it_owns(demo_db: Database) -> None:
    a = next(x for x in capacity.list_assessments(demo_db.uow()) if x.participants)
    d = capacity.get_assessment(demo_db.uow(), a.id)
    assert d.scores and d.consensus
    others = capacity.list_assessments(demo_db.uow())
    with pytest.raises(ConflictError):
        capacity.delete_assessment(demo_db.uow(), a.id, expected_version=a.version + 1)
    gone = capacity.delete_assessment(demo_db.uow(), a.id, expected_version=a.version)
    assert (gone.kind, gone.id) == ("kapasitetsvurdering", a.id)
    for model in (CapacityParticipant, CapacityScore, CapacityConsensus, CapacityPriority):
        assert _count(demo_db, model, assessment_id=a.id) == 0
    assert {x.id for x in capacity.list_assessments(demo_db.uow())} == {
        x.id for x in others if x.id != a.id}
    # the audit log keeps the owned rows too
    assert _deleted_rows(demo_db, "capacity_score") == len(d.scores)
    assert _deleted_rows(demo_db, "capacity_participant") == len(d.participants)
    with pytest.raises(NotFoundError):
        capacity.delete_assessment(demo_db.uow(), a.id)


# --- priority tool ----------------------------------------------------------------------


def test_deleting_a_priority_session_deletes_its_factors_and_scores(demo_db: Database) -> None:
    s = priority.list_sessions(demo_db.uow())[0]
    detail = priority.get_session(demo_db.uow(), s.id)
    assert detail.factors
    factor_ids = [f.id for f in detail.factors]
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        priority.delete_session(demo_db.uow(), s.id, expected_version=s.version + 1)
    assert snapshot(demo_db.engine) == before
    gone = priority.delete_session(demo_db.uow(), s.id, expected_version=s.version)
    assert (gone.kind, gone.id) == ("prioriteringsøkt", s.id)
    assert _count(demo_db, PriorityFactor, session_id=s.id) == 0
    assert sum(_count(demo_db, PriorityScore, factor_id=i) for i in factor_ids) == 0
    assert s.id not in {x.id for x in priority.list_sessions(demo_db.uow())}
    assert _deleted_rows(demo_db, "priority_factor") == len(factor_ids)
    with pytest.raises(NotFoundError) as missing:
        priority.delete_session(demo_db.uow(), s.id)
    assert missing.value.field == "id"


def test_editing_a_priority_sessions_header(demo_db: Database) -> None:
    s = priority.list_sessions(demo_db.uow())[0]
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as empty:
        priority.update_session(demo_db.uow(), s.id, title=" ")
    assert empty.value.field == "title"
    with pytest.raises(NotFoundError) as unknown:
        priority.update_session(demo_db.uow(), s.id, municipality="0000")
    assert unknown.value.field == "municipality"
    assert snapshot(demo_db.engine) == before
    changed = priority.update_session(demo_db.uow(), s.id, expected_version=s.version,
                                      title="Bolyst 2021", held_on=date(2021, 4, 21),
                                      municipality="1839", programme="")
    assert (changed.title, changed.held_on, changed.municipality, changed.programme,
            changed.factors) == ("Bolyst 2021", date(2021, 4, 21), "1839", None, s.factors)
    with pytest.raises(ConflictError):
        priority.update_session(demo_db.uow(), s.id, expected_version=s.version, title="X")
