"""The real app in a real terminal (tmux, 80×24): tabs and a list drawn whole, and a change made
with the command line in another process on screen within two seconds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from nettverk.services.database import Database
from nettverk.tui.areas import all_areas

ROOT = Path(__file__).resolve().parents[2]
WITHIN_SECONDS = 2.0


def _tmux() -> str:
    """tmux, installed with apt-get when missing (skips only when that is impossible)."""
    found = shutil.which("tmux")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
                       "apt-get install -y -qq tmux", shell=True, capture_output=True,
                       timeout=600, check=False)
        found = shutil.which("tmux")
    if found is None:
        pytest.skip("tmux is not installed and cannot be installed here (apt-get install tmux)")
    return found


class Terminal:
    """The app running in a detached tmux session of a fixed size."""

    def __init__(self, tmux: str, name: str) -> None:
        self.tmux, self.name = tmux, name

    def screen(self) -> str:
        """What the terminal shows now."""
        return subprocess.run([self.tmux, "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True, check=False).stdout

    def press(self, *keys: str) -> None:
        """Send keys as the user types them."""
        subprocess.run([self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, seconds: float) -> bool:
        """Whether the text is on screen within the time."""
        return text in self.screen_with(text, seconds=seconds)

    def screen_with(self, *texts: str, seconds: float) -> str:
        """The first screen that shows every text at once, or the last one seen when the time
        runs out. (A capture can catch a frame half drawn, so texts seen in two captures do
        not show that one screen held them both.)"""
        deadline = time.monotonic() + seconds
        while True:
            screen = self.screen()
            if all(text in screen for text in texts) or time.monotonic() > deadline:
                return screen
            time.sleep(0.05)


@pytest.fixture
def terminal(tui_db: Database) -> Iterator[Terminal]:
    tmux = _tmux()
    name = f"nettverk-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "NETTVERK_USER": "testbruker", "TERM": "xterm-256color"}
    command = f"{sys.executable} -m nettverk --db {tui_db.url}"
    subprocess.run([tmux, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", command],
                   cwd=ROOT, env=env, check=True)
    try:
        yield Terminal(tmux, name)
    finally:
        subprocess.run([tmux, "kill-session", "-t", name], capture_output=True, check=False)


def test_the_app_in_tmux_draws_whole_labels_and_shows_another_process_change(
        terminal: Terminal, tui_db: Database) -> None:
    assert terminal.wait_for("Oversikt", 60), terminal.screen()
    assert terminal.wait_for("saker", 60), terminal.screen()  # the first list has its rows
    screen = terminal.screen_with("Oversikt", "saker", "Enter åpner saken", seconds=30)
    assert "Enter åpner saken" in screen, screen  # the list and its detail, whole
    tabs = screen.splitlines()[1].split()
    for spec in all_areas():  # every tab, its name whole or cut with "…"
        name = tabs[tabs.index(spec.key) + 1]
        assert name == spec.label or (name.endswith("…") and spec.label.startswith(name[:-1]))

    terminal.press("2")
    screen = terminal.screen_with("79 kommuner", "Nr ", "Vevelstad", "18 Nordland", seconds=30)
    assert "79 kommuner" in screen, screen
    header = next(line for line in screen.splitlines() if line.strip().startswith("Nr "))
    assert header.split() == ["Nr", "Navn", "Fylke", "Innbyggere"], header
    assert "Vevelstad" in screen and "18 Nordland" in screen

    changed = subprocess.run(
        [sys.executable, "-m", "nettverk", "--db", tui_db.url, "municipality", "update", "1804",
         "--name", "Bodø endret"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NETTVERK_USER": "kollega"}, check=False)
    assert changed.returncode == 0, changed.stderr
    assert terminal.wait_for("Bodø endret", WITHIN_SECONDS), terminal.screen()
