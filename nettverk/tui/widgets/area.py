"""An area of the app (one tab), and the further lists an area opens as their own screens."""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding
from textual.containers import Vertical
from textual.worker import Worker, WorkerState

from nettverk.domain.errors import DomainError

if TYPE_CHECKING:  # SQLAlchemy is imported after the first frame, when the database opens
    from nettverk.services.database import Database
    from nettverk.tui.widgets.list_area import ListArea

#: Keys that open a new, empty form (Ctrl+N: a new record; Ctrl+O: a new programme, session …).
FORM_KEYS = frozenset({"ctrl+n", "ctrl+o"})


@dataclass(frozen=True)
class SubList:
    """A further list reached from an area (Personer from Kommuner, say), shown as its own screen."""

    label: str
    module: str
    class_name: str

    def area_class(self) -> type[ListArea]:
        """The list's area class (imported on first use)."""
        cls: type[ListArea] = getattr(import_module(f"nettverk.tui.screens.{self.module}"),
                                      self.class_name)
        return cls


class Area(Vertical):
    """One area of the app; loads its data the first time it is shown."""

    TITLE: ClassVar[str] = ""
    #: The tables the area shows (a change to another table leaves it alone); None: any table.
    TABLES: ClassVar[frozenset[str] | None] = None
    loaded = False
    stale = False  # the data changed since the area read it

    @property
    def db(self) -> Database:
        """The app's database."""
        return self.app.db  # type: ignore[attr-defined, no-any-return]

    _load_when_mounted = False  # asked to load while being mounted

    def ensure_loaded(self) -> None:
        """Load the data the first time the area is shown, and again when it is stale. Asked
        before the area is mounted (its table not composed yet: a change heard while the user's
        new area mounts), it loads once the mount is done."""
        if not self.is_mounted:
            self._load_when_mounted = True
            return
        if not self.loaded or self.stale:
            self.loaded = True
            self.stale = False
            self.reload()

    def on_mount(self) -> None:
        """A load asked for during the mount runs now that the area is mounted."""
        if self._load_when_mounted:
            self._load_when_mounted = False
            self.call_later(self.ensure_loaded)  # (mounted once this handler returns)

    def data_changed(self, tables: frozenset[str] | None) -> None:
        """A commit changed these tables (None: unknown which): the area may be stale."""
        if self.loaded and (tables is None or self.TABLES is None or self.TABLES & tables):
            self.stale = True

    def reload(self) -> None:
        """Read the data again."""

    #: The area's actions for the command palette: (title, help, action string).
    PALETTE: ClassVar[list[tuple[str, str, str]]] = []
    #: Further lists opened from this area with F2, F3, … (shown in the footer and the palette).
    SUBLISTS: ClassVar[list[SubList]] = []

    def __init_subclass__(cls, **kwargs: bool) -> None:
        # A key that opens a new form is a priority binding: it runs before the next key is
        # delivered, so what is typed at once goes to the form (not to the list's filter).
        if "BINDINGS" in cls.__dict__:
            cls.BINDINGS = [replace(b, priority=True)
                            if isinstance(b, Binding) and b.key in FORM_KEYS else b
                            for b in cls.__dict__["BINDINGS"]]
        # F2, F3, … open the area's further lists; the footer shows their names.
        if cls.__dict__.get("SUBLISTS"):
            cls.BINDINGS = [*cls.__dict__.get("BINDINGS", []), *(
                Binding(f"f{i + 2}", f"open_list({i})", sub.label, id=f"{cls.__name__}.list{i}")
                for i, sub in enumerate(cls.SUBLISTS))]
        super().__init_subclass__(**kwargs)

    # --- further lists ------------------------------------------------------------------

    def action_open_list(self, index: int) -> None:
        """Open one of the area's further lists as its own screen."""
        if 0 <= index < len(self.SUBLISTS):
            from nettverk.tui.screens.list_screen import ListScreen

            self.app.push_screen(ListScreen(self.SUBLISTS[index]), self._back_from_list)

    def _back_from_list(self, _result: object | None = None) -> None:
        """Back from a further list: read the data again if a commit may have changed it."""
        self.ensure_loaded()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show a failed worker's error instead of crashing."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            text = error.message if isinstance(error, DomainError) else str(error)
            self.notify(text, title="Feil", severity="error", timeout=8)
