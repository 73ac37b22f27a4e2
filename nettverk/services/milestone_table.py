"""Milestones and follow-up next actions as read for a list: the plain rows of both queries,
the names they refer to, and the list's order, kept as columns (`MilestoneTable`), from which
the views (`MilestoneView`) are made for all rows (`list_milestones`) or one at a time (a
100,000-row list in the terminal UI shows 40 of them)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import Any

from nettverk.domain.network_rules import (
    MILESTONE_STATUS_LABELS,
    MilestoneStatus,
    milestone_status,
)
from nettverk.persistence.plain import PlainReader
from nettverk.services.network_common import display_name
from nettverk.services.overview_views import MilestoneView

DONE = (MilestoneStatus.done.value, MILESTONE_STATUS_LABELS[MilestoneStatus.done])
NO_MUNICIPALITY: tuple[str | None, str | None] = (None, None)
#: The milestone query's columns (`milestone_columns`).
MILESTONE_COLUMNS = 9


class SharedNames:
    """What the rows' ids refer to, looked up once for all rows (`look_up`: one query each for
    the programmes, the plan documents' municipalities, the municipalities and the persons,
    not joins on every row), and each distinct deadline's status, worked out once."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.statuses: dict[tuple[date, bool], tuple[str, str]] = {}
        self.programmes: dict[int, str] = {}
        self.plan_municipalities: dict[int | None, int] = {}
        self.municipalities: dict[int | None, tuple[str | None, str | None]] = {}
        self.persons: dict[int, str] = {}

    def look_up(self, reader: PlainReader, programmes: set[int | None],
                plan_documents: set[int | None], municipalities: set[int | None],
                persons: set[int | None]) -> None:
        """Read the names of the ids the rows refer to (four statements, whatever the
        rows); `municipalities` need not name those of the plan documents."""
        self.programmes = dict(_named(reader, "SELECT id, slug FROM programme", programmes))
        self.plan_municipalities = dict(_named(
            reader, "SELECT id, municipality_id FROM plan_document", plan_documents))
        self.municipalities = {
            id: (number, display_name(name, sami_name))
            for id, number, name, sami_name in _named(
                reader, "SELECT id, number, name, sami_name FROM municipality",
                municipalities | set(self.plan_municipalities.values()))}
        self.persons = dict(_named(reader, "SELECT id, name FROM person", persons))

    def status(self, due: date, done_on: date | None) -> tuple[str, str]:
        key = (due, done_on is not None)
        found = self.statuses.get(key)
        if found is None:
            status = milestone_status(due, done_on, self.today)
            found = self.statuses[key] = (status.value, MILESTONE_STATUS_LABELS[status])
        return found


def _named(reader: PlainReader, select: str, ids: set[int | None]) -> list[tuple[Any, ...]]:
    """The rows of `select` (its first column the id) for these ids, in one statement (run
    even for none: a list runs the same statements whatever rows it has)."""
    wanted = sorted(id for id in ids if id is not None)
    return reader.rows(f"{select} WHERE id IN ({', '.join('?' * len(wanted)) or 'NULL'})",
                       wanted)


def milestone_columns(batches: Iterable[Sequence[Sequence[Any]]]) -> list[list[Any]]:
    """The milestone query's rows (id, title, due, done on, plan document, version, programme,
    municipality, responsible), read in batches (`PlainReader.batches`), as nine columns: the
    rows of a batch are let go before the next is read, so a million rows never exist at once.
    Each distinct title and date is one object; dates may come as ISO text (SQLite keeps them
    so, and the list reads them unconverted: a million conversions are a few thousand)."""
    columns: list[list[Any]] = [[] for _ in range(MILESTONE_COLUMNS)]
    titles: dict[str, str] = {}
    days: dict[Any, date | None] = {None: None}
    for batch in batches:
        for i, part in enumerate(zip(*batch, strict=True)):
            if i == 1:
                columns[i] += map(titles.setdefault, part, part)
            elif i in (2, 3):
                days.update({value: value if isinstance(value, date)
                             else date.fromisoformat(value)
                             for value in set(part) if value not in days})
                columns[i] += map(days.__getitem__, part)
            else:
                columns[i] += part
    return columns


