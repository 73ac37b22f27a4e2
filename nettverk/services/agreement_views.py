"""The views of the partnership agreements, their focus areas and actions, and of the theme
calendar, importable without SQLAlchemy: services.plain_agreements builds them for the list
commands (`nettverk agreement list`, `agreement action list`, `focus-area list`, `theme list`)
and the TUI's lists; services.agreements, .focus_areas, .agreement_actions and services.themes
build them from the objects they load and re-export them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: The partnership programme the agreement commands and lists default to.
PROGRAMME = "gode-lokalsamfunn"
#: The programme whose theme calendar the theme commands and lists default to.
THEME_PROGRAMME = "det-gode-liv"


@dataclass(frozen=True)
class FocusAreaView:
    """A focus area (innsatsområde) of a partnership programme."""

    id: int
    programme: str
    code: str
    name: str
    description: str | None
    agreements: int = 0
    actions: int = 0
    version: int = 1


@dataclass(frozen=True)
class AgreementEventView:
    """A dated step in an agreement's workflow."""

    status: str
    status_label: str
    on: date
    note: str | None


@dataclass(frozen=True)
class AgreementView:
    """A partnership agreement as shown to users."""

    id: int
    programme: str
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    county: str
    status: str
    status_label: str
    offered_on: date | None
    signed_on: date | None
    starts: date | None
    ends: date | None
    archive_ref: str | None
    county_contact: str | None
    municipality_contact: str | None
    focus_areas: list[str]
    open_actions: int
    notes: str | None
    exempt_from_public: bool
    events: list[AgreementEventView]
    version: int
    periods: list[AgreementPeriodView] = field(default_factory=list)
    """The earlier periods (shown by `get_agreement`; lists leave them out)."""
    focus_area_names: list[str] = field(default_factory=list)
    """The names of `focus_areas`, in the same order (what people read)."""

    county_contact_id: int | None = None
    municipality_contact_id: int | None = None


@dataclass(frozen=True)
class AgreementPeriodView:
    """An earlier period of an agreement: when it was signed, started, ended."""

    signed_on: date
    starts: date | None
    ends: date | None
    ended_on: date | None


@dataclass(frozen=True)
class ActionView:
    """An agreed action (tiltak) under an agreement."""

    id: int
    agreement_id: int
    municipality: str
    name: str
    display_name: str
    focus_area: str | None
    focus_area_name: str | None
    title: str
    owner: str | None
    status: str
    status_label: str
    due: date | None
    done_on: date | None
    overdue: bool
    version: int = 1


@dataclass(frozen=True)
class ThemeView:
    """A month's theme (the ICS export makes it a month-long all-day item)."""

    id: int
    programme: str
    year: int
    month: int
    month_name: str
    title: str
    description: str | None
    goals: list[int]
    links: list[str]
    version: int
    goal_names: list[str] = field(default_factory=list)
    """The goals with their Norwegian names, e.g. «2 Utrydde sult»."""
