"""Every mapped class, imported once so the metadata is complete."""

from nettverk.domain import (
    access,
    agreements,
    evaluation,
    feeds,
    indexes,
    municipality_indexes,
    network,
    register,
)
from nettverk.domain.base import Base

__all__ = ["Base", "access", "agreements", "evaluation", "feeds", "indexes",
           "municipality_indexes", "network", "register"]
