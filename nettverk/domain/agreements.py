"""Partnership agreements ("Gode lokalsamfunn for alle") and the Det gode liv theme calendar."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from nettverk.domain import rules
from nettverk.domain.agreement_rules import (
    ACTION_STATUS_LABELS,
    AGREEMENT_STATUS_LABELS,
    AGREEMENT_TRANSITIONS,
    EXPIRY_WARNING_DAYS,
    MONTH_NAMES,
    OPEN_ACTION_STATUSES,
    UNANSWERED_AFTER_DAYS,
    ActionStatus,
    AgreementStatus,
    action_is_overdue,
    parse_action_status,
    parse_agreement_status,
)
from nettverk.domain.base import Entity, str_enum
from nettverk.domain.errors import DomainError
from nettverk.domain.history import AgreementPeriod
from nettverk.domain.register import Municipality, Person, Programme

# The rules and words live in agreement_rules (importable without SQLAlchemy); they are
# re-exported here beside the classes.
__all__ = [
    "ACTION_STATUS_LABELS",
    "AGREEMENT_STATUS_LABELS",
    "AGREEMENT_TRANSITIONS",
    "EXPIRY_WARNING_DAYS",
    "MONTH_NAMES",
    "UNANSWERED_AFTER_DAYS",
    "ActionStatus",
    "AgreementAction",
    "AgreementEvent",
    "AgreementFocusArea",
    "AgreementStatus",
    "FocusArea",
    "PartnershipAgreement",
    "Theme",
    "check_goals",
    "check_links",
    "parse_action_status",
    "parse_agreement_status",
]

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
_LINK = re.compile(r"^https?://\S+$")


class FocusArea(Entity):
    """A focus area (innsatsområde) of a partnership programme; the list is data."""

    __tablename__ = "focus_area"
    __table_args__ = (UniqueConstraint("programme_id", "code"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    code: Mapped[str]
    name: Mapped[str]
    description: Mapped[str | None] = mapped_column(Text)

    programme: Mapped[Programme] = relationship()

    @validates("code")
    def _code(self, _key: str, value: str) -> str:
        code = rules.required_text("code", value, max_length=41).lower()
        if not _CODE.fullmatch(code):
            raise DomainError("code", "kortnavn kan bare ha små bokstaver a–z, sifre og bindestrek")
        return code

    @validates("name")
    def _name(self, _key: str, value: str) -> str:
        return rules.required_text("name", value, max_length=200)

    @validates("description")
    def _description(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("description", value)


class PartnershipAgreement(Entity):
    """A partnership agreement between the county and one municipality."""

    __tablename__ = "partnership_agreement"
    __table_args__ = (
        UniqueConstraint("programme_id", "municipality_id"),
        CheckConstraint("ends IS NULL OR starts IS NULL OR ends >= starts", name="period_ordered"),
    )

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    status: Mapped[AgreementStatus] = mapped_column(
        str_enum(AgreementStatus, "status"), default=AgreementStatus.offered, index=True
    )
    offered_on: Mapped[date | None]
    signed_on: Mapped[date | None]
    starts: Mapped[date | None]
    ends: Mapped[date | None] = mapped_column(index=True)
    archive_ref: Mapped[str | None]
    county_contact_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    municipality_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id"), index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)
    exempt_from_public: Mapped[bool] = mapped_column(default=False)

    programme: Mapped[Programme] = relationship()
    municipality: Mapped[Municipality] = relationship()
    county_contact: Mapped[Person | None] = relationship(foreign_keys=[county_contact_id])
    municipality_contact: Mapped[Person | None] = relationship(
        foreign_keys=[municipality_contact_id]
    )
    focus_areas: Mapped[list[AgreementFocusArea]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan"
    )
    actions: Mapped[list[AgreementAction]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan"
    )
    events: Mapped[list[AgreementEvent]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan",
        order_by=lambda: [AgreementEvent.on, AgreementEvent.id],
    )
    periods: Mapped[list[AgreementPeriod]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementPeriod.signed_on",
    )

    @validates("archive_ref")
    def _archive_ref(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("archive_ref", value, max_length=100)

    @validates("notes")
    def _notes(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("notes", value)

    def check(self) -> None:
        """Rules that involve more than one field."""
        rules.check_period(self.starts, self.ends)
        if self.status is AgreementStatus.signed and self.signed_on is None:
            raise DomainError("signed_on", "en signert avtale må ha signeringsdato")
        if self.offered_on and self.signed_on and self.signed_on < self.offered_on:
            raise DomainError("signed_on", "kan ikke være før avtalen ble tilbudt")

    def offer(self, on: date, note: str | None = None) -> None:
        """Start the workflow: the agreement is offered to the municipality on the date."""
        self.status = AgreementStatus.offered
        self.offered_on = on
        self.events.append(AgreementEvent(status=AgreementStatus.offered, on=on, note=note))
        self.check()

    def move_to(
        self,
        status: AgreementStatus,
        on: date,
        *,
        signed_on: date | None = None,
        starts: date | None = None,
        ends: date | None = None,
        note: str | None = None,
    ) -> None:
        """Move along the workflow on a date; impossible transitions are refused."""
        current = self.status
        if status is current:
            raise DomainError(
                "status", f"avtalen har allerede status «{AGREEMENT_STATUS_LABELS[status]}»"
            )
        if status not in AGREEMENT_TRANSITIONS[current]:
            allowed = ", ".join(
                f"{s.value} ({AGREEMENT_STATUS_LABELS[s]})"
                for s in sorted(AGREEMENT_TRANSITIONS[current], key=lambda s: s.value)
            )
            raise DomainError(
                "status",
                f"kan ikke gå fra «{AGREEMENT_STATUS_LABELS[current]}» til "
                f"«{AGREEMENT_STATUS_LABELS[status]}»; mulig: {allowed}",
            )
        if status is AgreementStatus.signed:
            if signed_on is None:
                raise DomainError("signed_on", "signeringsdato må fylles ut når avtalen signeres")
            if self.offered_on is not None and signed_on < self.offered_on:
                raise DomainError("signed_on", "kan ikke være før avtalen ble tilbudt")
        last = max((e.on for e in self.events), default=None)
        if last is not None and on < last:
            raise DomainError(
                "on", f"datoen kan ikke være før forrige statusendring ({last.isoformat()})"
            )
        if status is AgreementStatus.offered:
            if self.signed_on is not None:
                # A new round: the earlier period is kept, never wiped.
                ended = max((e.on for e in self.events if e.status is AgreementStatus.ended),
                            default=None)
                self.periods.append(AgreementPeriod(signed_on=self.signed_on,
                                                    starts=self.starts, ends=self.ends,
                                                    ended_on=ended))
            self.signed_on = None
            self.starts = None
            self.ends = None
            self.offer(on, note)
            return
        if status is AgreementStatus.signed:
            self.signed_on = signed_on
            self.starts = starts if starts is not None else (self.starts or signed_on)
            if ends is not None:
                self.ends = ends
        elif status is AgreementStatus.ended and ends is not None:
            self.ends = ends
        elif status is AgreementStatus.ended and (self.ends is None or self.ends > on):
            self.ends = on
        self.status = status
        self.events.append(AgreementEvent(status=status, on=on, note=note))
        self.check()


class AgreementEvent(Entity):
    """A dated step in an agreement's workflow (offered, signed, ended …)."""

    __tablename__ = "agreement_event"

    agreement_id: Mapped[int] = mapped_column(ForeignKey("partnership_agreement.id"), index=True)
    status: Mapped[AgreementStatus] = mapped_column(str_enum(AgreementStatus, "status"))
    on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)

    agreement: Mapped[PartnershipAgreement] = relationship(back_populates="events")

    @validates("note")
    def _note(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("note", value)


class AgreementFocusArea(Entity):
    """A focus area chosen in an agreement."""

    __tablename__ = "agreement_focus_area"
    __table_args__ = (UniqueConstraint("agreement_id", "focus_area_id"),)

    agreement_id: Mapped[int] = mapped_column(ForeignKey("partnership_agreement.id"), index=True)
    focus_area_id: Mapped[int] = mapped_column(ForeignKey("focus_area.id"), index=True)

    agreement: Mapped[PartnershipAgreement] = relationship(back_populates="focus_areas")
    focus_area: Mapped[FocusArea] = relationship()


class AgreementAction(Entity):
    """An action (tiltak) agreed under a focus area of an agreement."""

    __tablename__ = "agreement_action"

    agreement_id: Mapped[int] = mapped_column(ForeignKey("partnership_agreement.id"), index=True)
    focus_area_id: Mapped[int | None] = mapped_column(ForeignKey("focus_area.id"), index=True)
    title: Mapped[str]
    owner: Mapped[str | None]
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus, "status"), default=ActionStatus.planned
    )
    due: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]

    agreement: Mapped[PartnershipAgreement] = relationship(back_populates="actions")
    focus_area: Mapped[FocusArea | None] = relationship()

    @validates("title")
    def _title(self, _key: str, value: str) -> str:
        return rules.required_text("title", value, max_length=300)

    @validates("owner")
    def _owner(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("owner", value, max_length=200)

    @property
    def is_open(self) -> bool:
        """Still to be done (planned or in progress)."""
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, today: date) -> bool:
        """Open and due before today."""
        return action_is_overdue(self.status, self.due, today)

    def set_status(self, status: ActionStatus, on: date) -> None:
        """Change the status; done records the date, and a closed action stays closed."""
        if not self.is_open:
            raise DomainError(
                "status", f"tiltaket er allerede «{ACTION_STATUS_LABELS[self.status]}»"
            )
        if status is self.status:
            raise DomainError(
                "status", f"tiltaket har allerede status «{ACTION_STATUS_LABELS[status]}»"
            )
        self.status = status
        self.done_on = on if status is ActionStatus.done else None


