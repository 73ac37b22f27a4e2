"""The feedback list from plain column queries: the same views as from the ORM objects, in the
same order, with a fixed number of statements and no ORM object made (issue 17: the TUI's
Tilbakemeldinger reads 38,000 responses at national scale). On both databases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain.evaluation import Feedback
from nettverk.domain.network import Gathering
from nettverk.domain.values import OSLO
from nettverk.services import feedback, gatherings
from nettverk.services.database import Database
from nettverk.services.feedback import FeedbackView, _view
from nettverk.tui.screens.feedback import FeedbackArea, feedback_row, feedback_rows
from tests.support import statements_and_objects

SLUG = "mindre-kommuner-2020"


def _from_orm_objects(db: Database, **only: Any) -> list[FeedbackView]:
    """Every response as `_view` makes it of a loaded ORM object, filtered afterwards."""
    with db.uow() as uow:
        views = [_view(f) for f in uow.session.scalars(
            select(Feedback).join(Feedback.gathering).options(
                joinedload(Feedback.gathering).joinedload(Gathering.programme),
                joinedload(Feedback.municipality))
            .order_by(Gathering.starts_at, Feedback.id))]
    if "gathering_id" in only:
        views = [v for v in views if v.gathering_id == only["gathering_id"]]
    if "programme" in only:
        views = [v for v in views if v.programme == only["programme"]]
    if "year" in only:
        views = [v for v in views if v.starts_at.astimezone(OSLO).year == only["year"]]
    return views


def _seed(db: Database) -> int:
    """Responses of every shape on a held gathering: from a municipality with a Sámi name,
    anonymous with a comment over two lines, and one with a respondent but no municipality;
    and one in another programme."""
    other = gatherings.add_gathering(
        db.uow(), "gode-lokalsamfunn", "Samling i et annet program",
        datetime(2022, 5, 18, 9, tzinfo=OSLO), datetime(2022, 5, 18, 12, tzinfo=OSLO), "hybrid")
    feedback.add_feedback(db.uow(), other.id, 3, 3, "Per", "1804")
    gid = gatherings.list_gatherings(db.uow(), programme=SLUG, status="held")[-1].id
    feedback.add_feedback(db.uow(), gid, 5, 4, "Kari", "1853", "Nyttig")
    feedback.add_feedback(db.uow(), gid, 2, 3, comment="For lang\nog for sen")
    feedback.add_feedback(db.uow(), gid, 4, 4, "Ola")
    return gid


def test_the_list_says_what_the_orm_objects_said(demo_db: Database) -> None:
    gid = _seed(demo_db)
    listed = feedback.list_feedback(demo_db.uow())
    assert listed == _from_orm_objects(demo_db)
    # the seeded cases are there, so the comparison covers them
    mine = [v for v in listed if v.gathering_id == gid]
    assert mine[-3].municipality == "1853" and mine[-3].municipality_name == "Evenes – Evenášši"
    assert mine[-2].municipality is None and mine[-2].respondent is None
    assert mine[-1].respondent == "Ola" and mine[-1].municipality_name is None
    assert len({v.programme for v in listed}) > 1 and len({v.gathering_id for v in listed}) > 1


def test_filters_and_pages_say_the_same(demo_db: Database) -> None:
    gid = _seed(demo_db)
    uow = demo_db.uow
    year = feedback.get_feedback(uow(), feedback.list_feedback(uow(), gathering_id=gid)[0].id
                                 ).starts_at.astimezone(OSLO).year
    for only in ({"gathering_id": gid}, {"programme": SLUG}, {"year": year},
                 {"year": 2022}, {"programme": "gode-lokalsamfunn", "year": 2022},
                 {"programme": SLUG, "year": year, "gathering_id": gid}):
        expected = _from_orm_objects(demo_db, **only)
        assert expected and feedback.list_feedback(uow(), **only) == expected
    assert feedback.list_feedback(uow(), year=1990) == []
    everything = feedback.list_feedback(uow())
    assert feedback.list_feedback(uow(), limit=5, offset=3) == everything[3:8]
    assert feedback.list_feedback(uow(), offset=len(everything) - 2) == everything[-2:]


@pytest.mark.parametrize("filters", [{}, {"programme": SLUG}, {"year": 2022}, {"gathering": 1}],
                         ids=["all", "programme", "year", "gathering"])
def test_the_list_makes_no_orm_objects_and_a_fixed_number_of_statements(
        demo_db: Database, filters: dict[str, Any]) -> None:
    gid = _seed(demo_db)
    if filters.pop("gathering", None):
        filters["gathering_id"] = gid
    whole = feedback.list_feedback(demo_db.uow(), **filters)  # one-time lookups
    assert len(whole) >= 3
    few, _ = statements_and_objects(
        demo_db, lambda: feedback.list_feedback(demo_db.uow(), limit=2, **filters))
    many, objects = statements_and_objects(
        demo_db, lambda: feedback.list_feedback(demo_db.uow(), **filters))
    assert objects <= 1  # at most the programme the filter names
    assert few == many <= 5  # the programme filter, responses, programmes, gatherings, names


def test_the_tui_rows_share_what_a_gathering_has_in_common(demo_db: Database) -> None:
    """`feedback_rows` makes the rows `feedback_row` makes one by one, and the first rows the
    list shows at once are the start of the whole list."""
    gid = _seed(demo_db)
    views = feedback.list_feedback(demo_db.uow())
    rows = feedback_rows(views)
    alone = [feedback_row(v) for v in views]
    assert rows == alone and [r.data for r in rows] == views
    comment = next(r for r in rows if r.data.gathering_id == gid and r.data.respondent is None)
    assert comment.cells[2:] == ("anonym", "2", "3", "For lang og for sen")

    class Short(FeedbackArea):
        FIRST_ROWS = 4

    area = Short()
    first = area.fetch_first(demo_db)
    assert list(first) == rows[:4] and [r.data for r in first] == views[:4]
    whole = area.fetch(demo_db).rows
    assert list(whole) == rows and [r.data for r in whole] == views
