"""The rows a virtual table holds: `Row`, and `Rows`, the sequence of them with what the table
needs of every row at once (keys, the filter's folded texts, each column's longest text, sort
values, quick-filter results). `LazyRows` keeps a long list as columns and makes a `Row` only
for the rows shown: 100,000 rows cost a few lists, not 100,000 objects made before the list
can show."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any, overload

from nettverk.domain.folding import fold


@dataclass(frozen=True, slots=True)
class Row:
    """One row: a key for the caller, the cell texts, and optional sort values, style and tags.

    Slotted (no `__dict__`): a list may hold 100,000 of them.
    """

    key: Hashable
    cells: tuple[str, ...]
    sort: tuple[Any, ...] = ()
    style: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)
    search: str = ""
    cell_styles: tuple[str, ...] = ()
    data: Any = field(default=None, compare=False, repr=False)
    _haystack: str | None = field(default=None, init=False, compare=False, repr=False)

    def haystack(self) -> str:
        """The folded text (case and accents ignored) that type-to-filter matches against;
        folded once (a list's worker folds its rows before they reach the event loop). Each
        cell is folded through a cache: a long list repeats most of its texts (dates, names,
        statuses), and folding a text that is not ASCII is the slow part."""
        found = self._haystack
        if found is None:
            found = " ".join(map(fold_cell, self.cells))
            found += " " + fold_cell(self.search)
            object.__setattr__(self, "_haystack", found)
        return found


#: `fold` for cell texts, remembering the most recent (a 100,000-row list has a few thousand).
fold_cell = lru_cache(maxsize=1 << 15)(fold)


def sort_value(value: Any) -> tuple[int, Any]:
    """What a column is sorted by: None and "" last, the rest by value."""
    if value is None or value == "":
        return (1, "")
    return (0, value)


def row_sort_value(row: Row, column: int) -> tuple[int, Any]:
    """The row's sort value in the column (its sort tuple's, or else its cell text)."""
    return sort_value(row.sort[column] if column < len(row.sort) else row.cells[column])


class HasTag:
    """A quick filter's test: the row has the tag. `LazyRows` answers it from its tags column
    without making the rows."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __call__(self, row: Row) -> bool:
        return self.tag in row.tags


def folded_column(values: Sequence[Any], text: Callable[[Any], str]) -> list[str]:
    """The folded text of each value, folding each distinct value once."""
    folded = {value: fold_cell(text(value)) for value in set(values)}
    return list(map(folded.__getitem__, values))


class Rows(Sequence[Row]):
    """Made rows (`Row`), with what the table needs of all of them: the base for `LazyRows`."""

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        self._rows = list(rows)
        self._keys: list[Hashable] | None = None
        self._by_key: dict[Hashable, int] | None = None
        self._haystacks: list[str] | None = None
        self._folding = threading.Lock()  # the filter's texts are made once, in one thread
        self._widths: tuple[int, list[int]] = (-1, [])

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        return self._rows[index]

    def prepare(self, columns: int, haystacks: bool = True) -> None:
        """Work out the column widths, and the filter's texts unless `haystacks` is False
        (a long list's are made after it shows, `ListArea.HAYSTACKS_AFTER`), now (in a worker
        thread)."""
        if haystacks:
            self.haystacks()
        self.widths(columns)

    @property
    def has_haystacks(self) -> bool:
        """Whether the filter's texts are made."""
        return self._haystacks is not None

    def keys(self) -> list[Hashable]:
        """Every row's key, in order."""
        if self._keys is None:
            self._keys = self.make_keys()
        return self._keys

    def position(self, key: Hashable) -> int | None:
        """Where the (last) row with the key is, or None."""
        if self._by_key is None:
            keys = self.keys()
            self._by_key = dict(zip(keys, range(len(keys)), strict=True))
        return self._by_key.get(key)

    def haystacks(self) -> list[str]:
        """Every row's folded text for type-to-filter (`Row.haystack`), in order. Made once:
        asked for in the event loop while a worker makes them, this waits for the worker's."""
        found = self._haystacks
        if found is None:
            with self._folding:
                found = self._haystacks
                if found is None:
                    found = self._haystacks = self.make_haystacks()
        return found

    def widths(self, columns: int) -> list[int]:
        """The length of each column's longest text."""
        if self._widths[0] != columns:
            self._widths = (columns, self.make_widths(columns))
        return self._widths[1]

    def make_keys(self) -> list[Hashable]:
        return [row.key for row in self._rows]

    def make_haystacks(self) -> list[str]:
        return [row.haystack() for row in self._rows]

    def make_widths(self, columns: int) -> list[int]:
        cells = [row.cells for row in self._rows]
        return [max(map(len, map(itemgetter(i), cells)), default=0) if cells else 0
                for i in range(columns)]

    def sort_keys(self, column: int) -> list[tuple[int, Any]]:
        """Every row's sort value in the column (`row_sort_value`)."""
        return [row_sort_value(row, column) for row in self._rows]

    def passing(self, predicate: Callable[[Row], bool]) -> list[bool]:
        """Whether each row passes the quick filter's test."""
        return list(map(predicate, self._rows))


class LazyRows(Rows):
    """Rows kept as columns, a `Row` made only when asked for (those on screen, the one under
    the cursor) and kept while few. A subclass makes row i (`make`) and gives what the table
    needs of every row from its columns: keys, folded texts, widths, sort values, tags."""

    #: Made rows kept; beyond this many they are let go (and made again when asked for).
    KEPT = 4096

    def __init__(self, length: int) -> None:
        super().__init__()
        self._length = length
        self._made: dict[int, Row] = {}

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Row]:
        return map(self.__getitem__, range(self._length))

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        row = self._made.get(index)
        if row is None:
            if len(self._made) >= self.KEPT:
                self._made.clear()
            row = self._made[index] = self.make(index)
        return row

    def make(self, index: int) -> Row:
        """Row `index`."""
        raise NotImplementedError

    def tags(self) -> Sequence[frozenset[str]]:
        """Every row's tags (what `Row.tags` would be), in order."""
        raise NotImplementedError

    def make_keys(self) -> list[Hashable]:
        raise NotImplementedError

    def make_haystacks(self) -> list[str]:
        raise NotImplementedError

    def make_widths(self, columns: int) -> list[int]:
        raise NotImplementedError

    def sort_keys(self, column: int) -> list[tuple[int, Any]]:
        raise NotImplementedError

    def passing(self, predicate: Callable[[Row], bool]) -> list[bool]:
        """A `HasTag` test from the tags column; any other test makes every row."""
        if isinstance(predicate, HasTag):
            tags = self.tags()
            found = {tagged: predicate.tag in tagged for tagged in set(tags)}
            return list(map(found.__getitem__, tags))
        return list(map(predicate, self))
