"""Load the demonstration data from seed/ through the use cases; loading twice changes nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from nettverk.demo.files import SEED_DIR, read_csv, read_toml, text_or_none, yes
from nettverk.services import organisations, persons, programmes, register
from nettverk.services.database import Database, one_transaction

Step = Callable[[Database, Path], Counter[str]]


def load(db: Database, seed_dir: Path = SEED_DIR) -> dict[str, int]:
    """Load every step's demo data that is not already there; returns what was added.

    All or nothing: every step runs in one database transaction (each use case's own commit
    only releases a savepoint inside it), so a load killed half-way leaves no part of the demo
    set behind, and the next run loads all of it.
    """
    from nettverk.demo import seed_agreements, seed_network

    steps: list[Step] = [load_register, seed_network.load, seed_agreements.load]
    total: Counter[str] = Counter()
    with one_transaction(db) as whole:
        for step in steps:
            total.update(step(whole, seed_dir))
    return dict(total)




def load_register(db: Database, seed_dir: Path) -> Counter[str]:
    """Counties, municipalities, organisations, people, programmes and participants."""
    added: Counter[str] = Counter()
    counties = {c.number for c in register.list_counties(db.uow())}
    for row in read_csv("counties.csv", seed_dir):
        if row["number"] not in counties:
            register.add_county(db.uow(), row["number"], row["name"])
            added["fylker"] += 1

    municipalities = {m.number for m in register.list_municipalities(db.uow())}
    for row in read_csv("municipalities.csv", seed_dir):
        if row["number"] in municipalities:
            continue
        register.add_municipality(
            db.uow(), number=row["number"], name=row["name"],
            sami_name=text_or_none(row["sami_name"]), kven_name=text_or_none(row["kven_name"]),
            county=row["county"], population=int(row["population"]),
            population_year=int(row["population_year"]),
            sami_administrative_area=yes(row["sami_administrative_area"]),
        )
        added["kommuner"] += 1

    org_names = {o.name for o in organisations.list_organisations(db.uow())}
    for row in read_csv("organisations.csv", seed_dir):
        if row["name"] in org_names:
            continue
        organisations.add_organisation(
            db.uow(), name=row["name"], kind=row["kind"], short_name=text_or_none(row["short_name"]),
            org_number=text_or_none(row["org_number"]), county=text_or_none(row["county"]),
        )
        added["organisasjoner"] += 1

    people = {p.email: p for p in persons.list_persons(db.uow())}
    for row in read_csv("people.csv", seed_dir):
        if row["email"] in people:
            continue
        person = persons.add_person(
            db.uow(), name=row["name"], title=text_or_none(row["title"]), email=row["email"],
            phone=text_or_none(row["phone"]), role=text_or_none(row["role"]),
            organisation=text_or_none(row["organisation"]),
            municipality=text_or_none(row["municipality"]),
        )
        people[row["email"]] = person
        added["personer"] += 1

    slugs = {p.slug for p in programmes.list_programmes(db.uow())}
    for spec in read_toml("programmes.toml", seed_dir)["programme"]:
        if spec["slug"] in slugs:
            continue
        programmes.add_programme(db.uow(), **spec)
        added["program"] += 1

    for row in read_csv("participants.csv", seed_dir):
        existing = {p.municipality for p in programmes.list_participants(db.uow(), row["programme"])}
        if row["municipality"] in existing:
            continue
        contact = people.get(row["contact_email"])
        programmes.add_participant(
            db.uow(), programme=row["programme"], municipality=row["municipality"],
            starts=date.fromisoformat(row["starts"]),
            contact_person_id=contact.id if contact else None,
        )
        added["deltakere"] += 1
    return added
