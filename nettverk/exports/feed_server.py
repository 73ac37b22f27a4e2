"""A read-only HTTP server for calendar feeds: `/feed/<token>.ics`, nothing else.

Plain data in: a lookup from token to (body, etag, last_modified), or None for a wrong or revoked
token. Everything else (other paths, other methods, unknown tokens) gets the same bare 404, so the
server tells a guesser nothing.

Built on aiohttp (asynchronous, HTTP/1.1 with keep-alive) because calendar clients poll in bursts:
hundreds of subscribers may refresh in the same second. The lookup is database work and runs in a
small thread pool; concurrent requests for the same feed share one lookup, the number of lookups
waiting is bounded (503 with Retry-After beyond it) and each has a time limit, so neither a burst
nor a slow database can exhaust the server.

With a change stamp (a cheap "has anything been committed?", see
`nettverk.persistence.change_stamp`), a feed asked for again while nothing has been committed is
answered from memory on the event loop: the response's headers built once, no lookup, no hashing.
Every request still waits for a stamp read that began after it arrived, so no answer is older than
the request; a burst shares those reads (each caller joins the next read to begin), so 200
subscribers refreshing at once cost a handful of them.
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
#: Reads the database's change stamp: equal stamps mean nothing was committed in between.
Stamp = Callable[[], object]
#: Answers kept per token (wrong tokens too, so guessing costs no lookups); cleared beyond this.
MAX_KEPT_ANSWERS = 10_000


class _Answer:
    """A lookup's result ready to send: the headers of a 200 and of a 304 built once."""

    __slots__ = ("content", "not_modified", "ok")

    def __init__(self, content: FeedContent | None) -> None:
        self.content = content
        self.ok: dict[str, str] = {}
        self.not_modified: dict[str, str] = {}
        if content is not None:
            self.not_modified = {"ETag": content.etag, "Cache-Control": "private, no-cache",
                                 "Last-Modified": _http_date(content.last_modified)}
            self.ok = {**self.not_modified,
                       "Content-Disposition": 'inline; filename="kalender.ics"',
                       "Content-Type": "text/calendar; charset=utf-8"}


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
                 on_error: Callable[[BaseException], None] | None = None,
                 stamp: Stamp | None = None, stamp_inline: bool = False) -> None:
        self._lookup = lookup
        self._on_error = on_error
        self._stamp = stamp
        self._stamp_inline = stamp_inline
        self._loop = asyncio.new_event_loop()
        self._executor = ThreadPoolExecutor(LOOKUP_THREADS, thread_name_prefix="nettverk-feed")
        # one thread of its own: a stamp read never queues behind a calendar being rendered
        self._stamp_executor = ThreadPoolExecutor(1, thread_name_prefix="nettverk-feed-stamp")
        self._stamp_running: asyncio.Future[object] | None = None
        self._stamp_next: asyncio.Future[object] | None = None
        self._answers: dict[str, tuple[object, _Answer]] = {}
        self._in_flight: dict[tuple[str, object], asyncio.Future[_Answer]] = {}
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

    async def _fresh_stamp(self) -> object:
        """A stamp read that began after this call; concurrent callers share one read (those
        arriving while a read runs join the next one, which begins when it ends).

        An inline stamp (SQLite's `PRAGMA data_version`: microseconds, a local file, never
        waiting for a writer in WAL mode) is read on the event loop: handing it to a thread
        costs far more under load (the hand-over of the GIL) than the read itself."""
        if self._stamp_inline:
            assert self._stamp is not None
            return self._stamp()
        if self._stamp_running is None:
            future = self._read_stamp()
        else:
            if self._stamp_next is None:
                self._stamp_next = self._loop.create_future()
            future = self._stamp_next
        async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS):
            return await asyncio.shield(future)

    def _read_stamp(self) -> asyncio.Future[object]:
        assert self._stamp is not None
        future = self._loop.run_in_executor(self._stamp_executor, self._stamp)
        self._stamp_running = future
        future.add_done_callback(self._stamp_read)
        return future

    def _stamp_read(self, done: asyncio.Future[object]) -> None:
        self._stamp_running = None
        waiting, self._stamp_next = self._stamp_next, None
        if waiting is None:
            return
        if self._loop.is_closed():
            waiting.cancel()
            return

        def relay(read: asyncio.Future[object]) -> None:
            if waiting.done():
                return
            if read.cancelled():
                waiting.cancel()
            elif (exc := read.exception()) is not None:
                waiting.set_exception(exc)
            else:
                waiting.set_result(read.result())

        self._read_stamp().add_done_callback(relay)

    def _look_up(self, token: str) -> _Answer:
        return _Answer(self._lookup(token))

    async def _answer(self, token: str) -> _Answer:
        """The feed's answer; concurrent requests for one token (at one stamp) share one lookup,
        and with a stamp an answer is reused while nothing has been committed."""
        stamp = await self._fresh_stamp() if self._stamp is not None else None
        if stamp is not None:
            kept = self._answers.get(token)
            if kept is not None and kept[0] == stamp:
                return kept[1]
        key = (token, stamp)
        shared = self._in_flight.get(key)
        if shared is not None:
            async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS):
                return await asyncio.shield(shared)
        if self._waiting >= MAX_WAITING_LOOKUPS:
            raise _Busy
        self._waiting += 1
        future = self._loop.run_in_executor(self._executor, self._look_up, token)
        self._in_flight[key] = future
        try:
            async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS):
                answer = await asyncio.shield(future)
        finally:
            self._waiting -= 1
            if self._in_flight.get(key) is future:
                del self._in_flight[key]
        if stamp is not None:  # read before the lookup began: the answer is at least this new
            if len(self._answers) >= MAX_KEPT_ANSWERS:
                self._answers.clear()
            self._answers[token] = (stamp, answer)
        return answer

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        match = _FEED.fullmatch(request.path)
        if request.method not in ("GET", "HEAD") or match is None:
            return _not_found()
        try:
            answer = await self._answer(match.group(1))
        except _Busy:
            return web.Response(status=503, text="Opptatt, prøv igjen\n",
                                headers={"Retry-After": "5", "Cache-Control": "no-store"})
        except Exception as exc:  # a database hiccup or timeout must not kill the server
            if self._on_error is not None:
                self._on_error(exc)
            return web.Response(status=503, text="Midlertidig feil\n",
                                headers={"Retry-After": "30", "Cache-Control": "no-store"})
        content = answer.content
        if content is None:
            return _not_found()
        if _not_modified(request, content):
            return web.Response(status=304, headers=answer.not_modified)
        return web.Response(body=content.body, headers=answer.ok)

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
        self._stamp_executor.shutdown(wait=False, cancel_futures=True)


class _Busy(Exception):
    """More lookups are waiting than the server lets wait."""


def make_server(lookup: Lookup, host: str = "127.0.0.1", port: int = 0,
                on_error: Callable[[BaseException], None] | None = None,
                stamp: Stamp | None = None, stamp_inline: bool = False) -> FeedServer:
    """A feed server bound to host:port (port 0 picks a free one); with `stamp`, answers are
    reused while the stamp says nothing has been committed. `stamp_inline`: the stamp is cheap
    and never waits (SQLite), so it is read on the event loop rather than in a thread."""
    return FeedServer(lookup, host, port, on_error, stamp, stamp_inline)


def serve_in_thread(server: FeedServer) -> threading.Thread:
    """Run the server in a daemon thread (for tests and embedding); stop with server.shutdown()."""
    thread = threading.Thread(target=server.serve_forever, name="nettverk-feed", daemon=True)
    thread.start()
    return thread
