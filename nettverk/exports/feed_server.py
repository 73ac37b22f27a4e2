"""A read-only HTTP server for calendar feeds: `/feed/<token>.ics`, nothing else.

Plain data in: a lookup from token to (body, etag, last_modified), or None for a wrong or revoked
token. Everything else (other paths, other methods, unknown tokens) gets the same bare 404, so the
server tells a guesser nothing.

Built on aiohttp (asynchronous, HTTP/1.1 with keep-alive) because calendar clients poll in bursts:
hundreds of subscribers may refresh in the same second. The lookup is database work and runs in a
small thread pool; concurrent requests for the same feed share one lookup, the number of lookups
waiting is bounded (503 with Retry-After beyond it) and each has a time limit, so neither a burst
nor a slow database can exhaust the server.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Protocol

from aiohttp import web

_FEED = re.compile(r"/feed/([A-Za-z0-9_-]{1,200})\.ics")
_NOT_FOUND_BODY = b"Ikke funnet\n"
# aiohttp logs a malformed request with its request line, which holds the secret token: never.
_QUIET = logging.getLogger("nettverk.feed_server.aiohttp")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False

#: How long a client may keep an idle connection open, and how long one lookup may take.
KEEPALIVE_SECONDS = 30.0
LOOKUP_TIMEOUT_SECONDS = 20.0
#: Database threads, and how many lookups may wait for one before the server answers 503.
LOOKUP_THREADS = 4
MAX_WAITING_LOOKUPS = 256


class FeedContent(Protocol):
    """What the lookup returns for a valid token."""

    @property
    def body(self) -> bytes: ...

    @property
    def etag(self) -> str: ...

    @property
    def last_modified(self) -> datetime: ...


Lookup = Callable[[str], FeedContent | None]


def _not_found() -> web.Response:
    return web.Response(status=404, body=_NOT_FOUND_BODY, content_type="text/plain",
                        charset="utf-8", headers={"Cache-Control": "no-store"})


def _http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _not_modified(request: web.Request, content: FeedContent) -> bool:
    match = request.headers.get("If-None-Match")
    if match is not None:
        # weak comparison (RFC 9110 13.1.2): a client may send our tag back as W/"…"
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return content.etag in tags or "*" in tags
    since = request.headers.get("If-Modified-Since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False
    if when.tzinfo is None:
        return False
    return content.last_modified.replace(microsecond=0) <= when


class FeedServer:
    """The feed server: bound at construction, served by `serve_forever()` until `shutdown()`."""

    def __init__(self, lookup: Lookup, host: str = "127.0.0.1", port: int = 0,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self._lookup = lookup
        self._on_error = on_error
        self._loop = asyncio.new_event_loop()
        self._executor = ThreadPoolExecutor(LOOKUP_THREADS, thread_name_prefix="nettverk-feed")
        self._in_flight: dict[str, asyncio.Future[FeedContent | None]] = {}
        self._waiting = 0
        self._stopped = threading.Event()
        self._stopped.set()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # access_log=None: request paths carry the secret tokens and are never logged
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, logger=_QUIET,
                                     keepalive_timeout=KEEPALIVE_SECONDS)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, host, port, backlog=1024, reuse_address=True)
        self._loop.run_until_complete(site.start())
        sockets = site._server.sockets if site._server is not None else ()  # type: ignore[union-attr]
        self.server_address: tuple[str, int] = tuple(sockets[0].getsockname()[:2])  # type: ignore[assignment]

    async def _content(self, token: str) -> FeedContent | None:
        """The feed's content; concurrent requests for one token share one lookup."""
        shared = self._in_flight.get(token)
        if shared is not None:
            return await asyncio.wait_for(asyncio.shield(shared), LOOKUP_TIMEOUT_SECONDS)
        if self._waiting >= MAX_WAITING_LOOKUPS:
            raise _Busy
        self._waiting += 1
        future = self._loop.run_in_executor(self._executor, self._lookup, token)
        self._in_flight[token] = future
        try:
            return await asyncio.wait_for(asyncio.shield(future), LOOKUP_TIMEOUT_SECONDS)
        finally:
            self._waiting -= 1
            if self._in_flight.get(token) is future:
                del self._in_flight[token]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        match = _FEED.fullmatch(request.path)
        if request.method not in ("GET", "HEAD") or match is None:
            return _not_found()
        try:
            content = await self._content(match.group(1))
        except _Busy:
            return web.Response(status=503, text="Opptatt, prøv igjen\n",
                                headers={"Retry-After": "5", "Cache-Control": "no-store"})
        except Exception as exc:  # a database hiccup or timeout must not kill the server
            if self._on_error is not None:
                self._on_error(exc)
            return web.Response(status=503, text="Midlertidig feil\n",
                                headers={"Retry-After": "30", "Cache-Control": "no-store"})
        if content is None:
            return _not_found()
        headers = {"ETag": content.etag, "Cache-Control": "private, no-cache",
                   "Last-Modified": _http_date(content.last_modified)}
        if _not_modified(request, content):
            return web.Response(status=304, headers=headers)
        headers["Content-Disposition"] = 'inline; filename="kalender.ics"'
        return web.Response(body=content.body, content_type="text/calendar", charset="utf-8",
                            headers=headers)

    def serve_forever(self) -> None:
        """Serve until `shutdown()` (from another thread) or KeyboardInterrupt."""
        self._stopped.clear()
        try:
            asyncio.set_event_loop(self._loop)
            self._loop.run_forever()
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop `serve_forever()` and wait until it has returned."""
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._stopped.wait(10)

    def server_close(self) -> None:
        """Close the listening socket, the open connections and the lookup threads."""
        if self._loop.is_closed():
            return
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()
        self._executor.shutdown(wait=False, cancel_futures=True)


class _Busy(Exception):
    """More lookups are waiting than the server lets wait."""


def make_server(lookup: Lookup, host: str = "127.0.0.1", port: int = 0,
                on_error: Callable[[BaseException], None] | None = None) -> FeedServer:
    """A feed server bound to host:port (port 0 picks a free one)."""
    return FeedServer(lookup, host, port, on_error)


def serve_in_thread(server: FeedServer) -> threading.Thread:
    """Run the server in a daemon thread (for tests and embedding); stop with server.shutdown()."""
    thread = threading.Thread(target=server.serve_forever, name="nettverk-feed", daemon=True)
    thread.start()
    return thread
