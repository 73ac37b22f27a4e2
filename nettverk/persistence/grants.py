"""PostgreSQL roles and grants, so a reader's connection cannot write even with its own SQL."""

from __future__ import annotations

import re

from sqlalchemy import Engine, inspect, text

from nettverk.domain.access import Role
from nettverk.domain.errors import DomainError

_PRIVILEGES = {
    Role.reader: "SELECT",
    Role.partner: "SELECT, INSERT, UPDATE",
    Role.leader: "SELECT, INSERT, UPDATE, DELETE",
}
_AUDIT_FUNCTIONS = (
    "nettverk_audit_append(timestamptz, varchar, varchar, varchar, varchar, json, varchar, "
    "varchar, varchar), nettverk_audit_redact(integer, json)"
)


def group_role(database: str, role: Role) -> str:
    """The PostgreSQL group role for a nettverk role in one database."""
    return f"{database}_{role.value}"


def _ident(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.@-]{0,62}", name):
        raise DomainError("login", f"ugyldig rollenavn for PostgreSQL: {name!r}")
    return '"' + name + '"'


def apply(engine: Engine, login: str | None = None, role: Role | None = None) -> list[str]:
    """Create the group roles with their grants; optionally put a login in one of them."""
    if engine.url.get_backend_name() != "postgresql":
        raise DomainError("db", "databaseroller finnes bare i PostgreSQL; SQLite er en enkeltbrukerfil")
    database = str(engine.url.database)
    statements: list[str] = []
    for r in Role:
        group = _ident(group_role(database, r))
        statements += [
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
            f"'{group_role(database, r)}') THEN CREATE ROLE {group} NOLOGIN; END IF; END $$",
            f'GRANT CONNECT ON DATABASE "{database}" TO {group}',
            f"GRANT USAGE ON SCHEMA public TO {group}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {group}",
            f"GRANT {_PRIVILEGES[r]} ON ALL TABLES IN SCHEMA public TO {group}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT {_PRIVILEGES[r]} ON TABLES TO {group}",
        ]
        if r is not Role.reader:
            statements += [
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}",
                f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES "
                f"TO {group}",
            ]
    partner = _ident(group_role(database, Role.partner))
    # User management and the schema version are the leader's (and the migrations') alone.
    statements += [
        f"REVOKE INSERT, UPDATE, DELETE ON app_user FROM {partner}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {partner}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version "
        f"FROM {_ident(group_role(database, Role.leader))}",
    ]
    # The audit log is append-only: application logins write it only through the functions of
    # migration 0007 (append with the login recorded, redaction by a GDPR erasure).
    chained = inspect(engine).has_table("audit_chain")  # from migration 0007
    for r in (Role.partner, Role.leader) if chained else ():
        group = _ident(group_role(database, r))
        statements += [
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain FROM {group}",
            f"GRANT EXECUTE ON FUNCTION {_AUDIT_FUNCTIONS} TO {group}",
        ]
    if login is not None and role is not None:
        for r in Role:
            statements.append(f"REVOKE {_ident(group_role(database, r))} FROM {_ident(login)}")
        statements.append(f"GRANT {_ident(group_role(database, role))} TO {_ident(login)}")
    with engine.begin() as conn:
        if login is not None:
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login})
            if exists.first() is None:
                raise DomainError("login", f"PostgreSQL-brukeren {login!r} finnes ikke (CREATE ROLE … LOGIN)")
        for statement in statements:
            conn.execute(text(statement))
    return [group_role(database, r) for r in Role]
