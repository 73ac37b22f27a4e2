"""The terminal UI in a browser (textual-serve), behind a password beyond loopback."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import shlex
import sys
from pathlib import Path
from typing import Any

from nettverk import paths
from nettverk.domain.errors import DomainError
from nettverk.exports.feed_server import is_loopback

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
USERNAME = "nettverk"


def password_file() -> Path:
    """Where the web password's hash is kept."""
    return paths.data_dir() / "web-password.json"


def set_password(password: str, path: Path | None = None) -> Path:
    """Store a salted scrypt hash of the password (never the password itself)."""
    if len(password) < 10:
        raise DomainError("password", "passordet må ha minst 10 tegn")
    target = path or password_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    target.write_text(json.dumps({"salt": salt.hex(), "hash": digest.hex()}))
    target.chmod(0o600)
    return target


def check_password(password: str, path: Path | None = None) -> bool:
    """Whether the password matches the stored hash."""
    try:
        stored = json.loads((path or password_file()).read_text())
        salt, expected = bytes.fromhex(stored["salt"]), bytes.fromhex(stored["hash"])
    except (OSError, ValueError, KeyError):
        return False
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    return hmac.compare_digest(digest, expected)


def _authorized(header: str | None, path: Path | None) -> bool:
    if not header or not header.startswith("Basic "):
        return False
    try:
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return False
    return user == USERNAME and check_password(password, path)


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000,
          password_path: Path | None = None, public_url: str | None = None) -> None:
    """Serve the app; beyond loopback only with a password set up beforehand."""
    protect = not is_loopback(host)
    if protect and not (password_path or password_file()).exists():
        raise DomainError(
            "host",
            f"{host} er ikke bare denne maskinen; sett et passord først med "
            "`nettverk serve web-password` (eller bruk --host 127.0.0.1)",
        )
    from aiohttp import web
    from textual_serve.server import Server

    command = " ".join(shlex.quote(p) for p in
                       [sys.executable, "-m", "nettverk", "--db", db_url])

    class ProtectedServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            if protect:
                @web.middleware
                async def require_password(request: web.Request, handler: Any) -> Any:
                    if not _authorized(request.headers.get("Authorization"), password_path):
                        raise web.HTTPUnauthorized(
                            headers={"WWW-Authenticate": 'Basic realm="nettverk"'})
                    return await handler(request)

                app.middlewares.append(require_password)
            return app

    from nettverk.web_page import norwegian_templates

    ProtectedServer(command, host=host, port=port, title="nettverk",
                    public_url=public_url, templates_path=norwegian_templates()).serve()
