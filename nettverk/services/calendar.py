"""Calendar use cases: the ICS calendars of programmes and municipalities, and their feed tokens."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, func, or_, select
from sqlalchemy.orm import Session, joinedload

from nettverk.domain.agreements import Theme
from nettverk.domain.base import utcnow
from nettverk.domain.errors import DomainError, NotFoundError
from nettverk.domain.feeds import CalendarFeed, token_digest
from nettverk.domain.network import Gathering, GatheringMode, GatheringStatus
from nettverk.domain.register import Municipality, Participation, Programme
from nettverk.domain.sdg import goal_label
from nettverk.exports.ics import AllDayItem, Calendar, CalendarEvent, write_calendar
from nettverk.persistence.uow import UnitOfWork
from nettverk.services import plain_feeds
from nettverk.services.feed_views import FeedView as FeedView
from nettverk.services.register import find_municipality, find_programme

DEFAULT_PORT = 8765
FEED_PATH = "/feed/{token}.ics"

_MODE_LABEL = {
    GatheringMode.video: "Videomøte",
    GatheringMode.physical: "Fysisk samling",
    GatheringMode.hybrid: "Hybrid samling",
}

# --- calendars -----------------------------------------------------------------------------


def _gathering_rows(session: Session, where: ColumnElement[bool]) -> list[CalendarEvent]:
    """The matching gatherings as calendar events; one column query, no ORM objects."""
    stmt = (
        select(
            Gathering.uid, Gathering.revision, Gathering.title, Gathering.starts_at,
            Gathering.ends_at, Gathering.updated_at, Gathering.status, Gathering.mode,
            Gathering.location, Gathering.video_url, Gathering.agenda, Programme.name,
        )
        .join(Programme, Programme.id == Gathering.programme_id)
        .where(where)
        .order_by(Gathering.starts_at, Gathering.id)
    )
    events = []
    for (uid, revision, title, starts, ends, updated, status, mode, location, video_url, agenda,
         programme_name) in session.execute(stmt):
        description = agenda or ""
        if video_url:
            description = f"{description}\n\nVideolenke: {video_url}".strip()
        events.append(CalendarEvent(
            uid=uid, sequence=revision, summary=title, starts=starts, ends=ends, stamp=updated,
            cancelled=status == GatheringStatus.cancelled,
            location=location or (_MODE_LABEL[mode] if mode is GatheringMode.video else None),
            url=video_url, description=description or None,
            categories=(programme_name, _MODE_LABEL[mode]),
        ))
    return events


def _theme_url(links: list[Any]) -> str | None:
    for link in links or []:
        if isinstance(link, str) and link.strip():
            return link.strip()
        if isinstance(link, dict) and isinstance(link.get("url"), str):
            return str(link["url"])
    return None


def _theme_items(session: Session) -> list[AllDayItem]:
    """The theme calendar (Det gode liv): each month's theme as a month-long all-day item."""
    stmt = (
        select(Theme).options(joinedload(Theme.programme))
        .order_by(Theme.year, Theme.month, Theme.id)
    )
    items = []
    for t in session.scalars(stmt):
        first = date(t.year, t.month, 1)
        after = date(t.year + 1, 1, 1) if t.month == 12 else date(t.year, t.month + 1, 1)
        parts = [t.description or ""]
        goals = [goal_label(int(g)) for g in (t.goals or [])]
        if goals:
            parts.append("FNs bærekraftsmål: " + ", ".join(goals))
        items.append(AllDayItem(
            uid=f"tema-{t.programme.slug}-{t.year}-{t.month:02d}@nettverk",
            sequence=max(t.version - 1, 0), summary=f"Månedens tema: {t.title}",
            starts=first, ends=after, stamp=t.updated_at,
            description="\n\n".join(p for p in parts if p) or None,
            url=_theme_url(t.links), categories=(t.programme.name, "Temakalender"),
        ))
    return items


