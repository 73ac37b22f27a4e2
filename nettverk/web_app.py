"""textual-serve's server with nettverk's guards (imported only by `nettverk serve web`).

- every request: its own origin only (403 otherwise, before anything else runs);
- beyond loopback: HTTP basic authentication, the scrypt check in a worker thread, and a limit
  on wrong guesses per client (429 with Retry-After while locked out);
- each browser session's app is `python -m nettverk.web_child`, with the database URL in its
  environment, in a process group of its own; all of them are ended when the server stops;
- the console shows the database URL without its password, and TLS when given.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import ssl
import sys
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from nettverk import webserve
from nettverk.web_child import PARENT_ENV
from nettverk.web_guard import GuessLimiter, OriginRule

log = logging.getLogger("nettverk.web")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class SessionProcess(AppService):
    """One browser session's app: no shell, no secret in argv, its own process group."""

    def __init__(self, argv: list[str], env: dict[str, str], children: set[Process],
                 **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self._argv = argv
        self._env = env
        self._children = children

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.update(self._env)
        environment[PARENT_ENV] = str(os.getpid())
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self._argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        self._children.add(process)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process


class GuardedServer(Server):
    """textual-serve's Server with the origin rule, the password guard and child control."""

    def __init__(self, argv: list[str], env: dict[str, str], *, rule: OriginRule,
                 limiter: GuessLimiter, password_path: Path | None, protect: bool,
                 ssl_context: ssl.SSLContext | None, behind_tls_proxy: bool, shown_url: str,
                 host: str, port: int, public_url: str) -> None:
        from nettverk.web_page import norwegian_templates

        super().__init__(" ".join(argv), host=host, port=port, title="nettverk",
                         public_url=public_url, templates_path=norwegian_templates())
        self.argv = argv
        self.env = env
        self.rule = rule
        self.limiter = limiter
        self.password_path = password_path
        self.protect = protect
        self.ssl_context = ssl_context
        self.behind_tls_proxy = behind_tls_proxy
        self.shown_url = shown_url
        self.children: set[Process] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    # --- requests --------------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._same_origin)
        if self.protect:
            app.middlewares.append(self._require_password)
        return app

    @web.middleware
    async def _same_origin(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        headers = request.headers
        allowed = self.rule.allows(
            host=headers.get("Host"), origin=headers.get("Origin"),
            fetch_site=headers.get("Sec-Fetch-Site"), fetch_mode=headers.get("Sec-Fetch-Mode"),
            websocket=headers.get("Upgrade", "").lower() == "websocket",
        )
        if not allowed:
            raise web.HTTPForbidden(text="Bare fra tjenerens egen adresse.\n")
        return await handler(request)

    @web.middleware
    async def _require_password(self, request: web.Request,
                                handler: Handler) -> web.StreamResponse:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            raise web.HTTPUnauthorized(headers={"WWW-Authenticate": 'Basic realm="nettverk"'})
        client = webserve.client_key(request, self.behind_tls_proxy)
        wait = self.limiter.begin(client)
        if wait:
            raise web.HTTPTooManyRequests(
                headers={"Retry-After": str(max(1, round(wait)))},
                text="For mange feil passord; vent litt og prøv igjen.\n")
        ok = False
        try:
            ok = await webserve.check_header(header, self.password_path)
        finally:
            self.limiter.end(client, ok)
        if not ok:
            raise web.HTTPUnauthorized(headers={"WWW-Authenticate": 'Basic realm="nettverk"'})
        return await handler(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        session: SessionProcess | None = None
        self.sockets.add(websocket)
        try:
            await websocket.prepare(request)
            session = SessionProcess(
                self.argv, self.env, self.children,
                write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=websocket.close, download_manager=self.download_manager,
                debug=self.debug,
            )
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken session must not stop the server
            log.error("nettleserøkten feilet: %s", type(error).__name__)
        finally:
            self.sockets.discard(websocket)
            if session is not None:
                await self._end_session(session)
        return websocket

    async def _end_session(self, session: SessionProcess) -> None:
        process = session._process
        with contextlib.suppress(Exception):  # the child is ended below in any case
            await asyncio.wait_for(session.stop(), timeout=5)
        if process is not None:
            await self._end_child(process)

    async def _end_child(self, process: Process) -> None:
        if process.returncode is None:
            webserve.kill_group(process.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout=3)
            except TimeoutError:
                webserve.kill_group(process.pid, signal.SIGKILL)
                await process.wait()
        else:
            webserve.kill_group(process.pid, signal.SIGKILL)  # anything it left behind
        self.children.discard(process)

    # --- start and stop --------------------------------------------------------------------

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(
            f"nettverk i nettleseren på {self.public_url} (database: {self.shown_url}). "
            "Ctrl+C stopper.", highlight=False, markup=False)

    async def on_shutdown(self, app: web.Application) -> None:
        for websocket in list(self.sockets):
            await websocket.close(code=1001, message=b"tjeneren stopper")
        await asyncio.gather(*(self._end_child(p) for p in list(self.children)),
                             return_exceptions=True)

    def kill_children(self) -> None:
        """Last resort (the loop is gone): kill every session's process group."""
        for process in list(self.children):
            webserve.kill_group(process.pid, signal.SIGKILL)
        self.children.clear()

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows
                loop.add_signal_handler(sig, self.request_exit)
        try:
            web.run_app(self._make_app(), host=self.host, port=self.port,
                        ssl_context=self.ssl_context, handle_signals=False, loop=loop,
                        shutdown_timeout=5, print=lambda *args: None)
        except GracefulExit:  # pragma: no cover - run_app handles it
            pass
        finally:
            self.kill_children()
            if not loop.is_closed():
                loop.close()
            sys.stdout.flush()
