"""What the browser mode lets in: its own origin only, and a limited number of password guesses.

Plain logic without aiohttp, so the rules can be tested on their own:

- `resolves_to_loopback`: whether a host name only reaches this machine (decided from the
  addresses it resolves to, never from how the name is spelt).
- `OriginRule`: a request is let in only from the server's own origin. A foreign `Origin`
  header is refused on every request; the WebSocket needs an `Origin` (browsers always send
  one); on loopback without a password the `Host` header must name this machine too, so a
  DNS-rebinding page cannot pass as the server itself.
- `GuessLimiter`: password guesses per client, with a temporary lockout that doubles.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def resolves_to_loopback(host: str) -> bool:
    """Whether every address the host resolves to is a loopback address (no address: no)."""
    if not host.strip():
        return False  # an empty host binds every interface
    try:
        infos = socket.getaddrinfo(host.strip("[]"), None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError):
        return False
    addresses = set()
    for info in infos:
        try:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        addresses.add(address)
    return bool(addresses) and all(a.is_loopback for a in addresses)


def _host_port(netloc: str, scheme: str) -> tuple[str, int] | None:
    """("host", port) of a `host[:port]`, the port defaulting to the scheme's."""
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if not host or parts.username is not None or parts.path:
        return None
    return host.lower().rstrip("."), port or _DEFAULT_PORTS.get(scheme, 80)


def origin_of(url: str) -> tuple[str, int] | None:
    """("host", port) of an origin or URL such as `https://nettverk.example.no`."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        return None
    return _host_port(parts.netloc, parts.scheme.lower())


class OriginRule:
    """Decides whether a request comes from the server's own origin."""

    def __init__(self, public_url: str, host: str, port: int, *, loopback: bool,
                 https: bool) -> None:
        self.scheme = "https" if https else "http"
        public = origin_of(public_url)
        self.own: set[tuple[str, int]] = {public} if public else set()
        bound = _host_port(f"[{host}]:{port}" if ":" in host else f"{host}:{port}", self.scheme)
        if bound:
            self.own.add(bound)
        if loopback:
            for name in _LOOPBACK_NAMES:
                alias = _host_port(f"{name}:{port}", self.scheme)
                if alias:
                    self.own.add(alias)
        # Beyond loopback every request needs the password, which a page on another origin
        # does not have, so any name of this machine may be used in the Host header.
        self.any_host = not loopback

    def allows(self, *, host: str | None, origin: str | None, fetch_site: str | None,
               fetch_mode: str | None, websocket: bool) -> bool:
        """Whether to answer the request (else 403)."""
        here = _host_port(host, self.scheme) if host else None
        if here is None or (not self.any_host and here not in self.own):
            return False
        if origin is not None:
            came_from = origin_of(origin)  # "null" (sandboxed frames, files) gives None
            return came_from is not None and (came_from == here or came_from in self.own)
        if websocket:
            return False  # a browser always names the page that opens a WebSocket
        # Without Origin: a typed address or a link followed (navigation) is fine, and so are
        # the page's own requests; a foreign page embedding our resources is not.
        return fetch_site in (None, "same-origin", "none") or fetch_mode == "navigate"


@dataclass
class _Client:
    failures: int = 0
    in_flight: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0


class GuessLimiter:
    """Password guesses per client: `free` wrong guesses, then a lockout that doubles.

    While a client's guesses are being checked they count against it too, so no client can
    queue up more checks at once than it has guesses left.
    """

    def __init__(self, free: int = 5, lockout: float = 60.0, max_lockout: float = 900.0,
                 forget_after: float = 900.0, max_clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.free = free
        self.lockout = lockout
        self.max_lockout = max_lockout
        self.forget_after = forget_after
        self.max_clients = max_clients
        self._clock = clock
        self._clients: dict[str, _Client] = {}

    def _client(self, key: str) -> _Client:
        now = self._clock()
        client = self._clients.get(key)
        if client is not None and not client.in_flight and now >= client.locked_until \
                and now - client.last_failure > self.forget_after:
            client = None
            del self._clients[key]
        if client is None:
            if len(self._clients) >= self.max_clients:
                self._forget_idle(now)
            client = self._clients[key] = _Client()
        return client

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, c in self._clients.items()
                if not c.in_flight and now >= c.locked_until]
        idle.sort(key=lambda k: self._clients[k].last_failure)
        for key in idle[: max(1, len(idle) // 2)]:
            del self._clients[key]

    def begin(self, key: str) -> float:
        """Reserve a guess: 0 if the client may guess now, else the seconds to wait."""
        client = self._client(key)
        now = self._clock()
        if now < client.locked_until:
            return client.locked_until - now
        if client.in_flight + min(client.failures, self.free - 1) >= self.free:
            return 1.0
        client.in_flight += 1
        return 0.0

    def end(self, key: str, ok: bool) -> None:
        """Record the outcome of a guess reserved with `begin`."""
        client = self._clients.get(key)
        if client is None:  # pragma: no cover - begin always creates it
            return
        client.in_flight = max(0, client.in_flight - 1)
        if ok:
            client.failures = 0
            client.locked_until = 0.0
            return
        now = self._clock()
        client.failures += 1
        client.last_failure = now
        if client.failures >= self.free:
            wait = self.lockout * 2 ** min(client.failures - self.free, 20)
            client.locked_until = now + min(wait, self.max_lockout)