def _participating_programmes(session: Session, municipality: Municipality) -> list[Programme]:
    stmt = (
        select(Programme).join(Participation, Participation.programme_id == Programme.id)
        .where(Participation.municipality_id == municipality.id)
        .order_by(Programme.starts, Programme.slug)
    )
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class _Scope:
    """Which gatherings a calendar holds, and what the calendar is called."""

    where: ColumnElement[bool]
    name: str
    description: str | None
    programmes: tuple[tuple[int, int], ...]  # (id, version) of the programmes it draws on


def _scope(session: Session, programme: Programme | None,
           municipality: Municipality | None) -> _Scope:
    """A programme's calendar has all its gatherings. A municipality's has the shared gatherings
    (not tied to one municipality) of the programmes it takes part in, and the gatherings tied
    to it (such as its yearly partnership meeting); with a programme, only that programme's."""
    if programme is None and municipality is None:
        raise DomainError("programme", "velg et program (--programme) eller en kommune (--municipality)")
    if municipality is None:
        assert programme is not None
        return _Scope(Gathering.programme_id == programme.id, programme.name,
                      programme.description, ((programme.id, programme.version),))
    programmes = _participating_programmes(session, municipality)
    shared = and_(Gathering.municipality_id.is_(None),
                  Gathering.programme_id.in_([p.id for p in programmes]))
    where: ColumnElement[bool] = or_(Gathering.municipality_id == municipality.id, shared)
    if programme is None:
        return _Scope(where, f"Samlinger for {municipality.display_name}",
                      ", ".join(p.name for p in programmes) or None,
                      tuple((p.id, p.version) for p in programmes))
    tied = session.scalar(select(func.count(Gathering.id)).where(
        Gathering.programme_id == programme.id, Gathering.municipality_id == municipality.id))
    if programme.id not in {p.id for p in programmes} and not tied:
        raise DomainError(
            "municipality", f"{municipality.display_name} deltar ikke i {programme.slug}"
        )
    return _Scope(and_(where, Gathering.programme_id == programme.id),
                  f"{programme.name} ({municipality.display_name})", programme.name,
                  ((programme.id, programme.version),))


def _build(session: Session, programme: Programme | None, municipality: Municipality | None,
           with_themes: bool, scope: _Scope | None = None) -> Calendar:
    scope = scope or _scope(session, programme, municipality)
    return Calendar(
        name=scope.name, description=scope.description,
        events=_gathering_rows(session, scope.where),
        all_day=_theme_items(session) if with_themes else (),
    )


def calendar_data(
    uow: UnitOfWork,
    programme: str | None = None,
    municipality: str | None = None,
    with_themes: bool = False,
) -> Calendar:
    """The calendar of a programme, of a municipality (all its programmes), or of both."""
    with uow:
        s = uow.session
        prog = find_programme(s, programme) if programme else None
        mun = find_municipality(s, municipality) if municipality else None
        return _build(s, prog, mun, with_themes)


def export_ics(
    uow: UnitOfWork,
    programme: str | None = None,
    municipality: str | None = None,
    with_themes: bool = False,
) -> bytes:
    """The calendar as an iCalendar (.ics) file."""
    return write_calendar(calendar_data(uow, programme, municipality, with_themes))


# --- feeds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedFeed:
    """A new feed with its secret token: shown once, never stored in the clear."""

    feed: FeedView
    token: str
    path: str


@dataclass(frozen=True)
class FeedBody:
    """A feed's current calendar, with an entity tag for conditional requests."""

    body: bytes
    etag: str
    #: When this body was rendered from changed data (the feed server's Last-Modified).
    last_modified: datetime = field(default_factory=utcnow)


def feed_url(base_url: str, token: str) -> str:
    """The full subscription URL of a feed."""
    return base_url.rstrip("/") + FEED_PATH.format(token=token)


def feed_url_hint(base_url: str, token_hint: str) -> str:
    """A feed's URL as far as it can be shown later: the token's first characters only."""
    return base_url.rstrip("/") + FEED_PATH.format(token=f"{token_hint}…")


