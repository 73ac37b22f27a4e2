"""Bad database input through the real command line: mistyped paths, bad URLs, closed pipes.

Only `init` creates a database file; a mistyped SQLite path is refused (exit 2, a Norwegian
message, no file made). Output cut short by the reader (`| head -1`) ends quietly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = [
    ["municipality", "list"],
    ["status"],
    ["db", "current"],
    ["db", "upgrade"],
    ["db", "backup", "kopi.sqlite"],
    ["user", "whoami"],
    [],  # the terminal UI (prints an overview when stdout is not a terminal)
]


def nettverk(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETTVERK_")}
    env["HOME"] = str(cwd)  # the default database, if anything wrongly falls back to it
    return subprocess.run([sys.executable, "-m", "nettverk", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, input=stdin)


def files_under(path: Path) -> set[Path]:
    return {p for p in path.rglob("*")}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "app")
def test_a_missing_directory_is_refused_and_nothing_created(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    result = nettverk("--db", f"sqlite:///{missing / 'x.db'}", *command, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"mappen {missing} finnes ikke" in result.stderr
    assert "Traceback" not in result.stderr and "uventet" not in result.stderr
    assert not (tmp_path / "no").exists()
    assert files_under(tmp_path) == set()


def test_init_does_not_create_a_mistyped_directory(tmp_path: Path) -> None:
    result = nettverk("--db", f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}", "init", cwd=tmp_path)
    assert result.returncode == 2
    assert "finnes ikke" in result.stderr
    assert files_under(tmp_path) == set()


def test_a_new_file_in_an_existing_directory_becomes_a_new_database(tmp_path: Path) -> None:
    """The contract: a new, empty database is created at the newest schema by any command."""
    path = tmp_path / "ny-database.db"
    result = nettverk("--db", f"sqlite:///{path}", "county", "list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert path.is_file()


def test_init_creates_the_file_and_then_every_command_opens_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ny.db'}"
    created = nettverk("--db", url, "init", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "ny.db").is_file()
    listed = nettverk("--db", url, "county", "list", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip().startswith("[")


@pytest.mark.parametrize("url", [
    "foo://",
    "foo://bruker@vert/db",
    "nettverk.db",
    "sqlite://",
    "sqlite+pysqlcipher:///x.db",
    "postgresql+asyncpg://postgres@127.0.0.1/x",
    "mysql://root@localhost/nettverk",
    "://",
])
def test_bad_urls_exit_2_with_a_message(tmp_path: Path, url: str) -> None:
    for command in (["county", "list"], ["init"]):
        result = nettverk("--db", url, *command, cwd=tmp_path)
        assert result.returncode == 2, (url, command, result.stderr)
        assert result.stderr.startswith("nettverk: feil i «db»:"), result.stderr
        assert "sqlite:///" in result.stderr, "the message shows what a good URL looks like"
        assert "Traceback" not in result.stderr and "uventet" not in result.stderr
    assert files_under(tmp_path) == set()


def test_bad_url_in_the_environment_is_refused_too(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETTVERK_")}
    env.update(HOME=str(tmp_path), NETTVERK_DATABASE_URL=f"sqlite:///{tmp_path / 'mangler' / 'x.db'}")
    result = subprocess.run([sys.executable, "-m", "nettverk", "status"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "finnes ikke" in result.stderr
    assert files_under(tmp_path) == set()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("pipe") / "demo.db"
    made = nettverk("--db", f"sqlite:///{path}", "init", "--demo", cwd=path.parent)
    assert made.returncode == 0, made.stderr
    return f"sqlite:///{path}"


@pytest.mark.parametrize("command", [
    "municipality list",
    "municipality list --format json",
    "municipality list --format csv",
    "--help",
    "export ics --programme mindre-kommuner-2020 -o -",
])
def test_output_into_a_closed_pipe_ends_quietly(demo_url: str, tmp_path: Path, command: str) -> None:
    """`nettverk … | head -1`: the first line arrives, then exit 0 and nothing on stderr."""
    python = f"{sys.executable} -m nettverk"
    pipeline = f"set -o pipefail; {python} --db '{demo_url}' {command} | head -1"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETTVERK_")}
    result = subprocess.run(["bash", "-c", pipeline], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1 and result.stdout.strip()

    # The same with a reader that is gone before the first byte (so every write meets a closed
    # pipe, however small the output and however fast the machine).
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        closed = subprocess.run([sys.executable, "-m", "nettverk", "--db", demo_url, *command.split()],
                                cwd=tmp_path, env=env, stdout=write_end, stderr=subprocess.PIPE,
                                text=True, timeout=120)
    finally:
        os.close(write_end)
    assert closed.returncode == 0, closed.stderr
    assert closed.stderr == ""
