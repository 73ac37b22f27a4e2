"""Fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL: NETTVERK_TEST_POSTGRES_URL (default postgres@127.0.0.1:5432). Each test session
creates its own database and drops it at the end. Without a server the PostgreSQL tests are
skipped with the reason shown, except under CI (CI=true), where that fails the run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, delete, update

from nettverk.persistence.audit_chain import GENESIS
from nettverk.persistence.engine import make_engine
from nettverk.services.database import Database, connect

ADMIN_URL = os.environ.get(
    "NETTVERK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class PostgresServer:
    """Creates and drops scratch databases on the test server."""

    def __init__(self) -> None:
        self.admin = make_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []
        self.error: str | None = None
        try:
            with self.admin.connect():
                pass
        except Exception as exc:
            self.error = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)

    def require(self) -> None:
        """Skip (or, under CI, fail) when the server cannot be reached."""
        if self.error is None:
            return
        message = f"PostgreSQL er ikke tilgjengelig på {ADMIN_URL}: {self.error}"
        if IN_CI:
            pytest.fail(message + " (CI=true krever PostgreSQL)")
        pytest.skip(message)

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        from sqlalchemy import text

        self.require()
        name = f"nettverk_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return self.admin.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        """Drop every database this session created."""
        from sqlalchemy import text

        if self.error is not None:
            return
        with self.admin.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def _own_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's own data and config folders (XDG_*): nothing a test does (a backup before
    an upgrade, a default database, a letter's copy) lands in the user's ~/.local/share or
    ~/.config. A test that names its own folder still does (monkeypatch.setenv)."""
    home = tmp_path_factory.mktemp("user-folders")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        yield


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL test server (databases created on demand, dropped at the end)."""
    server = PostgresServer()
    yield server
    server.drop_all()


@pytest.fixture
def empty_url(request: pytest.FixtureRequest, tmp_path: Path,
              postgres_server: PostgresServer) -> str:
    """The URL of a brand-new, empty database on the requested backend (param: backend)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres":
        return postgres_server.create_database()
    return f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture(scope="session")
def _schema_urls(tmp_path_factory: pytest.TempPathFactory,
                 postgres_server: PostgresServer) -> dict[str, str]:
    """One migrated database per backend for the whole session (cleaned between tests)."""
    return {}


def _url_for(backend: str, urls: dict[str, str], tmp_path_factory: pytest.TempPathFactory,
             server: PostgresServer) -> str:
    if backend not in urls:
        if backend == "postgres":
            url = server.create_database()
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        connect(url, "test").close()  # creates the schema through the migrations
        urls[backend] = url
    return urls[backend]


_REFLECTED: dict[str, MetaData] = {}


def reflected(engine: Engine) -> MetaData:
    """The tables of the database (reflected once per URL; tests never change the schema)."""
    key = engine.url.render_as_string(hide_password=False)
    if key not in _REFLECTED:
        meta = MetaData()
        meta.reflect(engine)
        _REFLECTED[key] = meta
    return _REFLECTED[key]


def clean(engine: Engine) -> None:
    """Delete every row of every table (the schema stays)."""
    meta = reflected(engine)
    with engine.begin() as conn:
        # The audit log is append-only: the chain's head unlocks it for the cleaning and is
        # then reset to an empty chain.
        conn.execute(update(meta.tables["audit_chain"]).values(unlocked=True))
        for table in reversed(meta.sorted_tables):
            if table.name not in ("alembic_version", "audit_chain"):
                conn.execute(delete(table))
        conn.execute(update(meta.tables["audit_chain"]).values(
            last_id=None, last_hash=GENESIS, unlocked=False))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this test run."""
    return str(request.param)


@pytest.fixture(scope="session")
def _demo_templates() -> dict[str, str]:
    """One database per backend with the demo data, built once and cloned for each test."""
    return {}


def _demo_template(backend: str, templates: dict[str, str],
                   tmp_path_factory: pytest.TempPathFactory, server: PostgresServer) -> str:
    if backend not in templates:
        from nettverk.demo import seed

        if backend == "postgres":
            url = server.create_database()
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo-template.db'}"
        database = connect(url, "demo")
        try:
            seed.load(database)
        finally:
            database.close()
        templates[backend] = url
    return templates[backend]


def _clone(backend: str, template_url: str, tmp_path: Path, target_url: str) -> str:
    """Make the target database a copy of the template's rows (schema is already there)."""
    import sqlite3

    from sqlalchemy.engine import make_url

    if backend == "sqlite":
        target_path = tmp_path / "demo.db"
        with sqlite3.connect(make_url(template_url).database) as source, \
                sqlite3.connect(target_path) as target:
            source.backup(target)
        return f"sqlite:///{target_path}"
    # PostgreSQL: CREATE DATABASE … TEMPLATE forces a checkpoint (seconds); copying the few
    # thousand demo rows into the session's cleaned database takes a fraction of that.
    rows = _template_rows(template_url)
    engine = make_engine(target_url)
    try:
        clean(engine)
        meta = reflected(engine)
        with engine.begin() as conn:
            for table in meta.sorted_tables:
                if table.name == "audit_chain":
                    conn.execute(update(table).values(rows[table.name][0]))
                elif table.name != "alembic_version" and rows.get(table.name):
                    conn.execute(table.insert(), rows[table.name])
            for table in meta.sorted_tables:
                if "id" in table.c and rows.get(table.name):
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
    finally:
        engine.dispose()
    return target_url


_TEMPLATE_ROWS: dict[str, dict[str, list[dict[str, object]]]] = {}


def _template_rows(template_url: str) -> dict[str, list[dict[str, object]]]:
    if template_url not in _TEMPLATE_ROWS:
        engine = make_engine(template_url)
        try:
            meta = MetaData()
            meta.reflect(engine)
            with engine.connect() as conn:
                _TEMPLATE_ROWS[template_url] = {
                    t.name: [dict(r._mapping) for r in conn.execute(t.select())]
                    for t in meta.sorted_tables
                }
        finally:
            engine.dispose()
    return _TEMPLATE_ROWS[template_url]


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, _schema_urls: dict[str, str],
           _demo_templates: dict[str, str], tmp_path: Path,
           tmp_path_factory: pytest.TempPathFactory,
           postgres_server: PostgresServer) -> Iterator[str]:
    """URL of a migrated database on the backend: empty, or a fresh copy of the demo data when
    the test also asks for `demo_db` (cloned from a template built once per session)."""
    if backend == "postgres":
        postgres_server.require()
    if "demo_db" in request.fixturenames:
        template = _demo_template(backend, _demo_templates, tmp_path_factory, postgres_server)
        target = _url_for(backend, _schema_urls, tmp_path_factory, postgres_server)
        url = _clone(backend, template, tmp_path, target)
        yield url
        if backend == "postgres":
            engine = make_engine(url)
            try:
                clean(engine)
            finally:
                engine.dispose()
        return
    url = _url_for(backend, _schema_urls, tmp_path_factory, postgres_server)
    yield url
    engine = make_engine(url)
    try:
        clean(engine)
    finally:
        engine.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An open, migrated, empty database on each backend."""
    database = connect(db_url, "testbruker")
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The database with the demonstration data loaded (a fresh copy for each test)."""
    return db
