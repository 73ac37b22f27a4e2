"""Success factors per participant and year: which are in place, with notes."""

from __future__ import annotations

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
    fac = factor if isinstance(factor, SuccessFactor) else parse_success_factor(factor)
    rules.check_year("year", year)
    if not isinstance(in_place, bool):
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
        existing = s.scalar(select(SuccessFactorStatus).where(
            SuccessFactorStatus.participation_id == participation.id,
            SuccessFactorStatus.year == year, SuccessFactorStatus.factor == fac))
        if existing is None:
            existing = SuccessFactorStatus(participation=participation, year=year, factor=fac,
                                           in_place=in_place, notes=notes)
            s.add(existing)
        else:
            existing.in_place = in_place
            existing.notes = notes
        uow.flush()
        view = _view(existing)
        uow.commit()
        return view


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
