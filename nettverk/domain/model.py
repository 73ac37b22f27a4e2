"""Every mapped class, imported once so the metadata is complete."""

from nettverk.domain import (
    access,
    agreements,
    evaluation,
    feeds,
    history,
    indexes,
    mail,
    municipality_indexes,
    network,
    register,
    ten_point,
)
from nettverk.domain.base import Base

__all__ = ["Base", "access", "agreements", "evaluation", "feeds", "history", "indexes", "mail",
           "municipality_indexes", "network", "register", "ten_point"]
