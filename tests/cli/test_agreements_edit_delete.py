"""`agreement delete`, `agreement action update/delete`, `focus-area update/delete`, `theme delete`
and `feed revoke --expected-version`: refusals exit 2 naming the field and write nothing."""

from __future__ import annotations

from nettverk.persistence.engine import make_engine
from nettverk.services import agreements, focus_areas, themes
from nettverk.services.database import Database
from tests.support import CliResult, run_cli, snapshot


def refused(url: str, *args: str) -> CliResult:
    """Run a command that must be refused (exit 2, nothing written)."""
    engine = make_engine(url)
    try:
        before = snapshot(engine)
        result = run_cli(url, *args)
        assert snapshot(engine) == before, args
    finally:
        engine.dispose()
    assert result.code == 2, (args, result.out, result.err)
    assert result.out == ""
    return result


def _agreement_id(db: Database, number: str) -> int:
    return next(a.id for a in agreements.list_agreements(db.uow()) if a.municipality == number)


def test_agreement_delete(demo_db: Database, db_url: str) -> None:
    signed = _agreement_id(demo_db, "1804")
    offered = _agreement_id(demo_db, "1848")
    assert "«status»" in refused(db_url, "agreement", "delete", str(signed)).err
    assert "historikk" in refused(db_url, "agreement", "delete", str(signed)).err
    assert "«id»" in refused(db_url, "agreement", "delete", "tolv").err
    refused(db_url, "agreement", "delete", "999999")
    refused(db_url, "agreement", "delete", str(offered), "--expected-version", "99")
    ok = run_cli(db_url, "agreement", "delete", str(offered), "--format", "json")
    assert ok.code == 0, ok.err
    assert ok.json() == {"kind": "avtale", "id": offered, "label": "1848 Steigen", "deleted": True}
    listed = run_cli(db_url, "agreement", "list", "--format", "json").json()
    assert "1848" not in {a["municipality"] for a in listed}


def test_action_update_and_delete(demo_db: Database, db_url: str) -> None:
    bodo = _agreement_id(demo_db, "1804")
    added = run_cli(db_url, "agreement", "action", "add", "--agreement", str(bodo), "--title",
                    "Ungdomsråd", "--owner", "Kultur", "--due", "01.06.2026", "--format", "json")
    action = added.json()
    aid = str(action["id"])
    assert "«title»" in refused(db_url, "agreement", "action", "update", aid, "--title", " ").err
    assert "«due»" in refused(db_url, "agreement", "action", "update", aid, "--due", "31.02.2026").err
    assert "«focus_area»" in refused(db_url, "agreement", "action", "update", aid,
                                   "--focus-area", "trygghet").err
    assert "«status»" in refused(db_url, "agreement", "action", "update", aid, "--status", "x").err
    assert "endret av noen andre" in refused(
        db_url, "agreement", "action", "update", aid, "--owner", "Meg",
        "--expected-version", str(action["version"] + 1)).err
    ok = run_cli(db_url, "agreement", "action", "update", aid, "--title", "Ungdomsråd i Bodø",
                 "--focus-area", "tillit", "--owner", "", "--due", "", "--status", "done",
                 "--on", "2026-02-01", "--expected-version", str(action["version"]),
                 "--format", "json")
    assert ok.code == 0, ok.err
    changed = ok.json()
    assert (changed["title"], changed["focus_area"], changed["owner"], changed["due"],
            changed["status"], changed["done_on"]) == (
        "Ungdomsråd i Bodø", "tillit", None, None, "done", "2026-02-01")
    refused(db_url, "agreement", "action", "delete", "abc")
    gone = run_cli(db_url, "agreement", "action", "delete", aid, "--format", "json")
    assert gone.code == 0 and gone.json()["kind"] == "tiltak"
    listed = run_cli(db_url, "agreement", "action", "list", "--format", "json").json()
    assert action["id"] not in {x["id"] for x in listed}


def test_focus_area_update_and_delete(demo_db: Database, db_url: str) -> None:
    listed = run_cli(db_url, "focus-area", "list", "--format", "json").json()
    tillit = next(f for f in listed if f["code"] == "tillit")
    assert tillit["agreements"] == 3 and tillit["actions"] == 3
    assert "«new_code»" in refused(db_url, "focus-area", "update", "tillit",
                                 "--new-code", "trygghet").err
    assert "«code»" in refused(db_url, "focus-area", "update", "finnes-ikke", "--name", "X").err
    ok = run_cli(db_url, "focus-area", "update", "tillit", "--name", "Tillit og dialog",
                 "--expected-version", str(tillit["version"]), "--format", "json")
    assert ok.code == 0, ok.err
    assert ok.json()["name"] == "Tillit og dialog"
    err = refused(db_url, "focus-area", "delete", "tillit").err
    assert "«code»" in err and "kan ikke slettes" in err and "3 tiltak" in err
    focus_areas.add_focus_area(demo_db.uow(), "kultur", "Kultur")
    gone = run_cli(db_url, "focus-area", "delete", "kultur", "--format", "json")
    assert gone.code == 0, gone.err
    assert gone.json()["label"] == "kultur (Kultur)"


def test_theme_delete(demo_db: Database, db_url: str) -> None:
    theme = themes.list_themes(demo_db.uow())[0]
    assert "«id»" in refused(db_url, "theme", "delete", "mars").err
    refused(db_url, "theme", "delete", str(theme.id), "--expected-version", "7")
    ok = run_cli(db_url, "theme", "delete", str(theme.id), "--format", "json")
    assert ok.code == 0, ok.err
    assert ok.json()["label"] == f"januar 2024: {theme.title}"
    listed = run_cli(db_url, "theme", "list", "--format", "json").json()
    assert theme.id not in {t["id"] for t in listed}


def test_feed_revoke_with_expected_version(demo_db: Database, db_url: str) -> None:
    created = run_cli(db_url, "feed", "create", "--programme", "det-gode-liv", "--format", "json")
    feed = created.json()
    refused(db_url, "feed", "revoke", str(feed["id"]), "--expected-version", "5")
    ok = run_cli(db_url, "feed", "revoke", str(feed["id"]), "--expected-version",
                 str(feed["version"]), "--format", "json")
    assert ok.code == 0 and ok.json()["revoked_at"] is not None
