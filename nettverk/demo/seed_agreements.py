"""Demo data for agreements, the theme calendar and the evaluation tools (seed_data/agreements/,
seed_data/evaluation/), loaded through the services; a second run adds nothing."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from nettverk.demo.files import read_csv, read_toml, text_or_none, yes
from nettverk.domain.evaluation import CapacityComponent, SuccessFactor
from nettverk.services import (
    agreement_actions,
    agreements,
    capacity,
    feedback,
    focus_areas,
    persons,
    priority,
    success_factors,
    themes,
)
from nettverk.services.database import Database

LEARNING_NETWORK = "mindre-kommuner-2020"

# Fictional respondents for the feedback on held gatherings (FIKTIVE PERSONER).
_RESPONDENTS = [
    ("1853", "Nils Ante Eira"), ("1839", "Marit Storvik"), ("1826", "Elle Kappfjell"),
    ("5041", "Gunhild Aune"), ("5043", "Sverre Limingen"), ("5020", "Randi Sætervik"),
]
_COMMENTS = [
    "Nyttig å høre hvordan de andre kommunene jobber med planstrategien.",
    None,
    "Mer tid til erfaringsdeling i grupper, takk.",
    "Godt opplegg, men lang reisevei.",
    None,
    "Konkrete verktøy vi kan ta i bruk med en gang.",
]


def load(db: Database, seed_dir: Path) -> Counter[str]:
    """Load this area's demo data that is not already there; returns what was added."""
    added: Counter[str] = Counter()
    added.update(_focus_areas(db, seed_dir))
    added.update(_agreements(db, seed_dir))
    added.update(_themes(db, seed_dir))
    added.update(_capacity(db, seed_dir))
    added.update(_priority(db, seed_dir))
    added.update(_feedback(db))
    added.update(_success_factors(db, seed_dir))
    return added


