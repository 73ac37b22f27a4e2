"""The gatherings' forms: plan and edit a gathering, record attendance, invite the participants."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.forms import _examples
from nettverk.forms.fields import (
    FormField,
    FormSpec,
    declared,
    integer,
    moment,
    money,
    required_moment,
    show_moment,
    text,
    yes_no,
)

if TYPE_CHECKING:
    from nettverk.services.database import Database

MODES = {"physical": "fysisk", "video": "video", "hybrid": "hybrid"}
ATTENDANCE_FIELDS = [
    FormField("municipality", "Kommune", kind="reference", reference="municipality", required=True),
    FormField("registered", "Påmeldt", kind="bool"),
    FormField("attended", "Møtte", kind="bool"),
    FormField("persons", "Antall personer", kind="int"),
    FormField("travel_cost", "Reisekostnad", kind="money"),
    FormField("accommodation_cost", "Overnatting", kind="money"),
]


def gathering_fields(editing: bool) -> list[FormField]:
    """The gathering form."""
    return [
        FormField("programme", "Program", kind="reference", reference="programme", required=True,
                  read_only=editing),
        FormField("title", "Tittel", required=True),
        FormField("start", "Starter", kind="datetime", required=True, aliases=("starts_at",)),
        FormField("end", "Slutter", kind="datetime", required=True, aliases=("ends_at",)),
        FormField("mode", "Form", kind="choice", required=True,
                  choices=tuple((label, value) for value, label in MODES.items())),
        FormField("location", "Sted", hint="påkrevd for fysisk og hybrid"),
        FormField("video_url", "Videolenke", hint="https://…"),
        FormField("theme", "Tema"),
    ]


def gathering_values(g: Any) -> dict[str, str]:
    """A gathering as form text."""
    return {"programme": g.programme, "title": g.title, "start": show_moment(g.start),
            "end": show_moment(g.end), "mode": g.mode, "location": g.location or "",
            "video_url": g.video_url or "", "theme": g.theme or ""}


@declared(lambda db: {"programme": _examples.programmes(db)[-1][1]})
def new_gathering(programme: str | None) -> FormSpec:
    """Plan a gathering (in `programme`, unless another is chosen)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.gatherings import add_gathering

        return add_gathering(
            db.uow(), programme=values.get("programme", ""), title=text(values, "title") or "",
            starts_at=required_moment(values, "start"), ends_at=required_moment(values, "end"),
            mode=values.get("mode", ""), location=text(values, "location"),
            video_url=text(values, "video_url"), theme=text(values, "theme"))

    initial = {"programme": programme} if programme else {}
    return FormSpec("Ny samling", gathering_fields(False), save, initial)


def _a_gathering(db: Database) -> dict[str, Any]:
    from nettverk.services.gatherings import list_gatherings

    return {"g": list_gatherings(db.uow())[0]}


@declared(_a_gathering)
def edit_gathering(g: Any) -> FormSpec:
    """Edit a gathering (refused if someone else changed it meanwhile)."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.gatherings import update_gathering

        return update_gathering(
            db.uow(), g.id, expected_version=g.version, title=text(values, "title") or "",
            starts_at=moment(values, "start"), ends_at=moment(values, "end"),
            mode=values.get("mode", ""), location=text(values, "location"),
            video_url=text(values, "video_url"), theme=text(values, "theme"))

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.gatherings import get_gathering

        return gathering_values(get_gathering(db.uow(), g.id))

    return FormSpec(f"Endre {g.title}", gathering_fields(True), save,
                    gathering_values(g), reload)


@declared(_a_gathering)
def attendance(g: Any) -> FormSpec:
    """Record a municipality's attendance at a gathering; gives back the gathering."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.attendance import set_attendance

        set_attendance(
            db.uow(), g.id, text(values, "municipality") or "",
            registered=yes_no(values, "registered"), attended=yes_no(values, "attended"),
            persons=integer(values, "persons"), travel_cost=money(values, "travel_cost"),
            accommodation_cost=money(values, "accommodation_cost"))
        return g

    return FormSpec(f"Oppmøte: {g.title}", ATTENDANCE_FIELDS, save)


@declared(lambda db: {"gathering_id": _a_gathering(db)["g"].id})
def invite_participants(gathering_id: int) -> FormSpec:
    """Invite every participating municipality to a gathering (a form with nothing to fill in)."""

    def save(db: Database, _values: dict[str, str]) -> object:
        from nettverk.services.attendance import invite_participants
        from nettverk.services.gatherings import get_gathering

        invite_participants(db.uow(), gathering_id)
        return get_gathering(db.uow(), gathering_id)

    return FormSpec("Inviter alle deltakende kommuner?", [], save, save_label="Inviter",
                    done="Invitert.")
