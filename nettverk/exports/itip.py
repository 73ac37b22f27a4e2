"""iTIP (RFC 5546) invitations by e-mail: a gathering's REQUEST or CANCEL as a MIME message.

Plain data in, an `email.message.EmailMessage` out. The calendar part reuses the primitives of
`ics.py` (escaping, folding, the Europe/Oslo VTIMEZONE). The message is multipart/alternative
with a Norwegian text/plain part and a text/calendar part with `method=` set, which is what
Outlook and Google Calendar look for to show accept/decline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from nettverk.exports.ics import PRODID, VTIMEZONE, _uri, _utc, _when, escape_text, fold


@dataclass(frozen=True)
class Attendee:
    """One invited person."""

    name: str
    email: str


@dataclass(frozen=True)
class Invitation:
    """A gathering as it is to be sent; `starts`/`ends` carry their zone."""

    uid: str
    sequence: int
    method: str  # REQUEST or CANCEL
    summary: str
    starts: datetime
    ends: datetime
    stamp: datetime
    organizer: Attendee
    attendees: Sequence[Attendee]
    programme: str
    location: str | None = None
    video_url: str | None = None
    agenda: str | None = None
    when_text: str = ""


def _param(value: str) -> str:
    """A parameter value (CN) quoted per RFC 5545 3.2: no DQUOTE or control characters inside."""
    return '"' + re.sub(r'["\x00-\x1f\x7f]', "", value) + '"'


def _mailto(address: str) -> str:
    return "mailto:" + _uri(address)


def calendar_text(inv: Invitation) -> str:
    """The iTIP calendar object (CRLF, folded lines)."""
    cancel = inv.method == "CANCEL"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{inv.method}",
        *VTIMEZONE,
        "BEGIN:VEVENT",
        f"UID:{escape_text(inv.uid)}",
        f"SEQUENCE:{inv.sequence}",
        f"DTSTAMP:{_utc(inv.stamp)}",
        f"DTSTART{_when(inv.starts)}",
        f"DTEND{_when(inv.ends)}",
        f"SUMMARY:{escape_text(inv.summary)}",
        "STATUS:CANCELLED" if cancel else "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        f"ORGANIZER;CN={_param(inv.organizer.name or inv.organizer.email)}:"
        f"{_mailto(inv.organizer.email)}",
    ]
    for a in inv.attendees:
        lines.append(
            f"ATTENDEE;CN={_param(a.name or a.email)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
            f"PARTSTAT=NEEDS-ACTION;RSVP={'FALSE' if cancel else 'TRUE'}:{_mailto(a.email)}")
    place = inv.location or ""
    if place:
        lines.append(f"LOCATION:{escape_text(place)}")
    elif inv.video_url:
        lines.append(f"LOCATION:{escape_text(_uri(inv.video_url))}")
    if inv.video_url and _uri(inv.video_url):
        lines.append(f"URL:{_uri(inv.video_url)}")
    lines.append(f"DESCRIPTION:{escape_text(body_text(inv))}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) for line in lines)


def one_line(value: str) -> str:
    """Text for a header: a line break in a title or name would end the header."""
    return " ".join(value.split())


def subject(inv: Invitation) -> str:
    """The subject line."""
    what = "Avlyst" if inv.method == "CANCEL" else ("Endret" if inv.sequence > 0 else "Invitasjon")
    return one_line(f"{what}: {inv.summary} ({inv.when_text})")


def body_text(inv: Invitation) -> str:
    """The Norwegian text of the invitation: what, when, where, agenda."""
    if inv.method == "CANCEL":
        lead = f"Samlingen «{inv.summary}» i {inv.programme} er avlyst."
    elif inv.sequence > 0:
        lead = f"Samlingen «{inv.summary}» i {inv.programme} er endret. Oppdatert invitasjon:"
    else:
        lead = f"Du er invitert til samlingen «{inv.summary}» i {inv.programme}."
    parts = [lead, "", f"Tid: {inv.when_text}"]
    if inv.location:
        parts.append(f"Sted: {inv.location}")
    if inv.video_url:
        parts.append(f"Videolenke: {inv.video_url}")
    if inv.agenda and inv.method != "CANCEL":
        parts += ["", "Program:", inv.agenda]
    if inv.method != "CANCEL":
        parts += ["", "Svar gjerne med «Godta» eller «Avslå» i kalenderen din."]
    parts += ["", "Vennlig hilsen", inv.organizer.name or inv.organizer.email]
    return "\n".join(parts)


def _address(person: Attendee) -> Address:
    local, _, domain = person.email.rpartition("@")
    return Address(display_name=one_line(person.name), username=local, domain=domain)


def message(inv: Invitation, to: Attendee, now: datetime | None = None) -> EmailMessage:
    """The invitation to one recipient as a MIME message ready to send or save as .eml."""
    msg = EmailMessage()
    msg["Subject"] = subject(inv)
    msg["From"] = _address(inv.organizer)
    msg["To"] = _address(to)
    msg["Date"] = format_datetime(now or inv.stamp)
    domain = inv.organizer.email.rpartition("@")[2] or "nettverk"
    msg["Message-ID"] = make_msgid(domain=domain)
    msg.set_content(body_text(inv), subtype="plain", charset="utf-8")
    method = inv.method
    msg.add_alternative(calendar_text(inv).encode("utf-8"), maintype="text",
                        subtype="calendar", params={"method": method, "charset": "utf-8"},
                        cte="base64")
    return msg
