"""Invitations by e-mail against a real SMTP server on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from nettverk.persistence.audit import AuditEntry
from nettverk.services import attendance, gatherings, invitations
from nettverk.services.database import Database
from tests.mail.conftest import ANNE, BJORN, LEADER, PARTNER, add_gathering
from tests.mail.smtp_server import Received, free_port
from tests.support import run_cli, snapshot


def _calendar(msg: EmailMessage) -> icalendar.Calendar:
    assert msg.get_content_type() == "multipart/alternative"
    parts = {p.get_content_type(): p for p in msg.iter_parts()}
    assert set(parts) == {"text/plain", "text/calendar"}
    cal_part = parts["text/calendar"]
    assert cal_part.get_param("method") in ("REQUEST", "CANCEL")
    assert cal_part.get_content_charset() == "utf-8"
    cal = icalendar.Calendar.from_ical(cal_part.get_payload(decode=True))
    assert cal["METHOD"] == cal_part.get_param("method")
    return cal


def _event(cal: icalendar.Calendar) -> icalendar.Event:
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 1
    return events[0]


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def test_recipients_list_those_without_email_first(network: Database) -> None:
    gid = add_gathering(network)
    result = run_cli(_url(network), "invitation", "recipients", "--gathering", str(gid),
                     "--format", "json")
    assert result.code == 0, result.err
    rows = result.json()
    assert [r["name"] for r in rows[:2]] == ["Ola Uten E-post", "Per Partner"]
    assert {r["email"] for r in rows[2:]} == {ANNE, BJORN, PARTNER}
    assert "Ola Uten E-post (Osen) har ingen e-postadresse" in result.err
    assert "Per Partner (Distriktssenteret) har ingen e-postadresse" in result.err


def test_send_request_then_update_then_cancel(network: Database, smtp: Received) -> None:
    gid = add_gathering(network)
    g = gatherings.get_gathering(network.uow(), gid)
    result = run_cli(_url(network), "invitation", "send", "--gathering", str(gid))
    assert result.code == 0, result.err
    # the missing addresses are named before anything is sent
    assert "Ola Uten E-post" in result.err
    assert {tuple(r) for r, _ in smtp.messages} == {(ANNE,), (BJORN,), (PARTNER,)}
    msg = smtp.to(ANNE)[0]
    assert msg["From"].addresses[0].addr_spec == LEADER
    assert "Invitasjon: Samling i Evenášši" in msg["Subject"]
    text = msg.get_body(("plain",)).get_content()
    assert "Buorre boahtin" in text and "Evenes rådhus, Bogen" in text
    assert "https://meet.example.no/evenes" in text
    cal = _calendar(msg)
    cal.validate()
    assert not cal.errors and not _event(cal).errors
    ev = _event(cal)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(ev["UID"]) == g.uid and int(ev["SEQUENCE"]) == 0
    assert str(ev["SUMMARY"]) == "Samling i Evenášši: planstrategi"
    assert str(ev["ORGANIZER"]) == f"mailto:{LEADER}"
    assert ev["ORGANIZER"].params["CN"] == "Siri Søreng, Nordland fylkeskommune"
    attendees = ev["ATTENDEE"]
    assert {str(a) for a in attendees} == {f"mailto:{x}" for x in (ANNE, BJORN, PARTNER)}
    anne = next(a for a in attendees if str(a) == f"mailto:{ANNE}")
    assert anne.params["CN"] == "Ánne Máret Sárá"
    assert anne.params["PARTSTAT"] == "NEEDS-ACTION" and anne.params["RSVP"] == "TRUE"
    assert ev.decoded("DTSTART") == g.start

    # sent invitations mark the municipalities invited; the log says who and when
    invited = {a.municipality: a.invited for a in attendance.list_attendance(network.uow(), gid)}
    assert invited == {"1853": True, "1839": True}
    listed = run_cli(_url(network), "attendance", "list", "--gathering", str(gid),
                     "--format", "json").json()
    assert all(row["invited_at"] and row["invited_at"].endswith(("+01:00", "+02:00"))
               for row in listed) and len(listed) == 2
    log = invitations.list_invitations(network.uow(), gid)
    assert {(r.recipient, r.status, r.sequence) for r in log} == {
        (ANNE, "sent", 0), (BJORN, "sent", 0), (PARTNER, "sent", 0)}
    assert all(r.sent_at is not None for r in log)
    with network.engine.connect() as conn:
        audited = conn.execute(select(AuditEntry.table_name, AuditEntry.user)
                               .where(AuditEntry.table_name == "mail_log")).all()
    assert len(audited) >= 6 and {u for _, u in audited} == {"siri"}

    # sending again sends nothing: every message was accepted already
    again = run_cli(_url(network), "invitation", "send", "--gathering", str(gid), "--format", "json")
    assert again.code == 0 and {r["status"] for r in again.json()} == {"skipped"}
    assert len(smtp.messages) == 3

    # moving the gathering sends an update with a higher SEQUENCE, same UID
    gatherings.update_gathering(network.uow(), gid, starts_at=g.start + timedelta(days=1),
                                ends_at=g.end + timedelta(days=1))
    assert run_cli(_url(network), "invitation", "send", "--gathering", str(gid)).code == 0
    update = smtp.to(BJORN)[-1]
    assert "Endret:" in update["Subject"]
    ev = _event(_calendar(update))
    assert str(ev["UID"]) == g.uid and int(ev["SEQUENCE"]) == 1
    assert ev.decoded("DTSTART") == g.start + timedelta(days=1)

    # cancelling sends METHOD:CANCEL
    gatherings.cancel_gathering(network.uow(), gid)
    assert run_cli(_url(network), "invitation", "send", "--gathering", str(gid)).code == 0
    cancel = smtp.to(PARTNER)[-1]
    cal = _calendar(cancel)
    ev = _event(cal)
    assert str(cal["METHOD"]) == "CANCEL" and str(ev["STATUS"]) == "CANCELLED"
    assert int(ev["SEQUENCE"]) == 2 and str(ev["UID"]) == g.uid
    assert "er avlyst" in cancel.get_body(("plain",)).get_content()
    assert len(smtp.messages) == 9
    listed = run_cli(_url(network), "invitation", "list", "--gathering", str(gid),
                     "--format", "json").json()
    assert [(r["sequence"], r["method"]) for r in listed][:3] == [(2, "CANCEL")] * 3


def test_a_refused_recipient_fails_alone_and_retry_sends_only_that_one(
        network: Database, smtp: Received) -> None:
    gid = add_gathering(network)
    smtp.refuse.add(BJORN)
    result = run_cli(_url(network), "invitation", "send", "--gathering", str(gid),
                     "--format", "json")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "nettverk: 1 melding ble avvist av e-posttjeneren; rett opp og send på nytt med " \
        "--retry" in result.err
    by_email = {r["email"]: r for r in result.json()}
    assert by_email[BJORN]["status"] == "failed" and "550" in by_email[BJORN]["detail"]
    assert by_email[ANNE]["status"] == "sent" and by_email[PARTNER]["status"] == "sent"
    assert {tuple(r) for r, _ in smtp.messages} == {(ANNE,), (PARTNER,)}
    log = {r.recipient: r for r in invitations.list_invitations(network.uow(), gid)}
    assert log[BJORN].status == "failed" and "User unknown" in (log[BJORN].reply or "")
    assert log[BJORN].sent_at is None
    invited = {a.municipality: a.invited for a in attendance.list_attendance(network.uow(), gid)}
    assert invited == {"1853": True}  # Beiarn was not invited: its mail never went

    # without --retry nothing is sent again
    again = run_cli(_url(network), "invitation", "send", "--gathering", str(gid))
    assert again.code == 0 and len(smtp.messages) == 2
    # the server accepts the address now; --retry sends to Bjørn only
    smtp.refuse.clear()
    retried = run_cli(_url(network), "invitation", "send", "--gathering", str(gid), "--retry",
                      "--format", "json")
    assert retried.code == 0, retried.err
    assert [r["email"] for r in retried.json() if r["status"] == "sent"] == [BJORN]
    assert sorted(r[0] for r, _ in smtp.messages) == sorted([ANNE, PARTNER, BJORN])
    log = {r.recipient: r for r in invitations.list_invitations(network.uow(), gid)}
    assert log[BJORN].status == "sent" and log[BJORN].attempts == 2


def test_dry_run_writes_eml_files_and_sends_and_logs_nothing(
        network: Database, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    gid = add_gathering(network)
    monkeypatch.setenv("NETTVERK_SMTP_FROM", LEADER)
    monkeypatch.setenv("NETTVERK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NETTVERK_SMTP_PORT", str(free_port()))  # nothing listens there
    before = snapshot(network.engine)
    out = tmp_path / "utkast"
    result = run_cli(_url(network), "invitation", "send", "--gathering", str(gid),
                     "--dry-run", str(out))
    assert result.code == 0, result.err
    files = sorted(out.glob("*.eml"))
    assert len(files) == 3
    import email
    import email.policy

    msgs = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files]
    assert {m["To"].addresses[0].addr_spec for m in msgs} == {ANNE, BJORN, PARTNER}
    ev = _event(_calendar(msgs[0]))  # type: ignore[arg-type]
    assert int(ev["SEQUENCE"]) == 0
    assert snapshot(network.engine) == before


@pytest.mark.filterwarnings("ignore:Requiring AUTH")
def test_unreachable_server_and_refused_login_are_exit_2_and_nothing_logged(
        network: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.mail.smtp_server import smtp_server

    gid = add_gathering(network)
    monkeypatch.setenv("NETTVERK_SMTP_FROM", LEADER)
    monkeypatch.setenv("NETTVERK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NETTVERK_SMTP_SECURITY", "none")
    monkeypatch.setenv("NETTVERK_SMTP_PORT", str(free_port()))
    before = snapshot(network.engine)
    result = run_cli(_url(network), "invitation", "send", "--gathering", str(gid))
    assert result.code == 2
    assert "får ikke kontakt med e-posttjeneren 127.0.0.1" in result.err
    assert "Traceback" not in result.err
    import socket

    with socket.socket() as silent:  # accepts the connection, never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        monkeypatch.setenv("NETTVERK_SMTP_PORT", str(silent.getsockname()[1]))
        monkeypatch.setenv("NETTVERK_SMTP_TIMEOUT", "1")
        slow = run_cli(_url(network), "invitation", "send", "--gathering", str(gid))
    assert slow.code == 2 and "svarte ikke innen 1 sekunder (tidsavbrudd)" in slow.err
    with smtp_server(password="riktig-passord") as (port, received):
        monkeypatch.setenv("NETTVERK_SMTP_PORT", str(port))
        monkeypatch.setenv("NETTVERK_SMTP_USER", "leder")
        monkeypatch.setenv("NETTVERK_SMTP_PASSWORD", "feil-passord-123")
        refused = run_cli(_url(network), "invitation", "send", "--gathering", str(gid))
        assert refused.code == 2
        assert "avviste innloggingen for «leder»" in refused.err
        assert "feil-passord-123" not in refused.err + refused.out
        assert received.messages == []
        monkeypatch.setenv("NETTVERK_SMTP_PASSWORD", "riktig-passord")
        test = run_cli(_url(network), "mail", "test", "--to", ANNE)
        assert test.code == 0, test.err
        assert "riktig-passord" not in test.err + test.out
        body = received.to(ANNE)[0].get_content()
        assert "Evenášši" in body
    assert snapshot(network.engine) == before
    missing = run_cli(_url(network), "mail", "test", "--to", "ikke-en-adresse")
    assert missing.code == 2 and "«to»" in missing.err


def test_a_claimed_message_cannot_be_claimed_by_a_second_sender(network: Database) -> None:
    from nettverk.domain.mail import MailKind
    from nettverk.services import send_log

    fields = {"kind": MailKind.invitation, "recipient": ANNE}
    assert send_log.claim(network.uow(), "invitation:1:0:REQUEST:x", False, **fields) is None
    # a second sender (its own unit of work) finds the claim and leaves it
    assert send_log.claim(network.uow(), "invitation:1:0:REQUEST:x", True, **fields) == \
        "sendes nå av en annen"
    send_log.record(network.uow(), "invitation:1:0:REQUEST:x", "421 try later")
    assert send_log.claim(network.uow(), "invitation:1:0:REQUEST:x", False, **fields) \
        .startswith("feilet tidligere (421 try later)")
    assert send_log.claim(network.uow(), "invitation:1:0:REQUEST:x", True, **fields) is None
    send_log.record(network.uow(), "invitation:1:0:REQUEST:x", None)
    assert send_log.claim(network.uow(), "invitation:1:0:REQUEST:x", True, **fields) == \
        "allerede sendt"


def test_hostile_titles_names_and_settings(network: Database, smtp: Received, tmp_path: Path,
                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from nettverk.services import persons

    gid = add_gathering(network)
    gatherings.update_gathering(network.uow(), gid, title="Samling\nBcc: alle@example.com; «Giđđa»")
    anne = next(p for p in persons.list_persons(network.uow()) if p.email == ANNE)
    persons.update_person(network.uow(), anne.id, name='Ánne "Máret", Sárá')
    result = run_cli(_url(network), "invitation", "send", "--gathering", str(gid))
    assert result.code == 0, result.err
    msg = smtp.to(ANNE)[0]
    assert "\n" not in msg["Subject"] and "Giđđa" in msg["Subject"]
    assert msg["Bcc"] is None and [r for r, _ in smtp.messages if "alle@example.com" in r] == []
    assert msg["To"].addresses[0].display_name == 'Ánne "Máret", Sárá'
    ev = _event(_calendar(msg))
    assert str(ev["SUMMARY"]) == "Samling\nBcc: alle@example.com; «Giđđa»"
    names = {str(a): a.params["CN"] for a in ev["ATTENDEE"]}
    assert names[f"mailto:{ANNE}"] == "Ánne Máret, Sárá"  # a quote cannot end the parameter

    blocked = tmp_path / "fil"
    blocked.write_text("ikke en mappe")
    r = run_cli(_url(network), "invitation", "send", "--gathering", str(gid), "--dry-run",
                str(blocked / "under"))
    assert r.code == 2 and "«dry_run»" in r.err and "Traceback" not in r.err
    import os

    for name, value, field in [("SMTP_PORT", "abc", "NETTVERK_SMTP_PORT"),
                               ("SMTP_SECURITY", "ssl3", "NETTVERK_SMTP_SECURITY"),
                               ("SMTP_FROM", "ikke-en-adresse", "NETTVERK_SMTP_FROM"),
                               ("SMTP_HOST", "", "NETTVERK_SMTP_HOST")]:
        good = os.environ[f"NETTVERK_{name}"]
        monkeypatch.setenv(f"NETTVERK_{name}", value)
        r = run_cli(_url(network), "invitation", "send", "--gathering", str(gid), "--retry")
        assert r.code == 2 and f"«{field}»" in r.err and "Traceback" not in r.err, (name, r.err)
        monkeypatch.setenv(f"NETTVERK_{name}", good)
    r = run_cli(_url(network), "invitation", "send", "--gathering", "999999")
    assert r.code == 2 and "finnes ikke" in r.err


def test_two_concurrent_senders_claim_each_message_once(network: Database) -> None:
    import threading

    from nettverk.domain.mail import MailKind
    from nettverk.services import send_log

    keys = [f"invitation:1:0:REQUEST:person{i}@example.no" for i in range(10)]
    barrier = threading.Barrier(2)
    won: dict[str, list[str]] = {"a": [], "b": []}

    def sender(name: str) -> None:
        barrier.wait()
        for key in keys:
            if send_log.claim(network.uow(), key, True, kind=MailKind.invitation,
                              recipient=key.rsplit(":", 1)[1]) is None:
                won[name].append(key)

    threads = [threading.Thread(target=sender, args=(n,)) for n in won]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(won["a"] + won["b"]) == sorted(keys)  # every message claimed exactly once


def test_erasing_a_person_removes_the_address_from_the_send_log(network: Database,
                                                                 smtp: Received) -> None:
    from nettverk.services import persons, privacy

    gid = add_gathering(network)
    assert run_cli(_url(network), "invitation", "send", "--gathering", str(gid)).code == 0
    anne = next(p for p in persons.list_persons(network.uow()) if p.email == ANNE)
    privacy.erase_person(network.uow(), anne.id)
    rows = snapshot(network.engine)
    assert not any(ANNE in cell or "Ánne" in cell for table in ("mail_log", "audit_log")
                   for row in rows[table] for cell in row)
    assert len(invitations.list_invitations(network.uow(), gid)) == 3
