"""A municipality's milestones: its own, and those of its plan documents."""

from __future__ import annotations

from datetime import date

from nettverk.services import milestones, plans
from nettverk.services.database import Database

TODAY = date(2026, 3, 2)


def test_a_municipality_sees_its_own_and_its_plan_documents_milestones(demo_db: Database) -> None:
    doc = plans.add_plan_document(demo_db.uow(), "1853", "community_plan", 2027, 2038,
                                  title="Samfunnsdelen 2027–2038", today=TODAY)
    own = milestones.add_milestone(demo_db.uow(), "Egen milepæl", date(2026, 5, 1),
                                   municipality="1853", today=TODAY)
    via_plan = milestones.add_milestone(demo_db.uow(), "Høring av samfunnsdelen",
                                        date(2026, 6, 1), plan_document_id=doc.id, today=TODAY)
    other = milestones.add_milestone(demo_db.uow(), "Annen kommune", date(2026, 5, 1),
                                     municipality="1839", today=TODAY)
    keys = {v.key for v in milestones.list_milestones(demo_db.uow(), municipality="1853",
                                                      include_next_actions=False, today=TODAY)}
    assert {own.key, via_plan.key} <= keys and other.key not in keys
    page = milestones.list_milestones(demo_db.uow(), municipality="1853", limit=1,
                                      include_next_actions=False, today=TODAY)
    assert len(page) == 1
