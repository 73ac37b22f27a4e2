"""User management for a shared database: who may use it, in which role."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from nettverk.domain.access import ROLE_LABELS, AppUser, Role
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_users
from nettverk.services.user_views import UserView as UserView


def _view(u: AppUser) -> UserView:
    return UserView(u.username, u.name, u.role.value, ROLE_LABELS[u.role], u.active, u.version)


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise DomainError("role", "må være leader, partner eller reader") from None


def add_user(uow: UnitOfWork, username: str, role: str, name: str | None = None) -> UserView:
    """Register a user; the first user must be a leader (or nobody could manage users)."""
    role_value = _role(role)
    with uow:
        s = uow.session
        if not s.scalar(select(func.count()).select_from(AppUser)) and role_value is not Role.leader:
            raise DomainError("role", "den første brukeren må være leder (leader)")
        if s.scalar(select(AppUser.id).where(AppUser.username == (username or "").strip())):
            raise DomainError("username", f"brukeren {username!r} finnes allerede")
        user = AppUser(username=username, name=name, role=role_value, active=True)
        s.add(user)
        uow.flush()
        view = _view(user)
        uow.commit()
    uow.roles_changed()
    return view


def list_users(uow: UnitOfWork) -> list[UserView]:
    """Every registered user. Read in plain SQL on the unit of work's connection
    (services.plain_users, what `nettverk user list` runs without SQLAlchemy)."""
    with uow:
        return plain_users.list_users(uow.plain_reader())


def _find(uow: UnitOfWork, username: str) -> AppUser:
    user = uow.session.scalar(select(AppUser).where(AppUser.username == username))
    if user is None:
        raise NotFoundError("username", f"brukeren {username!r} finnes ikke")
    return user


def _lock_leaders(uow: UnitOfWork) -> None:
    """Serialise changes that could remove a leader, so two made at the same moment cannot
    both see the other as the remaining leader: SQLite takes its write lock now (BEGIN
    IMMEDIATE), PostgreSQL locks the active leaders' rows (the second waits, then counts
    again). Must be the unit of work's first statement."""
    session = uow.session
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")
    else:
        session.execute(select(AppUser.id).where(
            AppUser.role == Role.leader, AppUser.active.is_(True)).with_for_update())


def _leaders_left(uow: UnitOfWork, excluding: AppUser) -> int:
    return uow.session.scalar(
        select(func.count()).select_from(AppUser).where(
            AppUser.role == Role.leader, AppUser.active.is_(True), AppUser.id != excluding.id
        )
    ) or 0


def set_role(uow: UnitOfWork, username: str, role: str) -> UserView:
    """Change a user's role; the last active leader cannot be demoted."""
    role_value = _role(role)
    with uow:
        _lock_leaders(uow)
        user = _find(uow, username)
        if user.role is Role.leader and role_value is not Role.leader and not _leaders_left(uow, user):
            raise DomainError("role", "kan ikke fjerne den siste lederen")
        user.role = role_value
        uow.flush()
        view = _view(user)
        uow.commit()
    uow.roles_changed()
    return view


def set_active(uow: UnitOfWork, username: str, active: bool) -> UserView:
    """Give or take away a user's access; the last active leader stays."""
    with uow:
        _lock_leaders(uow)
        user = _find(uow, username)
        if not active and user.role is Role.leader and not _leaders_left(uow, user):
            raise DomainError("username", "kan ikke deaktivere den siste lederen")
        user.active = active
        uow.flush()
        view = _view(user)
        uow.commit()
    uow.roles_changed()
    return view


def update_user(uow: UnitOfWork, username: str, *, name: str | None = None,
                role: str | None = None, active: bool | None = None,
                expected_version: int | None = None) -> UserView:
    """Change a user's name, role or access in one go (the form's save); the last active
    leader stays a leader. An empty name clears it."""
    role_value = _role(role) if role is not None else None
    with uow:
        _lock_leaders(uow)
        user = _find(uow, username)
        user.check_version(expected_version, f"brukeren {username!r}")
        stays_leader = (role_value in (None, Role.leader)) and active is not False
        if user.role is Role.leader and user.active and not stays_leader \
                and not _leaders_left(uow, user):
            field = "role" if role_value not in (None, Role.leader) else "active"
            raise DomainError(field, "kan ikke fjerne den siste lederen")
        if name is not None:
            user.name = name or None
        if role_value is not None:
            user.role = role_value
        if active is not None:
            user.active = active
        uow.flush()
        view = _view(user)
        uow.commit()
    uow.roles_changed()
    return view


@dataclass(frozen=True)
class Identity:
    """Who is using the database, and in which role."""

    username: str
    role: str
    role_label: str


def whoami(uow: UnitOfWork) -> Identity:
    """The current user and role."""
    with uow:
        return Identity(uow.user, uow.role.value, ROLE_LABELS[uow.role])
