"""Success factors per participant and year: which are in place, with notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row, String, case, select, type_coerce
from sqlalchemy.orm import Session, joinedload

from nettverk.domain import rules
from nettverk.domain.errors import ConflictError, DomainError, NotFoundError
from nettverk.domain.evaluation import (
    SUCCESS_FACTOR_LABELS,
    SuccessFactor,
    SuccessFactorStatus,
    parse_success_factor,
)
from nettverk.domain.norwegian import display_name
from nettverk.domain.register import Municipality, Participation, Programme
from nettverk.persistence.uow import UnitOfWork
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
    when `programme` is None)."""
    with uow:
        s = uow.session
        conditions: list[Any] = []
        if programme:
            conditions.append(Participation.programme_id == find_programme(s, programme).id)
        if year is not None:
            conditions.append(SuccessFactorStatus.year == rules.check_year("year", year))
        if municipality:
            conditions.append(
                Participation.municipality_id == find_municipality(s, municipality).id)
        # Columns, not ORM objects, and the programmes' and municipalities' names looked up
        # once: the TUI's Suksessfaktorer reads every registration (38,000 at national scale)
        # and mapping objects with their joined participation was most of its time
        # (tests/integration/test_success_factor_list_rows.py: the same views).
        found = s.execute(
            select(*_COLUMNS)
            .join(Participation, Participation.id == SuccessFactorStatus.participation_id)
            .where(*conditions)).all()
        if not found:
            return []
        return _list_views(s, found)


def first_status(uow: UnitOfWork, limit: int) -> list[SuccessFactorView]:
    """The first `limit` of every programme's recorded factors, in `list_status`'s order (the
    sorting and the limit done by the database: the start of a national list, at once)."""
    with uow:
        s = uow.session
        slugs = sorted(s.execute(select(Programme.slug, Programme.id)).all())
        if not slugs:
            return []
        by_slug = case({id: rank for rank, (_slug, id) in enumerate(slugs)},
                       value=Participation.programme_id)
        by_factor = case(_RANK, value=type_coerce(SuccessFactorStatus.factor, String()))
        found = s.execute(
            select(*_COLUMNS)
            .join(Participation, Participation.id == SuccessFactorStatus.participation_id)
            .join(Municipality, Municipality.id == Participation.municipality_id)
            .order_by(by_slug, Municipality.number, SuccessFactorStatus.year, by_factor)
            .limit(limit)).all()
        return _list_views(s, found) if found else []


def _list_views(
    s: Session, found: Sequence[Row[int, int, int, str, bool, str | None, int, int]],
) -> list[SuccessFactorView]:
    """The views of `list_status`'s plain rows, in its order, with the names looked up once
    (two statements) and each municipality's texts and each factor's label shared."""
    slugs = {id: slug for id, slug in s.execute(select(Programme.id, Programme.slug).where(
        Programme.id.in_({r[6] for r in found})))}
    municipalities = {
        id: (number, name, sami_name, display_name(name, sami_name))
        for id, number, name, sami_name in s.execute(select(
            Municipality.id, Municipality.number, Municipality.name, Municipality.sami_name,
        ).where(Municipality.id.in_({r[7] for r in found})))}
    found = sorted(found, key=lambda r: (slugs[r[6]], municipalities[r[7]][0], r[2],
                                         _RANK[r[3]]))
    return [
        SuccessFactorView(slugs[programme_id], *municipalities[municipality_id], year, factor,
                          _LABELS[factor], in_place, notes, id, version)
        for id, version, year, factor, in_place, notes, programme_id, municipality_id
        in found]


# What a list reads of each registration: no ORM object, the factor as its stored text.
_COLUMNS = (SuccessFactorStatus.id, SuccessFactorStatus.version, SuccessFactorStatus.year,
            type_coerce(SuccessFactorStatus.factor, String()), SuccessFactorStatus.in_place,
            SuccessFactorStatus.notes, Participation.programme_id, Participation.municipality_id)
_RANK = {f.value: rank for rank, f in enumerate(SuccessFactor)}
_LABELS = {f.value: label for f, label in SUCCESS_FACTOR_LABELS.items()}
