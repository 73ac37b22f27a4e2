"""Messages that workers post back to the event loop; handlers on the widgets own the state."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.console import RenderableType
from textual.message import Message

from nettverk.tui.widgets.virtual_table import Row


class RowsLoaded(Message):
    """A list's rows arrived from the database."""

    def __init__(self, rows: Sequence[Row], keep: Hashable | None = None,
                 summary: RenderableType = "", extra: object = None,
                 partial: bool = False, read: int = 0) -> None:
        super().__init__()
        self.extra = extra
        self.read = read  # which of the area's reads brought them (an older one's are dropped)
        self.partial = partial  # the first rows only: the whole list follows
        self.rows = rows
        self.keep = keep
        self.summary = summary


class DetailLoaded(Message):
    """The detail of the highlighted item arrived."""

    def __init__(self, key: Hashable, content: RenderableType) -> None:
        super().__init__()
        self.key = key
        self.content = content


class ServiceFailed(Message):
    """A service call failed; `field` and `message` come from a DomainError when there is one."""

    def __init__(self, message: str, field: str | None = None, conflict: bool = False) -> None:
        super().__init__()
        self.message = message
        self.field = field
        self.conflict = conflict


class Saved(Message):
    """A form's record was written; `result` is the service's view."""

    def __init__(self, result: object) -> None:
        super().__init__()
        self.result = result


class Reloaded(Message):
    """A form's record was read again after a conflict."""

    def __init__(self, values: dict[str, str], conflict: bool = False) -> None:
        super().__init__()
        self.values = values
        self.conflict = conflict


class RowsChanged(Message):
    """A record changed outside a form; the list should be read again."""

    def __init__(self, key: Hashable) -> None:
        super().__init__()
        self.key = key


class Deleted(Message):
    """A list's record was deleted."""

    def __init__(self, key: Hashable) -> None:
        super().__init__()
        self.key = key
