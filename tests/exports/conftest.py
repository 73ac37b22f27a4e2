"""Fixtures for the export tests: a small network written straight through the domain models."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from nettverk.domain.agreements import Theme
from nettverk.domain.network import Attendance, Gathering, GatheringMode, GatheringStatus
from nettverk.domain.register import Municipality, Programme
from nettverk.domain.values import OSLO
from nettverk.services import programmes, register
from nettverk.services.database import Database


@dataclass
class Network:
    """What the fixture created: the programme slug and the gathering ids by key."""

    programme: str
    gatherings: dict[str, int]


def add_gathering(db: Database, programme: str, title: str, starts: datetime, ends: datetime,
                  mode: str = "physical", location: str | None = None,
                  video_url: str | None = None, agenda: str | None = None,
                  status: str = "planned") -> int:
    """A gathering written through the model (the network service is another area's)."""
    uow = db.uow()
    with uow:
        s = uow.session
        prog = s.scalar(select(Programme).where(Programme.slug == programme))
        g = Gathering(
            programme_id=prog.id, uid=f"{uuid.uuid4()}@nettverk", title=title, starts_at=starts,
            ends_at=ends, mode=GatheringMode(mode), location=location, video_url=video_url,
            agenda=agenda, status=GatheringStatus(status), revision=0,
        )
        s.add(g)
        uow.flush()
        gid = g.id
        uow.commit()
        return gid


def change_gathering(db: Database, gathering_id: int, **changes: object) -> None:
    """Change a gathering as the network service does: time/place/status raise the revision."""
    uow = db.uow()
    with uow:
        g = uow.session.get(Gathering, gathering_id)
        assert g is not None
        for key, value in changes.items():
            setattr(g, key, value)
        g.revision += 1
        uow.commit()


def add_attendance(db: Database, gathering_id: int, municipality: str, persons: int,
                   travel: str, accommodation: str, attended: bool = True) -> None:
    uow = db.uow()
    with uow:
        s = uow.session
        m = s.scalar(select(Municipality).where(Municipality.number == municipality))
        s.add(Attendance(gathering_id=gathering_id, municipality_id=m.id, attended=attended,
                         registered=True, persons=persons, travel_cost=Decimal(travel),
                         accommodation_cost=Decimal(accommodation)))
        uow.commit()


def add_theme(db: Database, programme: str, year: int, month: int, title: str,
              description: str | None = None) -> None:
    uow = db.uow()
    with uow:
        s = uow.session
        prog = s.scalar(select(Programme).where(Programme.slug == programme))
        s.add(Theme(programme_id=prog.id, year=year, month=month, title=title,
                    description=description, goals=[3, 11], links=["https://example.no/tema"]))
        uow.commit()


def oslo(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=OSLO)


@pytest.fixture
def network(db: Database) -> Network:
    """Two counties, three participants (with Sámi names), a learning network, gatherings."""
    uow = db.uow
    register.add_county(uow(), "18", "Nordland")
    register.add_county(uow(), "50", "Trøndelag")
    register.add_municipality(uow(), "1853", "Evenes", "18", 1350, sami_name="Evenášši",
                              population_year=2023)
    register.add_municipality(uow(), "5041", "Snåsa", "50", 2050, sami_name="Snåase",
                              population_year=2023)
    register.add_municipality(uow(), "5044", "Namsskogan", "50", 850, population_year=2023)
    register.add_municipality(uow(), "5045", "Røyrvik", "50", 450, sami_name="Raarvihke",
                              population_year=2023)
    programmes.add_programme(uow(), "mindre-kommuner", "Samfunnsutvikling i mindre kommuner",
                           "learning_network", date(2020, 1, 1), date(2023, 12, 31),
                           gatherings_per_year_min=2, physical_per_year=1)
    programmes.add_programme(uow(), "det-gode-liv", "Det gode liv i nord", "pilot",
                           date(2023, 3, 14), date(2025, 12, 31))
    for number in ("1853", "5041", "5044"):
        programmes.add_participant(uow(), "mindre-kommuner", number, date(2020, 1, 15))
    programmes.add_participant(uow(), "det-gode-liv", "5045", date(2023, 3, 14))
    ids = {
        "winter": add_gathering(
            db, "mindre-kommuner", "Oppstartssamling: Plan & Bygg <del 1>", oslo(2021, 1, 20, 9),
            oslo(2021, 1, 20, 15), mode="physical", location="Bodø, Thon Hotel; sal «Nord», 2. etg",
            agenda="09:00 Velkommen\n10:00 Planstrategi, samfunnsdel\\arealdel; innspill"),
        "summer": add_gathering(
            db, "mindre-kommuner", "Videosamling om innbyggerdialog", oslo(2021, 6, 15, 9),
            oslo(2021, 6, 15, 11, 30), mode="video", video_url="https://meet.example.no/abc?x=1,2",
            agenda="Erfaringer fra Evenášši og Snåase"),
        "held": add_gathering(
            db, "mindre-kommuner", "Høstsamling", oslo(2021, 10, 12, 10), oslo(2021, 10, 13, 14),
            mode="hybrid", location="Steinkjer", status="held"),
        "pilot": add_gathering(
            db, "det-gode-liv", "Samskaping i Røyrvik", oslo(2024, 2, 1, 12),
            oslo(2024, 2, 1, 15), location="Røyrvik"),
    }
    add_attendance(db, ids["held"], "1853", 2, "4500.50", "1800")
    add_attendance(db, ids["held"], "5041", 1, "1200", "0")
    add_attendance(db, ids["held"], "5044", 0, "0", "0", attended=False)
    add_theme(db, "det-gode-liv", 2024, 12, "Tilhørighet; fellesskap, og deg",
              "Hvordan skaper vi tilhørighet?\nSnakk sammen.")
    add_theme(db, "det-gode-liv", 2025, 1, "Trygghet")
    return Network("mindre-kommuner", ids)


@pytest.fixture
def rich(network: Network, db: Database) -> Network:
    """The network plus milestones, plans, follow-ups, capacity sessions, feedback, factors."""
    from nettverk.services import capacity, feedback, followups, milestones, plans
    from nettverk.services import success_factors as factors

    uow = db.uow
    p = network.programme
    milestones.add_milestone(uow(), "=Planstrategi vedtatt", date(2021, 3, 1), programme=p,
                             municipality="1853")
    done = milestones.add_milestone(uow(), "Samfunnsdel på høring", date(2021, 5, 1),
                                    programme=p, municipality="5041")
    milestones.mark_done(uow(), done.id, on=date(2021, 4, 20))
    milestones.add_milestone(uow(), "Sluttrapport", date(2023, 11, 1), programme=p)
    plans.add_plan_document(uow(), "1853", "plan_strategy", period_start=2020, period_end=2023,
                            stage="consultation", on=date(2020, 9, 1),
                            council_constituted_on=date(2019, 10, 15))
    plans.add_plan_document(uow(), "5041", "plan_strategy", period_start=2020, period_end=2023,
                            stage="adopted", on=date(2020, 6, 1),
                            council_constituted_on=date(2019, 10, 20))
    followups.add_follow_up(uow(), "1853", date(2021, 2, 1), "call",
                            "Snakket om <planprogram> & medvirkning", programme=p,
                            next_action="Sende mal", next_action_due=date(2021, 2, 15))
    for number, held_on, scores in (
        ("1853", date(2020, 2, 1), (2, 2, 3, 1, 2)),
        ("1853", date(2021, 11, 1), (4, 3, 3, 2, 3)),
        ("5041", date(2021, 3, 1), (3, 3, 4, 2, 2)),
    ):
        a = capacity.add_assessment(uow(), number, held_on, programme=p,
                                    facilitator="Kari Fjellheim")
        for component, score in zip(("leadership", "competence", "culture", "economy", "time"),
                                    scores, strict=True):
            capacity.set_consensus(uow(), a.id, component, score)
    held = network.gatherings["held"]
    feedback.add_feedback(uow(), held, 4, 5, municipality="1853", comment="Nyttig <3 & godt")
    feedback.add_feedback(uow(), held, 3, 4, municipality="5041")
    factors.set_status(uow(), p, "1853", 2021, "mobilisation", True, notes="Bred deltakelse")
    factors.set_status(uow(), p, "1853", 2021, "anchoring", False)
    return network
