"""The rows inside evaluation sessions, on SQLite and PostgreSQL: a capacity session's
participants (with their scores) and priorities, a priority session's factors and scores."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nettverk.domain.errors import ConflictError, DomainError, NotFoundError
from nettverk.domain.evaluation import CapacityScore, PriorityScore
from nettverk.persistence.audit import AuditEntry
from nettverk.services import capacity, priority
from nettverk.services.database import Database
from tests.support import snapshot


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


def _session_with_participants(db: Database) -> capacity.AssessmentDetail:
    a = next(x for x in capacity.list_assessments(db.uow()) if x.participants >= 3)
    return capacity.get_assessment(db.uow(), a.id)


# --- capacity participants ----------------------------------------------------------------


def test_a_participants_scores_are_recorded_corrected_and_removed(demo_db: Database) -> None:
    d = _session_with_participants(demo_db)
    a = d.assessment
    lei = next(c for c in d.consensus if c.component == "leadership")

    # bad input: nothing written, the field says which component
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as bad:
        capacity.add_participant(demo_db.uow(), a.id, "Kari Fiktiv", "ordfører",
                                 scores={"culture": 6})
    assert bad.value.field == "culture" and "1 til 5" in bad.value.message
    with pytest.raises(DomainError) as twice:
        capacity.add_participant(demo_db.uow(), a.id, d.participants[0].name.upper())
    assert twice.value.field == "name"
    assert snapshot(demo_db.engine) == before

    new = capacity.add_participant(demo_db.uow(), a.id, "Kari Fiktiv", "ordfører",
                                   scores={"leadership": 5, "Utviklingskultur": 2})
    assert new.scores == {"leadership": 5, "culture": 2}

    # correcting: one score changed, one removed, one added; the rest stays
    changed = capacity.update_participant(
        demo_db.uow(), new.id, expected_version=new.version, role="",
        scores={"leadership": 1, "culture": None, "time": 4})
    assert changed.role is None and changed.name == "Kari Fiktiv"
    assert changed.scores == {"leadership": 1, "time": 4}
    assert changed.version == new.version + 1  # the scores are part of the participant
    after = next(c for c in capacity.get_assessment(demo_db.uow(), a.id).consensus
                 if c.component == "leadership")
    assert after.individual_scores == lei.individual_scores + 1
    assert after.score == lei.score  # the agreed score is not touched

    # a stale copy, a taken name or a bad score is refused and nothing changes
    before = snapshot(demo_db.engine)
    with pytest.raises(ConflictError):
        capacity.update_participant(demo_db.uow(), new.id, expected_version=new.version,
                                    scores={"economy": 3})
    with pytest.raises(DomainError) as taken:
        capacity.update_participant(demo_db.uow(), new.id, name=d.participants[0].name)
    assert taken.value.field == "name"
    with pytest.raises(DomainError) as zero:
        capacity.update_participant(demo_db.uow(), new.id, scores={"economy": 0})
    assert zero.value.field == "economy"
    with pytest.raises(NotFoundError):
        capacity.update_participant(demo_db.uow(), 999_999, role="x")
    assert snapshot(demo_db.engine) == before

    renamed = capacity.update_participant(demo_db.uow(), new.id, name="Kari Fiktivsen")
    assert renamed.scores == changed.scores
    listed = capacity.get_assessment(demo_db.uow(), a.id).participants
    assert [p.name for p in listed][-1] == "Kari Fiktivsen"


def test_deleting_a_participant_deletes_the_persons_scores(demo_db: Database) -> None:
    d = _session_with_participants(demo_db)
    p = d.participants[0]
    mine = len(p.scores)
    assert mine == 5
    total = _count(demo_db, CapacityScore, assessment_id=d.assessment.id)
    consensus = [c.score for c in d.consensus]
    with pytest.raises(ConflictError):
        capacity.delete_participant(demo_db.uow(), p.id, expected_version=p.version + 1)
    gone = capacity.delete_participant(demo_db.uow(), p.id, expected_version=p.version)
    assert (gone.kind, gone.id, gone.deleted) == ("deltaker", p.id, True)
    assert p.name in gone.label
    after = capacity.get_assessment(demo_db.uow(), d.assessment.id)
    assert p.id not in {x.id for x in after.participants}
    assert after.assessment.participants == d.assessment.participants - 1
    assert _count(demo_db, CapacityScore, assessment_id=d.assessment.id) == total - mine
    assert [c.score for c in after.consensus] == consensus
    assert _deleted_rows(demo_db, "capacity_score") == mine
    with pytest.raises(NotFoundError):
        capacity.delete_participant(demo_db.uow(), p.id)


def test_capacity_priorities_are_corrected_and_deleted(demo_db: Database) -> None:
    d = _session_with_participants(demo_db)
    new = capacity.add_priority(demo_db.uow(), d.assessment.id, "Fast møte om planarbeid",
                                component="time", responsible="Rådmann")
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as empty:
        capacity.update_priority(demo_db.uow(), new.id, description=" ")
    assert empty.value.field == "description"
    with pytest.raises(DomainError) as comp:
        capacity.update_priority(demo_db.uow(), new.id, component="økonomi")
    assert comp.value.field == "component"
    assert snapshot(demo_db.engine) == before
    changed = capacity.update_priority(demo_db.uow(), new.id, expected_version=new.version,
                                       description="Fast plansamarbeid", component="",
                                       responsible="")
    assert (changed.description, changed.component, changed.responsible) == (
        "Fast plansamarbeid", None, None)
    with pytest.raises(ConflictError):
        capacity.delete_priority(demo_db.uow(), new.id, expected_version=new.version)
    capacity.delete_priority(demo_db.uow(), new.id, expected_version=changed.version)
    left = capacity.get_assessment(demo_db.uow(), d.assessment.id).priorities
    assert new.id not in {p.id for p in left} and len(left) == len(d.priorities)


# --- priority factors ---------------------------------------------------------------------


def test_a_factor_is_renamed_and_placed(demo_db: Database) -> None:
    s = priority.list_sessions(demo_db.uow())[0]
    factors = priority.get_session(demo_db.uow(), s.id).factors
    f = next(x for x in factors if x.agreed_importance is not None)
    other = next(x for x in factors if x.id != f.id)
    before = snapshot(demo_db.engine)
    with pytest.raises(DomainError) as taken:
        priority.update_factor(demo_db.uow(), f.id, name=other.name.lower())
    assert taken.value.field == "name"
    with pytest.raises(DomainError) as high:
        priority.update_factor(demo_db.uow(), f.id, agreed_influence=6)
    assert high.value.field == "influence"
    assert snapshot(demo_db.engine) == before

    moved = priority.update_factor(demo_db.uow(), f.id, expected_version=f.version,
                                   name="Arbeidsplasser lokalt", agreed_importance=2,
                                   agreed_influence=1)
    assert (moved.name, moved.agreed_importance, moved.agreed_influence, moved.quadrant) == (
        "Arbeidsplasser lokalt", 2, 1, "deprioritise")
    cleared = priority.update_factor(demo_db.uow(), f.id, expected_version=moved.version,
                                     clear_placing=True)
    assert cleared.agreed_importance is None and cleared.agreed_influence is None
    assert cleared.quadrant is not None  # from the participants' mean scores now
    with pytest.raises(DomainError) as half:
        priority.update_factor(demo_db.uow(), f.id, agreed_importance=4)
    assert half.value.field == "influence"
    with pytest.raises(ConflictError):
        priority.update_factor(demo_db.uow(), f.id, expected_version=f.version, name="X")


def test_deleting_a_factor_deletes_its_scores(demo_db: Database) -> None:
    s = priority.list_sessions(demo_db.uow())[0]
    detail = priority.get_session(demo_db.uow(), s.id)
    f = next(x for x in detail.factors if x.scores)
    total = _count(demo_db, PriorityScore)
    with pytest.raises(ConflictError):
        priority.delete_factor(demo_db.uow(), f.id, expected_version=f.version + 1)
    gone = priority.delete_factor(demo_db.uow(), f.id, expected_version=f.version)
    assert (gone.kind, gone.id) == ("faktor", f.id)
    after = priority.get_session(demo_db.uow(), s.id)
    assert f.id not in {x.id for x in after.factors}
    assert after.session.factors == s.factors - 1
    assert _count(demo_db, PriorityScore) == total - f.scores
    assert _deleted_rows(demo_db, "priority_score") == f.scores
    assert f.name not in {x.factor for x in after.scores}


def test_one_participants_scoring_is_removed(demo_db: Database) -> None:
    s = priority.list_sessions(demo_db.uow())[0]
    score = priority.get_session(demo_db.uow(), s.id).scores[0]
    before = snapshot(demo_db.engine)
    with pytest.raises(NotFoundError) as nobody:
        priority.delete_score(demo_db.uow(), s.id, score.factor, "Ingen Slik")
    assert nobody.value.field == "participant"
    assert snapshot(demo_db.engine) == before
    priority.delete_score(demo_db.uow(), s.id, score.factor, score.participant.upper())
    left = priority.get_session(demo_db.uow(), s.id).scores
    assert (score.factor, score.participant) not in {(x.factor, x.participant) for x in left}
