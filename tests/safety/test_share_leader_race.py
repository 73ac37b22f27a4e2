"""At least one active leader, also when two leaders demote each other at the same moment.

Two real connections (two opened databases, one per leader) in two threads. A barrier placed
where each has counted the other leaders forces the race: without serialisation both counts
see two leaders and both demotions succeed. With it, the second waits for the first (the
barrier then gives up waiting), counts again and is refused.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlalchemy import func, select

from nettverk.domain.access import AppUser, Role
from nettverk.domain.errors import DomainError
from nettverk.services import users
from nettverk.services.database import Database, connect

ROUNDS = 3


def _active_leaders(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(AppUser).where(
            AppUser.role == Role.leader, AppUser.active.is_(True))).scalar_one())


@pytest.mark.parametrize("how", ["role", "deactivate", "update"])
def test_two_leaders_demoting_each_other_at_once_leave_one_leader(
        db: Database, db_url: str, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    kari, ola = connect(db_url, "kari"), connect(db_url, "ola")
    try:
        users.add_user(kari.uow(), "kari", "leader")
        users.add_user(kari.uow(), "ola", "leader")
        real = users._leaders_left
        for _ in range(ROUNDS):
            barrier = threading.Barrier(2)

            def counted_then_wait(uow: object, excluding: AppUser, real=real,
                                  barrier=barrier) -> int:
                left = real(uow, excluding)  # type: ignore[arg-type]
                # both have counted: now both write (broken: the other waits for our lock)
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait(timeout=3)
                return left

            monkeypatch.setattr(users, "_leaders_left", counted_then_wait)
            outcomes: dict[str, str] = {}

            def demote(me: Database, other: str, outcomes: dict[str, str] = outcomes) -> None:
                try:
                    if how == "role":
                        users.set_role(me.uow(), other, "partner")
                    elif how == "deactivate":
                        users.set_active(me.uow(), other, False)
                    else:
                        users.update_user(me.uow(), other, role="reader")
                    outcomes[other] = "ok"
                except DomainError as exc:
                    outcomes[other] = exc.message

            threads = [threading.Thread(target=demote, args=(kari, "ola")),
                       threading.Thread(target=demote, args=(ola, "kari"))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            assert _active_leaders(kari) == 1, outcomes
            refused = [m for m in outcomes.values() if m != "ok"]
            assert len(refused) == 1, outcomes  # one demotion went through, one was refused
            assert "siste lederen" in refused[0] or "bare en leder" in refused[0]
            monkeypatch.setattr(users, "_leaders_left", real)
            # make both leaders again for the next round
            survivor = kari if outcomes["ola"] == "ok" else ola
            demoted = "ola" if outcomes["ola"] == "ok" else "kari"
            users.update_user(survivor.uow(), demoted, role="leader", active=True)
            kari.roles.forget()
            ola.roles.forget()
    finally:
        kari.close()
        ola.close()
