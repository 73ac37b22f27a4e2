"""Calendar subscribers refreshing at once: the real `nettverk serve calendar` process, and 200
clients on their own connections asking at the same moment, as calendar apps do on the hour.

Every round opens 200 new connections and sends 200 requests at once, spread over 20 feeds (a
county's programmes and municipalities), half of them conditional (If-None-Match), as subscribed
clients ask. Each round's p99 (the 198th slowest of 200) is one sample; the budget is on the
median of those p99s. A request that is not answered 200/304 counts as dropped, and any drop
fails the benchmark. The floor is the same burst against a static aiohttp server that answers
every request from memory, in the same run, interleaved round by round: the same paths, the same
bodies and entity tags (taken from the real server after the warm-up round), 304 for a matching
If-None-Match, each server in its own process and the clients in this one, so the only
difference left is what the real server does per request.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from typing import Any

from bench.dataset import Dataset, scratch_copy
from bench.harness import PYTHON, Result

SUBSCRIBERS = 200
FEEDS = 20
P99_BUDGET = 0.100


def _start(url: str) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen([PYTHON, "-m", "nettverk", "--db", url, "serve", "calendar",
                             "--port", "0"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True)
    assert proc.stderr is not None
    seen = ""
    while "Ctrl+C" not in seen:
        line = proc.stderr.readline()
        if not line:
            raise RuntimeError(f"serve calendar did not start: {seen}")
        seen += line
    match = re.search(r"http://[^:]+:(\d+)/feed/", seen)
    assert match, seen
    return proc, int(match.group(1))


def _feeds(url: str) -> list[str]:
    from sqlalchemy import text

    from nettverk.services import calendar
    from nettverk.services.database import connect

    db = connect(url, "bench")
    try:
        with db.engine.connect() as conn:
            slugs = conn.execute(text("SELECT slug FROM programme ORDER BY id LIMIT 5")).scalars()
            numbers = conn.execute(text(
                "SELECT number FROM municipality ORDER BY number LIMIT :n"), {"n": FEEDS}).scalars()
            slugs, numbers = list(slugs), list(numbers)
        paths = [calendar.create_feed(db.uow(), programme=slug).path for slug in slugs]
        for number in numbers[: FEEDS - len(paths)]:
            paths.append(calendar.create_feed(db.uow(), municipality=number).path)
        return [p if p.startswith("/") else "/" + p for p in paths]
    finally:
        db.close()


async def _burst(port: int, paths: list[str], etags: dict[str, str]) -> tuple[list[float], int]:
    import aiohttp

    # force_close: every subscriber on its own new connection, as separate calendar apps are
    connector = aiohttp.TCPConnector(force_close=True, limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(i: int) -> float | None:
            path = paths[i % len(paths)]
            headers = {"If-None-Match": etags[path]} if i % 2 and path in etags else {}
            start = time.perf_counter()
            try:
                async with session.get(f"http://127.0.0.1:{port}{path}", headers=headers,
                                       timeout=aiohttp.ClientTimeout(total=60)) as response:
                    await response.read()
                    if response.status == 200 and "ETag" in response.headers:
                        etags[path] = response.headers["ETag"]
                    ok = response.status in (200, 304)
            except (aiohttp.ClientError, TimeoutError):
                ok = False
            return time.perf_counter() - start if ok else None

        answers = await asyncio.gather(*(one(i) for i in range(SUBSCRIBERS)))
    times = sorted(t for t in answers if t is not None)
    return times, SUBSCRIBERS - len(times)


def _p99(times: list[float]) -> float:
    return times[min(len(times) - 1, round(0.99 * (len(times) - 1)))] if times else float("inf")


Responses = dict[str, tuple[bytes, str]]  # path: (body, ETag)


async def _responses(port: int, paths: list[str]) -> Responses:
    """What the real server answers for each path now (body and ETag), for the floor."""
    import aiohttp

    out: Responses = {}
    async with aiohttp.ClientSession() as session:
        for path in paths:
            async with session.get(f"http://127.0.0.1:{port}{path}") as response:
                out[path] = (await response.read(), response.headers["ETag"])
    return out


async def _static_floor(responses: Responses) -> tuple[Any, int]:
    """An aiohttp server answering the same responses from memory: 200 with the body, or 304
    when If-None-Match names its tag; nothing computed per request."""
    from aiohttp import web

    async def handle(request: web.Request) -> web.Response:
        answer = responses.get(request.path)
        if answer is None:
            return web.Response(status=404)
        body, etag = answer
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type="text/calendar", headers={"ETag": etag})

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, port


def _floor_process(responses: Responses) -> tuple[subprocess.Popen[str], int]:
    import pickle
    import tempfile

    with tempfile.NamedTemporaryFile("wb", suffix=".pickle", delete=False) as f:
        pickle.dump(responses, f)
    code = ("import asyncio, pickle, bench.bench_feed_burst as b\n"
            f"responses = pickle.load(open({f.name!r}, 'rb'))\n"
            "async def main():\n"
            "    runner, port = await b._static_floor(responses)\n"
            "    print(port, flush=True)\n"
            "    await asyncio.Event().wait()\n"
            "asyncio.run(main())\n")
    proc = subprocess.Popen([PYTHON, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    os.unlink(f.name)
    return proc, port


def run(dataset: Dataset, repeat: int) -> list[Result]:
    url = scratch_copy(dataset, "feed-burst")
    paths = _feeds(url)
    server, port = _start(url)
    floor: subprocess.Popen[str] | None = None
    rounds = max(5, repeat)
    product: list[float] = []
    static: list[float] = []
    dropped = 0
    etags: dict[str, str] = {}
    floor_etags: dict[str, str] = {}
    load = os.getloadavg()[0]
    try:
        asyncio.run(_burst(port, paths, etags))  # warm: every feed rendered once
        floor, floor_port = _floor_process(asyncio.run(_responses(port, paths)))
        asyncio.run(_burst(floor_port, paths, floor_etags))  # warm the floor the same way
        for _ in range(rounds):
            times, lost = asyncio.run(_burst(port, paths, etags))
            product.append(_p99(times))
            dropped += lost
            floor_times, _ = asyncio.run(_burst(floor_port, paths, floor_etags))
            static.append(_p99(floor_times))
    finally:
        for proc in (server, floor):
            if proc is not None:
                proc.terminate()
                proc.wait(10)
    load = max(load, os.getloadavg()[0])
    note = (f"{SUBSCRIBERS} subscribers at once over {len(paths)} feeds, new connection each, "
            f"half conditional; p99 per round, {rounds} rounds; dropped: {dropped}; "
            f"load ≤ {load:.1f}")
    result = Result(name=f"calendar feed, {SUBSCRIBERS} subscribers at once (p99)",
                    budget=P99_BUDGET if dropped == 0 else 0.0, samples=product, note=note,
                    baseline_name="static aiohttp server (floor)", baseline=static,
                    extra={"dropped": dropped, "load": load})
    return [result, Result(name="static aiohttp server, same burst (p99, floor)", kind="info",
                           samples=static)]


if __name__ == "__main__":
    from bench import dataset as datasets

    for r in run(datasets.national(quick="--quick" in sys.argv), 5):
        print(r.name, r.median, r.status, r.note, r.samples)