def _feed_view(f: CalendarFeed) -> FeedView:
    if f.programme is not None:
        target, name = "programme", f.programme.name
    else:
        assert f.municipality is not None
        target, name = "municipality", f.municipality.display_name
    return FeedView(
        id=f.id, target=target, programme=f.programme.slug if f.programme else None,
        municipality=f.municipality.number if f.municipality else None, name=name,
        with_themes=f.with_themes, label=f.label, token_hint=f.token_hint,
        created_at=f.created_at, revoked_at=f.revoked_at, version=f.version,
    )


def create_feed(
    uow: UnitOfWork,
    programme: str | None = None,
    municipality: str | None = None,
    with_themes: bool = False,
    label: str | None = None,
) -> CreatedFeed:
    """A new secret feed for one programme or one municipality."""
    if (programme is None) == (municipality is None):
        raise DomainError("programme", "velg enten et program (--programme) eller en kommune "
                          "(--municipality)")
    with uow:
        s = uow.session
        token = secrets.token_urlsafe(24)
        feed = CalendarFeed(
            token_hash=token_digest(token), token_hint=token[:4],
            programme=find_programme(s, programme) if programme else None,
            municipality=find_municipality(s, municipality) if municipality else None,
            with_themes=with_themes, label=label,
        )
        s.add(feed)
        uow.flush()
        view = _feed_view(feed)
        uow.commit()
        return CreatedFeed(feed=view, token=token, path=FEED_PATH.format(token=token))


def _feed_query() -> Select[CalendarFeed]:
    return select(CalendarFeed).options(
        joinedload(CalendarFeed.programme),
        joinedload(CalendarFeed.municipality).joinedload(Municipality.county),
    )


def list_feeds(uow: UnitOfWork, include_revoked: bool = True) -> list[FeedView]:
    """Every feed, newest last. Read in plain SQL on the unit of work's connection
    (services.plain_feeds, what `nettverk feed list` runs without SQLAlchemy)."""
    with uow:
        return plain_feeds.list_feeds(uow.plain_reader(), include_revoked)


def revoke_feed(uow: UnitOfWork, feed_id: int, expected_version: int | None = None) -> FeedView:
    """Stop serving a feed; its URL answers 404 from now on and subscribers get no more
    updates. The feed stays in the list, marked revoked."""
    with uow:
        feed = uow.session.scalar(_feed_query().where(CalendarFeed.id == feed_id))
        if feed is None:
            raise NotFoundError("id", f"kalenderstrøm {feed_id} finnes ikke")
        feed.check_version(expected_version, "kalenderstrømmen")
        if feed.revoked_at is None:
            feed.revoked_at = utcnow()
        uow.flush()
        view = _feed_view(feed)
        uow.commit()
        return view


def _fingerprint(session: Session, feed: CalendarFeed, scope: _Scope) -> tuple[Any, ...]:
    """What a feed's calendar depends on, from two aggregate queries: any change to a gathering
    (time, place, status, a new or deleted one), to a theme, to the programmes or participations
    or to the feed itself changes it."""
    gatherings = session.execute(select(
        func.count(Gathering.id), func.max(Gathering.updated_at), func.max(Gathering.id),
        func.sum(Gathering.revision), func.sum(Gathering.version),
    ).where(scope.where)).one()
    themes: tuple[Any, ...] = ()
    if feed.with_themes:
        themes = tuple(session.execute(select(
            func.count(Theme.id), func.max(Theme.updated_at), func.max(Theme.id),
            func.sum(Theme.version))).one())
    target = feed.municipality.version if feed.municipality is not None else None
    return (feed.id, feed.version, target, scope.programmes, tuple(gatherings), themes)


