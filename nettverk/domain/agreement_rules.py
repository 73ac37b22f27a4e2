"""The partnership agreements' and the theme calendar's rules and words, apart from their mapped
classes (nettverk.domain.agreements re-exports them): statuses, their labels and workflow,
reminder periods, month names. Importable without SQLAlchemy, for the list commands that read
with plain SQL (services.plain_agreements)."""

from __future__ import annotations

import enum
from datetime import date

from nettverk.domain import rules

#: How many days ahead an agreement's end date makes it show up among the reminders.
EXPIRY_WARNING_DAYS = 90
#: An offer is "not answered" when it was made more than this many days ago and the agreement
#: is still offered or under consideration.
UNANSWERED_AFTER_DAYS = 60

MONTH_NAMES = {
    1: "januar", 2: "februar", 3: "mars", 4: "april", 5: "mai", 6: "juni", 7: "juli",
    8: "august", 9: "september", 10: "oktober", 11: "november", 12: "desember",
}


class AgreementStatus(enum.StrEnum):
    """Where a partnership agreement stands."""

    offered = "offered"
    under_consideration = "under_consideration"
    signed = "signed"
    ended = "ended"
    declined = "declined"


AGREEMENT_STATUS_LABELS: dict[AgreementStatus, str] = {
    AgreementStatus.offered: "Tilbudt",
    AgreementStatus.under_consideration: "Til vurdering",
    AgreementStatus.signed: "Signert",
    AgreementStatus.ended: "Avsluttet/utløpt",
    AgreementStatus.declined: "Takket nei",
}

#: The agreement workflow: which status may follow which. There is one agreement per
#: municipality and programme, so a declined or ended agreement may be offered again (a new
#: round; the earlier steps stay in the dated history). Everything else is refused.
AGREEMENT_TRANSITIONS: dict[AgreementStatus, frozenset[AgreementStatus]] = {
    AgreementStatus.offered: frozenset({
        AgreementStatus.under_consideration, AgreementStatus.signed, AgreementStatus.declined,
    }),
    AgreementStatus.under_consideration: frozenset({
        AgreementStatus.signed, AgreementStatus.declined,
    }),
    AgreementStatus.signed: frozenset({AgreementStatus.ended}),
    AgreementStatus.declined: frozenset({AgreementStatus.offered}),
    AgreementStatus.ended: frozenset({AgreementStatus.offered}),
}


def parse_agreement_status(value: str, field: str = "status") -> AgreementStatus:
    """The status named by its code, or a DomainError listing the allowed codes."""
    return rules.parse_enum(AgreementStatus, field, value or "", "status")


class ActionStatus(enum.StrEnum):
    """Where an agreed action stands."""

    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.planned: "Planlagt",
    ActionStatus.in_progress: "Pågår",
    ActionStatus.done: "Utført",
    ActionStatus.cancelled: "Avlyst",
}

#: An action is still to be done while it is planned or in progress.
OPEN_ACTION_STATUSES = (ActionStatus.planned, ActionStatus.in_progress)


def parse_action_status(value: str, field: str = "status") -> ActionStatus:
    """The action status named by its code, or a DomainError listing the allowed codes."""
    return rules.parse_enum(ActionStatus, field, value or "", "status")


def action_is_overdue(status: ActionStatus, due: date | None, today: date) -> bool:
    """An action is overdue when it is open and was due before today."""
    return status in OPEN_ACTION_STATUSES and due is not None and due < today
