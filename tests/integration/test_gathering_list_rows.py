"""The gathering list from column queries: the same views, warnings included, in the same
order as when it was built from ORM objects (issue 17: the TUI's Samlinger reads every
gathering at national scale). On both databases, with every filter and a page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain.network import Gathering
from nettverk.domain.values import OSLO
from nettverk.services import gatherings
from nettverk.services.database import Database
from nettverk.services.gatherings import GatheringView, _view, _warnings

SLUG = "mindre-kommuner-2020"


def _from_orm_objects(db: Database, **only: Any) -> list[GatheringView]:
    """Every gathering as `_view` makes it of a loaded ORM object, filtered afterwards."""
    with db.uow() as uow:
        s = uow.session
        loaded = list(s.scalars(select(Gathering).options(
            joinedload(Gathering.programme), joinedload(Gathering.municipality))
            .order_by(Gathering.starts_at, Gathering.id)))
        warnings = _warnings(s, loaded)
        views = [_view(g, warnings[g.id]) for g in loaded]
    if "programme" in only:
        views = [v for v in views if v.programme == only["programme"]]
    if "status" in only:
        views = [v for v in views if v.status == only["status"]]
    if "year" in only:
        views = [v for v in views if v.start.year == only["year"]]
    return views


def _seed_overlaps(db: Database) -> None:
    """Two gatherings at the same time in two programmes, one across midnight, one cancelled:
    overlap warnings within and across programmes, a place warning, a holiday."""
    add = gatherings.add_gathering
    add(db.uow(), SLUG, "Kveldsmøte", datetime(2022, 5, 16, 20, tzinfo=OSLO),
        datetime(2022, 5, 17, 10, tzinfo=OSLO), "physical", location="Bodø")
    add(db.uow(), "gode-lokalsamfunn", "Samtidig samling", datetime(2022, 5, 17, 9, tzinfo=OSLO),
        datetime(2022, 5, 17, 12, tzinfo=OSLO), "hybrid")
    off = add(db.uow(), SLUG, "Avlyst samling", datetime(2022, 5, 17, 9, tzinfo=OSLO),
              datetime(2022, 5, 17, 11, tzinfo=OSLO), "video", video_url="https://m.example/x")
    gatherings.cancel_gathering(db.uow(), off.id)


def test_the_list_says_what_the_orm_objects_said(demo_db: Database) -> None:
    _seed_overlaps(demo_db)
    listed = gatherings.list_gatherings(demo_db.uow())
    assert listed == _from_orm_objects(demo_db)
    # the seeded cases are there, so the comparison covers them
    by_title = {v.title: v for v in listed}
    assert any("Overlapper med «Samtidig samling» i programmet gode-lokalsamfunn" in w
               for w in by_title["Kveldsmøte"].warnings)
    assert "17.05.2022 er en helligdag (Grunnlovsdag)." in by_title["Samtidig samling"].warnings
    assert "Fysisk samling uten sted." in by_title["Samtidig samling"].warnings
    assert by_title["Avlyst samling"].warnings == []


def test_filters_and_pages_say_the_same(demo_db: Database) -> None:
    _seed_overlaps(demo_db)
    uow = demo_db.uow
    for only in ({"programme": SLUG}, {"status": "held"}, {"year": 2022},
                 {"programme": SLUG, "year": 2021, "status": "held"}):
        assert gatherings.list_gatherings(uow(), **only) == _from_orm_objects(demo_db, **only)
    everything = gatherings.list_gatherings(uow())
    assert gatherings.list_gatherings(uow(), limit=5, offset=3) == everything[3:8]
    mine = gatherings.list_gatherings(uow(), municipality="1853")
    assert mine and all(v.municipality in (None, "1853") for v in mine)
    assert [v.id for v in mine] == [v.id for v in everything if v.id in {m.id for m in mine}]
