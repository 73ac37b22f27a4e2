""""Today" is the Norwegian calendar day, also on a machine whose clock runs in UTC: from
midnight to 01:00 (02:00 in summer) Norway is a day ahead, and every deadline, overdue count and
"recorded on" date must follow Norway."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import nettverk
from nettverk.domain.values import today_in_norway


def test_just_after_midnight_in_norway_is_the_next_day() -> None:
    assert today_in_norway(datetime(2026, 11, 30, 23, 30, tzinfo=UTC)) == date(2026, 12, 1)
    assert today_in_norway(datetime(2026, 11, 30, 22, 59, tzinfo=UTC)) == date(2026, 11, 30)
    # Summer time: Norway is two hours ahead.
    assert today_in_norway(datetime(2027, 6, 30, 22, 30, tzinfo=UTC)) == date(2027, 7, 1)
    assert today_in_norway(datetime(2027, 6, 30, 21, 59, tzinfo=UTC)) == date(2027, 6, 30)


def test_no_code_reads_the_machines_local_date() -> None:
    """`date.today()` gives the machine's day, a day behind Norway for an hour or two each night
    on a server in UTC."""
    root = Path(nettverk.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bdate\.today\(\)|datetime\.today\(\)", line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []
