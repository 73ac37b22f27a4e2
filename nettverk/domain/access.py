"""Who may do what: users of a shared database and their roles."""

from __future__ import annotations

import enum
import re

from sqlalchemy.orm import Mapped, mapped_column, validates

from nettverk.domain import rules
from nettverk.domain.base import Entity, str_enum
from nettverk.domain.errors import DomainError


class Role(enum.StrEnum):
    """A user's role: leader does everything, partner all but deleting and user management,
    reader only reads and exports."""

    leader = "leader"
    partner = "partner"
    reader = "reader"


#: The role's name in a sentence («du har rollen leser»).
ROLE_NAMES = {Role.leader: "leder", Role.partner: "partner", Role.reader: "leser"}

ROLE_LABELS = {
    Role.leader: "leder (alt)",
    Role.partner: "partner (alt unntatt sletting og brukere)",
    Role.reader: "leser (lese og eksportere)",
}


class AppUser(Entity):
    """A person allowed to use a shared database, by the name nettverk knows them under."""

    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str | None]
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    active: Mapped[bool] = mapped_column(default=True)

    @validates("username")
    def _username(self, _key: str, value: str) -> str:
        value = rules.required_text("username", value, max_length=100)
        if not re.fullmatch(r"[A-Za-z0-9._@-]+", value):
            raise DomainError("username", "brukernavn kan bare ha bokstaver a–z, sifre og . _ @ -")
        return value

    @validates("name")
    def _name(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("name", value, max_length=200)


def check_change(role: Role, *, writes: bool, deletes: bool, manages_users: bool) -> None:
    """Refuse a change the role does not allow."""
    if role is Role.reader and (writes or deletes or manages_users):
        raise DomainError("role", "du har bare lesetilgang (rollen leser) og kan ikke endre data")
    if role is Role.partner and deletes:
        raise DomainError("role", "rollen partner kan ikke slette; be en leder om å gjøre det")
    if role is Role.partner and manages_users:
        raise DomainError("role", "bare en leder kan administrere brukere")
