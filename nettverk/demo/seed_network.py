"""Demo data for this area (filled in as the area lands)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from nettverk.services.database import Database


def load(db: Database, seed_dir: Path) -> Counter[str]:
    """Load this area's demo data that is not already there; returns what was added."""
    return Counter()
