"""`nettverk invitation list` (a gathering's send log) reads with plain DB-API SQL
(services.plain_invitations), without SQLAlchemy: byte for byte what the ordinary path prints,
in every format, on both databases; bad input refused the same way and in the same order (the
id before the user's access); the user's access checked the same way; neither SQLAlchemy nor
the mapped classes imported, and the ordinary path works in a fresh process too."""

from __future__ import annotations

import subprocess
import sys

import pytest

from nettverk.domain.mail import MailKind
from nettverk.services import invitations, send_log
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    access_checked_the_same_way,
    imports_no_sqlalchemy,
    printed_the_same_both_ways,
    refused_the_same_way,
)

REFUSED = [["--gathering", "0"], ["--gathering", "abc"], ["--gathering", "99999"],
           ["--gathering", "9999999999"], ["--gathering", "99999999999999999999999"]]


def _seed(db: Database) -> tuple[int, int]:
    """Two gatherings' send logs: invitations sent, refused (with the server's reply), still
    being sent, without a municipality, of two sequences; a reminder of the same gathering
    (not an invitation). The gatherings' ids: one with a log, one without."""
    with db.uow() as uow:
        rows = uow.plain_reader().rows
        first, second = (r[0] for r in rows("SELECT id FROM gathering ORDER BY id LIMIT 2"))
        evenes, beiarn = (r[0] for r in rows(
            "SELECT id FROM municipality WHERE number IN ('1853', '1839') ORDER BY number DESC"))

    def log(key: str, recipient: str, name: str | None, sequence: int, municipality: int | None,
            reply: str | bool | None, kind: MailKind = MailKind.invitation,
            method: str = "REQUEST") -> None:
        assert send_log.claim(db.uow(), key, False, kind=kind, recipient=recipient,
                              recipient_name=name, gathering_id=first, sequence=sequence,
                              method=method, municipality_id=municipality) is None
        if reply is not False:
            send_log.record(db.uow(), key, reply if isinstance(reply, str) else None)

    log("a", "ola@evenes.kommune.no", "Ola «ordfører» Nordmann", 0, evenes, None)
    log("b", "kari@beiarn.kommune.no", "Kari", 0, beiarn, "550 mailbox unavailable")
    log("c", "partner@example.no", None, 1, None, None, method="CANCEL")
    log("d", "=ola@evenes.kommune.no", "Ola", 1, evenes, False)
    log("e", "leder@example.no", "Leder", 1, None, None, kind=MailKind.reminder)
    return first, second


@BOTH_DATABASES
def test_every_format_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _seed(demo_db)
    said = printed_the_same_both_ways(db_url, [
        ["invitation", "list", "--gathering", str(g), *f] for g in (first, second) for f in FORMATS
    ], monkeypatch)
    for text in ("Ola «ordfører» Nordmann", "550 mailbox unavailable", "sendes", "sendt",
                 "feilet", "CANCEL", "1853", "'=ola@evenes.kommune.no"):
        assert text in said, text
    assert "leder@example.no" not in said


@BOTH_DATABASES
def test_the_services_log_is_the_plain_one(demo_db: Database) -> None:
    """The TUI's send log: newest sequence first, then by address; the reminder left out."""
    first, second = _seed(demo_db)
    log = invitations.list_invitations(demo_db.uow(), first)
    assert [(r.sequence, r.recipient) for r in log] == [
        (1, "=ola@evenes.kommune.no"), (1, "partner@example.no"),
        (0, "kari@beiarn.kommune.no"), (0, "ola@evenes.kommune.no")]
    assert [r.status for r in log] == ["sending", "sent", "failed", "sent"]
    assert log[1].sent_at is not None and log[0].sent_at is None
    assert str(log[1].sent_at.tzinfo) == "Europe/Oslo"
    assert invitations.list_invitations(demo_db.uow(), second) == []


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for argv, plain, _ in refused_the_same_way(
            db_url, [["invitation", "list", *o] for o in REFUSED], monkeypatch):
        assert not plain.out, (argv, plain.err)


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = _seed(demo_db)
    refused = [["invitation", "list", *o] for o in REFUSED]
    access_checked_the_same_way(demo_db, db_url, [
        ["invitation", "list", "--gathering", str(first)], *refused], monkeypatch,
        bad_input=refused)


_ORDINARY = """
import sys
from nettverk.cli import context, main
context.PLAIN_READS = False
sys.exit(main(sys.argv[1:]))
"""


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    first, _ = _seed(demo_db)
    argv = ["invitation", "list", "--gathering", str(first), "--format", "json"]
    [out] = imports_no_sqlalchemy(db_url, [argv],
                                  {"nettverk.services.invitations", "nettverk.domain.mail"})
    assert "Ola «ordfører» Nordmann" in out
    # The ordinary path in a fresh process (the send log's query once failed there, configuring
    # the mappers before every mapped class was imported).
    done = subprocess.run([sys.executable, "-c", _ORDINARY, "--db", db_url, *argv],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, out, "")


@BOTH_DATABASES
def test_the_recipients_are_read_in_a_fresh_process(demo_db: Database, db_url: str) -> None:
    """services.invitations maps what its queries of municipalities need (their populations)
    itself: `invitation recipients` once failed configuring the mappers in a new process."""
    first, _ = _seed(demo_db)
    done = subprocess.run([sys.executable, "-c", _ORDINARY, "--db", db_url, "invitation",
                           "recipients", "--gathering", str(first), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("["), done.stderr