class Theme(Entity):
    """A month's theme in the Det gode liv i nord calendar, linked to UN goals 1–17."""

    __tablename__ = "theme"
    __table_args__ = (
        UniqueConstraint("programme_id", "year", "month"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month_range"),
    )

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    year: Mapped[int]
    month: Mapped[int]
    title: Mapped[str]
    description: Mapped[str | None] = mapped_column(Text)
    goals: Mapped[list[Any]] = mapped_column(JSON, default=list)
    links: Mapped[list[Any]] = mapped_column(JSON, default=list)

    programme: Mapped[Programme] = relationship()

    @validates("year")
    def _year(self, _key: str, value: int) -> int:
        checked = rules.check_year("year", value)
        if checked is None:
            raise DomainError("year", "må fylles ut")
        return checked

    @validates("month")
    def _month(self, _key: str, value: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
            raise DomainError("month", "må være et månedsnummer fra 1 til 12")
        return value

    @validates("title")
    def _title(self, _key: str, value: str) -> str:
        return rules.required_text("title", value, max_length=200)

    @validates("description")
    def _description(self, _key: str, value: str | None) -> str | None:
        return rules.clean_text("description", value)

    @validates("goals")
    def _goals(self, _key: str, value: list[Any] | None) -> list[Any]:
        return check_goals(value)

    @validates("links")
    def _links(self, _key: str, value: list[Any] | None) -> list[Any]:
        return check_links(value)


def check_goals(value: list[Any] | None) -> list[Any]:
    """UN sustainable development goals are the numbers 1–17; returned sorted, no duplicates."""
    goals: set[int] = set()
    for goal in value or []:
        if isinstance(goal, bool) or not isinstance(goal, int) or not 1 <= goal <= 17:
            raise DomainError("goals", f"bærekraftsmål må være tall fra 1 til 17, ikke {goal!r}")
        goals.add(goal)
    return sorted(goals)


def check_links(value: list[Any] | None) -> list[Any]:
    """Links to material are web addresses (http or https)."""
    links: list[Any] = []
    for link in value or []:
        text = rules.clean_text("links", link if isinstance(link, str) else str(link),
                                max_length=2000)
        if text is None:
            continue
        if not _LINK.fullmatch(text):
            raise DomainError("links", f"lenken må begynne med http:// eller https://: {text!r}")
        if text not in links:
            links.append(text)
    return links
