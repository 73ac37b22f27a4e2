"""The browser page around the app speaks Norwegian (textual-serve's own words replaced)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@SQLITE_ONLY
def test_the_page_says_start_session_ended_and_restart_in_norwegian(db_url: str,
                                                                     backend: str) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        page = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.3)
        assert 'lang="nb"' in page
        assert ">Åpne</button>" in page
        assert "Økten er avsluttet." in page and "Start på nytt" in page
        for english in ("Session ended.", ">Restart<", ">Start<"):
            assert english not in page
        assert "textual-terminal" in page  # still textual-serve's working page
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
