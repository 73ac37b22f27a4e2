"""The users' forms: who may use a shared database, in which role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nettverk.forms.fields import FormField, FormSpec, declared, text

if TYPE_CHECKING:
    from nettverk.services.database import Database

ROLES = (("leder (leader)", "leader"), ("partner", "partner"), ("leser (reader)", "reader"))

NEW_FIELDS = [
    FormField("username", "Brukernavn", required=True,
              hint="det samme som NETTVERK_USER eller brukeren i operativsystemet"),
    FormField("name", "Navn"),
    FormField("role", "Rolle", kind="choice", required=True, choices=ROLES),
]
EDIT_FIELDS = [
    FormField("username", "Brukernavn", read_only=True),
    FormField("name", "Navn"),
    FormField("role", "Rolle", kind="choice", required=True, choices=ROLES),
    FormField("active", "Tilgang", kind="choice", required=True,
              choices=(("har tilgang", "ja"), ("uten tilgang", "nei"))),
]


def _initial(u: Any) -> dict[str, str]:
    return {"username": u.username, "name": u.name or "", "role": u.role,
            "active": "ja" if u.active else "nei"}


@declared(lambda db: {})
def new_user() -> FormSpec:
    """Register a user."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.users import add_user

        return add_user(db.uow(), text(values, "username") or "", values.get("role", ""),
                        text(values, "name"))

    return FormSpec("Ny bruker", NEW_FIELDS, save)


def _a_user(db: Database) -> dict[str, Any]:
    from nettverk.services.users import add_user, list_users

    users = list_users(db.uow()) or [add_user(db.uow(), db.user, "leader", "Eksempel")]
    return {"u": users[0]}


@declared(_a_user)
def edit_user(u: Any) -> FormSpec:
    """Change a user's name, role or access."""

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.users import update_user

        return update_user(db.uow(), u.username, name=text(values, "name") or "",
                           role=values.get("role", ""), active=values.get("active") == "ja",
                           expected_version=u.version)

    def reload(db: Database) -> dict[str, str]:
        from nettverk.services.users import list_users

        current = next(x for x in list_users(db.uow()) if x.username == u.username)
        return _initial(current)

    return FormSpec(f"Endre brukeren «{u.username}»", EDIT_FIELDS, save, _initial(u), reload)
