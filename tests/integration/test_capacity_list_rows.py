"""The capacity sessions' list from plain column queries: the same views, in the same order, as
from the ORM objects with their participants and consensus loaded, with every filter and a page
(issue 17: the TUI's Evaluering reads every session at national scale). On both databases."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from nettverk.domain.evaluation import CapacityAssessment, CapacityComponent
from nettverk.domain.register import Municipality
from nettverk.services import capacity
from nettverk.services.capacity import AssessmentView, _assessment_view
from nettverk.services.database import Database
from tests.support import statements_and_objects

SLUG = "mindre-kommuner-2020"


def _from_orm_objects(db: Database, **only: Any) -> list[AssessmentView]:
    with db.uow() as uow:
        views = [_assessment_view(a) for a in uow.session.scalars(
            select(CapacityAssessment).join(CapacityAssessment.municipality).options(
                joinedload(CapacityAssessment.municipality),
                joinedload(CapacityAssessment.programme),
                selectinload(CapacityAssessment.participants),
                selectinload(CapacityAssessment.consensus))
            .order_by(Municipality.number, CapacityAssessment.held_on, CapacityAssessment.id))]
    if "municipality" in only:
        views = [v for v in views if v.municipality == only["municipality"]]
    if "programme" in only:
        views = [v for v in views if v.programme == only["programme"]]
    return views


@pytest.mark.parametrize("only", [{}, {"programme": SLUG}, {"municipality": "1853"}],
                         ids=["all", "programme", "municipality"])
def test_the_list_says_what_the_orm_objects_said(demo_db: Database, only: dict) -> None:
    listed = capacity.list_assessments(demo_db.uow(), **only)
    assert listed == _from_orm_objects(demo_db, **only)
    assert listed and any(v.participants for v in listed) and any(v.consensus for v in listed)
    assert all(list(v.consensus) == [c.value for c in CapacityComponent if c.value in v.consensus]
               for v in listed)  # in the diamond's order
    whole = capacity.list_assessments(demo_db.uow(), **only)
    assert capacity.list_assessments(demo_db.uow(), limit=2, offset=1, **only) == whole[1:3]


def test_the_list_makes_no_orm_objects_and_a_fixed_number_of_statements(
        demo_db: Database) -> None:
    capacity.list_assessments(demo_db.uow())
    few, _ = statements_and_objects(demo_db, lambda: capacity.list_assessments(
        demo_db.uow(), limit=1))
    many, objects = statements_and_objects(demo_db, lambda: capacity.list_assessments(
        demo_db.uow()))
    assert objects == 0 and few == many <= 5