def _d(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _focus_areas(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    have = {f.code for f in focus_areas.list_focus_areas(db.uow())}
    for row in read_csv("agreements/focus_areas.csv", seed_dir):
        if row["code"] not in have:
            focus_areas.add_focus_area(db.uow(), row["code"], row["name"],
                                      text_or_none(row["description"]))
            added["innsatsområder"] += 1
    return added


def _agreements(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    people = {p.email: p.id for p in persons.list_persons(db.uow())}
    existing = {a.municipality: a for a in agreements.list_agreements(db.uow())}
    for row in read_csv("agreements/agreements.csv", seed_dir):
        if row["municipality"] in existing:
            continue
        view = agreements.add_agreement(
            db.uow(), row["municipality"], _d(row["offered_on"]),
            archive_ref=text_or_none(row["archive_ref"]),
            county_contact_id=people.get(row["county_contact_email"]),
            municipality_contact_id=people.get(row["municipality_contact_email"]),
            focus_areas=[c for c in row["focus_areas"].split(";") if c],
            notes=text_or_none(row["notes"]),
        )
        status, on = row["status"], _d(row["status_on"])
        if status in ("signed", "ended"):
            agreements.set_status(
                db.uow(), view.id, "signed", _d(row["signed_on"]),
                signed_on=_d(row["signed_on"]), starts=_d(row["starts"]), ends=_d(row["ends"]),
            )
        if status in ("under_consideration", "declined", "ended"):
            agreements.set_status(db.uow(), view.id, status, on)
        existing[row["municipality"]] = view
        added["avtaler"] += 1

    titles = {(a.agreement_id, a.title) for a in agreement_actions.list_actions(db.uow())}
    for row in read_csv("agreements/actions.csv", seed_dir):
        agreement_id = existing[row["municipality"]].id
        if (agreement_id, row["title"]) in titles:
            continue
        action = agreement_actions.add_action(
            db.uow(), agreement_id, row["title"], focus_area=text_or_none(row["focus_area"]),
            owner=text_or_none(row["owner"]), due=_d(row["due"]),
        )
        if row["status"] != "planned":
            agreement_actions.set_action_status(db.uow(), action.id, row["status"],
                                         on=_d(row["done_on"]))
        added["avtalte tiltak"] += 1
    return added


def _themes(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    have = {(t.year, t.month) for t in themes.list_themes(db.uow())}
    for row in read_csv("agreements/themes.csv", seed_dir):
        year, month = int(row["year"]), int(row["month"])
        if (year, month) in have:
            continue
        themes.add_theme(
            db.uow(), year, month, row["title"], description=text_or_none(row["description"]),
            goals=[int(g) for g in row["goals"].split(";") if g],
            links=[x for x in row["links"].split(";") if x],
        )
        added["temaer"] += 1
    return added


def _capacity(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    have = {(a.municipality, a.held_on) for a in capacity.list_assessments(db.uow())}
    new: dict[tuple[str, date], int] = {}
    for row in read_csv("evaluation/capacity_sessions.csv", seed_dir):
        held_on = date.fromisoformat(row["held_on"])
        key = (row["municipality"], held_on)
        if key in have:
            continue
        view = capacity.add_assessment(
            db.uow(), row["municipality"], held_on, programme=text_or_none(row["programme"]),
            facilitator=text_or_none(row["facilitator"]), notes=text_or_none(row["notes"]),
            consensus={c.value: int(row[c.value]) for c in CapacityComponent},
        )
        new[key] = view.id
        added["kapasitetsvurderinger"] += 1
    for row in read_csv("evaluation/capacity_scores.csv", seed_dir):
        assessment_id = new.get((row["municipality"], date.fromisoformat(row["held_on"])))
        if assessment_id is None:
            continue
        capacity.add_participant(
            db.uow(), assessment_id, row["participant"], text_or_none(row["role"]),
            scores={c.value: int(row[c.value]) for c in CapacityComponent},
        )
    for row in read_csv("evaluation/capacity_priorities.csv", seed_dir):
        assessment_id = new.get((row["municipality"], date.fromisoformat(row["held_on"])))
        if assessment_id is None:
            continue
        capacity.add_priority(db.uow(), assessment_id, row["description"],
                              component=text_or_none(row["component"]),
                              responsible=text_or_none(row["responsible"]))
    return added


def _priority(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    have = {(s.title, s.held_on) for s in priority.list_sessions(db.uow())}
    for spec in read_toml("evaluation/priority.toml", seed_dir)["session"]:
        if (spec["title"], spec["held_on"]) in have:
            continue
        session = priority.add_session(db.uow(), spec["title"], spec["held_on"],
                                       municipality=spec.get("municipality"),
                                       programme=spec.get("programme"))
        for factor in spec["factor"]:
            priority.add_factor(db.uow(), session.id, factor["name"])
            for who, importance, influence in factor["scores"]:
                priority.add_score(db.uow(), session.id, factor["name"], who, importance,
                                   influence)
            if "agreed" in factor:
                priority.set_placing(db.uow(), session.id, factor["name"], *factor["agreed"])
        added["prioriteringsøkter"] += 1
    return added


def _feedback(db: Database) -> Counter[str]:
    """Feedback from fictional respondents on the learning network's held gatherings."""
    from nettverk.services import gatherings

    added: Counter[str] = Counter()
    held = gatherings.list_gatherings(db.uow(), programme=LEARNING_NETWORK, status="held")
    answered = {f.gathering_id for f in feedback.list_feedback(db.uow(),
                                                               programme=LEARNING_NETWORK)}
    for i, g in enumerate(held):
        if g.id in answered:
            continue
        for j, (number, respondent) in enumerate(_RESPONDENTS[: 3 + i % 4]):
            overall = 3 + (i + j) % 3
            usefulness = 2 + (i * 2 + j) % 4
            feedback.add_feedback(
                db.uow(), g.id, overall, usefulness, respondent=respondent,
                municipality=number, comment=_COMMENTS[(i + j) % len(_COMMENTS)],
            )
            added["tilbakemeldinger"] += 1
    return added


def _success_factors(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    have = {(s.municipality, s.year, s.factor)
            for s in success_factors.list_status(db.uow(), LEARNING_NETWORK)}
    for row in read_csv("evaluation/success_factors.csv", seed_dir):
        year = int(row["year"])
        missing = {f.value: yes(row[f.value]) for f in SuccessFactor
                   if (row["municipality"], year, f.value) not in have}
        if not missing:
            continue
        note_factor = row["note_factor"]
        success_factors.set_year(
            db.uow(), LEARNING_NETWORK, row["municipality"], year, missing,
            {note_factor: text_or_none(row["notes"])} if note_factor in missing else None,
        )
        added["suksessfaktorer"] += len(missing)
    return added
