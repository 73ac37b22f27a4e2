"""The registered users' view, importable without SQLAlchemy (services.plain_users builds it
for `nettverk user list` and the TUI's Brukere; services.users re-exports it).

The roles' words are those of nettverk.domain.access, which maps its class with SQLAlchemy;
tests/cli/test_plain_users.py checks that they stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The roles' words by code (domain.access.ROLE_LABELS).
ROLE_LABELS = {
    "leader": "leder (alt)",
    "partner": "partner (alt unntatt sletting og brukere)",
    "reader": "leser (lese og eksportere)",
}


@dataclass(frozen=True)
class UserView:
    """A registered user."""

    username: str
    name: str | None
    role: str
    role_label: str
    active: bool
    version: int
