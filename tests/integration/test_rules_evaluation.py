"""Issue 15, the evaluation tools' rules: the priority tool's midpoint and the capacity
diamond's individual-first method, through the use cases on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import priority
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register


@pytest.fixture
def reg(db: Database) -> Database:
    base_register(db)
    return db


def test_the_neutral_midpoint_is_not_prioritise_and_a_midline_is_shown(reg: Database) -> None:
    s = priority.add_session(reg.uow(), "Bolyst", date(2021, 4, 20), municipality="1853")
    for name in ("Midt", "Kant", "Over", "Snitt"):
        priority.add_factor(reg.uow(), s.id, name)
    priority.set_placing(reg.uow(), s.id, "Midt", 3, 3)
    priority.set_placing(reg.uow(), s.id, "Kant", 5, 3)
    priority.set_placing(reg.uow(), s.id, "Over", 4, 4)
    priority.add_score(reg.uow(), s.id, "Snitt", "A", 4, 2)   # means 3.0 and 3.0
    priority.add_score(reg.uow(), s.id, "Snitt", "B", 2, 4)
    d = priority.get_session(reg.uow(), s.id)
    got = {f.name: (f.quadrant, f.quadrant_label) for f in d.factors}
    assert got["Over"][0] == "prioritise"
    for name in ("Midt", "Kant", "Snitt"):
        assert got[name][0] == "midline" and got[name][1].startswith("På midtlinjen")
    assert d.factors[0].name == "Over"   # only it is prioritised first


def test_consensus_without_individual_scores_warns_and_the_spread_is_shown(
        reg: Database) -> None:
    from nettverk.services import capacity

    a = capacity.add_assessment(reg.uow(), "1853", date(2022, 3, 1))
    alone = capacity.set_consensus(reg.uow(), a.id, "leadership", 4)
    assert alone.score == 4 and alone.individual_scores == 0 and alone.spread is None
    assert [w for w in alone.warnings if "individuelle vurderinger først" in w]
    for name, score in (("A", 2), ("B", 5), ("C", 3)):
        capacity.add_participant(reg.uow(), a.id, name, scores={"leadership": score,
                                                                "culture": 3})
    [lead] = [c for c in capacity.get_assessment(reg.uow(), a.id).consensus
              if c.component == "leadership"]
    assert (lead.individual_min, lead.individual_median, lead.individual_max) == (2, 3.0, 5)
    assert lead.spread == "2–5" and lead.warnings == []
    culture = capacity.set_consensus(reg.uow(), a.id, "culture", 3)
    assert culture.spread == "3" and culture.warnings == []
