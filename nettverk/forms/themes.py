"""The theme calendar's forms (Det gode liv i nord): a theme per month."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.domain.agreements import MONTH_NAMES
from nettverk.domain.errors import DomainError
from nettverk.domain.values import parse_int
from nettverk.forms.fields import FormField, FormSpec, declared, integer, text

if TYPE_CHECKING:
    from nettverk.services.database import Database
    from nettverk.services.themes import ThemeView

MONTHS = tuple((f"{n:02d} {name}", str(n)) for n, name in MONTH_NAMES.items())


def theme_fields(editing: bool) -> list[FormField]:
    """The theme form."""
    return [
        FormField("programme", "Program", kind="reference", reference="programme", required=True,
                  read_only=editing),
        FormField("year", "År", kind="int", required=True),
        FormField("month", "Måned", kind="choice", required=True, choices=MONTHS),
        FormField("title", "Tema", required=True),
        FormField("description", "Beskrivelse"),
        FormField("goals", "Bærekraftsmål", hint="FNs mål 1–17 skilt med komma, f.eks. 2, 12"),
        FormField("links", "Lenker", hint="https://… skilt med mellomrom"),
    ]


def theme_values(t: ThemeView) -> dict[str, str]:
    """A theme as form text."""
    return {"programme": t.programme, "year": str(t.year), "month": str(t.month),
            "title": t.title, "description": t.description or "",
            "goals": ", ".join(map(str, t.goals)), "links": " ".join(t.links),
            "_version": str(t.version)}


def theme_changes(values: dict[str, str]) -> dict[str, object]:
    """Form text as the theme service's arguments; bad numbers name their field."""
    year = integer(values, "year")
    if year is None:
        raise DomainError("year", "må fylles ut (ÅÅÅÅ)")
    month = integer(values, "month")
    if month is None:
        raise DomainError("month", "velg en måned")
    goals = [parse_int("goals", part) for part in values.get("goals", "").replace(",", " ").split()]
    return {"year": year, "month": month, "title": text(values, "title") or "",
            "description": text(values, "description"), "goals": goals,
            "links": values.get("links", "").split()}


def _the_good_life(db: Database) -> dict[str, Any]:
    from nettverk.services.themes import PROGRAMME

    return {"programme": PROGRAMME}


@declared(_the_good_life)
def new_theme(programme: str | None) -> FormSpec:
    """Set a month's theme (in `programme`, unless another is chosen)."""
    from nettverk.services.themes import PROGRAMME

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.themes import add_theme

        changes = theme_changes(values)
        return add_theme(db.uow(), programme=values.get("programme") or PROGRAMME,
                         **changes)  # type: ignore[arg-type]

    return FormSpec("Nytt tema", theme_fields(False), save, {"programme": programme or ""})


def _a_theme(db: Database) -> dict[str, Any]:
    from nettverk.services.themes import list_themes

    return {"t": list_themes(db.uow(), None)[0]}


@declared(_a_theme)
def edit_theme(t: ThemeView) -> FormSpec:
    """Edit a theme (refused if someone else changed it meanwhile)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.themes import update_theme

        return update_theme(db.uow(), t.id, expected_version=int(values["_version"]),
                            **theme_changes(values))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.themes import get_theme

        return theme_values(get_theme(db.uow(), t.id))

    return FormSpec(f"Endre tema for {t.month_name} {t.year}", theme_fields(True),
                    save, theme_values(t), reload)
