"""The CLI contract's global, register and database parts, end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nettverk.services.database import Database
from tests.support import run_cli, snapshot


@pytest.fixture
def demo_url(demo_db: Database, db_url: str) -> str:
    return db_url


def test_init_demo_lists_all_41_nordland_municipalities(empty_url: str) -> None:
    assert run_cli(empty_url, "init", "--demo").code == 0
    result = run_cli(empty_url, "municipality", "list", "--county", "18", "--format", "json")
    assert result.code == 0, result.err
    rows = result.json()
    assert len(rows) == 41
    evenes = next(r for r in rows if r["number"] == "1853")
    assert evenes["name"] == "Evenes"
    assert evenes["sami_name"] == "Evenášši"
    assert evenes["county"] == "18"
    assert isinstance(evenes["population"], int)
    assert {r["sami_name"] for r in rows} >= {"Hábmer", "Aarborte", None}


def test_init_demo_again_changes_nothing(empty_url: str) -> None:
    from nettverk.persistence.engine import make_engine

    assert run_cli(empty_url, "init", "--demo").code == 0
    engine = make_engine(empty_url)
    try:
        before = snapshot(engine)
        again = run_cli(empty_url, "init", "--demo")
        assert again.code == 0
        assert "ingenting endret" in again.out
        assert snapshot(engine) == before
    finally:
        engine.dispose()


def test_add_returns_the_created_object_as_json(db_url: str, db: Database) -> None:
    from nettverk.services import register

    register.add_county(db.uow(), "18", "Nordland")
    result = run_cli(db_url, "municipality", "add", "--number", "1853", "--name", "Evenes",
                     "--county", "18", "--population", "1370", "--sami-name", "Evenášši",
                     "--org-number", "964982953", "--format", "json")
    assert result.code == 0, result.err
    created = result.json()
    assert created["number"] == "1853" and created["sami_name"] == "Evenášši"
    shown = run_cli(db_url, "municipality", "show", "1853", "--format", "json").json()
    assert shown["name"] == "Evenes"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--number", "185", "--name", "X", "--county", "18", "--population", "1"], "number"),
        (["--number", "1899", "--name", "X", "--county", "18", "--population", "-1"],
         "population"),
        (["--number", "1899", "--name", "X", "--county", "18", "--population", "mange"],
         "population"),
        (["--number", "1899", "--name", "X", "--county", "18", "--population", "1",
          "--org-number", "964982954"], "org_number"),
        (["--number", "1853", "--name", "X", "--county", "18", "--population", "1"], "number"),
        (["--number", "9999", "--name", "X", "--county", "99", "--population", "1"], "county"),
    ],
)
def test_bad_input_exit_2_names_the_field_and_writes_nothing(
    demo_url: str, demo_db: Database, args: list[str], field: str
) -> None:
    before = snapshot(demo_db.engine)
    result = run_cli(demo_url, "municipality", "add", *args, "--format", "json")
    assert result.code == 2
    assert f"«{field}»" in result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    assert snapshot(demo_db.engine) == before


def test_missing_required_option_is_a_usage_error_in_norwegian(demo_url: str) -> None:
    result = run_cli(demo_url, "municipality", "add", "--number", "1899")
    assert result.code == 2
    assert "mangler påkrevd argument" in result.err


def test_participant_add_and_list(demo_url: str) -> None:
    added = run_cli(demo_url, "participant", "add", "--programme", "gode-lokalsamfunn",
                    "--municipality", "1875", "--from", "01.06.2023", "--format", "json")
    assert added.code == 0, added.err
    listed = run_cli(demo_url, "participant", "list", "--programme", "gode-lokalsamfunn",
                     "--format", "json").json()
    assert listed == [{**listed[0], "municipality": "1875", "name": "Hamarøy", "county": "18",
                       "status": "active"}]
    assert listed[0]["starts"] == "2023-06-01"


def test_programme_list_has_the_three_demo_programmes(demo_url: str) -> None:
    rows = run_cli(demo_url, "programme", "list", "--format", "json").json()
    kinds = {r["slug"]: r["kind"] for r in rows}
    assert kinds == {"mindre-kommuner-2020": "learning_network",
                     "gode-lokalsamfunn": "partnership", "det-gode-liv": "pilot"}
    assert all({"slug", "name", "kind", "starts", "ends"} <= set(r) for r in rows)


def test_csv_output_guards_against_formulas(demo_url: str) -> None:
    run_cli(demo_url, "person", "add", "--name", "=HYPERLINK(\"x\")", "--format", "json")
    out = run_cli(demo_url, "person", "list", "--format", "csv").out
    assert "'=HYPERLINK" in out


def test_unknown_programme_is_exit_2(demo_url: str) -> None:
    result = run_cli(demo_url, "participant", "list", "--programme", "finnes-ikke")
    assert result.code == 2
    assert "«programme»" in result.err


def test_unreachable_database_is_a_short_message_not_a_traceback() -> None:
    result = run_cli("postgresql+psycopg://nobody@127.0.0.1:1/none", "county", "list")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "kan ikke bruke databasen" in result.err


def test_help_is_fast_and_imports_nothing_heavy() -> None:
    code = (
        "import sys, nettverk.cli as c\n"
        "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'pandas', 'reportlab', 'textual', 'alembic') "
        "if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_backup_and_restore_round_trip(demo_url: str, demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "kopi.backup"
    assert run_cli(demo_url, "db", "backup", str(target)).code == 0
    before = snapshot(demo_db.engine)
    assert run_cli(demo_url, "municipality", "update", "1853", "--population", "1").code == 0
    assert snapshot(demo_db.engine) != before
    restored = run_cli(demo_url, "db", "restore", str(target))
    assert restored.code == 0, restored.err
    assert snapshot(demo_db.engine) == before


def test_restore_refuses_a_file_that_is_not_a_backup(demo_url: str, tmp_path: Path) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_text("ikke en sikkerhetskopi")
    result = run_cli(demo_url, "db", "restore", str(junk))
    assert result.code == 2
    assert "sikkerhetskopi" in result.err
