"""The real app in a real terminal (tmux, 80x24): open a form, type at once, save, see the row.

Keys are sent to the terminal in one write, as a fast typist or a paste delivers them: the
form must take every one of them from the moment it is drawn. tmux is a system tool (no
Python dependency); the test is skipped where it is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nettverk.services import register
from nettverk.services.database import Database, connect

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

PATIENCE = 90.0  # seconds a step may take on a loaded machine (not a speed test)


class Terminal:
    """One tmux session on a private server, 80 columns by 24 rows."""

    def __init__(self, command: list[str], env: dict[str, str], tmp: Path) -> None:
        self.socket = str(tmp / "tmux.sock")
        self.env = env
        self._tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24",
                   " ".join(f"'{part}'" for part in command))

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-S", self.socket, *args], env=self.env,
                                capture_output=True, text=True, check=True)
        return result.stdout

    def screen(self) -> str:
        """What the terminal shows now."""
        return self._tmux("capture-pane", "-p", "-t", "t")

    def send(self, *keys: str) -> None:
        """Keys in one write (tmux key names: C-n, Tab …; other words are typed literally)."""
        self._tmux("send-keys", "-t", "t", *keys)

    def wait_for(self, text: str) -> str:
        """Wait until the text is on screen; fail with the screen if it never comes."""
        deadline = time.monotonic() + PATIENCE
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{screen}")

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], env=self.env,
                       capture_output=True, check=False)


@pytest.fixture
def terminal_db(tui_db: Database) -> Iterator[str]:
    url = str(tui_db.engine.url)
    tui_db.close()  # the app in the terminal is the only one using the file
    yield url


def test_a_form_opened_and_typed_into_at_once_saves_and_the_row_appears(
    terminal_db: str, tmp_path: Path
) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "NETTVERK_USER": "testbruker",
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env.pop("TMUX", None)
    term = Terminal([sys.executable, "-m", "nettverk", "--db", terminal_db], env, tmp_path)
    try:
        term.wait_for("Oversikt")
        term.send("2")
        term.wait_for("Bodø")
        # Ctrl+N and everything after it in one write, before the form can be drawn
        term.send("C-n", "1899", "Tab", "Prøvekommune", "C-s")
        screen = term.wait_for("1899  Prøvekommune")
        assert "Kommunenummer *" not in screen  # saved, and the form closed
        term.send("C-q")
    finally:
        term.close()
    db = connect(terminal_db, "testbruker")
    try:
        assert register.get_municipality(db.uow(), "1899").name == "Prøvekommune"
    finally:
        db.close()
