"""The registered users in plain SQL through a DB-API connection (persistence.plain), without
SQLAlchemy or the mapped classes: `nettverk user list` runs it on a bare connection, and
services.users (the TUI's Brukere, the forms) on the unit of work's own
(`UnitOfWork.plain_reader`). Who may read the list is decided before, as for every read: any
active registered user, or anyone while none is registered (persistence.plain.open_reader,
persistence.access.resolve). tests/cli/test_plain_users.py compares the command's formats on
both paths on both databases.
"""

from __future__ import annotations

from nettverk.persistence.plain import PlainReader
from nettverk.services.user_views import ROLE_LABELS, UserView


def list_users(reader: PlainReader) -> list[UserView]:
    """Every registered user, by user name."""
    return [UserView(username, name, role, ROLE_LABELS[role], bool(active), version)
            for username, name, role, active, version in reader.rows(
                "SELECT username, name, role, active, version FROM app_user ORDER BY username")]