def _merged(column: list[Any], cuts: Sequence[int], inserted: Sequence[Any]) -> list[Any]:
    """The column with each inserted value put before position `cuts[k]` of it."""
    if not cuts:
        return column
    merged: list[Any] = []
    start = 0
    for at, value in zip(cuts, inserted, strict=True):
        merged += column[start:at]
        merged.append(value)
        start = at
    merged += column[start:]
    return merged


class MilestoneTable:
    """Milestones and next actions in the list's order (by deadline; on the same day the
    milestones first; then by key as text), kept as the columns they were read as: no object
    is made per row (the plain rows read are let go once their columns are made, so a list of
    100,000 rows is a few lists and the texts and dates they share). `view(i)` makes row i's
    view when it is needed, `views()` all of them (as `list_milestones` returns them).

    The columns of `MilestoneView`'s further fields (`keys`, `kind`, `status`, `programme`,
    `municipality_name`, `responsible`, …) are worked out the first time they are asked for:
    a list of a million rows shows without them (`distinct` gives a column's distinct values,
    for the widths, from the few distinct values under it).

    `milestones` are the milestone query's columns (`milestone_columns`) and `f_rows` the plain
    rows of the follow-ups' next actions, each already in the list's order (by deadline, then
    by key as text), as the queries sort them; `names` has looked up the names they refer
    to."""

    def __init__(self, milestones: list[list[Any]], f_rows: Sequence[Any], names: SharedNames,
                 offset: int = 0, window: int | None = None) -> None:
        # The next actions (a few) go after the milestones due the same day or earlier, in
        # the milestones' shape: id, title, due, done_on, plan document, version, programme,
        # municipality, responsible (a person's id; a next action's participants as text).
        due_column = milestones[2]
        cuts: list[int] = []
        start = 0
        for row in f_rows:
            start = bisect_right(due_column, row[2], start)
            cuts.append(start)
        actions = list(zip(*((id, action or "", due, done_on, None, version, programme, mun,
                              participants)
                             for id, action, due, done_on, participants, version, programme, mun
                             in f_rows), strict=True)) or [()] * MILESTONE_COLUMNS
        columns = [_merged(column, cuts, added)
                   for column, added in zip(milestones, actions, strict=True)]
        follows = _merged([False] * len(due_column), cuts, [True] * len(cuts))
        if offset or window is not None:
            columns = [column[offset:window] for column in columns]
            follows = follows[offset:window]
        ids, title, due, done_on, plan, version, programme, mun, responsible = columns
        self._ids: list[int] = ids
        self.title: list[str] = title
        self.due: list[date] = due
        self.done_on: list[date | None] = done_on
        self.plan_document_id: list[int | None] = plan
        self.version: list[int] = version
        self._programme_ids: list[int | None] = programme
        self._municipality_ids: list[int | None] = mun
        #: A milestone's responsible person's id; a next action's participants (text).
        self._responsible: list[Any] = responsible
        #: Whether each row is a follow-up's next action (else a milestone).
        self.follows: list[bool] = follows
        self._names = names
        self._programmes: dict[Any, str | None] = {None: None, **names.programmes}
        self._persons: dict[Any, str | None] = {None: None, **names.persons}
        self._made: dict[str, list[Any]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def _column(self, name: str, make: Callable[[], list[Any]]) -> list[Any]:
        """A further column, made once (two threads asking at once may both make it; either
        result is the same)."""
        found = self._made.get(name)
        if found is None:
            found = self._made[name] = make()
        return found

    @property
    def keys(self) -> list[str]:
        return self._column("keys", lambda: [
            ("follow_up:%d" if f else "milestone:%d") % i
            for i, f in zip(self._ids, self.follows, strict=True)])

    @property
    def kind(self) -> list[str]:
        return self._column("kind", lambda: [
            "next_action" if f else "milestone" for f in self.follows])

    @property
    def id(self) -> list[int | None]:
        return self._column("id", lambda: [
            None if f else i for i, f in zip(self._ids, self.follows, strict=True)])

    @property
    def follow_up_id(self) -> list[int | None]:
        return self._column("follow_up_id", lambda: [
            i if f else None for i, f in zip(self._ids, self.follows, strict=True)])

    def _statuses(self) -> list[tuple[str, str]]:
        status = self._names.status
        by_due = {day: status(day, None) for day in set(self.due)}
        return [DONE if on is not None else by_due[day]
                for day, on in zip(self.due, self.done_on, strict=True)]

    @property
    def status(self) -> list[str]:
        return self._column("status", lambda: list(
            map(itemgetter(0), self._column("statuses", self._statuses))))

    @property
    def status_label(self) -> list[str]:
        return self._column("status_label", lambda: list(
            map(itemgetter(1), self._column("statuses", self._statuses))))

    @property
    def programme(self) -> list[str | None]:
        return self._column("programme", lambda: list(
            map(self._programmes.__getitem__, self._programme_ids)))

    def _municipality_of(self) -> list[int | None]:
        """Each row's municipality: its own, or else its plan document's."""
        via = self._names.plan_municipalities.get
        return self._column("municipality_of", lambda: [
            via(plan) if own is None else own
            for own, plan in zip(self._municipality_ids, self.plan_document_id, strict=True)])

    @property
    def municipality(self) -> list[str | None]:
        found = self._names.municipalities.get
        return self._column("municipality", lambda: [
            found(m, NO_MUNICIPALITY)[0] for m in self._municipality_of()])

    @property
    def municipality_name(self) -> list[str | None]:
        found = self._names.municipalities.get
        return self._column("municipality_name", lambda: [
            found(m, NO_MUNICIPALITY)[1] for m in self._municipality_of()])

    @property
    def responsible(self) -> list[str | None]:
        persons = self._persons
        return self._column("responsible", lambda: [
            who if f else persons[who]
            for who, f in zip(self._responsible, self.follows, strict=True)])

    def distinct(self, field: str) -> set[Any]:
        """The distinct values of a field's column, without making the column when it is a
        further one: from the distinct values under it (a million rows, a few thousand)."""
        if field in ("municipality", "municipality_name") and field not in self._made:
            at = 0 if field == "municipality" else 1
            plans = set(compress(self.plan_document_id,
                                 map(is_, self._municipality_ids, repeat(None))))
            via = self._names.plan_municipalities.get
            ids = (set(self._municipality_ids) - {None}) | {via(plan) for plan in plans}
            found = self._names.municipalities.get
            return {found(m, NO_MUNICIPALITY)[at] for m in ids}
        if field in ("status", "status_label") and field not in self._made:
            at = 0 if field == "status" else 1
            status = self._names.status
            undone = set(compress(self.due, map(is_, self.done_on, repeat(None))))
            done = not all(map(is_, self.done_on, repeat(None)))
            return {status(day, None)[at] for day in undone} | ({DONE[at]} if done else set())
        if field == "programme" and field not in self._made:
            return set(map(self._programmes.__getitem__, set(self._programme_ids)))
        return set(getattr(self, field))

    def position(self, follows: bool, id: int) -> int | None:
        """Where the milestone (or, `follows`, the follow-up's next action) with the id is,
        or None."""
        ids, kinds = self._ids, self.follows
        at = -1
        try:
            while True:
                at = ids.index(id, at + 1)
                if kinds[at] is follows:
                    return at
        except ValueError:
            return None

    def view(self, index: int) -> MilestoneView:
        """Row `index`'s view (what `list_milestones` returns at that position)."""
        names = self._names
        id, follows = self._ids[index], self.follows[index]
        due, done_on = self.due[index], self.done_on[index]
        plan = self.plan_document_id[index]
        own = self._municipality_ids[index]
        number, name = names.municipalities.get(
            names.plan_municipalities.get(plan) if own is None else own, NO_MUNICIPALITY)
        status, label = DONE if done_on is not None else names.status(due, None)
        who = self._responsible[index]
        return MilestoneView(
            key=("follow_up:%d" if follows else "milestone:%d") % id,
            kind="next_action" if follows else "milestone",
            id=None if follows else id, follow_up_id=id if follows else None,
            title=self.title[index], due=due, done_on=done_on, status=status,
            status_label=label, programme=self._programmes[self._programme_ids[index]],
            municipality=number, municipality_name=name, plan_document_id=plan,
            responsible=who if follows else self._persons[who], version=self.version[index])

    def views(self) -> list[MilestoneView]:
        """Every row's view, in order."""
        return list(map(MilestoneView, self.keys, self.kind, self.id, self.follow_up_id,
                        self.title, self.due, self.done_on, self.status, self.status_label,
                        self.programme, self.municipality, self.municipality_name,
                        self.plan_document_id, self.responsible, self.version))
