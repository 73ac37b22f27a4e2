"""The command line counts in Norwegian: one row is «1 rad», and a gathering is one."""

from __future__ import annotations

from nettverk.services.database import Database
from tests.support import run_cli


def test_one_row_is_one_rad(demo_db: Database, db_url: str) -> None:
    result = run_cli(db_url, "priority", "list")
    assert result.code == 0
    assert result.out.rstrip().endswith("(1 rad)")
    more = run_cli(db_url, "round", "list")
    assert more.out.rstrip().endswith("(2 rader)")
