"""One municipality's gatherings (its own and its programmes' shared ones) are the same rows, in
the same order and pages, as the plain OR of the two that services.gatherings used before it
read each part by its index."""

from __future__ import annotations

import pytest
from sqlalchemy import and_, or_, select

from nettverk.domain.network import Gathering
from nettverk.domain.register import Participation
from nettverk.services import gatherings, programmes, register
from nettverk.services.database import Database
from nettverk.services.register import find_municipality, find_programme


def _by_or(db: Database, number: str, programme: str | None, status: str | None,
           limit: int | None, offset: int) -> list[int]:
    with db.uow() as uow:
        s = uow.session
        mun = find_municipality(s, number)
        participates = select(Participation.programme_id).where(
            Participation.municipality_id == mun.id)
        stmt = select(Gathering.id).where(or_(
            Gathering.municipality_id == mun.id,
            and_(Gathering.municipality_id.is_(None), Gathering.programme_id.in_(participates))))
        if programme:
            stmt = stmt.where(Gathering.programme_id == find_programme(s, programme).id)
        if status:
            stmt = stmt.where(Gathering.status == status)
        stmt = stmt.order_by(Gathering.starts_at, Gathering.id).offset(offset).limit(limit)
        return list(s.scalars(stmt))


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                             marks=pytest.mark.postgres)])
def test_a_municipalitys_gatherings_are_its_own_and_its_programmes_shared(
        demo_db: Database) -> None:
    slugs = [None] + [p.slug for p in programmes.list_programmes(demo_db.uow())]
    seen = 0
    for m in register.list_municipalities(demo_db.uow())[::5]:
        for programme in slugs[:2]:
            for status in (None, "held", "planned"):
                for limit, offset in ((None, 0), (3, 0), (3, 2), (50, 1)):
                    got = [g.id for g in gatherings.list_gatherings(
                        demo_db.uow(), municipality=m.number, programme=programme,
                        status=status, limit=limit, offset=offset)]
                    assert got == _by_or(demo_db, m.number, programme, status, limit, offset)
                    seen += len(got)
    assert seen
