"""What a reference field's picker chooses among, read through the services (in a worker)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nettverk.domain.folding import fold

if TYPE_CHECKING:
    from nettverk.services.database import Database


@dataclass(frozen=True)
class Choice:
    """One thing a picker can choose: the value the service takes, and what the user sees."""

    value: str
    label: str
    terms: str = ""  # further words it is found by (parallel names, short names …)
    #: The values of another reference this choice belongs to (a focus area: the agreements
    #: that chose it), for a field narrowed by that reference (`FormField.narrowed_by`); None:
    #: it belongs to all.
    within: frozenset[str] | None = None
    folded: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # folded once, when loaded; every key typed in the picker matches against this
        object.__setattr__(self, "folded", fold(f"{self.value} {self.label} {self.terms}"))


def _municipalities(db: Database) -> list[Choice]:
    from nettverk.services import register

    return [Choice(m.number, f"{m.number} {m.display_name}", m.kven_name or "")
            for m in register.list_municipalities(db.uow())]


def _persons(db: Database) -> list[Choice]:
    from nettverk.services import persons

    choices = []
    for p in persons.list_persons(db.uow()):
        where = p.municipality_name or p.organisation or ""
        choices.append(Choice(str(p.id), f"{p.name} ({where})" if where else p.name,
                              f"{p.title or ''} {p.email or ''} {p.municipality or ''}"))
    return choices


def _organisations(db: Database) -> list[Choice]:
    from nettverk.services import organisations

    # the name is the value (the services take a name or a short name; a record shows the name)
    return [Choice(o.name, o.name + (f" ({o.short_name})" if o.short_name else ""))
            for o in organisations.list_organisations(db.uow())]


def _programmes(db: Database) -> list[Choice]:
    from nettverk.services import programmes

    return [Choice(p.slug, f"{p.name} ({p.slug})") for p in programmes.list_programmes(db.uow())]


def _focus_areas(db: Database) -> list[Choice]:
    from nettverk.services import agreements, focus_areas

    chosen_by = [(str(a.id), set(a.focus_areas)) for a in agreements.list_agreements(db.uow())]
    return [Choice(f.code, f.name, f.description or "",
                   within=frozenset(aid for aid, codes in chosen_by if f.code in codes))
            for f in focus_areas.list_focus_areas(db.uow())]


def _rounds(db: Database) -> list[Choice]:
    from nettverk.services import applications

    return [Choice(str(r.id), f"{r.title} ({r.programme}, {r.opens:%d.%m.%Y}–{r.deadline:%d.%m.%Y})")
            for r in applications.list_rounds(db.uow())]


def _gatherings(db: Database) -> list[Choice]:
    from nettverk.services.gatherings import gathering_table
    from nettverk.services.network_common import local

    # The table's rows, not its views: a picker has no use for the warnings.
    newest_first = sorted(gathering_table(db.uow()).rows, key=lambda g: g.starts_at,
                          reverse=True)
    return [Choice(str(g.id), f"{local(g.starts_at):%d.%m.%Y} {g.title}", g.programme.slug)
            for g in newest_first]


def _agreements(db: Database) -> list[Choice]:
    from nettverk.services.agreements import list_agreements

    return [Choice(str(a.id), f"{a.municipality} {a.display_name} ({a.status_label.lower()})")
            for a in list_agreements(db.uow())]


#: Every kind of reference a form field can hold, and how its choices are read.
LOADERS: dict[str, Callable[[Database], list[Choice]]] = {
    "municipality": _municipalities,
    "person": _persons,
    "organisation": _organisations,
    "programme": _programmes,
    "focus_area": _focus_areas,
    "round": _rounds,
    "gathering": _gatherings,
    "agreement": _agreements,
}


def narrow(choices: list[Choice], to: str) -> list[Choice]:
    """The choices that belong to the narrowing field's value `to` (all while it is empty)."""
    if not to:
        return choices
    return [c for c in choices if c.within is None or to in c.within]


def load(db: Database, kind: str) -> list[Choice]:
    """The choices of one kind of reference (runs in a worker)."""
    return LOADERS[kind](db)
