"""The terminal UI in a browser (textual-serve), behind a password beyond loopback.

Safe to share: every request is let in only from the server's own origin (web_guard), password
guesses are limited per client and checked off the event loop, the database URL reaches the
sessions through the environment (never a command line or the console), beyond loopback a
password login needs TLS (or a TLS proxy in front), and every session's process ends with the
server.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import signal
import ssl
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nettverk import paths
from nettverk.domain.errors import DomainError
from nettverk.web_guard import GuessLimiter, OriginRule, resolves_to_loopback

if TYPE_CHECKING:
    from aiohttp import web

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
USERNAME = "nettverk"
# Checked when the user name is wrong or no password is stored, so that every guess costs the
# same scrypt run whatever is wrong with it.
_DUMMY_SALT = bytes(16)
_DUMMY_HASH = bytes(64)


def password_file() -> Path:
    """Where the web password's hash is kept."""
    return paths.data_dir() / "web-password.json"


def _scrypt(password: bytes, salt: bytes) -> bytes:
    return hashlib.scrypt(password, salt=salt, **_SCRYPT)


def set_password(password: str, path: Path | None = None) -> Path:
    """Store a salted scrypt hash of the password (never the password itself)."""
    if len(password) < 10:
        raise DomainError("password", "passordet må ha minst 10 tegn")
    target = path or password_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(16)
    digest = _scrypt(password.encode(), salt)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(json.dumps({"salt": salt.hex(), "hash": digest.hex()}))
    target.chmod(0o600)
    return target


def _stored(path: Path | None) -> tuple[bytes, bytes] | None:
    try:
        stored = json.loads((path or password_file()).read_text())
        return bytes.fromhex(stored["salt"]), bytes.fromhex(stored["hash"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def check_password(password: str, path: Path | None = None) -> bool:
    """Whether the password matches the stored hash."""
    return check_credentials(USERNAME, password, path)


def check_credentials(user: str, password: str, path: Path | None = None) -> bool:
    """Whether user and password are right; always one scrypt run, whatever is wrong."""
    stored = _stored(path)
    salt, expected = stored if stored is not None else (_DUMMY_SALT, _DUMMY_HASH)
    try:
        encoded = password.encode()
    except UnicodeError:
        encoded = b""
    digest = _scrypt(encoded, salt)
    right_user = hmac.compare_digest(user.encode("utf-8", "replace"), USERNAME.encode())
    right_password = hmac.compare_digest(digest, expected)
    return stored is not None and right_user and right_password


def _authorized(header: str, path: Path | None) -> bool:
    try:
        user, _, password = base64.b64decode(header[6:], validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        user, password = "", ""
    return check_credentials(user, password, path)


def masked_url(url: str) -> str:
    """The database URL with its password replaced by ***."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<ugyldig database-URL>"


def tls_context(certfile: str | None, keyfile: str | None) -> ssl.SSLContext | None:
    """A server TLS context from the certificate (and key) files, or None without them."""
    if certfile is None:
        if keyfile is not None:
            raise DomainError("keyfile", "--keyfile krever også --certfile")
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(certfile, keyfile)
    except FileNotFoundError as exc:
        raise DomainError("certfile", f"finner ikke filen {exc.filename or certfile}") from None
    except (ssl.SSLError, OSError, ValueError):
        raise DomainError(
            "certfile",
            "kan ikke lese sertifikatet og nøkkelen (PEM-filer; nøkkelen uten passord)",
        ) from None
    return context


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000,
          password_path: Path | None = None, public_url: str | None = None, *,
          certfile: str | None = None, keyfile: str | None = None,
          behind_tls_proxy: bool = False) -> None:
    """Serve the app; beyond loopback only with a password, and that only over TLS."""
    loopback = resolves_to_loopback(host)
    protect = not loopback
    if protect and not (password_path or password_file()).exists():
        raise DomainError(
            "host",
            f"{host} er ikke bare denne maskinen; sett et passord først med "
            "`nettverk serve web-password` (eller bruk --host 127.0.0.1)",
        )
    context = tls_context(certfile, keyfile)
    if behind_tls_proxy and not (public_url or "").lower().startswith("https://"):
        raise DomainError(
            "public-url",
            "--behind-tls-proxy krever --public-url med adressen brukerne når mellomtjeneren "
            "på (https://…), så nettleseren kobler seg til gjennom den",
        )
    if protect and context is None and not behind_tls_proxy:
        raise DomainError(
            "host",
            f"{host} er ikke bare denne maskinen, og passordet ville gått ukryptert over "
            "nettet; bruk --certfile og --keyfile (HTTPS), eller --behind-tls-proxy hvis en "
            "omvendt mellomtjener med HTTPS står foran",
        )
    server = build_server(db_url, host, port, password_path=password_path if protect else None,
                          protect=protect, public_url=public_url, ssl_context=context,
                          behind_tls_proxy=behind_tls_proxy, loopback=loopback)
    server.serve()


def build_server(db_url: str, host: str, port: int, *, protect: bool,
                 password_path: Path | None = None, public_url: str | None = None,
                 ssl_context: ssl.SSLContext | None = None, behind_tls_proxy: bool = False,
                 loopback: bool = True, limiter: GuessLimiter | None = None) -> Any:
    """The textual-serve server with nettverk's guards (see `serve`)."""
    from nettverk.web_app import GuardedServer

    https = ssl_context is not None
    if public_url is None:
        shown = f"[{host}]" if ":" in host else host
        public_url = f"{'https' if https else 'http'}://{shown}:{port}"
    rule = OriginRule(public_url, host, port, loopback=loopback,
                      https=https or behind_tls_proxy)
    env = {"NETTVERK_DATABASE_URL": db_url}
    return GuardedServer(
        [sys.executable, "-m", "nettverk.web_child"], env, rule=rule,
        limiter=limiter or GuessLimiter(), password_path=password_path, protect=protect,
        ssl_context=ssl_context, behind_tls_proxy=behind_tls_proxy,
        shown_url=masked_url(db_url), host=host, port=port, public_url=public_url,
    )


async def check_header(header: str, password_path: Path | None) -> bool:
    """Check a Basic authorization header in a worker thread (scrypt blocks for ~0.1 s)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _authorized, header, password_path)


def kill_group(pid: int, sig: int | None = None) -> None:
    """Signal a session's whole process group (each session runs in its own); SIGKILL by
    default."""
    chosen = sig if sig is not None else getattr(signal, "SIGKILL", signal.SIGTERM)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, chosen)


def client_key(request: web.Request, behind_tls_proxy: bool) -> str:
    """Who is guessing: the peer address, or behind a local proxy the address it forwarded."""
    import ipaddress

    remote = request.remote or "?"
    try:
        local = ipaddress.ip_address(remote).is_loopback
    except ValueError:
        local = False
    if behind_tls_proxy and local:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:100]
    return remote
