"""Calendar: ICS export of 10,000 gatherings beside a plain icalendar serialization, and a
programme feed served over HTTP (200 with an ETag, then 304 for If-None-Match)."""

from __future__ import annotations

import http.client
import importlib.util
import inspect
import time
from typing import Any

from sqlalchemy import select

from bench.dataset import Dataset, scratch_copy
from bench.harness import Result, measure, skipped

EXPORT_BUDGET = 1.0
FEED_BUDGET = 0.020


def _plain_icalendar(events: list[Any]) -> bytes:
    """The same events serialized with icalendar 7 directly (as in bench/ics_writers.py,
    which the exports owner keeps; theirs expects every event to have a URL)."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//nettverk//bench//NO")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Alle samlinger")
    cal.add_component(icalendar.Timezone.from_tzid("Europe/Oslo"))
    for e in events:
        ev = icalendar.Event()
        ev.add("uid", e.uid)
        ev.add("sequence", e.sequence)
        ev.add("dtstamp", e.stamp)
        ev.add("dtstart", e.starts)
        ev.add("dtend", e.ends)
        ev.add("summary", e.summary)
        ev.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
        for key, value in (("location", e.location), ("url", e.url),
                           ("description", e.description)):
            if value:
                ev.add(key, value)
        cal.add_component(ev)
    return bytes(cal.to_ical())


def run(dataset: Dataset, repeat: int) -> list[Result]:
    """Export (our writer, icalendar) and feed serving on the data set."""
    if importlib.util.find_spec("nettverk.services.calendar") is None:
        return [skipped("ICS export of 10,000 gatherings",
                        "not available yet: nettverk.services.calendar")]
    from nettverk.domain.network import Gathering
    from nettverk.domain.register import Programme
    from nettverk.exports.ics import Calendar, write_calendar
    from nettverk.services import calendar
    from nettverk.services.database import connect

    db = connect(dataset.url, "bench")
    results: list[Result] = []
    try:
        with db.uow() as uow:
            ids = list(uow.session.scalars(select(Programme.id)))
        # The service's private row query: it took programme ids, now a WHERE clause.
        second = list(inspect.signature(calendar._gathering_rows).parameters)[1]
        every: Any = Gathering.programme_id.in_(ids) if second == "where" else ids
        with db.uow() as uow:
            events = calendar._gathering_rows(uow.session, every)

        def ours() -> bytes:
            with db.uow() as uow:
                rows = calendar._gathering_rows(uow.session, every)
            return write_calendar(Calendar(name="Alle samlinger", events=rows))

        def writer_only() -> bytes:
            return write_calendar(Calendar(name="Alle samlinger", events=events))

        count = len(events)
        n = max(3, repeat // 3)
        results.append(Result(
            name=f"ICS export of {count} gatherings", budget=EXPORT_BUDGET,
            samples=measure(ours, n),
            note="query + nettverk.exports.ics writer (services.calendar's gathering rows)"))
        results.append(Result(name=f"ICS writer only, {count} events", kind="info",
                              samples=measure(writer_only, n)))
        results.append(Result(name=f"icalendar 7 serialization, {count} events",
                              kind="info", samples=measure(lambda: _plain_icalendar(events), 3,
                                                           warmup=0),
                              note="the same events through icalendar 7 directly"))
    finally:
        db.close()
    results += _feed(dataset, repeat)
    from bench.bench_feed_burst import run as burst

    results += burst(dataset, repeat)
    return results


def _feed(dataset: Dataset, repeat: int) -> list[Result]:
    from sqlalchemy import text

    from nettverk.exports.feed_server import make_server, serve_in_thread
    from nettverk.services import calendar
    from nettverk.services.database import connect

    url = scratch_copy(dataset, "feeds")  # creating a feed writes: never in the shared data set
    db = connect(url, "bench")
    try:
        with db.engine.connect() as conn:
            slug = conn.execute(text(
                "SELECT p.slug FROM programme p JOIN gathering g ON g.programme_id = p.id "
                "GROUP BY p.slug ORDER BY count(*) DESC LIMIT 1")).scalar_one()
        created = calendar.create_feed(db.uow(), programme=slug)
        # As `nettverk serve calendar` does: the last body per feed is kept until its data change.
        cache = calendar.server_cache(db.engine)
        server = make_server(lambda token: calendar.feed_calendar(db.uow(), token, cache))
        serve_in_thread(server)
        host, port = server.server_address[:2]
        path = created.path if created.path.startswith("/") else "/" + created.path
        conn_ = http.client.HTTPConnection(str(host), int(port), timeout=10)

        def get(headers: dict[str, str]) -> tuple[int, str | None]:
            conn_.request("GET", path, headers=headers)
            response = conn_.getresponse()
            response.read()
            return response.status, response.getheader("ETag")

        cold = measure(lambda: calendar.feed_calendar(db.uow(), created.token), repeat)
        # What a subscriber waits for after a leader changed one gathering: the server's cache
        # (change stamp, fingerprint, kept event texts) and one gathering edited in between.
        with db.engine.connect() as conn:
            gid = conn.execute(text(
                "SELECT g.id FROM gathering g JOIN programme p ON p.id = g.programme_id "
                "WHERE p.slug = :slug ORDER BY g.starts_at DESC LIMIT 1"), {"slug": slug}
            ).scalar_one()
        changed = [0]

        def change_then_ask() -> float:
            changed[0] += 1
            with db.engine.begin() as conn:
                conn.execute(text("UPDATE gathering SET title = :t, revision = revision + 1, "
                                  "version = version + 1 WHERE id = :id"),
                             {"t": f"Samling endret {changed[0]}", "id": gid})
            start = time.perf_counter()
            body = calendar.feed_calendar(db.uow(), created.token, cache)
            took = time.perf_counter() - start
            assert body is not None and f"Samling endret {changed[0]}".encode() in body.body
            return took

        change_then_ask()  # the first render fills the cache
        after_change = [change_then_ask() for _ in range(repeat)]
        status, etag = get({})
        events = calendar.feed_calendar(db.uow(), created.token)
        size = len(events.body) if events else 0
        full = measure(lambda: get({}), repeat)
        results = [
            Result(name="calendar feed rendered without a cache (first request)", kind="info",
                   samples=cold, note="no cache: token lookup, queries and the whole calendar"),
            Result(name="calendar feed, first answer after a gathering changed",
                   budget=FEED_BUDGET, samples=after_change,
                   note="one gathering edited and committed before each request; the feed "
                        "server's cache: change stamp, fingerprint, only changed events "
                        "rendered again (time of feed_calendar; the edit is not timed)"),
            Result(name="calendar feed served (200)", budget=FEED_BUDGET, samples=full,
                   note=f"programme {slug}, {size} bytes, HTTP on 127.0.0.1; "
                        f"first status {status}; unchanged data served from the feed cache"),
        ]
        if etag:
            not_modified, _ = get({"If-None-Match": etag})
            results.append(Result(
                name="calendar feed, If-None-Match (304)", budget=FEED_BUDGET,
                samples=measure(lambda: get({"If-None-Match": etag}), repeat),
                note=f"status {not_modified}"))
        else:
            results.append(skipped("calendar feed, If-None-Match (304)", "no ETag in the response"))
        conn_.close()
        server.shutdown()
        server.server_close()
        return results
    finally:
        db.close()
