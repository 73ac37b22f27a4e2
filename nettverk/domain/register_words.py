"""The register's kinds, statuses and their Norwegian words, apart from its mapped classes
(nettverk.domain.register re-exports them). Importable without SQLAlchemy, for the read-only
commands that read with plain SQL (services.plain_register)."""

from __future__ import annotations

import enum


class OrganisationKind(enum.StrEnum):
    """What kind of body an organisation is."""

    county_authority = "county_authority"
    municipality = "municipality"
    state_agency = "state_agency"
    research = "research"
    other = "other"


ORGANISATION_KIND_LABELS = {
    OrganisationKind.county_authority: "fylkeskommune",
    OrganisationKind.municipality: "kommune",
    OrganisationKind.state_agency: "statlig",
    OrganisationKind.research: "forskning",
    OrganisationKind.other: "annet",
}


class ProgrammeKind(enum.StrEnum):
    """The kinds of programme a county runs."""

    learning_network = "learning_network"
    partnership = "partnership"
    pilot = "pilot"


PROGRAMME_KIND_LABELS = {
    ProgrammeKind.learning_network: "læringsnettverk",
    ProgrammeKind.partnership: "partnerskap",
    ProgrammeKind.pilot: "pilot",
}


class ParticipationStatus(enum.StrEnum):
    """Where a municipality stands in a programme."""

    active = "active"
    completed = "completed"
    withdrawn = "withdrawn"


PARTICIPATION_STATUS_LABELS = {
    ParticipationStatus.active: "aktiv",
    ParticipationStatus.completed: "fullført",
    ParticipationStatus.withdrawn: "trukket seg",
}
