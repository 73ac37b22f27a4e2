"""The parts of a list area that stand alone: what `fetch` returns, the quick filters' type,
the filter line, and how a large list's rows are kept out of the cycle collector's way."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from rich.console import RenderableType
from textual.geometry import Size
from textual.widgets import Input

from nettverk.tui.widgets.virtual_table import Row

QuickFilter = tuple[str, Callable[[Row], bool]]


class Loaded(NamedTuple):
    """What `fetch` may return instead of bare rows: rows plus a summary for the detail pane."""

    rows: Sequence[Row]
    summary: RenderableType = ""
    extra: object = None


@contextmanager
def long_lived(large: bool) -> Iterator[None]:
    """Around building a large list's rows (100,000 of them, each a few small objects, none
    pointing back): Python's cycle collector is paused meanwhile, and what exists afterwards is
    moved out of its way (`gc.freeze`). Otherwise it walks the growing heap again and again
    while the rows are made (a third of the time), and once they are there every full
    collection walks them all: close to a second, in the middle of some later key press.
    The rows are still freed as usual when the list is read again (reference counting)."""
    if not large:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect(1)  # what the young generations hold that is garbage already
        gc.freeze()
        if was_enabled:
            gc.enable()
        release_free_memory()


def release_free_memory() -> None:
    """Hand the memory freed after building a large list back to the system: what the rows
    were read through (database rows, intermediate lists) is several times what the list
    keeps, and the C allocator otherwise holds on to it. glibc's `malloc_trim`; elsewhere
    nothing."""
    global _trim
    if _trim is None:
        _trim = _find_trim()
    _trim()


def _find_trim() -> Callable[[], object]:
    if not sys.platform.startswith("linux"):
        return lambda: None
    import ctypes

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim  # not there: musl, say
    except (OSError, AttributeError):
        return lambda: None
    return lambda: trim(0)


_trim: Callable[[], object] | None = None


class FilterInput(Input):
    """The filter line. A typed letter changes its text, not its size on screen: unlike
    `Input`, which lays out the whole screen again for every change of its text's width, it
    only updates its own scroll range (a layout still follows when a scrollbar comes or goes).

    `on_text` is called with the new text as it changes, in the same turn as the key: the list
    is filtered and drawn in the frame that shows the letter. Through `Input.Changed` (a
    message, handled a turn or two later) the letter was drawn in one frame and the list in
    the next: two frames a key, and the result a frame later."""

    def __init__(self, *args: Any, on_text: Callable[[str], None] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_text = on_text

    def _watch_value(self, value: str) -> None:
        size = Size(self.content_width, 1)
        if size != self.virtual_size:  # set quietly: Input's watcher then finds it unchanged
            self.set_reactive(Input.virtual_size, size)
            self._scroll_update(size)
        super()._watch_value(value)
        if self.on_text is not None:
            self.on_text(value)
