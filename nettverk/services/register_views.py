"""Register views that the read-only commands build without SQLAlchemy (services.plain_reads)
as well as the register use cases (services.register, which re-exports them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nettverk.domain.norwegian import display_name


@dataclass(frozen=True)
class MunicipalityView:
    """A municipality as shown to users."""

    number: str
    name: str
    sami_name: str | None
    county: str
    county_name: str
    population: int | None
    population_year: int | None
    org_number: str | None
    kven_name: str | None
    sami_administrative_area: bool
    ended_on: date | None
    version: int

    @property
    def display_name(self) -> str:
        """Norwegian name with the Sámi parallel name."""
        return display_name(self.name, self.sami_name)
