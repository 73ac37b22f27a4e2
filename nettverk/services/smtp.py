"""Sending e-mail over SMTP, with every failure turned into a Norwegian message.

A refused login, an unreachable server or a timeout is `SmtpUnavailable` (nothing more can be
sent; the user must fix the settings). A refused recipient or message is `MessageRefused` with
the server's reply (that message failed; the others can still go).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from types import TracebackType
from typing import Protocol

from nettverk import config
from nettverk.domain.errors import DomainError
from nettverk.domain.rules import check_email

SECURITY = ("starttls", "tls", "none")
_DEFAULT_PORT = {"starttls": 587, "tls": 465, "none": 25}


class SmtpUnavailable(DomainError):
    """The server cannot be used at all (login refused, unreachable, timed out)."""

    def __init__(self, message: str) -> None:
        super().__init__("smtp", message)


class MessageRefused(Exception):
    """The server refused one message (unknown recipient, rejected content); `reply` says why."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply


class Transport(Protocol):
    """Something that sends one message at a time."""

    def send(self, message: EmailMessage) -> None:
        """Send the message or raise MessageRefused / SmtpUnavailable."""


@dataclass(frozen=True)
class Sender:
    """The checked sender (organiser) of every message."""

    email: str
    name: str


def sender(settings: config.SmtpSettings | None = None) -> Sender:
    """The sender from NETTVERK_SMTP_FROM (and _FROM_NAME); exit 2 when it is missing."""
    s = settings or config.load_smtp()
    if not s.sender:
        raise DomainError("NETTVERK_SMTP_FROM", "mangler: sett avsenderens e-postadresse i miljøet")
    try:
        email = check_email(s.sender)
    except DomainError:
        raise DomainError("NETTVERK_SMTP_FROM", f"er ikke en gyldig e-postadresse: {s.sender!r}") \
            from None
    assert email is not None
    return Sender(email=email, name=s.sender_name or email)


def _reply(code: int, text: bytes | str) -> str:
    body = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {body}".strip()


