"""The success factor list from plain column queries: the same views, in the same order, as when
it was built from ORM objects with their joined participation (issue 17: the TUI's
Suksessfaktorer reads every registration, 38,000 at national scale), with a fixed number of
statements and no ORM object made (read in plain SQL on the unit of work's connection,
services.plain_success_factors); and its first rows read on their own. On both databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain.evaluation import SuccessFactor, SuccessFactorStatus
from nettverk.domain.register import Participation
from nettverk.services import programmes, success_factors
from nettverk.services.database import Database
from nettverk.services.success_factors import SuccessFactorView, _view
from nettverk.tui.screens.success_factors import factor_rows
from nettverk.tui.widgets.virtual_table import Row
from tests.support import statements_and_objects

PROG = "mindre-kommuner-2020"
ORDER = list(SuccessFactor)


def _from_orm_objects(db: Database, programme: str | None = None, year: int | None = None,
                      municipality: str | None = None) -> list[SuccessFactorView]:
    """What the list said when its views were made of ORM objects (`_view`), filtered and
    sorted afterwards as it sorted them."""
    with db.uow() as uow:
        views = [_view(x) for x in uow.session.scalars(select(SuccessFactorStatus).options(
            joinedload(SuccessFactorStatus.participation).joinedload(Participation.municipality),
            joinedload(SuccessFactorStatus.participation).joinedload(Participation.programme)))]
    views = [v for v in views if (programme is None or v.programme == programme)
             and (year is None or v.year == year)
             and (municipality is None or v.municipality == municipality)]
    return sorted(views, key=lambda v: (v.programme, v.municipality, v.year,
                                        ORDER.index(SuccessFactor(v.factor))))


OTHER = "gode-lokalsamfunn"  # sorts before PROG


def _seed(db: Database) -> None:
    """A second programme (the demo's factors are all in PROG), where a municipality with a
    Sámi name (Evenes – Evenášši) has a factor not in place, with a note over two lines, and
    one in place the year before."""
    programmes.add_participant(db.uow(), OTHER, "1853", starts=date(2021, 1, 1))
    success_factors.set_status(db.uow(), OTHER, "1853", 2022, "anchoring", False,
                               "Ikke forankret\nennå")
    success_factors.set_status(db.uow(), OTHER, "1853", 2021, "mobilisation", True)


FILTERS = [{}, {"programme": PROG}, {"year": 2022}, {"municipality": "1853"},
           {"programme": PROG, "year": 2021, "municipality": "1839"}]
FILTER_IDS = ["all", "programme", "year", "municipality", "all-three"]


@pytest.mark.parametrize("filters", FILTERS, ids=FILTER_IDS)
def test_the_list_says_what_the_orm_objects_said(demo_db: Database,
                                                 filters: dict[str, Any]) -> None:
    _seed(demo_db)
    filters = dict(filters)  # the parameter is shared by both databases' runs
    programme = filters.pop("programme", None)
    listed = success_factors.list_status(demo_db.uow(), programme, **filters)
    assert listed
    assert listed == _from_orm_objects(demo_db, programme, **filters)


def test_the_whole_list_covers_what_it_is_compared_on(demo_db: Database) -> None:
    _seed(demo_db)
    listed = success_factors.list_status(demo_db.uow(), None)
    assert listed == _from_orm_objects(demo_db)
    assert len({v.programme for v in listed}) > 1
    assert any(v.sami_name and v.display_name == f"{v.name} – {v.sami_name}" for v in listed)
    assert listed[0].programme == OTHER  # sorted by programme first
    seeded = next(v for v in listed if v.programme == OTHER and v.year == 2022)
    assert (seeded.in_place, seeded.notes) == (False, "Ikke forankret\nennå")
    assert seeded.factor_label == _view_label("anchoring")


def _view_label(factor: str) -> str:
    from nettverk.domain.evaluation import SUCCESS_FACTOR_LABELS

    return SUCCESS_FACTOR_LABELS[SuccessFactor(factor)]


def test_a_filter_that_matches_nothing_lists_nothing(demo_db: Database) -> None:
    assert success_factors.list_status(demo_db.uow(), None, year=1990) == []


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, 3), ({"programme": PROG}, 4), ({"year": 2022}, 3), ({"municipality": "1853"}, 4),
    ({"programme": PROG, "year": 2021, "municipality": "1839"}, 5)], ids=FILTER_IDS)
def test_the_list_makes_no_orm_objects_and_a_fixed_number_of_statements(
        demo_db: Database, filters: dict[str, Any], expected: int) -> None:
    """The rows, then the programmes' and the municipalities' names, whatever the number of
    rows (plus one lookup for each programme or municipality filtered on)."""
    _seed(demo_db)
    filters = dict(filters)  # the parameter is shared by both databases' runs
    programme = filters.pop("programme", None)
    success_factors.list_status(demo_db.uow(), programme, **filters)  # one-time lookups
    # (the plain statements of services.plain_success_factors counted too)
    statements, objects = statements_and_objects(
        demo_db, lambda: success_factors.list_status(demo_db.uow(), programme, **filters))
    assert statements == expected
    assert objects == 0  # the filters' programme and municipality are looked up in plain SQL


@pytest.mark.parametrize("limit", [1, 3, 9, 300])
def test_the_first_rows_are_the_start_of_the_whole_list(demo_db: Database, limit: int) -> None:
    _seed(demo_db)
    whole = success_factors.list_status(demo_db.uow(), None)
    assert len(whole) < 300  # the last limit takes all of it
    first = success_factors.first_status(demo_db.uow(), limit)
    assert first == whole[:limit]
    statements, objects = statements_and_objects(
        demo_db, lambda: success_factors.first_status(demo_db.uow(), limit))
    # programmes, the rows, their two name lookups
    assert (statements, objects) == (4, 0)


def test_the_first_rows_of_a_short_list_are_all_of_it(db: Database) -> None:
    assert success_factors.first_status(db.uow(), 300) == []


def _row_as_before(x: SuccessFactorView) -> Row:
    """A list row as the TUI made it, one view at a time, before it shared what repeats."""
    return Row(
        key=(x.programme, x.municipality, x.year, x.factor),
        cells=(x.programme, x.municipality, x.display_name, str(x.year), x.factor_label,
               "ja" if x.in_place else "nei", (x.notes or "").replace("\n", " ")),
        sort=(x.programme, x.municipality, x.name.lower(), x.year,
              ORDER.index(SuccessFactor(x.factor)), x.in_place, x.notes or ""),
        style="" if x.in_place else "dim",
        tags=frozenset({f"programme:{x.programme}", f"year:{x.year}", f"factor:{x.factor}",
                        "yes" if x.in_place else "no"}),
        data=x,
    )


def test_the_tui_rows_are_the_rows_made_one_by_one(demo_db: Database) -> None:
    """`factor_rows` shares what repeats between rows; the rows are what they were."""
    _seed(demo_db)
    listed = success_factors.list_status(demo_db.uow(), None)
    rows = factor_rows(listed)
    assert rows == [_row_as_before(v) for v in listed]
    assert [r.data for r in rows] == listed
    seeded = next(r for r in rows if r.key == (OTHER, "1853", 2022, "anchoring"))
    assert seeded.cells[-2:] == ("nei", "Ikke forankret ennå") and seeded.style == "dim"
    assert seeded.tags == {f"programme:{OTHER}", "year:2022", "factor:anchoring", "no"}
