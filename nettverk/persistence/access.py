"""Enforces roles on every flush, so no use case can write what the user's role forbids."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from nettverk.domain.access import AppUser, Role, check_change
from nettverk.domain.errors import DomainError

SESSION_ROLE_KEY = "nettverk_role"
_CACHE_SECONDS = 5.0


class RoleResolver:
    """Looks up the role of a user; everyone is leader while no users are registered."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._cache: dict[str, tuple[float, Role]] = {}

    def role_of(self, username: str) -> Role:
        """The user's role (cached for a few seconds)."""
        now = time.monotonic()
        cached = self._cache.get(username)
        if cached and now - cached[0] < _CACHE_SECONDS:
            return cached[1]
        with Session(self._engine) as session:
            if not inspect(session.connection()).has_table("app_user"):
                return Role.leader  # schema from before users existed (being upgraded)
            role = resolve(session, username)
        self._cache[username] = (now, role)
        return role

    def forget(self) -> None:
        """Drop cached roles (after user management)."""
        self._cache.clear()


def resolve(session: Session, username: str) -> Role:
    """The role of the user in this database."""
    if not session.scalar(select(func.count()).select_from(AppUser)):
        return Role.leader  # single-user database: no users registered yet
    row = session.execute(
        select(AppUser.role, AppUser.active).where(AppUser.username == username)
    ).first()
    if row is None or not row.active:
        raise DomainError(
            "user",
            f"brukeren {username!r} har ikke tilgang til denne databasen; "
            "be en leder legge deg til (`nettverk user add`)",
        )
    return Role(row.role)


def check_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    """Refuse the flush if the session's role does not allow it."""
    role: Role | None = session.info.get(SESSION_ROLE_KEY)
    if role is None or role is Role.leader:
        return
    changed = list(session.new) + list(session.dirty) + list(session.deleted)
    check_change(
        role,
        writes=bool(session.new) or any(session.is_modified(o) for o in session.dirty),
        deletes=bool(session.deleted),
        manages_users=any(isinstance(o, AppUser) for o in changed),
    )
