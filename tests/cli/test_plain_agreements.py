"""`nettverk agreement list`, `agreement action list`, `agreement meeting list`, `focus-area
list` and `theme list` read with plain DB-API SQL (services.plain_agreements), without
SQLAlchemy: byte for byte what the ordinary path prints, for every option and format, on both
databases; bad input refused the same way; the user's access checked the same way; neither
SQLAlchemy nor the mapped classes imported. (The ordinary path runs the same statements on the
unit of work's connection; tests/integration/test_agreement_list_rows.py checks their views
against the ORM objects'.)"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from nettverk.domain.values import OSLO, today_in_norway
from nettverk.services import agreement_actions, agreements, themes
from nettverk.services.database import Database
from tests.support import (
    BOTH_DATABASES,
    FORMATS,
    as_each_user,
    imports_no_sqlalchemy,
    printed_the_same_both_ways,
    refused_the_same_way,
    register_reader,
    same_both_ways,
)

# Agreement 1 is Bodø's, signed (demo data); agreement 6 is Evenes', with Sámi name.
LISTS = [
    ["agreement", "list"], ["agreement", "list", "--status", "signed"],
    ["agreement", "list", "--status", "offered", "--county", "50"],
    ["agreement", "list", "--county", "18"], ["agreement", "list", "--county", " 50 "],
    ["agreement", "list", "--limit", "3"], ["agreement", "list", "--limit", "4", "--offset", "2"],
    ["agreement", "list", "--offset", "9"], ["agreement", "list", "--limit", "0"],
    ["agreement", "list", "--programme", "det-gode-liv"],
    ["agreement", "action", "list"], ["agreement", "action", "list", "--overdue"],
    ["agreement", "action", "list", "--agreement", "6"],
    ["agreement", "action", "list", "--municipality", "1853"],
    ["agreement", "action", "list", "--status", "in_progress"],
    ["agreement", "action", "list", "--agreement", "1", "--status", "done", "--overdue"],
    ["agreement", "meeting", "list", "--agreement", "1"],
    ["agreement", "meeting", "list", "--agreement", "6"],
    ["focus-area", "list"], ["focus-area", "list", "--programme", "det-gode-liv"],
    ["theme", "list"], ["theme", "list", "--year", "2025"],
    ["theme", "list", "--programme", "gode-lokalsamfunn"],
    ["theme", "list", "--programme", "gode-lokalsamfunn", "--year", "2026"],
]
REFUSED = [
    ["agreement", "list", "--programme", "finnes-ikke"], ["agreement", "list", "--county", "99"],
    ["agreement", "list", "--programme", "finnes-ikke", "--county", "99"],
    ["agreement", "list", "--limit", "mange"], ["agreement", "list", "--offset", "1.5"],
    ["agreement", "list", "--status", "halvveis"], ["agreement", "list", "--county", ""],
    ["agreement", "list", "--county", "5"],
    ["agreement", "action", "list", "--agreement", "999"],
    ["agreement", "action", "list", "--agreement", "0"],
    ["agreement", "action", "list", "--agreement", "x"],
    ["agreement", "action", "list", "--municipality", "9999"],
    ["agreement", "action", "list", "--agreement", "999", "--municipality", "9999"],
    ["agreement", "meeting", "list", "--agreement", "999"],
    ["agreement", "meeting", "list", "--agreement", "-3"],
    ["focus-area", "list", "--programme", "finnes-ikke"],
    ["theme", "list", "--programme", "finnes-ikke"], ["theme", "list", "--year", "1800"],
    ["theme", "list", "--year", "neste"],
    ["theme", "list", "--programme", "finnes-ikke", "--year", "1800"],
]


def _seed(db: Database) -> None:
    """Beyond the demonstration data: an offered agreement in another county, exempt from
    public access, with text a spreadsheet would run; actions without a due date, overdue and
    in progress, cancelled; a meeting with Bodø; themes without goals or links in a second
    programme."""
    today = today_in_norway()
    offered = agreements.add_agreement(
        db.uow(), "5043", today - timedelta(days=3), archive_ref="=SUM(A1)",
        focus_areas=["tillit", "tilhorighet"], notes="Notat «viktig»", exempt_from_public=True,
        county_contact_id=3, municipality_contact_id=9)
    agreement_actions.add_action(db.uow(), offered.id, "Uten frist", focus_area="tillit")
    late = agreement_actions.add_action(db.uow(), 6, "På overtid", owner="Ordfører",
                                 due=today - timedelta(days=2))
    agreement_actions.set_action_status(db.uow(), late.id, "in_progress")
    dropped = agreement_actions.add_action(db.uow(), 6, "Avlyst tiltak", due=today)
    agreement_actions.set_action_status(db.uow(), dropped.id, "cancelled")
    start = datetime.combine(today + timedelta(days=20), datetime.min.time(), OSLO).replace(
        hour=10)
    agreements.add_yearly_meeting(db.uow(), 1, start, start + timedelta(hours=2), "hybrid",
                                  location="Bodø rådhus", video_url="https://example.no/m")
    themes.add_theme(db.uow(), 2026, 3, "Tema uten mål", programme="gode-lokalsamfunn")
    themes.add_theme(db.uow(), 2026, 1, "Med lenker", goals=[17, 3],
                     links=["https://example.no/a", "https://example.no/b"],
                     programme="gode-lokalsamfunn", description="Beskrivelse")


@BOTH_DATABASES
def test_every_option_prints_the_same_both_ways(demo_db: Database, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(demo_db)
    said = printed_the_same_both_ways(db_url, [[*o, *f] for o in LISTS for f in FORMATS],
                                      monkeypatch)
    for text in ("Røyrvik", "Evenes – Evenášši", "'=SUM(A1)", "Uten frist", "Pågår", "Avlyst",
                 "Årlig partnerskapsmøte", "Tema uten mål", "17 Samarbeid for å nå målene",
                 "https://example.no/b", "Tillit", "Ingrid Moe", "Notat «viktig»",
                 "Til vurdering", "Avsluttet/utløpt"):
        assert text in said, text


@BOTH_DATABASES
def test_bad_input_is_refused_the_same_way(demo_db: Database, db_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for argv, plain, _ in refused_the_same_way(db_url, REFUSED, monkeypatch):
        assert plain.err and not plain.out, (argv, plain.err)


@BOTH_DATABASES
def test_a_negative_page_is_left_to_the_ordinary_path(demo_db: Database, db_url: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite reads a negative limit as none and a negative offset as 0; PostgreSQL refuses
    them, in the words of SQLAlchemy's error: the ordinary path answers either way."""
    for options in (["--limit", "-1"], ["--offset", "-1"], ["--limit", "2", "--offset", "-3"]):
        argv = ["agreement", "list", *options]
        plain, taken = same_both_ways(db_url, argv, monkeypatch)
        assert not taken and plain.code == (0 if db_url.startswith("sqlite") else 1), argv


