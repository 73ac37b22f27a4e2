"""`nettverk ten-point list` reads with plain DB-API SQL (services.plain_ten_point), without
SQLAlchemy: byte for byte what the ordinary path prints, for every option and format, on both
databases; bad input refused the same way; the user's access checked the same way; neither
SQLAlchemy nor the mapped classes imported. The ordinary path (services.ten_point, the TUI's
10-punktsmodellen) runs the same statements on the unit of work's connection."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nettverk.domain.ten_point import TEN_POINT_LABELS, TEN_POINT_STATUS_LABELS, TenPointStepKind
from nettverk.domain.values import today_in_norway
from nettverk.services import programmes, ten_point, ten_point_views
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    access_checked_the_same_way,
    imports_no_sqlalchemy,
    printed_the_same_both_ways,
    refused_the_same_way,
)

SLUG = "mindre-kommuner-2020"
OPTIONS = [[], ["--programme", SLUG], ["--programme", "gode-lokalsamfunn"],
           ["--municipality", "1853"], ["--municipality", "1826"], ["--municipality", "5043"],
           ["--municipality", "1853", "--programme", "finnes-ikke"]]
REFUSED = [["--programme", "finnes-ikke"], ["--municipality", "9999"],
           ["--municipality", "9999", "--programme", "finnes-ikke"], ["--municipality", " "]]


def _seed(db: Database) -> None:
    """Steps recorded out of the model's order in two municipalities (one with a Sámi name,
    one that withdraws from the programme), with dates and notes."""
    today = today_in_norway()
    step = ten_point.set_step
    step(db.uow(), "1853", "8", status="in_progress", notes="Handlingsplan «utkast»; 50 %")
    step(db.uow(), "1853", "goal_analysis", status="done", on=today - timedelta(days=30))
    step(db.uow(), "1853", "Forankring", notes="=SUM(A1)")
    step(db.uow(), "1839", "10", status="done", on=today - timedelta(days=3))
    step(db.uow(), "1826", "2", status="in_progress")
    programmes.set_participation_status(db.uow(), SLUG, "1826", "withdrawn")


def test_the_words_are_the_domains() -> None:
    assert tuple(k.value for k in TenPointStepKind) == ten_point_views.STEP_CODES
    assert {k.value: v for k, v in TEN_POINT_LABELS.items()} == ten_point_views.STEP_LABELS
    assert {
        k.value: v for k, v in TEN_POINT_STATUS_LABELS.items()} == ten_point_views.STATUS_LABELS


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = printed_the_same_both_ways(
        db_url, [["ten-point", "list", *o, *f] for o in OPTIONS for f in FORMATS], monkeypatch)
    for text in ("Handlingsplan «utkast»; 50 %", "Evenes – Evenášši", "ikke startet", "pågår",
                 "ferdig", "Langsiktig utviklings- og kommunikasjonsarbeid", "'=SUM(A1)"):
        assert text in said, text


@BOTH_DATABASES
def test_a_withdrawn_participant_is_left_out(demo_db: Database) -> None:
    _seed(demo_db)
    steps = ten_point.list_steps(demo_db.uow(), programme=SLUG)
    assert "1826" not in {s.municipality for s in steps}
    assert {s.municipality for s in steps} >= {"1839", "1853"}
    evenes = [s for s in steps if s.municipality == "1853"]
    assert [s.number for s in evenes] == list(range(1, 11))
    assert [s.status for s in evenes][:2] == ["done", "not_started"]
    assert [s.municipality for s in ten_point.list_steps(demo_db.uow())] == [
        "1826", "1839", "1853", "1853", "1853"]


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    refused_the_same_way(db_url, [["ten-point", "list", *o] for o in REFUSED], monkeypatch)


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    unknown = ["ten-point", "list", "--municipality", "9999"]
    for user, allowed, _, plain in access_checked_the_same_way(
            demo_db, db_url, [["ten-point", "list"], unknown], monkeypatch, deactivated="partner",
            bad_input=[unknown]):
        assert ("har ikke tilgang" in plain.err) is not allowed, (user, plain.err)


@BOTH_DATABASES
def test_the_list_imports_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    _seed(demo_db)
    imports_no_sqlalchemy(db_url, [
        ["ten-point", "list"], ["ten-point", "list", "--format", "json"],
        ["ten-point", "list", "--programme", SLUG],
    ], {"nettverk.services.ten_point", "nettverk.services.register", "nettverk.domain.ten_point"})
