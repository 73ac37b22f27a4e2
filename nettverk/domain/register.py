"""The register: counties, municipalities, organisations, people, programmes, participations."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from nettverk.domain import rules
from nettverk.domain.base import Entity, str_enum
from nettverk.domain.errors import DomainError

# At run time too: `Municipality.populations` names it, and the mappers are configured at the
# first query of whatever imported this module alone (an `invitation` command did, and failed).
from nettverk.domain.history import MunicipalityPopulation
from nettverk.domain.norwegian import display_name as display_name
from nettverk.domain.register_words import ORGANISATION_KIND_LABELS as ORGANISATION_KIND_LABELS
from nettverk.domain.register_words import (
    PARTICIPATION_STATUS_LABELS as PARTICIPATION_STATUS_LABELS,
)
from nettverk.domain.register_words import PROGRAMME_KIND_LABELS as PROGRAMME_KIND_LABELS
from nettverk.domain.register_words import OrganisationKind as OrganisationKind
from nettverk.domain.register_words import ParticipationStatus as ParticipationStatus
from nettverk.domain.register_words import ProgrammeKind as ProgrammeKind


class County(Entity):
    """A county (fylke), by its two-digit number."""

    __tablename__ = "county"

    number: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]

    municipalities: Mapped[list[Municipality]] = relationship(back_populates="county")

    @validates("number")
    def _number(self, _key: str, value: str) -> str:
        return rules.check_county_number(value)

    @validates("name")
    def _name(self, _key: str, value: str) -> str:
        return rules.required_text("name", value, max_length=200)


class Municipality(Entity):
    """A municipality (kommune) with its official names and population."""

    __tablename__ = "municipality"
    __table_args__ = (
        CheckConstraint("population >= 0", name="population_non_negative"),
    )

    number: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    sami_name: Mapped[str | None]
    kven_name: Mapped[str | None]
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), index=True)
    population: Mapped[int | None]
    population_year: Mapped[int | None]
    org_number: Mapped[str | None]
    sami_administrative_area: Mapped[bool] = mapped_column(default=False)
    ended_on: Mapped[date | None]

    county: Mapped[County] = relationship(back_populates="municipalities")
    populations: Mapped[list[MunicipalityPopulation]] = relationship(
        order_by="MunicipalityPopulation.year", cascade="all, delete-orphan")

    @validates("number")
    def _number(self, _key: str, value: str) -> str:
        return rules.check_municipality_number(value)

    @validates("name")
    def _name(self, _key: str, value: str) -> str:
        return rules.required_text("name", value, max_length=200)

    @validates("sami_name", "kven_name")
    def _parallel_name(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value, max_length=200)

    @validates("population")
    def _population(self, _key: str, value: int | None) -> int | None:
        return rules.check_non_negative("population", value)

    @validates("population_year")
    def _population_year(self, _key: str, value: int | None) -> int | None:
        return rules.check_year("population_year", value)

    @validates("org_number")
    def _org_number(self, _key: str, value: str | None) -> str | None:
        return rules.check_org_number(value)

    @property
    def display_name(self) -> str:
        """The Norwegian name with its Sámi parallel name, as shown everywhere."""
        return display_name(self.name, self.sami_name)


class Organisation(Entity):
    """A body that owns or partners in a programme (fylkeskommune, Distriktssenteret, …)."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(unique=True)
    short_name: Mapped[str | None]
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind, "kind"))
    org_number: Mapped[str | None]
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id"), index=True
    )

    @validates("name")
    def _name(self, _key: str, value: str) -> str:
        return rules.required_text("name", value, max_length=300)

    @validates("org_number")
    def _org_number(self, _key: str, value: str | None) -> str | None:
        return rules.check_org_number(value)


