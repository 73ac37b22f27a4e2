"""A command starts without what it does not need: no Alembic for the schema check, no command
module but its own; and it behaves exactly as it did with every module imported."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from sqlalchemy import text

from nettverk import cli
from nettverk.cli import commands
from nettverk.cli.command_index import COMMANDS
from nettverk.persistence import schema
from nettverk.persistence.engine import make_engine
from nettverk.services.database import Database
from tests.support import run_cli

PROBE = """
import json, sys
from nettverk.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modules(*argv: str) -> tuple[int, set[str]]:
    """Run the CLI in a fresh interpreter; its exit code and every module it imported."""
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True,
                          timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return int(report["code"] or 0), set(report["modules"])


def test_the_command_index_matches_the_command_modules() -> None:
    seen: list[tuple[str, str | None, str]] = []

    class Record:
        def __init__(self, module: str) -> None:
            self.module = module

        def add_parser(self, name: str, **kwargs: Any) -> Any:
            seen.append((name, kwargs.get("help"), self.module))
            return cli._Sink()

    for module in commands.MODULES:
        module.add_parsers(Record(module.__name__.rsplit(".", 1)[1]))
    assert tuple(seen) == COMMANDS


def test_the_migration_files_name_every_revision_alembic_knows() -> None:
    assert schema.file_revisions() == schema.known_revisions()
    assert schema.HEAD_REVISION in schema.file_revisions()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                             marks=pytest.mark.postgres)])
def test_status_and_lists_never_import_alembic(demo_db: Database, db_url: str) -> None:
    for argv in (["status"], ["municipality", "list", "--format", "json"]):
        code, modules = _modules("--db", db_url, *argv)
        assert code == 0, argv
        assert not {m for m in modules if m.split(".")[0] == "alembic"}, argv
        # Only the command's own module is imported, not the other command modules.
        others = {f"nettverk.cli.{m}" for _, _, m in COMMANDS} - {
            f"nettverk.cli.{m}" for n, _, m in COMMANDS if n == argv[0]}
        assert not modules & others, argv
        if db_url.startswith("sqlite"):  # psycopg needs some of these itself
            # Standard modules slow to import that a plain read does not need (issue 17);
            # pathlib is not listed: the editable install's import hook imports it.
            assert not modules & {"shutil", "uuid", "platform", "bz2", "lzma"}, argv
            if argv == ["status"]:  # its text needs no table, CSV or JSON writer
                assert not modules & {"nettverk.cli.output", "csv"}, argv


def test_help_imports_no_command_module_and_no_database_library() -> None:
    code, modules = _modules("--help")
    assert code == 0
    assert not {m for m in modules if m.split(".")[0] in {"sqlalchemy", "alembic", "textual"}}
    assert not {f"nettverk.cli.{m}" for _, _, m in COMMANDS} & modules


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                             marks=pytest.mark.postgres)])
@pytest.mark.parametrize("argv", [
    ["status"], ["status", "--format", "json"], ["municipality", "list", "--format", "json"],
    ["municipality", "list", "--county", "99"], ["db", "current"], ["nosuchcommand"],
    ["municipality", "list", "--nosuchoption"], ["milestone", "list", "--limit", "3"],
], ids=" ".join)
def test_each_command_behaves_as_with_every_module_imported(
        demo_db: Database, db_url: str, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lazy = run_cli(db_url, *argv)
    full_parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda only=None: full_parser())
    full = run_cli(db_url, *argv)
    assert (lazy.code, lazy.out, lazy.err) == (full.code, full.out, full.err)
    assert lazy.out or lazy.err


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                             marks=pytest.mark.postgres)])
@pytest.mark.parametrize(("stamp", "words"), [
    ("0005", "eldre skjema"), ("9999", "nyere versjon"), (None, "ikke er fra nettverk")])
def test_a_schema_that_is_not_current_is_refused_without_alembic(
        db: Database, db_url: str, stamp: str | None, words: str) -> None:
    db.close()
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            if stamp is None:
                conn.execute(text("DROP TABLE alembic_version"))
            else:
                conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": stamp})
        code, modules = _modules("--db", db_url, "status")
        assert code == 2
        assert not {m for m in modules if m.split(".")[0] == "alembic"}
        result = run_cli(db_url, "status")
        assert result.code == 2 and words in result.err and "Traceback" not in result.err
    finally:
        with engine.begin() as conn:  # the database is shared by the tests that follow
            if stamp is None:
                conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) "
                                  "NOT NULL, CONSTRAINT alembic_version_pkc "
                                  "PRIMARY KEY (version_num))"))
                conn.execute(text("INSERT INTO alembic_version VALUES (:v)"),
                             {"v": schema.HEAD_REVISION})
            else:
                conn.execute(text("UPDATE alembic_version SET version_num = :v"),
                             {"v": schema.HEAD_REVISION})
        engine.dispose()
