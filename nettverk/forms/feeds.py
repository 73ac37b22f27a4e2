"""The calendar feeds' form: a secret subscription feed for a programme or a municipality."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nettverk.domain.errors import DomainError
from nettverk.forms.fields import FormField, FormSpec, declared, text, yes_no

if TYPE_CHECKING:
    from nettverk.services.database import Database


def feed_fields() -> list[FormField]:
    """The new-feed form: a programme or a municipality."""
    return [
        FormField("programme", "Program", kind="reference", reference="programme",
                  hint="velg et program eller skriv et kommunenummer"),
        FormField("municipality", "Kommune", kind="reference", reference="municipality",
                  hint="i stedet for program"),
        FormField("with_themes", "Med temakalenderen", kind="bool"),
        FormField("label", "Merkelapp", hint="hvem strømmen er til, for deg selv"),
        FormField("base_url", "Serveradresse", required=True,
                  hint="der `nettverk serve calendar` nås"),
    ]


@dataclass(frozen=True)
class NewFeed:
    """A created feed: its id, what it covers and its secret URL (shown once)."""

    id: int
    name: str
    url: str


@declared(lambda db: {})
def new_feed() -> FormSpec:
    """Create a feed; the form gives back its secret URL (a `NewFeed`)."""
    from nettverk.services.calendar import DEFAULT_PORT

    def save(db: Database, values: dict[str, str]) -> object:
        from nettverk.services.calendar import create_feed, feed_url

        base = text(values, "base_url")
        if base is None or not base.startswith(("http://", "https://")):
            raise DomainError("base_url", "må begynne med http:// eller https://")
        created = create_feed(db.uow(), programme=text(values, "programme"),
                              municipality=text(values, "municipality"),
                              with_themes=yes_no(values, "with_themes"),
                              label=text(values, "label"))
        return NewFeed(created.feed.id, created.feed.name, feed_url(base, created.token))

    initial = {"base_url": f"http://127.0.0.1:{DEFAULT_PORT}", "with_themes": "nei"}
    return FormSpec("Ny kalenderstrøm", feed_fields(), save, initial,
                    save_label="Opprett", done="")
