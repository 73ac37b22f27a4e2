"""The program as a user installs it: a wheel in a fresh virtual environment, no checkout.

`pip wheel` builds the wheel from a copy of the sources, pip installs it into a new venv in a
temporary directory (its dependencies from pip's cache or the index), and every command runs
from a directory with no checkout, with HOME pointing to an empty directory, so the default
database in the user data directory is used. One venv serves every assertion.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
PROGRAMME = "mindre-kommuner-2020"


@dataclass
class Installed:
    """A venv holding the installed wheel, and a directory with no checkout to run it in."""

    bin: Path
    home: Path
    work: Path

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("NETTVERK_", "PYTHON", "VIRTUAL_ENV", "XDG_"))}
        env.update(HOME=str(self.home), LANG="C.UTF-8", TERM="xterm-256color",
                   PATH=f"{self.bin}{os.pathsep}{env.get('PATH', '')}")
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bin / "nettverk"), *args], cwd=self.work, env=self.env(),
                              capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def _copy_sources(target: Path) -> Path:
    """What the build needs, without the checkout's venv, caches and build leftovers."""
    source = target / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "nettverk", source / "nettverk",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    return source


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--quiet", "-w", str(base / "dist"),
                    str(_copy_sources(base))], check=True, cwd=base, timeout=600)
    (wheel,) = (base / "dist").glob("nettverk-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    # --no-compile: no bytecode for every module of every dependency, only for what runs.
    subprocess.run([*pip, "--python", str(venv / "bin" / "python"), "install", "--quiet", "--no-compile",
                    str(wheel)],
                   check=True, cwd=base, timeout=900)
    home, work = base / "home", base / "elsewhere"
    home.mkdir()
    work.mkdir()
    yield Installed(bin=venv / "bin", home=home, work=work)


def test_the_wheel_is_installed_not_the_checkout(installed: Installed) -> None:
    where = subprocess.run(
        [str(installed.bin / "python"), "-c", "import nettverk; print(nettverk.__file__)"],
        cwd=installed.work, env=installed.env(), capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert "site-packages" in where
    assert not Path(where).is_relative_to(REPO)


def test_init_demo_status_and_report_from_the_wheel(installed: Installed) -> None:
    init = installed.run("init", "--demo")
    assert init.returncode == 0, init.stderr
    data_dir = installed.home / ".local" / "share" / "nettverk"
    assert (data_dir / "nettverk.db").is_file(), "the default database is in the user data directory"

    status = installed.run("status")
    assert status.returncode == 0, status.stderr
    assert status.stdout.strip(), "status prints what needs attention"

    listed = installed.run("municipality", "list", "--county", "18", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert "Bodø" in listed.stdout

    report = installed.work / "status.pdf"
    made = installed.run("report", "status", "--programme", PROGRAMME, "--date", "2024-06-01",
                         "-o", str(report))
    assert made.returncode == 0, made.stderr
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the report back")
    text = subprocess.run(["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Statusrapport" in text or "statusrapport" in text.lower()
    assert "Lærings" in text or "kommune" in text.lower(), text[:500]


def _read_screen(fd: int, until: re.Pattern[str], seconds: float, seen: str = "") -> str:
    """What the program wrote to the terminal (after `seen`), until the pattern shows up in all
    of it or time runs out."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
            if until.search(seen + _plain(b"".join(chunks))):
                break
    return _plain(b"".join(chunks))


def _plain(raw: bytes) -> str:
    """Terminal output without escape sequences."""
    return re.sub(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[P^_][^\x1b]*\x1b\\|.)", "",
                  raw.decode("utf-8", "replace"))


def test_the_terminal_ui_opens_and_quits(installed: Installed) -> None:
    """`nettverk` in an 80×24 terminal draws the app on the demo database; Ctrl+Q quits."""
    if not (installed.home / ".local" / "share" / "nettverk" / "nettverk.db").exists():
        assert installed.run("init", "--demo").returncode == 0
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    child = subprocess.Popen([str(installed.bin / "nettverk")], cwd=installed.work,
                             env=installed.env(), stdin=follower, stdout=follower, stderr=follower,
                             start_new_session=True)
    os.close(follower)
    try:
        screen = _read_screen(leader, re.compile(r"Oversikt.*Kom.*Pro", re.S), 120)
        assert "Oversikt" in screen, screen[-2000:]
        assert "Oversikt" in screen and "Kom" in screen, screen[-2000:]  # tabs cut at 80 columns
        # The overview's worker has read the demo database: its items and their count are drawn.
        drawn = r"(?s)(?=.*[1-9]\d* saker)(?=.*(over frist|Frist snart))"
        screen += _read_screen(leader, re.compile(drawn), 90, seen=screen)
        assert re.search(drawn, screen), screen[-2000:]
        os.write(leader, b"\x11")  # Ctrl+Q
        deadline = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < deadline:
            _read_screen(leader, re.compile("$^"), 0.5)  # keep draining the terminal
        assert child.poll() == 0, "Ctrl+Q ends the app with exit code 0"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(leader)
