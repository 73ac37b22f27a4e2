"""The app in a browser: textual-serve on loopback, opened in headless Chromium.

Chromium is driven through the DevTools protocol: a script added before the page loads keeps
every frame the page's websocket receives, so the test reads what the browser was sent to draw
(the terminal itself is painted on a canvas).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from base64 import b64encode
from pathlib import Path

import pytest

from nettverk.services.database import Database

pytestmark = pytest.mark.slow
# One backend is enough to show the browser path; the app itself is tested on both elsewhere.
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
RECORD_FRAMES = """
(() => {
  window.__frames = [];
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (event) => {
      const data = event.data;
      if (typeof data === 'string') { window.__frames.push(data); }
      else if (data instanceof ArrayBuffer) {
        window.__frames.push(new TextDecoder().decode(data));
      } else if (data instanceof Blob) {
        data.text().then((t) => window.__frames.push(t));
      }
    });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
})();
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port}")


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if IN_CI:
            pytest.fail("chromium is missing (make system-deps installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


async def _page_text(url: str, chromium: str, profile: Path, seconds: float = 40) -> str:
    import aiohttp

    port = _free_port()
    browser = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-quic", f"--user-data-dir={profile}",
         f"--remote-debugging-port={port}", "--window-size=1400,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port)
        async with aiohttp.ClientSession() as http:
            targets = []
            for _ in range(50):
                async with http.get(f"http://127.0.0.1:{port}/json/list") as r:
                    targets = [t for t in await r.json() if t["type"] == "page"]
                if targets:
                    break
                await asyncio.sleep(0.2)
            async with http.ws_connect(targets[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                ids = iter(range(1, 10_000))

                async def call(method: str, **params: object) -> dict:
                    msg_id = next(ids)
                    await ws.send_json({"id": msg_id, "method": method, "params": params})
                    while True:
                        reply = json.loads((await ws.receive()).data)
                        if reply.get("id") == msg_id:
                            return reply.get("result", {})

                await call("Page.enable")
                await call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_FRAMES)
                await call("Page.navigate", url=url)
                text = ""
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    result = await call("Runtime.evaluate",
                                        expression="(window.__frames || []).join('')",
                                        returnByValue=True)
                    text = result.get("result", {}).get("value") or ""
                    if "Oversikt" in text and "Kommuner" in text:
                        break
                    await asyncio.sleep(0.5)
                return text
    finally:
        browser.kill()
        browser.wait(timeout=10)


@SQLITE_ONLY
def test_the_dashboard_opens_in_headless_chromium(demo_db: Database, db_url: str,
                                                  tmp_path: Path, backend: str) -> None:
    chromium = _chromium()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        _wait_for_port(port)
        text = asyncio.run(_page_text(f"http://127.0.0.1:{port}/", chromium, tmp_path / "profil"))
        assert "Oversikt" in text, text[-2000:]
        assert "Kommuner" in text
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@SQLITE_ONLY
def test_a_page_from_another_origin_cannot_drive_the_app(demo_db: Database, db_url: str,
                                                         tmp_path: Path, backend: str) -> None:
    """Cross-site WebSocket hijacking: a page the operator visits elsewhere opens the app's
    WebSocket from the same browser. The server refuses it: nothing is drawn, no session."""
    import http.server
    import threading
    from functools import partial

    chromium = _chromium()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    site = tmp_path / "annen-side"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><title>annen side</title><script>"
        f"const ws = new WebSocket('ws://127.0.0.1:{port}/ws?width=80&height=24');"
        "ws.onopen = () => ws.send(JSON.stringify(['resize', {width: 80, height: 24}]));"
        "</script>")
    other = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(http.server.SimpleHTTPRequestHandler, directory=str(site)))
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        _wait_for_port(port)
        text = asyncio.run(_page_text(f"http://localhost:{other.server_address[1]}/",
                                      chromium, tmp_path / "profil", seconds=10))
        assert "Oversikt" not in text
        assert text == ""
        assert "nettverk.web_child" not in subprocess.run(
            ["ps", "-o", "args=", "--ppid", str(server.pid)], capture_output=True, text=True
        ).stdout
    finally:
        other.shutdown()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@SQLITE_ONLY
def test_beyond_loopback_the_server_refuses_to_start_without_a_password(
    db_url: str, tmp_path: Path, backend: str
) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--host", "0.0.0.0",
         "--port", str(_free_port())],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode == 2
    assert "passord" in result.stderr


@SQLITE_ONLY
def test_beyond_loopback_every_request_needs_the_password(db_url: str, tmp_path: Path,
                                                           backend: str) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    password = "riktig hest batteri stift"
    set_pw = subprocess.run(
        [sys.executable, "-m", "nettverk", "serve", "web-password"], input=password + "\n",
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=60,
    )
    assert set_pw.returncode == 0, set_pw.stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--host", "0.0.0.0",
         "--port", str(port), "--behind-tls-proxy",
         "--public-url", "https://nettverk.example.no"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    try:
        _wait_for_port(port)
        url = f"http://127.0.0.1:{port}/"
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(url, timeout=10)
        assert denied.value.code == 401
        wrong = urllib.request.Request(url, headers={
            "Authorization": "Basic " + b64encode(b"nettverk:feil").decode()})
        with pytest.raises(urllib.error.HTTPError) as denied_again:
            urllib.request.urlopen(wrong, timeout=10)
        assert denied_again.value.code == 401
        right = urllib.request.Request(url, headers={
            "Authorization": "Basic " + b64encode(f"nettverk:{password}".encode()).decode()})
        with urllib.request.urlopen(right, timeout=10) as response:
            assert response.status == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
