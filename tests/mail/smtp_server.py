"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


@dataclass
class Received:
    """What the server got: envelopes and parsed messages."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    def to(self, address: str) -> list[EmailMessage]:
        """The messages delivered to the address."""
        return [m for rcpts, m in self.messages if address in rcpts]


class _Handler:
    def __init__(self, received: Received) -> None:
        self.received = received

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: Any) -> str:
        if address.lower() in self.received.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        self.received.messages.append((list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A port nothing listens on (right now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server(password: str | None = None) -> Iterator[tuple[int, Received]]:
    """Run the server; with `password`, logins are required and only that password works."""
    received = Received()
    kwargs: dict[str, Any] = {}
    if password is not None:
        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                         auth_data: Any) -> AuthResult:
            ok = getattr(auth_data, "password", b"") == password.encode()
            return AuthResult(success=ok, handled=False)

        kwargs = {"authenticator": authenticate, "auth_require_tls": False,
                  "auth_required": True}
    port = free_port()
    controller = Controller(_Handler(received), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()
