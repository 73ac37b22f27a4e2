"""The success factors' view, importable without SQLAlchemy (services.plain_success_factors
builds it for `nettverk success-factor list` and the TUI's Suksessfaktorer;
services.success_factors re-exports it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SuccessFactorView:
    """Whether one success factor is in place for a participant in a year."""

    programme: str
    municipality: str
    name: str
    sami_name: str | None
    display_name: str
    year: int
    factor: str
    factor_label: str
    in_place: bool
    notes: str | None
    id: int = 0
    version: int = 0
