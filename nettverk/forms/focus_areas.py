"""The focus areas' forms (innsatsområder): add and edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.forms.fields import FormField, FormSpec, declared, text

if TYPE_CHECKING:
    from nettverk.services.database import Database
    from nettverk.services.focus_areas import FocusAreaView

NEW_FIELDS = [
    FormField("code", "Kode", required=True, hint="små bokstaver, sifre og bindestrek, f.eks. kultur"),
    FormField("name", "Innsatsområde", required=True),
    FormField("description", "Beskrivelse"),
]
EDIT_FIELDS = [
    FormField("new_code", "Kode", required=True, aliases=("code",),
              hint="avtaler og tiltak følger med når koden endres"),
    FormField("name", "Innsatsområde", required=True),
    FormField("description", "Beskrivelse"),
]


def focus_area_values(f: FocusAreaView) -> dict[str, str]:
    """A focus area as form text."""
    return {"new_code": f.code, "name": f.name, "description": f.description or "",
            "_version": str(f.version)}


@declared(lambda db: {})
def new_focus_area(programme: str | None = None) -> FormSpec:
    """Add a focus area (to the partnership programme unless `programme` says otherwise); the
    command line's `focus-area add` is built from this declaration too."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.agreement_views import PROGRAMME
        from nettverk.services.focus_areas import add_focus_area

        return add_focus_area(db.uow(), values.get("code", ""), values.get("name", ""),
                              text(values, "description"), programme=programme or PROGRAMME)

    return FormSpec("Nytt innsatsområde", NEW_FIELDS, save)


def _a_focus_area(db: Database) -> dict[str, Any]:
    from nettverk.services.focus_areas import list_focus_areas

    return {"f": list_focus_areas(db.uow())[0]}


@declared(_a_focus_area)
def edit_focus_area(f: FocusAreaView) -> FormSpec:
    """Edit a focus area (refused if someone else changed it meanwhile)."""
    state = {"code": f.code}  # the code to look it up by, once this form has changed it

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.focus_areas import update_focus_area

        view = update_focus_area(
            db.uow(), state["code"], programme=f.programme,
            expected_version=int(values["_version"]), new_code=values.get("new_code", ""),
            name=values.get("name", ""), description=values.get("description", "").strip())
        state["code"] = view.code
        return view

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.focus_areas import list_focus_areas

        fresh = next(x for x in list_focus_areas(db.uow(), f.programme) if x.id == f.id)
        state["code"] = fresh.code
        return focus_area_values(fresh)

    return FormSpec(f"Endre innsatsområdet {f.name}", EDIT_FIELDS, save, focus_area_values(f),
                    reload)
