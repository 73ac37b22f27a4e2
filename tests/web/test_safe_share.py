"""Browser mode, safe to share: own origin only, password guesses limited and checked off the
event loop, no secret on the console or in a command line, TLS, children end with the server.

Real servers on loopback (subprocesses of the real CLI, or the real aiohttp app in-process when
the test must control the password check), real aiohttp clients.
"""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from nettverk import webserve
from nettverk.web_guard import GuessLimiter, resolves_to_loopback
from tests.web.web_support import (
    ROOT,
    alive,
    cmdline,
    descendants,
    free_port,
    start_server,
    stop,
    wait_for_children,
    wait_for_port,
)

pytestmark = pytest.mark.slow
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
PASSWORD = "riktig hest batteri stift"
EVIL = "http://evil.example"


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture
def loopback_server(db_url: str) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    server = start_server(["--db", db_url, "serve", "web", "--port", str(port)])
    try:
        wait_for_port(port, process=server)
        yield server, port
    finally:
        stop(server)


async def _open_session(url: str, origin: str, headers: dict[str, str] | None = None,
                        ssl_context: ssl.SSLContext | None = None) -> str:
    """Open the app's WebSocket as a browser page on `origin` would; returns what it drew."""
    async with aiohttp.ClientSession() as http, http.ws_connect(
            url, headers={"Origin": origin, **(headers or {})},
            ssl=ssl_context if ssl_context else True) as ws:
        await ws.send_json(["resize", {"width": 80, "height": 24}])
        seen = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Oversikt" not in seen:
            try:
                msg = await ws.receive(timeout=5)
            except TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                seen += msg.data.decode("utf-8", "replace")
            elif msg.type == aiohttp.WSMsgType.TEXT:
                seen += msg.data
            else:
                break
        return seen


# --- 1. the server's own origin only ------------------------------------------------------


@SQLITE_ONLY
def test_a_foreign_origin_gets_403_and_no_session(
        loopback_server: tuple[subprocess.Popen[str], int], backend: str) -> None:
    server, port = loopback_server

    async def attack() -> tuple[int, int, int]:
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(f"ws://127.0.0.1:{port}/ws", headers={"Origin": EVIL})
            async with http.get(f"http://127.0.0.1:{port}/",
                                headers={"Origin": EVIL}) as page:
                page_status = page.status
            # DNS rebinding: a page of evil.example resolved to 127.0.0.1 is same-origin to
            # the browser, but its Host header still names evil.example.
            async with http.get(f"http://127.0.0.1:{port}/",
                                headers={"Host": f"evil.example:{port}"}) as rebound:
                rebound_status = rebound.status
            return refused.value.status, page_status, rebound_status

    ws_status, page_status, rebound_status = asyncio.run(attack())
    assert (ws_status, page_status, rebound_status) == (403, 403, 403)
    time.sleep(1)
    assert not [c for c in descendants(server.pid) if "nettverk" in cmdline(c)]


@SQLITE_ONLY
def test_a_websocket_without_origin_is_refused_but_the_own_origin_gets_the_app(
        loopback_server: tuple[subprocess.Popen[str], int], backend: str) -> None:
    _, port = loopback_server

    async def without_origin() -> int:
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(f"ws://127.0.0.1:{port}/ws",
                                      headers={"Origin": "null"})
            return refused.value.status

    assert asyncio.run(without_origin()) == 403
    drawn = asyncio.run(_open_session(f"ws://127.0.0.1:{port}/ws", f"http://127.0.0.1:{port}"))
    assert "Oversikt" in drawn
    drawn = asyncio.run(_open_session(f"ws://localhost:{port}/ws", f"http://localhost:{port}"))
    assert "Oversikt" in drawn


# --- 2. password guesses -------------------------------------------------------------------


@pytest.fixture
def password_path(tmp_path: Path) -> Path:
    path = tmp_path / "web-password.json"
    webserve.set_password(PASSWORD, path)
    return path


@pytest_asyncio.fixture
async def guarded(password_path: Path, tmp_path: Path) -> AsyncIterator[str]:
    """The real app with the password guard, in this process, on a loopback port."""
    from aiohttp import web

    port = free_port()
    server = webserve.build_server(f"sqlite:///{tmp_path / 'x.db'}", "127.0.0.1", port,
                                   protect=True, password_path=password_path)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        await runner.cleanup()


@pytest.mark.asyncio
async def test_five_wrong_guesses_lock_the_client_out(guarded: str) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(5):
            async with http.get(guarded, headers={"Authorization": _basic("nettverk", "feil")}
                                ) as r:
                assert r.status == 401
        async with http.get(guarded, headers={"Authorization": _basic("nettverk", PASSWORD)}
                            ) as r:
            assert r.status == 429
            assert int(r.headers["Retry-After"]) >= 30
            assert "For mange" in await r.text()