class SmtpTransport:
    """One connection to the SMTP server, opened on entry and closed on exit."""

    def __init__(self, settings: config.SmtpSettings | None = None) -> None:
        self.settings = settings or config.load_smtp()
        self._check()
        self._conn: smtplib.SMTP | None = None

    def _check(self) -> None:
        s = self.settings
        if not s.host:
            raise DomainError("NETTVERK_SMTP_HOST", "mangler: sett e-posttjenerens vertsnavn i miljøet")
        if s.security not in SECURITY:
            raise DomainError("NETTVERK_SMTP_SECURITY", "må være starttls, tls eller none")
        if s.port is not None and not 0 < s.port < 65536:
            raise DomainError("NETTVERK_SMTP_PORT", "må være et portnummer (1–65535)")
        if not s.timeout > 0:
            raise DomainError("NETTVERK_SMTP_TIMEOUT", "må være et antall sekunder over 0")

    @property
    def where(self) -> str:
        """host:port, for messages."""
        return f"{self.settings.host}:{self.port}"

    @property
    def port(self) -> int:
        """The port in use."""
        return self.settings.port or _DEFAULT_PORT[self.settings.security]

    def __enter__(self) -> SmtpTransport:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def open(self) -> None:
        """Connect, secure the connection and log in."""
        s = self.settings
        try:
            if s.security == "tls":
                conn: smtplib.SMTP = smtplib.SMTP_SSL(s.host, self.port, timeout=s.timeout,
                                                      context=ssl.create_default_context())
            else:
                conn = smtplib.SMTP(s.host, self.port, timeout=s.timeout)
            self._conn = conn
            if s.security == "starttls":
                conn.starttls(context=ssl.create_default_context())
            if s.user:
                password = config.smtp_password(s.user)
                if password is None:
                    raise DomainError(
                        "NETTVERK_SMTP_PASSWORD",
                        "mangler: sett passordet i miljøet eller i systemets nøkkelring")
                conn.login(s.user, password)
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            raise SmtpUnavailable(
                f"e-posttjeneren {self.where} avviste innloggingen for «{s.user}» "
                f"({_reply(exc.smtp_code, exc.smtp_error)}); sjekk brukernavn og passord") from None
        except smtplib.SMTPNotSupportedError:
            self.close()
            raise SmtpUnavailable(
                f"e-posttjeneren {self.where} støtter ikke STARTTLS eller innlogging; "
                "sjekk NETTVERK_SMTP_SECURITY") from None
        except DomainError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise SmtpUnavailable(self._unreachable(exc)) from None

    def _unreachable(self, exc: BaseException) -> str:
        # smtplib reports a server that never answers as "disconnected"; the cause is a timeout.
        if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(
                exc.__context__, (TimeoutError, socket.timeout)):
            exc = exc.__context__
        if isinstance(exc, (TimeoutError, socket.timeout)):
            return (f"e-posttjeneren {self.where} svarte ikke innen {self.settings.timeout:g} "
                    "sekunder (tidsavbrudd)")
        if isinstance(exc, ssl.SSLError):
            return (f"kunne ikke opprette en sikker forbindelse til {self.where} ({exc.reason}); "
                    "sjekk NETTVERK_SMTP_SECURITY og porten")
        if isinstance(exc, smtplib.SMTPResponseException):
            return f"e-posttjeneren {self.where} svarte {_reply(exc.smtp_code, exc.smtp_error)}"
        if isinstance(exc, socket.gaierror):
            return f"fant ikke e-posttjeneren «{self.settings.host}» (ukjent vertsnavn)"
        if isinstance(exc, OSError):
            return f"får ikke kontakt med e-posttjeneren {self.where} ({exc.strerror or exc})"
        return f"får ikke kontakt med e-posttjeneren {self.where} ({type(exc).__name__})"

    def close(self) -> None:
        """End the connection politely, ignoring a connection already gone."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.quit()
        except Exception:
            conn.close()

    def send(self, message: EmailMessage) -> None:
        """Send one message; MessageRefused if the server refused it, SmtpUnavailable if gone."""
        if self._conn is None:
            self.open()
        assert self._conn is not None
        try:
            refused = self._conn.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            replies = "; ".join(f"{addr}: {_reply(code, text)}"
                                for addr, (code, text) in exc.recipients.items())
            self._reset()
            raise MessageRefused(replies) from None
        except smtplib.SMTPSenderRefused as exc:
            self._reset()
            raise MessageRefused(_reply(exc.smtp_code, exc.smtp_error)) from None
        except smtplib.SMTPDataError as exc:
            self._reset()
            raise MessageRefused(_reply(exc.smtp_code, exc.smtp_error)) from None
        except smtplib.SMTPServerDisconnected as exc:
            self._conn = None
            if isinstance(exc.__context__, (TimeoutError, socket.timeout)):
                raise SmtpUnavailable(self._unreachable(exc)) from None
            raise SmtpUnavailable(f"e-posttjeneren {self.where} brøt forbindelsen") from None
        except Exception as exc:
            self.close()
            raise SmtpUnavailable(self._unreachable(exc)) from None
        if refused:
            replies = "; ".join(f"{addr}: {_reply(code, text)}"
                                for addr, (code, text) in refused.items())
            raise MessageRefused(replies)

    def _reset(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.rset()
        except Exception:
            self.close()


def test_message(to: str, settings: config.SmtpSettings | None = None) -> str:
    """Send a short test message to the address; returns where it went."""
    try:
        address = check_email(to)
    except DomainError:
        raise DomainError("to", f"er ikke en gyldig e-postadresse: {to!r}") from None
    if address is None:  # empty or only spaces
        raise DomainError("to", "mangler: oppgi en e-postadresse")
    s = settings or config.load_smtp()
    who = sender(s)
    transport = SmtpTransport(s)
    msg = EmailMessage()
    msg["Subject"] = "Testmelding fra nettverk"
    local, _, domain = who.email.rpartition("@")
    msg["From"] = Address(display_name=" ".join(who.name.split()), username=local, domain=domain)
    msg["To"] = address
    msg.set_content(
        "Dette er en testmelding fra nettverk. Får du den, er e-postoppsettet i orden.\n"
        "Samiske bokstaver skal vises riktig: Evenášši, Unjárga, Divtasvuona.\n",
        charset="utf-8")
    with transport:
        try:
            transport.send(msg)
        except MessageRefused as exc:
            raise DomainError("to", f"e-posttjeneren avviste meldingen: {exc.reply}") from None
    return transport.where