class Person(Entity):
    """A contact person in an organisation or a municipality."""

    __tablename__ = "person"

    name: Mapped[str]
    title: Mapped[str | None]
    email: Mapped[str | None]
    phone: Mapped[str | None]
    role: Mapped[str | None]
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id"), index=True
    )
    erased_at: Mapped[date | None]

    organisation: Mapped[Organisation | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()

    @validates("name")
    def _name(self, _key: str, value: str) -> str:
        return rules.required_text("name", value, max_length=200)

    @validates("title", "role", "phone")
    def _text(self, key: str, value: str | None) -> str | None:
        return rules.clean_text(key, value, max_length=200)

    @validates("email")
    def _email(self, _key: str, value: str | None) -> str | None:
        return rules.check_email(value)


#: The invitation's rules for a learning network (seed 002: under 2,500 inhabitants, 2–3
#: municipalities from each county, 2–3 gatherings a year of which one physical), given to a
#: new learning network unless the user sets other values.
LEARNING_NETWORK_DEFAULTS: dict[str, int] = {
    "max_population": 2500,
    "min_per_county": 2,
    "max_per_county": 3,
    "gatherings_per_year_min": 2,
    "gatherings_per_year_max": 3,
    "physical_per_year": 1,
}


def with_learning_network_defaults(given: dict[str, int | None]) -> dict[str, int | None]:
    """The rules given, with the invitation's defaults for those left out (a default minimum
    never above a maximum the user gave, nor a default maximum below a given minimum)."""
    out = dict(given)
    for key, default in LEARNING_NETWORK_DEFAULTS.items():
        if out.get(key) is None:
            out[key] = default
    for low, high in (("min_per_county", "max_per_county"),
                      ("gatherings_per_year_min", "gatherings_per_year_max")):
        lo, hi = out[low], out[high]
        if lo is not None and hi is not None and lo > hi:
            if given.get(low) is None:
                out[low] = hi
            elif given.get(high) is None:
                out[high] = lo
    return out


class Programme(Entity):
    """A network, partnership programme or pilot, with the rules it sets for participants."""

    __tablename__ = "programme"
    __table_args__ = (
        CheckConstraint("ends IS NULL OR ends >= starts", name="period_ordered"),
    )

    slug: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    kind: Mapped[ProgrammeKind] = mapped_column(str_enum(ProgrammeKind, "kind"))
    starts: Mapped[date]
    ends: Mapped[date | None]
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    max_population: Mapped[int | None]
    min_per_county: Mapped[int | None]
    max_per_county: Mapped[int | None]
    gatherings_per_year_min: Mapped[int | None]
    gatherings_per_year_max: Mapped[int | None]
    physical_per_year: Mapped[int | None]

    owner: Mapped[Organisation | None] = relationship()
    partners: Mapped[list[ProgrammePartner]] = relationship(
        back_populates="programme", cascade="all, delete-orphan"
    )

    @validates("slug")
    def _slug(self, _key: str, value: str) -> str:
        value = rules.required_text("slug", value, max_length=80)


        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            raise DomainError("slug", "kun små bokstaver a–z, sifre og bindestrek")
        return value

    @validates("name")
    def _name(self, _key: str, value: str) -> str:
        return rules.required_text("name", value, max_length=300)

    @validates(
        "max_population", "min_per_county", "max_per_county",
        "gatherings_per_year_min", "gatherings_per_year_max", "physical_per_year",
    )
    def _counts(self, key: str, value: int | None) -> int | None:
        return rules.check_non_negative(key, value)

    def check(self) -> None:
        """Rules that involve more than one field."""
        rules.check_period(self.starts, self.ends)
        if (self.min_per_county is not None and self.max_per_county is not None
                and self.min_per_county > self.max_per_county):
            raise DomainError("max_per_county", "maks per fylke kan ikke være under minimum")

    def as_rules(self) -> dict[str, Any]:
        """The programme's participation rules as plain data."""
        return {
            "max_population": self.max_population,
            "min_per_county": self.min_per_county,
            "max_per_county": self.max_per_county,
            "gatherings_per_year_min": self.gatherings_per_year_min,
            "gatherings_per_year_max": self.gatherings_per_year_max,
            "physical_per_year": self.physical_per_year,
        }


class ProgrammePartner(Entity):
    """An organisation taking part in running a programme."""

    __tablename__ = "programme_partner"
    __table_args__ = (UniqueConstraint("programme_id", "organisation_id"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role: Mapped[str | None]

    programme: Mapped[Programme] = relationship(back_populates="partners")
    organisation: Mapped[Organisation] = relationship()


class Participation(Entity):
    """A municipality's membership of a programme."""

    __tablename__ = "participation"
    __table_args__ = (
        UniqueConstraint("programme_id", "municipality_id"),
        CheckConstraint("ends IS NULL OR ends >= starts", name="period_ordered"),
    )

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    starts: Mapped[date]
    ends: Mapped[date | None]
    status: Mapped[ParticipationStatus] = mapped_column(
        str_enum(ParticipationStatus, "status"), default=ParticipationStatus.active
    )
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)

    programme: Mapped[Programme] = relationship()
    municipality: Mapped[Municipality] = relationship()
    contact_person: Mapped[Person | None] = relationship()

    def check(self) -> None:
        """Rules that involve more than one field."""
        rules.check_period(self.starts, self.ends)