def test_the_lockout_doubles_and_ends() -> None:
    now = [0.0]
    limiter = GuessLimiter(free=5, lockout=60, clock=lambda: now[0])
    for _ in range(5):
        assert limiter.begin("a") == 0
        limiter.end("a", False)
    assert limiter.begin("a") == pytest.approx(60)
    assert limiter.begin("b") == 0  # another client is not affected
    limiter.end("b", True)
    now[0] = 61
    assert limiter.begin("a") == 0
    limiter.end("a", False)
    assert limiter.begin("a") == pytest.approx(120)
    now[0] = 61 + 121
    assert limiter.begin("a") == 0
    limiter.end("a", True)
    assert limiter.begin("a") == 0  # a right password clears the count


@pytest.mark.asyncio
async def test_a_right_password_is_answered_while_wrong_guesses_are_being_checked(
        guarded: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = webserve._scrypt
    release = threading.Event()
    started = threading.Semaphore(0)

    def slow_for_wrong(password: bytes, salt: bytes) -> bytes:
        if password != PASSWORD.encode():
            started.release()
            release.wait(60)  # holds its thread (never the event loop) until released
        return real(password, salt)

    monkeypatch.setattr(webserve, "_scrypt", slow_for_wrong)
    try:
        async with aiohttp.ClientSession() as http:
            async def guess() -> int:
                async with http.get(guarded, headers={
                        "Authorization": _basic("nettverk", "feil")}) as r:
                    return r.status

            wrong = [asyncio.create_task(guess()) for _ in range(3)]
            for _ in range(3):  # all three wrong checks are running
                assert await asyncio.to_thread(started.acquire, True, 30)
            async with http.get(guarded, headers={"Authorization": _basic("nettverk", PASSWORD)},
                                timeout=aiohttp.ClientTimeout(total=30)) as r:
                assert r.status == 200
            assert not any(t.done() for t in wrong)
            release.set()
            assert await asyncio.gather(*wrong) == [401, 401, 401]
    finally:
        release.set()


def test_a_wrong_user_name_costs_the_same_scrypt_run_as_a_wrong_password(
        password_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real = webserve._scrypt

    def counting(password: bytes, salt: bytes) -> bytes:
        calls.append(salt)
        return real(password, salt)

    monkeypatch.setattr(webserve, "_scrypt", counting)
    header = _basic("ola", PASSWORD)
    assert webserve._authorized(header, password_path) is False
    assert len(calls) == 1
    assert webserve._authorized(_basic("nettverk", "feil"), password_path) is False
    assert len(calls) == 2
    assert webserve._authorized("Basic ikke-base64!", password_path) is False
    assert len(calls) == 3
    assert webserve._authorized(header, tmp_path / "mangler.json") is False
    assert len(calls) == 4
    assert webserve._authorized(_basic("nettverk", PASSWORD), password_path) is True
    assert len(calls) == 5


# --- 3. no secret on the console or in a command line --------------------------------------


@pytest.mark.postgres
def test_the_database_password_is_never_shown_nor_in_a_command_line(
        postgres_server: object, tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    from nettverk.services.database import connect

    plain = postgres_server.create_database()  # type: ignore[attr-defined]
    secret = "S3cretPassord"
    url = make_url(plain).set(password=secret).render_as_string(hide_password=False)
    connect(url, "test").close()  # trust authentication accepts any password
    port = free_port()
    server = start_server(["serve", "web", "--port", str(port)],
                          env={"NETTVERK_DATABASE_URL": url})
    try:
        wait_for_port(port, process=server)
        seen: list[str] = []

        async def session() -> str:
            task = asyncio.create_task(_open_session(f"ws://127.0.0.1:{port}/ws",
                                                     f"http://127.0.0.1:{port}"))
            children = await asyncio.to_thread(wait_for_children, server.pid)
            for pid in children | descendants(server.pid):
                seen.append(cmdline(pid))
            return await task

        drawn = asyncio.run(session())
        assert "Oversikt" in drawn
    finally:
        out = stop(server)
    assert seen and all(secret not in line for line in seen), seen
    assert secret not in out
    assert "***" in out  # the URL is shown, masked

    bad = subprocess.run([sys.executable, "-m", "nettverk", "--db",
                          f"postgresql+psycopg://postgres:{secret}@127.0.0.1:notaport/x",
                          "municipality", "list"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode in (1, 2)
    assert secret not in bad.stdout + bad.stderr


# --- 4. TLS and loopback -------------------------------------------------------------------


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


@SQLITE_ONLY
def test_with_a_certificate_the_app_is_served_over_https_and_wss(
        db_url: str, tmp_path: Path, backend: str) -> None:
    cert, key = _self_signed(tmp_path)
    port = free_port()
    server = start_server(["--db", db_url, "serve", "web", "--port", str(port),
                           "--certfile", str(cert), "--keyfile", str(key)])
    trust = ssl.create_default_context(cafile=str(cert))
    try:
        wait_for_port(port, process=server)

        async def visit() -> tuple[int, str]:
            async with aiohttp.ClientSession() as http, http.get(
                    f"https://127.0.0.1:{port}/", ssl=trust) as page:
                return page.status, await page.text()

        status, page = asyncio.run(visit())
        assert status == 200
        assert f"wss://127.0.0.1:{port}/ws" in page
        drawn = asyncio.run(_open_session(f"wss://127.0.0.1:{port}/ws",
                                          f"https://127.0.0.1:{port}", ssl_context=trust))
        assert "Oversikt" in drawn
    finally:
        out = stop(server)
    assert f"https://127.0.0.1:{port}" in out


@SQLITE_ONLY
def test_beyond_loopback_a_password_login_needs_tls_or_a_tls_proxy(
        db_url: str, tmp_path: Path, backend: str) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    set_pw = subprocess.run([sys.executable, "-m", "nettverk", "serve", "web-password"],
                            input=PASSWORD + "\n", cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **env}, timeout=60)
    assert set_pw.returncode == 0, set_pw.stderr
    plain = subprocess.run(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--host", "0.0.0.0",
         "--port", str(free_port())],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env}, timeout=60)
    assert plain.returncode == 2
    assert "--certfile" in plain.stderr and "--behind-tls-proxy" in plain.stderr
    cert, key = _self_signed(tmp_path)
    no_public_url = subprocess.run(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--host", "0.0.0.0",
         "--port", str(free_port()), "--behind-tls-proxy"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env}, timeout=60)
    assert no_public_url.returncode == 2
    assert "--public-url" in no_public_url.stderr
    for extra in (["--behind-tls-proxy", "--public-url", "https://nettverk.example.no"],
                  ["--certfile", str(cert), "--keyfile", str(key)]):
        port = free_port()
        server = start_server(["--db", db_url, "serve", "web", "--host", "0.0.0.0",
                               "--port", str(port), *extra], env=env)
        try:
            wait_for_port(port, process=server)
        finally:
            stop(server)
    broken = subprocess.run(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--port",
         str(free_port()), "--certfile", str(tmp_path / "finnes-ikke.pem")],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert broken.returncode == 2
    assert "certfile" in broken.stderr


def test_loopback_is_decided_from_the_resolved_address() -> None:
    assert resolves_to_loopback("127.0.0.1")
    assert resolves_to_loopback("localhost")
    assert resolves_to_loopback("127.0.0.2")
    assert not resolves_to_loopback("0.0.0.0")
    assert not resolves_to_loopback("")
    # spelt like loopback, but a name that resolves elsewhere (here: nowhere)
    assert not resolves_to_loopback("127.0.0.1.nettverk-test.invalid")


@SQLITE_ONLY
def test_a_host_only_spelt_like_loopback_needs_the_password(
        db_url: str, tmp_path: Path, backend: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "web", "--host",
         "127.0.0.1.nettverk-test.invalid", "--port", str(free_port())],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")})
    assert result.returncode == 2
    assert "passord" in result.stderr


# --- 5. children end with the server ------------------------------------------------------


@SQLITE_ONLY
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_every_session_process_ends_with_the_server(db_url: str, backend: str,
                                                    how: signal.Signals) -> None:
    port = free_port()
    server = start_server(["--db", db_url, "serve", "web", "--port", str(port)])
    try:
        wait_for_port(port, process=server)

        async def two_sessions_then_stop() -> set[int]:
            async with aiohttp.ClientSession() as http:
                origin = {"Origin": f"http://127.0.0.1:{port}"}
                first = await http.ws_connect(f"ws://127.0.0.1:{port}/ws", headers=origin)
                second = await http.ws_connect(f"ws://127.0.0.1:{port}/ws", headers=origin)
                deadline = time.monotonic() + 30
                children: set[int] = set()
                while len(children) < 2 and time.monotonic() < deadline:
                    children = await asyncio.to_thread(wait_for_children, server.pid)
                    await asyncio.sleep(0.2)
                everything = descendants(server.pid)
                sessions = {p for p in everything if "nettverk.web_child" in cmdline(p)}
                assert len(sessions) == 2
                os.kill(server.pid, how)
                await asyncio.to_thread(server.wait, 30)
                for ws in (first, second):
                    await ws.close()
                return everything

        started = asyncio.run(two_sessions_then_stop())
        deadline = time.monotonic() + 15
        while alive(started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(started), [cmdline(p) for p in alive(started)]
    finally:
        stop(server)