@BOTH_DATABASES
def test_pages_are_parts_of_the_whole_list(demo_db: Database, db_url: str) -> None:
    from nettverk.services.plain_agreements import list_actions, list_agreements

    _seed(demo_db)
    with demo_db.uow() as uow:
        reader = uow.plain_reader()
        whole = list_agreements(reader)
        for limit, offset in ((3, 0), (3, 2), (None, 4), (100, 1), (0, 0)):
            end = None if limit is None else offset + limit
            assert list_agreements(reader, limit=limit, offset=offset) == whole[offset:end]
        actions = list_actions(reader, today=date(2026, 1, 1))
        assert list_actions(reader, today=date(2026, 1, 1), limit=4, offset=3) == actions[3:7]
        assert actions[-1].due is None  # those without a due date last


@BOTH_DATABASES
def test_a_user_without_access_is_refused_the_same_way(demo_db: Database, db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    argvs = [["agreement", "list"], ["agreement", "action", "list"],
             ["agreement", "meeting", "list", "--agreement", "1"],
             ["focus-area", "list"], ["theme", "list"],
             # bad input and no access: the ordinary path's order decides
             ["agreement", "list", "--limit", "x"], ["theme", "list", "--year", "x"],
             ["agreement", "list", "--programme", "finnes-ikke"]]
    for user, allowed, argv, plain in as_each_user(db_url, register_reader(demo_db), argvs,
                                                   monkeypatch):
        if argv[-1] not in ("x", "finnes-ikke"):
            assert (plain.code == 0) is allowed, (user, argv, plain.err)


@BOTH_DATABASES
def test_the_lists_import_no_sqlalchemy(demo_db: Database, db_url: str) -> None:
    imports_no_sqlalchemy(db_url, [
        ["agreement", "list"], ["agreement", "list", "--format", "json", "--limit", "2"],
        ["agreement", "action", "list", "--overdue", "--format", "csv"],
        ["agreement", "meeting", "list", "--agreement", "1"],
        ["focus-area", "list"], ["theme", "list", "--year", "2024"],
    ], {"nettverk.services.agreements", "nettverk.services.focus_areas",
        "nettverk.services.agreement_actions", "nettverk.services.themes",
        "nettverk.services.register"})
