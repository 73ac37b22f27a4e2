"""Success factors per participant and year: which are in place, with notes."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from nettverk.domain import rules
from nettverk.domain.errors import ConflictError, DomainError, NotFoundError
from nettverk.domain.evaluation import (
    SUCCESS_FACTOR_LABELS,
    SuccessFactor,
    SuccessFactorStatus,
    parse_success_factor,
)
from nettverk.domain.register import Participation
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_success_factors
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.register import find_municipality, find_programme
from nettverk.services.success_factor_views import SuccessFactorView as SuccessFactorView


def _view(x: SuccessFactorStatus) -> SuccessFactorView:
    m = x.participation.municipality
    return SuccessFactorView(
        x.participation.programme.slug, m.number, m.name, m.sami_name,
        f"{m.name} – {m.sami_name}" if m.sami_name else m.name, x.year, x.factor.value,
        SUCCESS_FACTOR_LABELS[x.factor], x.in_place, x.notes, x.id, x.version,
    )


def _factor(value: str | SuccessFactor) -> SuccessFactor:
    return value if isinstance(value, SuccessFactor) else parse_success_factor(value)


def set_status(
    uow: UnitOfWork,
    programme: str,
    municipality: str,
    year: int,
    factor: str | SuccessFactor,
    in_place: bool,
    notes: str | None = None,
    expected_version: int | None = None,
    create_only: bool = False,
) -> SuccessFactorView:
    """Record whether a factor is in place for a participant in a year (replaces earlier).

    Notes left out (None) keep the recorded notes; empty text clears them. With
    `expected_version` the recorded status must still be that version (an edit, not a first
    registration). With `create_only` an already recorded factor is refused instead of
    replaced (a form for new registrations must not overwrite one silently).
    """
    return set_year(uow, programme, municipality, year, {factor: in_place},
                    {factor: notes} if notes is not None else None,
                    expected_versions={factor: expected_version}
                    if expected_version is not None else None, create_only=create_only)[0]


def set_year(
    uow: UnitOfWork,
    programme: str,
    municipality: str,
    year: int,
    in_place: Mapping[str | SuccessFactor, bool],
    notes: Mapping[str | SuccessFactor, str | None] | None = None,
    expected_versions: Mapping[str | SuccessFactor, int] | None = None,
    create_only: bool = False,
) -> list[SuccessFactorView]:
    """Record several factors of one participant and year in one transaction.

    A factor missing from `notes` keeps its recorded notes (a new one gets none).
    """
    wanted = {_factor(f): value for f, value in in_place.items()}
    notes_by = {_factor(f): text for f, text in (notes or {}).items()}
    versions = {_factor(f): v for f, v in (expected_versions or {}).items()}
    rules.check_year("year", year)
    if any(not isinstance(v, bool) for v in wanted.values()):
        raise DomainError("in_place", "må være ja eller nei")
    with uow:
        s = uow.session
        participation = _participation(uow, programme, municipality, year)
        existing = {x.factor: x for x in s.scalars(select(SuccessFactorStatus).where(
            SuccessFactorStatus.participation_id == participation.id,
            SuccessFactorStatus.year == year))}
        changed = []
        for fac, value in wanted.items():
            row = existing.get(fac)
            if row is None:
                if fac in versions:
                    raise ConflictError(
                        "version", "suksessfaktoren er slettet av noen andre; last inn på nytt")
                row = SuccessFactorStatus(participation=participation, year=year, factor=fac,
                                          in_place=value, notes=notes_by.get(fac))
                s.add(row)
            elif create_only:
                raise DomainError(
                    "factor", f"{SUCCESS_FACTOR_LABELS[fac]} er allerede registrert for "
                              f"{participation.municipality.name} i {year}; endre den i stedet")
            else:
                row.check_version(versions.get(fac), "suksessfaktoren")
                row.in_place = value
                if fac in notes_by:
                    row.notes = notes_by[fac]
            changed.append(row)
        uow.flush()
        views = [_view(x) for x in changed]
        uow.commit()
        return views


def _participation(uow: UnitOfWork, programme: str, municipality: str, year: int,
                   check_period: bool = True) -> Participation:
    """The participation the year belongs to (refused outside its period when checked)."""
    s = uow.session
    prog = find_programme(s, programme)
    mun = find_municipality(s, municipality)
    participation = s.scalar(select(Participation).options(
        joinedload(Participation.programme), joinedload(Participation.municipality),
    ).where(Participation.programme_id == prog.id, Participation.municipality_id == mun.id))
    if participation is None:
        raise NotFoundError("municipality", f"{mun.name} deltar ikke i {prog.slug}")
    outside = year < participation.starts.year or (
        participation.ends is not None and year > participation.ends.year)
    if check_period and outside:
        raise DomainError("year", f"{mun.name} deltok ikke i {prog.slug} i {year}")
    return participation


def delete_status(
    uow: UnitOfWork,
    programme: str,
    municipality: str,
    year: int,
    factor: str | SuccessFactor,
    expected_version: int | None = None,
) -> DeletedView:
    """Remove a recorded factor: the year then shows it as not assessed, which is not the same
    as «not in place» (the yearly report lists only what was recorded)."""
    fac = _factor(factor)
    rules.check_year("year", year)
    with uow:
        s = uow.session
        # No period check: a year recorded before the period was shortened can still go.
        participation = _participation(uow, programme, municipality, year, check_period=False)
        row = s.scalar(select(SuccessFactorStatus).where(
            SuccessFactorStatus.participation_id == participation.id,
            SuccessFactorStatus.year == year, SuccessFactorStatus.factor == fac))
        if row is None:
            raise NotFoundError(
                "factor", f"{SUCCESS_FACTOR_LABELS[fac]} er ikke registrert for "
                          f"{participation.municipality.name} i {year}")
        label = f"{SUCCESS_FACTOR_LABELS[fac]}, {participation.municipality.name} {year}"
        return remove(uow, row, expected_version, "suksessfaktor", "suksessfaktoren", label)


def list_status(
    uow: UnitOfWork, programme: str | None, year: int | None = None,
    municipality: str | None = None,
) -> list[SuccessFactorView]:
    """The recorded factors by municipality, year and the factors' order (every programme's
    when `programme` is None). Read in plain SQL on the unit of work's connection
    (services.plain_success_factors, what `nettverk success-factor list` runs without
    SQLAlchemy)."""
    with uow:
        return plain_success_factors.list_status(uow.plain_reader(), programme, year,
                                                 municipality)


def first_status(uow: UnitOfWork, limit: int) -> list[SuccessFactorView]:
    """The first `limit` of every programme's recorded factors, in `list_status`'s order (the
    sorting and the limit done by the database: the start of a national list, at once)."""
    with uow:
        return plain_success_factors.first_status(uow.plain_reader(), limit)
