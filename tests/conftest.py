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
from sqlalchemy import Engine, MetaData, delete

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


def clean(engine: Engine) -> None:
    """Delete every row of every table (the schema stays)."""
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        for table in reversed(meta.sorted_tables):
            if table.name != "alembic_version":
                conn.execute(delete(table))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this test run."""
    return str(request.param)


@pytest.fixture
def db_url(backend: str, _schema_urls: dict[str, str],
           tmp_path_factory: pytest.TempPathFactory, postgres_server: PostgresServer) -> str:
    """URL of a migrated, empty database on the backend (emptied after the test)."""
    if backend == "postgres":
        postgres_server.require()
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
    """The database with the demonstration data loaded."""
    from nettverk.demo import seed

    seed.load(db)
    return db
