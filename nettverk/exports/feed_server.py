"""A read-only HTTP server for calendar feeds: `/feed/<token>.ics`, nothing else.

Plain data in: a lookup from token to (body, etag), or None for a wrong or revoked token.
Everything else (other paths, other methods, unknown tokens) gets the same bare 404, so the
server tells a guesser nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol

_FEED = re.compile(r"/feed/([A-Za-z0-9_-]{1,200})\.ics")


class FeedContent(Protocol):
    """What the lookup returns for a valid token."""

    @property
    def body(self) -> bytes: ...

    @property
    def etag(self) -> str: ...


Lookup = Callable[[str], FeedContent | None]


def _handler(lookup: Lookup, on_error: Callable[[BaseException], None] | None) -> type[
        BaseHTTPRequestHandler]:
    class FeedHandler(BaseHTTPRequestHandler):
        server_version = "nettverk-kalender"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:
            pass  # never log request paths: they carry the secret tokens

        def _not_found(self) -> None:
            body = b"Ikke funnet\n"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _serve(self) -> None:
            path = self.path.split("?", 1)[0]
            match = _FEED.fullmatch(path)
            if match is None:
                self._not_found()
                return
            try:
                content = lookup(match.group(1))
            except Exception as exc:  # a database hiccup must not kill the server
                if on_error is not None:
                    on_error(exc)
                self.send_error(500)
                return
            if content is None:
                self._not_found()
                return
            # weak comparison (RFC 9110 13.1.2): a client may send our tag back as W/"…"
            etags = {t.strip().removeprefix("W/")
                     for t in self.headers.get("If-None-Match", "").split(",")}
            if content.etag in etags or "*" in etags:
                self.send_response(304)
                self.send_header("ETag", content.etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(content.body)))
            self.send_header("ETag", content.etag)
            self.send_header("Cache-Control", "private, no-cache")
            self.send_header("Content-Disposition", 'inline; filename="kalender.ics"')
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(content.body)

        def do_GET(self) -> None:
            self._serve()

        def do_HEAD(self) -> None:
            self._serve()

        def _refuse(self) -> None:
            self._not_found()

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    return FeedHandler


def make_server(lookup: Lookup, host: str = "127.0.0.1", port: int = 0,
                on_error: Callable[[BaseException], None] | None = None) -> ThreadingHTTPServer:
    """A threaded feed server bound to host:port (port 0 picks a free one)."""
    server = ThreadingHTTPServer((host, port), _handler(lookup, on_error))
    server.daemon_threads = True
    return server


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    """Run the server in a daemon thread (for tests and embedding); stop with server.shutdown()."""
    thread = threading.Thread(target=server.serve_forever, name="nettverk-feed", daemon=True)
    thread.start()
    return thread


def is_loopback(host: str) -> bool:
    """Whether the host only accepts connections from this machine."""
    return host in {"localhost", "::1"} or host.startswith("127.")
