"""What was recorded as true on a date: the rules every report "per DATO" reads the data by.

A gathering is *held* on D when it was recorded held on or before D, *cancelled* when its
cancellation is dated on or before D, *planned* while it has not begun, and otherwise *not
confirmed* (its time has passed, but nobody had recorded that it was held). An attendance counts
from the day it was recorded. Rows from before these dates were kept (None) count as they stand.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, or_

from nettverk.domain.network import (
    GATHERING_STATUS_LABELS,
    Attendance,
    Gathering,
    GatheringStatus,
)
from nettverk.domain.network_rules import CONFIRM_PROMPT as CONFIRM_PROMPT
from nettverk.domain.network_rules import UNCONFIRMED as UNCONFIRMED
from nettverk.domain.network_rules import UNCONFIRMED_LABEL as UNCONFIRMED_LABEL
from nettverk.domain.values import OSLO

STATE_LABELS = {**{s.value: label for s, label in GATHERING_STATUS_LABELS.items()},
                UNCONFIRMED: UNCONFIRMED_LABEL}


def end_of(day: date) -> datetime:
    """The first moment after `day` in Norwegian time."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=OSLO)


def gathering_state(status: GatheringStatus, starts_at: datetime, held_on: date | None,
                    cancelled_on: date | None, at: date) -> str:
    """planned, held, cancelled or unconfirmed: the gathering as recorded on `at`."""
    if status is GatheringStatus.cancelled and (cancelled_on is None or cancelled_on <= at):
        return GatheringStatus.cancelled.value
    if starts_at >= end_of(at):
        return GatheringStatus.planned.value
    if status is GatheringStatus.held and (held_on is None or held_on <= at):
        return GatheringStatus.held.value
    return UNCONFIRMED


def cancelled_by(at: date) -> Any:
    """SQL: the gathering's cancellation is recorded on or before `at`."""
    return and_(Gathering.status == GatheringStatus.cancelled,
                or_(Gathering.cancelled_on.is_(None), Gathering.cancelled_on <= at))


def held_by(at: date) -> Any:
    """SQL: the gathering began by the end of `at` and was recorded held on or before `at`."""
    return and_(Gathering.status == GatheringStatus.held, Gathering.starts_at < end_of(at),
                or_(Gathering.held_on.is_(None), Gathering.held_on <= at))


def unconfirmed_by(at: date, before: datetime | None = None) -> Any:
    """SQL: begun before `before` (default: the end of `at`), neither held nor cancelled as
    recorded on `at`."""
    return and_(Gathering.starts_at < (before or end_of(at)),
                ~cancelled_by(at), ~held_by(at))


def attendance_recorded_by(at: date) -> Any:
    """SQL: the attendance was recorded on or before `at`."""
    return or_(Attendance.recorded_on.is_(None), Attendance.recorded_on <= at)
