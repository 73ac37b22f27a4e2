"""The plan documents' list from plain column queries: the same views (deadlines, their state,
the stages in the order recorded, the public-notice warning), in the same order, as from the ORM
objects, with every filter and a page (issue 17: the TUI's Plandokumenter reads every document
at national scale). On both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from nettverk.domain.network import PlanDocument
from nettverk.domain.register import Municipality
from nettverk.services import plans
from nettverk.services.database import Database
from nettverk.services.plans import PlanDocumentView, _view
from tests.support import statements_and_objects

TODAY = date(2026, 3, 2)
SLUG = "mindre-kommuner-2020"


def _from_orm_objects(db: Database) -> list[PlanDocumentView]:
    with db.uow() as uow:
        return [_view(d, TODAY) for d in uow.session.scalars(
            select(PlanDocument).join(PlanDocument.municipality)
            .options(joinedload(PlanDocument.municipality).joinedload(Municipality.county),
                     selectinload(PlanDocument.stages))
            .order_by(Municipality.number, PlanDocument.kind, PlanDocument.period_start,
                      PlanDocument.id))]


def _seed(db: Database) -> None:
    """A planstrategi heard too late before adoption (a warning), with two stages on one day."""
    doc = plans.add_plan_document(db.uow(), "1853", "plan_strategy", 2028, 2031,
                                  title="Planstrategi 2028–2031", today=TODAY)
    plans.set_stage(db.uow(), doc.id, "consultation", on=date(2026, 2, 20), today=TODAY)
    plans.set_stage(db.uow(), doc.id, "planning_programme", on=date(2026, 2, 20),
                    today=TODAY)
    plans.set_stage(db.uow(), doc.id, "adopted", on=date(2026, 3, 1), today=TODAY)


@pytest.mark.parametrize("only", [{}, {"programme": SLUG}, {"municipality": "1853"},
                                  {"kind": "plan_strategy"}, {"overdue": True},
                                  {"limit": 3, "offset": 2}],
                         ids=["all", "programme", "municipality", "kind", "overdue", "page"])
def test_the_list_says_what_the_orm_objects_said(demo_db: Database, only: dict[str, Any]
                                                 ) -> None:
    _seed(demo_db)
    whole = _from_orm_objects(demo_db)
    listed = plans.list_plan_documents(demo_db.uow(), today=TODAY, **only)
    if not only:
        assert listed == whole
        assert any(v.warnings for v in listed) and any(v.deadline_state for v in listed)
        assert any(len(v.stages) > 1 for v in listed)
        return
    assert listed and all(v in whole for v in listed)
    positions = [whole.index(v) for v in listed]
    assert positions == sorted(positions)  # in the list's order
    if "limit" in only:
        assert listed == whole[2:5]


def test_the_list_makes_no_orm_objects(demo_db: Database) -> None:
    plans.list_plan_documents(demo_db.uow(), today=TODAY)
    few, _ = statements_and_objects(
        demo_db, lambda: plans.list_plan_documents(demo_db.uow(), today=TODAY, limit=1))
    many, objects = statements_and_objects(
        demo_db, lambda: plans.list_plan_documents(demo_db.uow(), today=TODAY))
    assert objects == 0 and few == many <= 3
