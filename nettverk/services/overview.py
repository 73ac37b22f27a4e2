"""What needs attention now, across every programme (the `nettverk status` use case).

One implementation, in plain SQL (`services.plain_overview`): `nettverk status` runs it on a bare
DB-API connection so it starts without SQLAlchemy; the TUI and the reminders run it here, on the
unit of work's own connection, inside its transaction and access check.
"""

from __future__ import annotations

from datetime import date

from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_overview
from nettverk.services.overview_views import GATHERING_HORIZON_DAYS as GATHERING_HORIZON_DAYS
from nettverk.services.overview_views import ITEM_LIMIT as ITEM_LIMIT
from nettverk.services.overview_views import OverduePlan as OverduePlan
from nettverk.services.overview_views import OverviewView as OverviewView
from nettverk.services.overview_views import PendingApplication as PendingApplication
from nettverk.services.overview_views import ProgrammeCounts as ProgrammeCounts
from nettverk.services.overview_views import UnconfirmedGathering as UnconfirmedGathering
from nettverk.services.overview_views import UpcomingGathering as UpcomingGathering


def overview(uow: UnitOfWork, today: date | None = None) -> OverviewView:
    """Gatherings in the next 60 days, past gatherings not confirmed held, overdue and due-soon
    milestones and next actions, applications awaiting a decision, planstrategier past their
    deadline, per-programme counts: all as recorded on `today` (a later cancellation,
    confirmation, decision, completion or adoption is not seen).

    A fixed number of queries, whatever the amount of data.
    """
    with uow:
        return plain_overview.overview(uow.plain_reader(), today)
