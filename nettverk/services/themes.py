"""The Det gode liv i nord theme calendar: a theme per month, linked to UN goals 1–17."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from nettverk.domain.agreements import MONTH_NAMES, Theme
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.sdg import goal_label
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_agreements
from nettverk.services.agreement_views import THEME_PROGRAMME
from nettverk.services.agreement_views import ThemeView as ThemeView
from nettverk.services.deletion import DeletedView, remove
from nettverk.services.register import find_programme

PROGRAMME = THEME_PROGRAMME


def _view(t: Theme) -> ThemeView:
    return ThemeView(
        id=t.id, programme=t.programme.slug, year=t.year, month=t.month,
        month_name=MONTH_NAMES[t.month], title=t.title, description=t.description,
        goals=[int(g) for g in t.goals or []], links=[str(x) for x in t.links or []],
        version=t.version, goal_names=[goal_label(int(g)) for g in t.goals or []],
    )


def _check_free(session: Session, programme_id: int, year: int, month: int,
                except_id: int | None = None) -> None:
    stmt = select(Theme.id).where(
        Theme.programme_id == programme_id, Theme.year == year, Theme.month == month)
    if except_id is not None:
        stmt = stmt.where(Theme.id != except_id)
    if session.scalar(stmt) is not None:
        raise DomainError("month", f"{MONTH_NAMES[month]} {year} har allerede et tema")


def list_themes(uow: UnitOfWork, programme: str | None = PROGRAMME,
                year: int | None = None) -> list[ThemeView]:
    """The calendar's themes by year and month (programme None: every programme's). Read in
    plain SQL on the unit of work's connection (services.plain_agreements, what `nettverk
    theme list` runs without SQLAlchemy)."""
    with uow:
        return plain_agreements.list_themes(uow.plain_reader(), programme, year)


def get_theme(uow: UnitOfWork, theme_id: int) -> ThemeView:
    """One theme by id."""
    with uow:
        t = uow.session.get(Theme, theme_id)
        if t is None:
            raise NotFoundError("id", f"tema {theme_id} finnes ikke")
        return _view(t)


def add_theme(
    uow: UnitOfWork,
    year: int,
    month: int,
    title: str,
    description: str | None = None,
    goals: list[int] | None = None,
    links: list[str] | None = None,
    programme: str = PROGRAMME,
) -> ThemeView:
    """Set a month's theme; one theme per month."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme)
        theme = Theme(programme=prog, year=year, month=month, title=title,
                      description=description, goals=list(goals or []),
                      links=list(links or []))
        _check_free(s, prog.id, theme.year, theme.month)
        s.add(theme)
        uow.flush()
        view = _view(theme)
        uow.commit()
        return view


_FIELDS = {"year", "month", "title", "description", "goals", "links"}


def update_theme(
    uow: UnitOfWork, theme_id: int, expected_version: int | None = None, **changes: object
) -> ThemeView:
    """Change a theme (year, month, title, description, goals, links)."""
    unknown = set(changes) - _FIELDS
    if unknown:
        raise DomainError(sorted(unknown)[0], "kan ikke endres her")
    with uow:
        s = uow.session
        theme = s.get(Theme, theme_id)
        if theme is None:
            raise NotFoundError("id", f"tema {theme_id} finnes ikke")
        theme.check_version(expected_version, "temaet")
        for key, value in changes.items():
            if key in ("goals", "links"):
                value = list(value) if isinstance(value, (list, tuple)) else value
            setattr(theme, key, value)
        with s.no_autoflush:
            _check_free(s, theme.programme_id, theme.year, theme.month, except_id=theme.id)
        uow.flush()
        view = _view(theme)
        uow.commit()
        return view


def delete_theme(uow: UnitOfWork, theme_id: int,
                 expected_version: int | None = None) -> DeletedView:
    """Delete a month's theme; subscribed calendars drop it at their next update."""
    with uow:
        theme = uow.session.get(Theme, theme_id)
        if theme is None:
            raise NotFoundError("id", f"tema {theme_id} finnes ikke")
        label = f"{MONTH_NAMES[theme.month]} {theme.year}: {theme.title}"
        return remove(uow, theme, expected_version, "tema", "temaet", label)