class FeedCache:
    """The last calendar rendered per feed, reused while nothing it depends on has changed.

    For the feed server: an unchanged feed (and every 304) then costs a token lookup and two
    aggregate queries instead of rendering the whole calendar. With a change stamp (see
    `nettverk.persistence.change_stamp`), a feed asked for again while nothing at all has been
    committed costs no query: a burst of subscribers refreshing at once is answered from memory.
    """

    def __init__(self, stamp: Callable[[], object] | None = None) -> None:
        self._entries: dict[int, tuple[tuple[Any, ...], FeedBody]] = {}
        self._by_token: dict[str, tuple[object, FeedBody | None]] = {}
        self._stamp = stamp
        self._lock = threading.Lock()
        self._events: dict[int, dict[CalendarEvent, str]] = {}

    def lookup(self, feed_id: int, fingerprint: tuple[Any, ...]) -> FeedBody | None:
        """The cached body if it was rendered from the same data."""
        with self._lock:
            entry = self._entries.get(feed_id)
        return entry[1] if entry is not None and entry[0] == fingerprint else None

    def store(self, feed_id: int, fingerprint: tuple[Any, ...], body: FeedBody) -> None:
        """Remember a freshly rendered body."""
        with self._lock:
            self._entries[feed_id] = (fingerprint, body)

    def event_texts(self, feed_id: int) -> dict[CalendarEvent, str]:
        """Each event's rendered text in the feed's last calendar (exports.ics fills it), so
        after one gathering changes only that event is rendered again."""
        with self._lock:
            return self._events.setdefault(feed_id, {})

    def keep_event_texts(self, feed_id: int, events: Sequence[CalendarEvent]) -> None:
        """Forget the texts of events no longer in the feed (changed or removed gatherings)."""
        with self._lock:
            texts = self._events.get(feed_id)
            if texts is not None and len(texts) > len(events):
                self._events[feed_id] = {e: texts[e] for e in events if e in texts}

    def stamp(self) -> object:
        """The database's change stamp now (None without a stamp reader: never a hit)."""
        return self._stamp() if self._stamp is not None else None

    def answered(self, digest: str, stamp: object) -> tuple[bool, FeedBody | None]:
        """(True, answer) when this token was answered while the stamp was the same."""
        if stamp is None:
            return False, None
        with self._lock:
            entry = self._by_token.get(digest)
        if entry is not None and entry[0] == stamp:
            return True, entry[1]
        return False, None

    def remember(self, digest: str, stamp: object, answer: FeedBody | None) -> None:
        """Keep the answer for a token (None: wrong or revoked) under the stamp read before it."""
        if stamp is None:
            return
        with self._lock:
            if len(self._by_token) > 10_000:  # guessed tokens must not grow memory without end
                self._by_token.clear()
            self._by_token[digest] = (stamp, answer)


def server_cache(engine: Engine) -> FeedCache:
    """The feed server's cache: with the database's change stamp, so a feed asked for again
    while nothing has been committed is answered without a query."""
    from nettverk.persistence.change_stamp import ChangeStamp

    return FeedCache(stamp=ChangeStamp(engine).read)


def feed_calendar(uow: UnitOfWork, token: str, cache: FeedCache | None = None) -> FeedBody | None:
    """The calendar behind a feed token, or None for a wrong or revoked token."""
    if not token or len(token) > 200:
        return None
    digest = token_digest(token)
    stamp = cache.stamp() if cache is not None else None  # read before the data it vouches for
    if cache is not None:
        known, answer = cache.answered(digest, stamp)
        if known:
            return answer
    with uow:
        s = uow.session
        feed = s.scalar(select(CalendarFeed).where(
            CalendarFeed.token_hash == digest, CalendarFeed.revoked_at.is_(None)))
        if feed is None:
            if cache is not None:
                cache.remember(digest, stamp, None)
            return None
        scope = _scope(s, feed.programme, feed.municipality)
        fingerprint = _fingerprint(s, feed, scope) if cache is not None else ()
        if cache is not None and (hit := cache.lookup(feed.id, fingerprint)) is not None:
            cache.remember(digest, stamp, hit)
            return hit
        calendar = _build(s, feed.programme, feed.municipality, feed.with_themes, scope)
        if cache is None:
            body = write_calendar(calendar)
        else:
            body = write_calendar(calendar, cache.event_texts(feed.id))
            cache.keep_event_texts(feed.id, calendar.events)
    result = FeedBody(body=body, etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"')
    if cache is not None:
        cache.store(feed.id, fingerprint, result)
        cache.remember(digest, stamp, result)
    return result
