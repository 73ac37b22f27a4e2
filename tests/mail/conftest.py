"""A small network with contact persons and partners, and the SMTP settings for loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from nettverk.domain.values import OSLO, today_in_norway
from nettverk.services import gatherings, organisations, persons, programmes, register
from nettverk.services.database import Database
from tests.mail.smtp_server import Received, smtp_server

PROG = "mindre-kommuner-2026"
ANNE = "anne.maret@evenes.kommune.no"
BJORN = "bjorn@beiarn.kommune.no"
PARTNER = "kari@distriktssenteret.no"
LEADER = "leder@nfk.no"


def build(db: Database) -> Database:
    """Three municipalities in the network (one contact without e-mail), one partner body."""
    register.add_county(db.uow(), "18", "Nordland")
    register.add_county(db.uow(), "50", "Trøndelag")
    register.add_municipality(db.uow(), "1853", "Evenes", "18", 1370, sami_name="Evenášši",
                              population_year=2020)
    register.add_municipality(db.uow(), "1839", "Beiarn", "18", 1030, population_year=2020)
    register.add_municipality(db.uow(), "5020", "Osen", "50", 960, population_year=2020)
    organisations.add_organisation(db.uow(), "Distriktssenteret", "other")
    anne = persons.add_person(db.uow(), "Ánne Máret Sárá", email=ANNE, municipality="1853")
    bjorn = persons.add_person(db.uow(), "Bjørn Øye", email=BJORN, municipality="1839")
    osen = persons.add_person(db.uow(), "Ola Uten E-post", municipality="5020")
    persons.add_person(db.uow(), "Kari Nordmann", email=PARTNER, organisation="Distriktssenteret")
    persons.add_person(db.uow(), "Per Partner", organisation="Distriktssenteret")
    today = today_in_norway()
    programmes.add_programme(db.uow(), PROG, "Samfunnsutvikling i mindre kommuner",
                           "learning_network", today - timedelta(days=30),
                           today + timedelta(days=900), partners=["Distriktssenteret"])
    programmes.add_participant(db.uow(), PROG, "1853", contact_person_id=anne.id)
    programmes.add_participant(db.uow(), PROG, "1839", contact_person_id=bjorn.id)
    programmes.add_participant(db.uow(), PROG, "5020", contact_person_id=osen.id)
    return db


def add_gathering(db: Database, days: int = 30) -> int:
    """A physical gathering `days` from now, with an agenda in Norwegian and Sámi."""
    start = (datetime.now(OSLO) + timedelta(days=days)).replace(hour=9, minute=0, second=0,
                                                                microsecond=0)
    g = gatherings.add_gathering(
        db.uow(), PROG, "Samling i Evenášši: planstrategi", start, start + timedelta(hours=6),
        "hybrid", location="Evenes rådhus, Bogen", video_url="https://meet.example.no/evenes",
        agenda="09:00 Velkommen – Buorre boahtin\n10:00 Planstrategi; samfunnsdelen\n"
               "14:00 Oppsummering, vei videre")
    return g.id


@pytest.fixture
def network(db: Database) -> Database:
    return build(db)


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Received]:
    """A loopback SMTP server and the NETTVERK_SMTP_* settings that point at it."""
    with smtp_server() as (port, received):
        monkeypatch.setenv("NETTVERK_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("NETTVERK_SMTP_PORT", str(port))
        monkeypatch.setenv("NETTVERK_SMTP_SECURITY", "none")
        monkeypatch.setenv("NETTVERK_SMTP_FROM", LEADER)
        monkeypatch.setenv("NETTVERK_SMTP_FROM_NAME", "Siri Søreng, Nordland fylkeskommune")
        monkeypatch.setenv("NETTVERK_USER", "siri")
        monkeypatch.delenv("NETTVERK_SMTP_USER", raising=False)
        monkeypatch.delenv("NETTVERK_SMTP_PASSWORD", raising=False)
        yield received
