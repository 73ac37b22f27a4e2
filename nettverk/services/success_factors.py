"""Success factors per participant and year: which are in place, with notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain import rules
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.evaluation import (
    SUCCESS_FACTOR_LABELS,
    SuccessFactor,
    SuccessFactorStatus,
    parse_success_factor,
)
from nettverk.domain.register import Municipality, Participation
from nettverk.persistence.uow import UnitOfWork
from nettverk.services.register import find_municipality, find_programme


@dataclass(frozen=True)
class SuccessFactorView:
    """Whether one success factor is in place for a participant in a year."""

    programme: str
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    year: int
    factor: str
    factor_label: str
    in_place: bool
    notes: str | None


def _view(x: SuccessFactorStatus) -> SuccessFactorView:
    m = x.participation.municipality
    return SuccessFactorView(
        x.participation.programme.slug, m.number, m.name, m.sami_name,
        f"{m.name} – {m.sami_name}" if m.sami_name else m.name, x.year, x.factor.value,
        SUCCESS_FACTOR_LABELS[x.factor], x.in_place, x.notes,
    )


def set_status(
    uow: UnitOfWork,
    programme: str,
    municipality: str,
    year: int,
    factor: str | SuccessFactor,
    in_place: bool,
    notes: str | None = None,
) -> SuccessFactorView:
    """Record whether a factor is in place for a participant in a year (replaces earlier)."""
    return set_year(uow, programme, municipality, year, {factor: in_place},
                    {factor: notes} if notes is not None else None)[0]


def set_year(
    uow: UnitOfWork,
    programme: str,
    municipality: str,
    year: int,
    in_place: Mapping[str | SuccessFactor, bool],
    notes: Mapping[str | SuccessFactor, str | None] | None = None,
) -> list[SuccessFactorView]:
    """Record several factors of one participant and year in one transaction."""
    wanted = {
        (f if isinstance(f, SuccessFactor) else parse_success_factor(f)): value
        for f, value in in_place.items()
    }
    notes_by = {
        (f if isinstance(f, SuccessFactor) else parse_success_factor(f)): text
        for f, text in (notes or {}).items()
    }
    rules.check_year("year", year)
    if any(not isinstance(v, bool) for v in wanted.values()):
        raise DomainError("in_place", "må være ja eller nei")
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        mun = find_municipality(s, municipality)
        participation = s.scalar(select(Participation).options(
            joinedload(Participation.programme), joinedload(Participation.municipality),
        ).where(Participation.programme_id == prog.id, Participation.municipality_id == mun.id))
        if participation is None:
            raise NotFoundError("municipality", f"{mun.name} deltar ikke i {prog.slug}")
        if year < participation.starts.year or (
                participation.ends is not None and year > participation.ends.year):
            raise DomainError("year", f"{mun.name} deltok ikke i {prog.slug} i {year}")
        existing = {x.factor: x for x in s.scalars(select(SuccessFactorStatus).where(
            SuccessFactorStatus.participation_id == participation.id,
            SuccessFactorStatus.year == year))}
        changed = []
        for fac, value in wanted.items():
            row = existing.get(fac)
            if row is None:
                row = SuccessFactorStatus(participation=participation, year=year, factor=fac,
                                          in_place=value, notes=notes_by.get(fac))
                s.add(row)
            else:
                row.in_place = value
                row.notes = notes_by.get(fac)
            changed.append(row)
        uow.flush()
        views = [_view(x) for x in changed]
        uow.commit()
        return views


def list_status(
    uow: UnitOfWork, programme: str, year: int | None = None, municipality: str | None = None
) -> list[SuccessFactorView]:
    """The recorded factors by municipality, year and the factors' order."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        stmt = (
            select(SuccessFactorStatus)
            .join(SuccessFactorStatus.participation)
            .join(Participation.municipality)
            .options(joinedload(SuccessFactorStatus.participation).joinedload(
                         Participation.municipality),
                     joinedload(SuccessFactorStatus.participation).joinedload(
                         Participation.programme))
            .where(Participation.programme_id == prog.id)
        )
        if year is not None:
            stmt = stmt.where(SuccessFactorStatus.year == rules.check_year("year", year))
        if municipality:
            stmt = stmt.where(Municipality.id == find_municipality(s, municipality).id)
        order = list(SuccessFactor)
        rows = [_view(x) for x in s.scalars(stmt)]
        rows.sort(key=lambda r: (r.municipality, r.year, order.index(SuccessFactor(r.factor))))
        return rows
