"""Typed settings read from the environment (prefix NETTVERK_) and the command line.

NamedTuples, not dataclasses: every command reads them, and `nettverk status` imports nothing
else that needs the dataclasses module (with inspect, ast and dis behind it)."""

from __future__ import annotations

import os
from typing import NamedTuple

ENV_PREFIX = "NETTVERK_"


def _default_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ukjent"


class Settings(NamedTuple):
    """What the program needs to know about where it runs."""

    database_url: str = ""
    """SQLAlchemy URL of the database; empty means the SQLite file in the data directory."""

    user: str = ""
    """Who is making changes, as recorded in the audit log (NETTVERK_USER or the OS user, as
    `load` fills it in)."""

    debug: bool = False
    """Show Python tracebacks for unexpected failures (NETTVERK_DEBUG=1 or --debug)."""

    @property
    def resolved_database_url(self) -> str:
        """The URL actually used."""
        if self.database_url:
            return self.database_url
        from nettverk import paths  # pathlib: not needed when a URL is given

        return f"sqlite:///{paths.default_database_path()}"


def load(database_url: str | None = None, debug: bool | None = None) -> Settings:
    """Settings from the environment, overridden by explicit command-line values."""
    env = os.environ
    return Settings(
        database_url=database_url or env.get(f"{ENV_PREFIX}DATABASE_URL", ""),
        user=env.get(f"{ENV_PREFIX}USER") or _default_user(),
        debug=bool(debug) or env.get(f"{ENV_PREFIX}DEBUG", "") not in ("", "0", "false"),
    )


class SmtpSettings(NamedTuple):
    """Where and as whom e-mail is sent (NETTVERK_SMTP_*); the password is never kept here."""

    host: str = ""
    """The SMTP server (NETTVERK_SMTP_HOST)."""

    port: int | None = None
    """Its port (NETTVERK_SMTP_PORT; default 587 for starttls, 465 for tls, 25 for none)."""

    security: str = "starttls"
    """starttls, tls or none (NETTVERK_SMTP_SECURITY)."""

    user: str = ""
    """The login, if the server wants one (NETTVERK_SMTP_USER)."""

    sender: str = ""
    """The sender's and organiser's address (NETTVERK_SMTP_FROM)."""

    sender_name: str = ""
    """The sender's name (NETTVERK_SMTP_FROM_NAME)."""

    timeout: float = 30.0
    """Seconds to wait for the server (NETTVERK_SMTP_TIMEOUT)."""


def load_smtp() -> SmtpSettings:
    """The SMTP settings from the environment, as given (checked where they are used)."""
    env = os.environ
    port_text = env.get(f"{ENV_PREFIX}SMTP_PORT", "").strip()
    timeout_text = env.get(f"{ENV_PREFIX}SMTP_TIMEOUT", "").strip()
    port: int | None = None
    if port_text:
        port = int(port_text) if port_text.isdigit() else -1
    try:
        timeout = float(timeout_text) if timeout_text else 30.0
    except ValueError:
        timeout = -1.0
    return SmtpSettings(
        host=env.get(f"{ENV_PREFIX}SMTP_HOST", "").strip(),
        port=port,
        security=env.get(f"{ENV_PREFIX}SMTP_SECURITY", "starttls").strip().lower() or "starttls",
        user=env.get(f"{ENV_PREFIX}SMTP_USER", "").strip(),
        sender=env.get(f"{ENV_PREFIX}SMTP_FROM", "").strip(),
        sender_name=env.get(f"{ENV_PREFIX}SMTP_FROM_NAME", "").strip(),
        timeout=timeout,
    )


def smtp_password(user: str) -> str | None:
    """The SMTP password: NETTVERK_SMTP_PASSWORD, else the system keyring if it is installed."""
    password = os.environ.get(f"{ENV_PREFIX}SMTP_PASSWORD")
    if password:
        return password
    try:
        import keyring  # optional extra
    except ImportError:
        return None
    try:
        found = keyring.get_password(APP_NAME_SMTP, user)
    except Exception:  # no usable keyring backend
        return None
    return str(found) if found else None


APP_NAME_SMTP = "nettverk-smtp"
