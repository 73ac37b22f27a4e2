"""The plain reader reads SQLite's date-time text as the ORM's column type does: UTC, aware,
whatever form the text has (with or without seconds, microseconds or an offset)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from nettverk.persistence.plain import PlainReader

READER = PlainReader(None, "sqlite")


@pytest.mark.parametrize(("stored", "expected"), [
    ("2025-03-04 09:00:00.000000", datetime(2025, 3, 4, 9, tzinfo=UTC)),
    ("2025-03-04 09:00:00.250000", datetime(2025, 3, 4, 9, 0, 0, 250000, tzinfo=UTC)),
    ("2025-03-04 09:00:00", datetime(2025, 3, 4, 9, tzinfo=UTC)),
    ("2025-03-04 09:00", datetime(2025, 3, 4, 9, tzinfo=UTC)),
    ("2025-03-04T09:00:00+01:00", datetime(2025, 3, 4, 8, tzinfo=UTC)),
    ("2025-03-04 09:00:00.123-02:00", datetime(2025, 3, 4, 11, 0, 0, 123000, tzinfo=UTC)),
    ("2025-03-04 09:00:00Z", datetime(2025, 3, 4, 9, tzinfo=UTC)),
    ("2025-03-04", datetime(2025, 3, 4, tzinfo=UTC)),
    (datetime(2025, 3, 4, 9), datetime(2025, 3, 4, 9, tzinfo=UTC)),
    (datetime(2025, 3, 4, 10, tzinfo=timezone(timedelta(hours=1))),
     datetime(2025, 3, 4, 9, tzinfo=UTC)),
])
def test_a_stored_instant_is_read_as_that_instant_in_utc(stored: object,
                                                         expected: datetime) -> None:
    found = READER.as_datetime(stored)
    assert found == expected
    assert found is not None and found.utcoffset() == timedelta(0)


def test_dates_and_missing_values() -> None:
    assert READER.as_datetime(None) is None
    assert READER.as_date("2024-02-29") == date(2024, 2, 29)
    assert READER.as_date(None) is None
