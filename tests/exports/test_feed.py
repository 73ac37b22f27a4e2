"""The live calendar feed: secret tokens, 404 for everything else, ETag/304, changes show up."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator

import icalendar
import pytest

from nettverk.domain.errors import DomainError
from nettverk.domain.network import GatheringStatus
from nettverk.exports.feed_server import make_server, serve_in_thread
from nettverk.services import calendar, register
from nettverk.services.database import Database
from tests.exports.conftest import Network, change_gathering, oslo
from tests.support import run_cli, snapshot


@pytest.fixture
def server(db: Database) -> Iterator[str]:
    """The feed server on 127.0.0.1 with a free port, with its cache as `serve calendar` has it;
    yields its base URL."""
    cache = calendar.server_cache(db.engine)
    httpd = make_server(lambda token: calendar.feed_calendar(db.uow(), token, cache),
                        "127.0.0.1", 0, stamp=cache.stamp,
                        stamp_inline=db.engine.url.get_backend_name() == "sqlite")
    thread = serve_in_thread(httpd)
    host, port = httpd.server_address[:2]
    yield f"http://{host}:{port}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_feed_serves_the_calendar_and_follows_changes(network: Network, db: Database,
                                                      server: str) -> None:
    created = calendar.create_feed(db.uow(), programme=network.programme)
    url = calendar.feed_url(server, created.token)
    assert url == f"{server}/feed/{created.token}.ics"
    status, headers, body = _get(url)
    assert status == 200
    assert headers["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(body)
    assert str(cal["X-WR-CALNAME"]) == "Samfunnsutvikling i mindre kommuner"
    assert len(cal.walk("VEVENT")) == 3
    etag = headers["ETag"]

    status, _, body304 = _get(url, {"If-None-Match": etag})
    assert (status, body304) == (304, b"")
    assert _get(url, {"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert _get(url, {"If-None-Match": '"other"'})[0] == 200

    change_gathering(db, network.gatherings["winter"], starts_at=oslo(2021, 1, 27, 9),
                     ends_at=oslo(2021, 1, 27, 15))
    status, headers, body = _get(url, {"If-None-Match": etag})
    assert status == 200 and headers["ETag"] != etag
    moved = {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    event = moved["Oppstartssamling: Plan & Bygg <del 1>"]
    assert event["DTSTART"].dt == oslo(2021, 1, 27, 9)
    assert int(event["SEQUENCE"]) == 1


def test_wrong_or_revoked_token_and_other_paths_get_404(network: Network, db: Database,
                                                        server: str) -> None:
    created = calendar.create_feed(db.uow(), municipality="5041", with_themes=True)
    good = calendar.feed_url(server, created.token)
    assert _get(good)[0] == 200
    wrong = created.token[:-1] + ("A" if created.token[-1] != "A" else "B")
    for path in (f"/feed/{wrong}.ics", "/", "/feed/", f"/feed/{created.token}",
                 f"/feed/{created.token}.ics/../x", "/feed/../../etc/passwd",
                 f"/feeds/{created.token}.ics", "/favicon.ico"):
        status, _, body = _get(server + path)
        assert status == 404, path
        assert b"BEGIN:VCALENDAR" not in body
    post = urllib.request.Request(good, data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(post, timeout=10)
    assert err.value.code == 404

    calendar.revoke_feed(db.uow(), created.feed.id)
    assert _get(good)[0] == 404


def test_municipality_feed_includes_themes_when_asked(network: Network, db: Database,
                                                      server: str) -> None:
    created = calendar.create_feed(db.uow(), municipality="5045", with_themes=True)
    _, _, body = _get(calendar.feed_url(server, created.token))
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert "Samskaping i Røyrvik" in summaries
    assert "Månedens tema: Trygghet" in summaries


def test_repeated_fetches_serve_the_same_calendar(network: Network, db: Database,
                                                  server: str) -> None:
    """The feed is cached between fetches (its speed is measured by bench/)."""
    created = calendar.create_feed(db.uow(), programme=network.programme)
    url = calendar.feed_url(server, created.token)
    bodies = {_get(url)[2] for _ in range(5)}
    assert len(bodies) == 1


def test_the_token_is_not_stored_and_feeds_are_listed(network: Network, db: Database) -> None:
    created = calendar.create_feed(db.uow(), programme=network.programme, label="Fylkesrådet")
    rows = snapshot(db.engine)["calendar_feed"]
    assert rows and not any(created.token in "".join(row) for row in rows)
    feeds = calendar.list_feeds(db.uow())
    assert [(f.target, f.programme, f.active, f.label) for f in feeds] == [
        ("programme", network.programme, True, "Fylkesrådet")]
    calendar.revoke_feed(db.uow(), created.feed.id)
    assert calendar.list_feeds(db.uow(), include_revoked=False) == []
    assert calendar.feed_calendar(db.uow(), created.token) is None


def test_feed_needs_exactly_one_existing_target(network: Network, db: Database) -> None:
    before = snapshot(db.engine)
    with pytest.raises(DomainError) as err:
        calendar.create_feed(db.uow())
    assert err.value.field == "programme"
    with pytest.raises(DomainError):
        calendar.create_feed(db.uow(), programme=network.programme, municipality="5041")
    with pytest.raises(DomainError) as err:
        calendar.create_feed(db.uow(), municipality="9999")
    assert err.value.field == "municipality"
    with pytest.raises(DomainError) as err:
        calendar.revoke_feed(db.uow(), 4242)
    assert err.value.field == "id"
    assert snapshot(db.engine) == before


def test_feed_cli_create_list_revoke(network: Network, db: Database, db_url: str,
                                     server: str) -> None:
    created = run_cli(db_url, "feed", "create", "--programme", network.programme,
                      "--base-url", server)
    assert created.code == 0, created.err
    url = created.out.strip()
    assert url.startswith(f"{server}/feed/") and url.endswith(".ics")
    assert _get(url)[0] == 200
    listed = run_cli(db_url, "feed", "list", "--format", "json").json()
    assert len(listed) == 1 and listed[0]["programme"] == network.programme
    assert listed[0]["revoked_at"] is None
    revoked = run_cli(db_url, "feed", "revoke", str(listed[0]["id"]), "--format", "json")
    assert revoked.code == 0 and revoked.json()["revoked_at"] is not None
    assert _get(url)[0] == 404
    bad = run_cli(db_url, "feed", "create", "--programme", "finnes-ikke")
    assert bad.code == 2 and "«programme»" in bad.err
    as_json = run_cli(db_url, "feed", "create", "--municipality", "5041", "--format", "json")
    assert as_json.json()["url"].startswith("http://127.0.0.1:8765/feed/")


def _start_cli_server(db_url: str, host: str) -> tuple[subprocess.Popen[str], str, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "nettverk", "--db", db_url, "serve", "calendar", "--host", host,
         "--port", "0"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    seen = ""
    while "Ctrl+C" not in seen:
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
    match = re.search(r"http://[^:]+:(\d+)/feed/", seen)
    assert match, seen
    return proc, match.group(1), seen


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_serve_calendar_command(network: Network, db: Database, db_url: str, host: str) -> None:
    created = calendar.create_feed(db.uow(), programme=network.programme)
    proc, port, said = _start_cli_server(db_url, host)
    try:
        assert ("Advarsel" in said) == (host != "127.0.0.1")
        base = f"http://127.0.0.1:{port}"
        assert _get(calendar.feed_url(base, created.token))[0] == 200
        assert _get(f"{base}/feed/feil.ics")[0] == 404
    finally:
        proc.terminate()
        proc.wait(10)


def test_cache_serves_unchanged_feeds_and_notices_every_change(network: Network,
                                                               db: Database) -> None:
    from nettverk.services import themes

    cache = calendar.FeedCache()
    created = calendar.create_feed(db.uow(), municipality="5045", with_themes=True)
    first = calendar.feed_calendar(db.uow(), created.token, cache)
    assert first is not None
    assert calendar.feed_calendar(db.uow(), created.token, cache) is first  # from the cache

    def summaries() -> dict[str, icalendar.Event]:
        body = calendar.feed_calendar(db.uow(), created.token, cache)
        assert body is not None
        return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(body.body).walk("VEVENT")}

    change_gathering(db, network.gatherings["pilot"], status=GatheringStatus.cancelled)
    assert str(summaries()["Samskaping i Røyrvik"]["STATUS"]) == "CANCELLED"
    theme = next(t for t in themes.list_themes(db.uow()) if t.title == "Trygghet")
    themes.update_theme(db.uow(), theme.id, title="Trygghet for alle")
    assert "Månedens tema: Trygghet for alle" in summaries()
    register.update_municipality(db.uow(), "5045", sami_name="Raarvihke (ny)")
    body = calendar.feed_calendar(db.uow(), created.token, cache)
    assert body is not None and "Raarvihke (ny)" in body.body.decode()
    calendar.revoke_feed(db.uow(), created.feed.id)
    assert calendar.feed_calendar(db.uow(), created.token, cache) is None


def test_http_1_1_keep_alive_conditional_headers_and_bare_404_for_every_method(
        network: Network, db: Database, server: str) -> None:
    import http.client

    created = calendar.create_feed(db.uow(), programme=network.programme)
    host, port = server.removeprefix("http://").split(":")
    path = f"/feed/{created.token}.ics"
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", path)
    first = conn.getresponse()
    first.read()
    assert (first.status, first.version) == (200, 11)  # HTTP/1.1
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert etag and modified and modified.endswith("GMT")
    # the same connection again (keep-alive): a 304 still says how to cache and since when
    conn.request("GET", path, headers={"If-None-Match": etag})
    again = conn.getresponse()
    again.read()
    assert again.status == 304
    assert again.getheader("Cache-Control") == "private, no-cache"
    assert again.getheader("Last-Modified") == modified
    conn.request("GET", path, headers={"If-Modified-Since": modified})
    since = conn.getresponse()
    since.read()
    assert since.status == 304
    for method in ("TRACE", "PROPFIND", "OPTIONS", "DELETE", "POST"):
        conn.request(method, path)
        refused = conn.getresponse()
        assert (refused.status, refused.read()) == (404, b"Ikke funnet\n"), method
    conn.close()


def test_a_malformed_request_never_prints_the_token(network: Network, db: Database, server: str,
                                                    capfd: pytest.CaptureFixture[str]) -> None:
    import socket

    created = calendar.create_feed(db.uow(), programme=network.programme)
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"BREW /feed/{created.token}.ics HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        answer = sock.recv(4096)
    assert answer.split(b" ")[1] == b"400"  # refused; the token goes only back to its sender
    out, err = capfd.readouterr()
    assert created.token not in out + err


def test_two_hundred_subscribers_at_once_are_all_answered(network: Network, db: Database,
                                                          server: str) -> None:
    """A burst of subscribers refreshing at once: nothing dropped (speed: bench/)."""
    from concurrent.futures import ThreadPoolExecutor

    feeds = [calendar.feed_url(server, calendar.create_feed(db.uow(), programme=network.programme
                                                            ).token) for _ in range(4)]
    with ThreadPoolExecutor(200) as pool:
        answers = list(pool.map(lambda i: _get(feeds[i % 4]), range(200)))
    assert [status for status, _, _ in answers] == [200] * 200
    assert len({body for _, _, body in answers}) == 1


def test_a_failing_lookup_is_a_503_and_the_server_goes_on(network: Network) -> None:
    calls: list[str] = []
    errors: list[BaseException] = []

    def lookup(token: str) -> calendar.FeedBody | None:
        calls.append(token)
        if len(calls) == 1:
            raise RuntimeError("databasen svarer ikke")
        return calendar.FeedBody(body=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", etag='"x"')

    httpd = make_server(lookup, "127.0.0.1", 0, on_error=errors.append)
    thread = serve_in_thread(httpd)
    try:
        host, port = httpd.server_address[:2]
        status, headers, _ = _get(f"http://{host}:{port}/feed/abc.ics")
        assert status == 503 and headers["Retry-After"]
        assert _get(f"http://{host}:{port}/feed/abc.ics")[0] == 200
        assert [type(e) for e in errors] == [RuntimeError]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.mark.parametrize("inline", [False, True], ids=["stamp-in-thread", "stamp-inline"])
def test_a_burst_is_answered_from_memory_until_something_is_committed(inline: bool) -> None:
    """200 subscribers at once while nothing changes: a few stamp reads and one lookup per feed;
    a request arriving after a commit gets the new calendar, never the one kept before it."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    lock = threading.Lock()
    stamp = [1]
    stamp_reads: list[int] = []
    lookups: list[str] = []

    def read_stamp() -> object:
        with lock:
            stamp_reads.append(stamp[0])
            return stamp[0]

    def lookup(token: str) -> calendar.FeedBody | None:
        with lock:
            lookups.append(token)
            now = stamp[0]
        if token == "feil":
            return None
        return calendar.FeedBody(body=f"BEGIN:VCALENDAR\r\nX-{token}-{now}\r\n".encode(),
                                 etag=f'"{token}-{now}"')

    httpd = make_server(lookup, "127.0.0.1", 0, stamp=read_stamp, stamp_inline=inline)
    thread = serve_in_thread(httpd)
    try:
        host, port = httpd.server_address[:2]
        base = f"http://{host}:{port}/feed/"
        tokens = ["a", "b", "c", "d", "feil"]
        with ThreadPoolExecutor(200) as pool:
            answers = list(pool.map(lambda i: _get(f"{base}{tokens[i % 5]}.ics"), range(200)))
        assert [a[0] for a in answers] == [200, 200, 200, 200, 404] * 40
        assert {a[2] for a in answers[:4]} == {f"BEGIN:VCALENDAR\r\nX-{t}-1\r\n".encode()
                                                for t in "abcd"}
        assert sorted(set(lookups)) == sorted(tokens)
        assert len(lookups) <= 2 * len(tokens)  # shared, and kept while the stamp stands
        if not inline:
            assert len(stamp_reads) < 100  # shared by the requests waiting at the same time
        with lock:
            lookups.clear()
        assert _get(f"{base}a.ics")[2].endswith(b"X-a-1\r\n")
        status, headers, body = _get(f"{base}a.ics", {"If-None-Match": '"a-1"'})
        assert (status, body, headers["ETag"]) == (304, b"", '"a-1"')
        assert lookups == []  # answered from memory
        with lock:
            stamp[0] = 2  # something was committed
        assert _get(f"{base}a.ics")[2].endswith(b"X-a-2\r\n")
        assert _get(f"{base}a.ics", {"If-None-Match": '"a-1"'})[0] == 200
        assert lookups == ["a"]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_a_failing_stamp_read_is_a_503_and_the_next_request_reads_again() -> None:
    reads: list[int] = []
    errors: list[BaseException] = []

    def read_stamp() -> object:
        reads.append(1)
        if len(reads) == 1:
            raise RuntimeError("databasen svarer ikke")
        return 7

    httpd = make_server(lambda token: calendar.FeedBody(body=b"BEGIN:VCALENDAR\r\n", etag='"x"'),
                        "127.0.0.1", 0, on_error=errors.append, stamp=read_stamp)
    thread = serve_in_thread(httpd)
    try:
        host, port = httpd.server_address[:2]
        assert _get(f"http://{host}:{port}/feed/abc.ics")[0] == 503
        assert _get(f"http://{host}:{port}/feed/abc.ics")[0] == 200
        assert [type(e) for e in errors] == [RuntimeError] and len(reads) == 2
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
