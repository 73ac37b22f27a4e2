"""The register's views of counties, organisations, contact persons, programmes and
participants, importable without SQLAlchemy: built by services.plain_register for the list
commands and by services.register, .organisations, .persons and .programmes (which re-export
them). Apart from MunicipalityView
(services.register_views) so that `municipality list` does not define them at start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CountyView:
    """A county as shown to users."""

    number: str
    name: str


@dataclass(frozen=True)
class OrganisationView:
    """An organisation as shown to users."""

    id: int
    name: str
    short_name: str | None
    kind: str
    org_number: str | None
    county: str | None = None
    municipality: str | None = None
    version: int = 0


@dataclass(frozen=True)
class PersonView:
    """A contact person as shown to users."""

    id: int
    name: str
    title: str | None
    email: str | None
    phone: str | None
    role: str | None
    organisation: str | None
    municipality: str | None
    municipality_name: str | None = None
    erased_on: date | None = None
    version: int = 0


@dataclass(frozen=True)
class ProgrammeView:
    """A programme with its rules."""

    slug: str
    name: str
    kind: str
    starts: date
    ends: date | None
    owner: str | None
    partners: list[str]
    description: str | None
    max_population: int | None
    min_per_county: int | None
    max_per_county: int | None
    gatherings_per_year_min: int | None
    gatherings_per_year_max: int | None
    physical_per_year: int | None
    version: int = 0


@dataclass(frozen=True)
class ParticipantView:
    """A municipality's participation in a programme."""

    id: int
    programme: str
    municipality: str
    name: str
    sami_name: str | None
    county: str
    population: int | None
    status: str
    starts: date
    ends: date | None
    contact_person: str | None
    version: int = 0
