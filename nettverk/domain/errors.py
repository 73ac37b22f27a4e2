"""The one error type the domain raises, and its few refinements."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; carries the field and a Norwegian message for the user."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(DomainError):
    """The thing asked for does not exist."""


class ConflictError(DomainError):
    """Someone else changed the record since it was read (optimistic concurrency)."""


class PermissionDeniedError(DomainError):
    """The current user's role does not allow the action."""
