"""Demo data for the learning network (seed_data/network/), loaded through the use cases.

Idempotent: each record is recognised by its natural key (programme + title, programme +
municipality, …) and skipped when already there.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

from nettverk.demo.files import read_csv, read_toml, text_or_none, yes
from nettverk.domain.values import parse_datetime, today_in_norway
from nettverk.services import (
    applications,
    attendance,
    followups,
    gatherings,
    milestones,
    persons,
    plans,
)
from nettverk.services.database import Database


def load(db: Database, seed_dir: Path) -> Counter[str]:
    """Load this area's demo data that is not already there; returns what was added."""
    added: Counter[str] = Counter()
    added.update(_rounds_and_applications(db, seed_dir))
    added.update(_gatherings(db, seed_dir))
    documents, plan_added = _plans(db, seed_dir)
    added.update(plan_added)
    added.update(_milestones(db, seed_dir, documents))
    added.update(_followups(db, seed_dir))
    return added


def _opt_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _rounds_and_applications(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    rounds = {(r.programme, r.title) for r in applications.list_rounds(db.uow())}
    for spec in read_toml("network/rounds.toml", seed_dir)["round"]:
        if (spec["programme"], spec["title"]) in rounds:
            continue
        applications.add_round(db.uow(), spec["programme"], spec["title"], spec["opens"],
                               spec["deadline"], spec.get("description"))
        added["utlysninger"] += 1

    have = {(a.programme, a.municipality) for a in applications.list_applications(db.uow())}
    for row in read_csv("network/applications.csv", seed_dir):
        if (row["programme"], row["municipality"]) in have:
            continue
        app = applications.add_application(
            db.uow(), row["programme"], row["municipality"],
            received=date.fromisoformat(row["received"]),
            samfunnsdel_year=int(row["samfunnsdel_year"]) if row["samfunnsdel_year"] else None,
            progress_plan=text_or_none(row["progress_plan"]),
            has_statistics=yes(row["has_statistics"]) if row["has_statistics"] else None,
            personnel=text_or_none(row["personnel"]),
        )
        if row["interview_on"]:
            applications.move_to_interview(db.uow(), app.id, on=_opt_date(row["interview_on"]),
                                           reason="Samtale med kommunen")
        decision, on, reason = row["decision"], _opt_date(row["decided_on"]), row["reason"]
        if decision == "withdrawn":
            applications.withdraw(db.uow(), app.id, on=on, reason=text_or_none(reason))
        elif decision in ("accepted", "rejected"):
            applications.decide(db.uow(), app.id, accept=decision == "accepted",
                                reason=text_or_none(reason),
                                override=text_or_none(row["override"]), on=on)
        added["søknader"] += 1
    return added


def _gatherings(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    attended: dict[str, list[dict[str, str]]] = {}
    for row in read_csv("network/attendance.csv", seed_dir):
        attended.setdefault(row["gathering"], []).append(row)
    existing = {(g.programme, g.title, g.start): g for g in gatherings.list_gatherings(db.uow())}
    for row in read_csv("network/gatherings.csv", seed_dir):
        start = parse_datetime("start", row["start"])
        if (row["programme"], row["title"], start) in existing:
            continue
        g = gatherings.add_gathering(
            db.uow(), row["programme"], row["title"], start, parse_datetime("end", row["end"]),
            row["mode"], location=text_or_none(row["location"]),
            video_url=text_or_none(row["video_url"]), agenda=text_or_none(row["agenda"]),
            theme=text_or_none(row["theme"]),
        )
        added["samlinger"] += 1
        # Held and cancelled are dated by the gathering's own day, so reports for dates since
        # then see them (the demo has no record of when they were confirmed).
        if row["status"] == "cancelled":
            gatherings.cancel_gathering(db.uow(), g.id, on=min(g.start.date(), today_in_norway()))
            continue
        if row["status"] != "held":
            continue
        attendance.invite_participants(db.uow(), g.id, on=g.start.date())
        for a in attended.get(row["key"], []):
            attendance.set_attendance(
                db.uow(), g.id, a["municipality"], invited=True,
                registered=yes(a["registered"]), attended=yes(a["attended"]),
                persons=int(a["persons"]), travel_cost=Decimal(a["travel_cost"]),
                accommodation_cost=Decimal(a["accommodation_cost"]), on=g.start.date(),
            )
            added["oppmøter"] += 1
        gatherings.mark_held(db.uow(), g.id, on=g.start.date())
    return added


def _plans(db: Database, seed_dir: Path) -> tuple[dict[tuple[str, str, int | None], int],
                                                  Counter[str]]:
    added: Counter[str] = Counter()
    documents = {(d.municipality, d.kind, d.period_start): d.id
                 for d in plans.list_plan_documents(db.uow())}
    for row in read_csv("network/plans.csv", seed_dir):
        period_start = int(row["period_start"]) if row["period_start"] else None
        key = (row["municipality"], row["kind"], period_start)
        if key in documents:
            continue
        steps = [s.split(":", 1) for s in row["stages"].split(";") if s]
        first_stage, first_on = steps[0] if steps else ("not_started", "")
        doc = plans.add_plan_document(
            db.uow(), row["municipality"], row["kind"], period_start=period_start,
            period_end=int(row["period_end"]) if row["period_end"] else None,
            title=text_or_none(row["title"]), stage=first_stage, on=_opt_date(first_on),
            council_constituted_on=_opt_date(row["constituted"]),
            archive_ref=text_or_none(row["archive_ref"]),
        )
        for stage, on in steps[1:]:
            plans.set_stage(db.uow(), doc.id, stage, on=date.fromisoformat(on))
        documents[key] = doc.id
        added["plandokumenter"] += 1
    return documents, added


def _milestones(db: Database, seed_dir: Path,
                documents: dict[tuple[str, str, int | None], int]) -> Counter[str]:
    added: Counter[str] = Counter()
    people = {p.email: p.id for p in persons.list_persons(db.uow())}
    have = {(m.title, m.due) for m in milestones.list_milestones(
        db.uow(), include_next_actions=False)}
    for row in read_csv("network/milestones.csv", seed_dir):
        due = date.fromisoformat(row["due"])
        if (row["title"], due) in have:
            continue
        document = None
        if row["plan"]:
            kind, start = row["plan"].split(":")
            document = documents[(row["municipality"], kind, int(start))]
        m = milestones.add_milestone(
            db.uow(), row["title"], due, programme=text_or_none(row["programme"]),
            municipality=text_or_none(row["municipality"]), plan_document_id=document,
            responsible_id=people.get(row["responsible"]),
        )
        if row["done_on"]:
            milestones.mark_done(db.uow(), int(m.id or 0), on=date.fromisoformat(row["done_on"]))
        added["milepæler"] += 1
    return added


def _followups(db: Database, seed_dir: Path) -> Counter[str]:
    added: Counter[str] = Counter()
    have = {(f.municipality, f.on, f.summary) for f in followups.list_follow_ups(db.uow())}
    for row in read_csv("network/followups.csv", seed_dir):
        on = date.fromisoformat(row["on"])
        if (row["municipality"], on, row["summary"]) in have:
            continue
        f = followups.add_follow_up(
            db.uow(), row["municipality"], on, row["kind"], row["summary"],
            participants=text_or_none(row["participants"]),
            next_action=text_or_none(row["next_action"]),
            next_action_due=_opt_date(row["next_action_due"]),
            programme=text_or_none(row["programme"]), exempt_from_public=yes(row["exempt"]),
        )
        if row["next_action_done_on"]:
            followups.complete_next_action(db.uow(), f.id,
                                           on=date.fromisoformat(row["next_action_done_on"]))
        added["oppfølginger"] += 1
    return added
