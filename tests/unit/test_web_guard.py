"""The browser mode's origin rule and who counts as one client, case by case."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import make_mocked_request

from nettverk.web_guard import OriginRule
from nettverk.webserve import client_key


def _loopback() -> OriginRule:
    return OriginRule("http://127.0.0.1:8000", "127.0.0.1", 8000, loopback=True, https=False)


@pytest.mark.parametrize(("host", "origin", "site", "mode", "ws", "allowed"), [
    ("127.0.0.1:8000", "http://127.0.0.1:8000", None, None, True, True),
    ("127.0.0.1:8000", "http://localhost:8000", None, None, True, True),
    ("localhost:8000", None, "none", "navigate", False, True),  # typed in the address bar
    ("127.0.0.1:8000", None, "same-origin", "no-cors", False, True),  # the page's own script
    ("127.0.0.1:8000", None, "cross-site", "navigate", False, True),  # a link followed
    ("127.0.0.1:8000", None, None, None, False, True),  # curl, urllib
    ("127.0.0.1:8000", "http://evil.example", None, None, True, False),
    ("127.0.0.1:8000", "http://evil.example", None, None, False, False),
    ("127.0.0.1:8000", "http://127.0.0.1:9999", None, None, True, False),  # another port
    ("127.0.0.1:8000", "null", None, None, True, False),  # sandboxed frame, file://
    ("127.0.0.1:8000", None, None, None, True, False),  # a WebSocket must name its page
    ("127.0.0.1:8000", None, "cross-site", "no-cors", False, False),  # embedded elsewhere
    ("evil.example:8000", "http://evil.example:8000", None, None, True, False),  # rebinding
    (None, None, None, None, False, False),
])
def test_own_origin_only_on_loopback(host: str | None, origin: str | None, site: str | None,
                                     mode: str | None, ws: bool, allowed: bool) -> None:
    assert _loopback().allows(host=host, origin=origin, fetch_site=site, fetch_mode=mode,
                              websocket=ws) is allowed


def test_behind_a_proxy_the_public_address_is_the_own_origin() -> None:
    rule = OriginRule("https://nettverk.example.no", "0.0.0.0", 8000, loopback=False,
                      https=True)
    for host in ("nettverk.example.no", "10.0.0.5:8000"):
        assert rule.allows(host=host, origin="https://nettverk.example.no", fetch_site=None,
                           fetch_mode=None, websocket=True)
        assert not rule.allows(host=host, origin="https://evil.example", fetch_site=None,
                               fetch_mode=None, websocket=True)
    # a non-default port in the Origin is a different origin
    assert not rule.allows(host="nettverk.example.no", origin="https://nettverk.example.no:444",
                           fetch_site=None, fetch_mode=None, websocket=True)


def test_a_forwarded_address_counts_only_from_a_local_proxy() -> None:
    forwarded = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9"}
    local = make_mocked_request("GET", "/", headers=forwarded).clone(remote="127.0.0.1")
    assert client_key(local, behind_tls_proxy=True) == "203.0.113.9"
    assert client_key(local, behind_tls_proxy=False) == "127.0.0.1"
    remote = make_mocked_request("GET", "/", headers=forwarded).clone(remote="192.0.2.1")
    assert client_key(remote, behind_tls_proxy=True) == "192.0.2.1"
