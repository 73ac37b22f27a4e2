"""The partnership agreements' lists and the theme calendar in plain SQL through a DB-API
connection (persistence.plain), without SQLAlchemy or the mapped classes: `nettverk agreement
list`, `agreement action list`, `agreement meeting list`, `focus-area list` and `theme list`
run them on a bare connection, and services.agreements, .focus_areas, .agreement_actions and
services.themes (the TUI's lists, the spreadsheets) on the unit of work's own
(`UnitOfWork.plain_reader`), so each list is written once. tests/cli/test_plain_agreements.py
compares every option and format of the commands on both paths on both databases;
tests/integration/test_agreement_list_rows.py checks the views against the ORM objects'.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from nettverk.domain import rules
from nettverk.domain.agreement_rules import (
    ACTION_STATUS_LABELS,
    AGREEMENT_STATUS_LABELS,
    MONTH_NAMES,
    OPEN_ACTION_STATUSES,
    ActionStatus,
    action_is_overdue,
    parse_action_status,
    parse_agreement_status,
)
from nettverk.domain.errors import NotFoundError
from nettverk.domain.norwegian import display_name
from nettverk.domain.sdg import goal_label
from nettverk.persistence.plain import PlainReader
from nettverk.services.agreement_views import (
    PROGRAMME,
    THEME_PROGRAMME,
    ActionView,
    AgreementEventView,
    AgreementView,
    FocusAreaView,
    ThemeView,
)
from nettverk.services.network_common import today_or
from nettverk.services.plain_lookups import municipality_id, programme_id
from nettverk.services.plain_reads import county_id

if TYPE_CHECKING:
    from nettverk.services.gathering_rules import GatheringView

#: How many agreement ids one `IN (…)` carries (SQLite's limit on parameters is far above).
_CHUNK = 500


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _in(items: Sequence[Any]) -> str:
    """The markers of `IN (…)` for so many items."""
    return "(" + ", ".join("?" * len(items)) + ")"


# --- agreements ----------------------------------------------------------------------------


def list_agreements(reader: PlainReader, status: str | None = None, county: str | None = None,
                    limit: int | None = None, offset: int = 0,
                    programme: str = PROGRAMME) -> list[AgreementView]:
    """Agreements by municipality number, optionally of one status or county. Refuses an
    unknown programme, status or county, in that order."""
    conditions = ["a.programme_id = ?"]
    params: list[Any] = [programme_id(reader, programme)]
    if status:
        conditions.append("a.status = ?")
        params.append(parse_agreement_status(status).value)
    if county:
        conditions.append("m.county_id = ?")
        params.append(county_id(reader, county))
    page, page_params = reader.page(limit, offset)
    found = reader.rows(
        "SELECT a.id, a.status, a.offered_on, a.signed_on, a.starts, a.ends, a.archive_ref, "
        "a.notes, a.exempt_from_public, a.version, a.county_contact_id, "
        "a.municipality_contact_id, m.number, m.name, m.sami_name, c.number, cp.name, mp.name "
        "FROM partnership_agreement a JOIN municipality m ON m.id = a.municipality_id "
        "JOIN county c ON c.id = m.county_id "
        "LEFT OUTER JOIN person cp ON cp.id = a.county_contact_id "
        "LEFT OUTER JOIN person mp ON mp.id = a.municipality_contact_id "
        "WHERE " + " AND ".join(conditions) + " ORDER BY m.number" + page,
        (*params, *page_params))
    if not found:
        return []
    ids = [r[0] for r in found]
    codes: dict[int, list[str]] = {}
    names: dict[int, list[str]] = {}
    open_actions: dict[int, int] = {}
    events: dict[int, list[AgreementEventView]] = {}
    labels = {s.value: label for s, label in AGREEMENT_STATUS_LABELS.items()}
    for part in _chunks(ids):
        # focus_area_id is unique within an agreement: the order is the ORM view's sort
        for aid, code, name in reader.rows(
                "SELECT x.agreement_id, f.code, f.name FROM agreement_focus_area x "
                "JOIN focus_area f ON f.id = x.focus_area_id "
                f"WHERE x.agreement_id IN {_in(part)} ORDER BY x.agreement_id, x.focus_area_id",
                part):
            codes.setdefault(aid, []).append(code)
            names.setdefault(aid, []).append(name)
        open_actions.update(reader.rows(
            "SELECT agreement_id, count(*) FROM agreement_action "
            f"WHERE agreement_id IN {_in(part)} AND status IN {_in(OPEN_ACTION_STATUSES)} "
            "GROUP BY agreement_id", (*part, *(s.value for s in OPEN_ACTION_STATUSES))))
        for aid, code, on, note in reader.rows(
                "SELECT agreement_id, status, \"on\", note FROM agreement_event "
                f"WHERE agreement_id IN {_in(part)} ORDER BY \"on\", id", part):
            events.setdefault(aid, []).append(AgreementEventView(
                code, labels[code], reader.day(on), note))
    return [AgreementView(
        id=id, programme=programme.strip(), municipality=number, name=name, sami_name=sami_name,
        display_name=display_name(name, sami_name), county=county_number,
        status=code, status_label=labels[code],
        offered_on=reader.as_date(offered_on), signed_on=reader.as_date(signed_on),
        starts=reader.as_date(starts), ends=reader.as_date(ends), archive_ref=archive_ref,
        county_contact=county_contact, municipality_contact=municipality_contact,
        focus_areas=codes.get(id, []), focus_area_names=names.get(id, []),
        open_actions=int(open_actions.get(id, 0)), notes=notes,
        exempt_from_public=bool(exempt), events=events.get(id, []), version=version,
        county_contact_id=county_contact_id, municipality_contact_id=municipality_contact_id,
    ) for (id, code, offered_on, signed_on, starts, ends, archive_ref, notes, exempt, version,
           county_contact_id, municipality_contact_id, number, name, sami_name, county_number,
           county_contact, municipality_contact) in found]


def agreement_place(reader: PlainReader, agreement_id: int,
                    field: str = "agreement") -> tuple[str, str]:
    """The agreement's programme (slug) and municipality (number), or a NotFoundError naming
    the field (as services.agreements.find_agreement)."""
    found = reader.rows(
        "SELECT p.slug, m.number FROM partnership_agreement a "
        "JOIN programme p ON p.id = a.programme_id JOIN municipality m ON m.id = a.municipality_id "
        "WHERE a.id = ?", (agreement_id,))
    if not found:
        raise NotFoundError(field, f"avtale {agreement_id} finnes ikke")
    return str(found[0][0]), str(found[0][1])


def list_yearly_meetings(reader: PlainReader, agreement_id: int) -> list[GatheringView]:
    """The partnership meetings held or planned with the agreement's municipality: the
    gatherings of the agreement's programme tied to it or shared by its programmes."""
    from nettverk.services import plain_gatherings

    slug, number = agreement_place(reader, agreement_id)
    return plain_gatherings.list_gatherings(reader, programme=slug, municipality=number)


# --- actions -------------------------------------------------------------------------------


def list_actions(reader: PlainReader, agreement_id: int | None = None, status: str | None = None,
                 overdue: bool = False, municipality: str | None = None,
                 today: date | None = None, limit: int | None = None,
                 offset: int = 0) -> list[ActionView]:
    """Agreed actions by due date (those without one last); `overdue` keeps open ones due
    before today. Refuses an unknown agreement, municipality or status, in that order."""
    day = today_or(today)
    conditions: list[str] = []
    params: list[Any] = []
    if agreement_id is not None:
        agreement_place(reader, agreement_id)
        conditions.append("x.agreement_id = ?")
        params.append(agreement_id)
    if municipality:
        conditions.append("a.municipality_id = ?")
        params.append(municipality_id(reader, municipality))
    if status:
        conditions.append("x.status = ?")
        params.append(parse_action_status(status).value)
    if overdue:
        conditions += [f"x.status IN {_in(OPEN_ACTION_STATUSES)}", "x.due < ?"]
        params += [*(s.value for s in OPEN_ACTION_STATUSES), day]
    page, page_params = reader.page(limit, offset)
    found = reader.rows(
        "SELECT x.id, x.agreement_id, m.number, m.name, m.sami_name, f.code, f.name, x.title, "
        "x.owner, x.status, x.due, x.done_on, x.version FROM agreement_action x "
        "JOIN partnership_agreement a ON a.id = x.agreement_id "
        "JOIN municipality m ON m.id = a.municipality_id "
        "LEFT OUTER JOIN focus_area f ON f.id = x.focus_area_id"
        + (" WHERE " + " AND ".join(conditions) if conditions else "")
        + " ORDER BY x.due IS NULL, x.due, x.id" + page, (*params, *page_params))
    views = []
    for (id, aid, number, name, sami_name, code, area, title, owner, status_code, due, done_on,
         version) in found:
        state = ActionStatus(status_code)
        due_on = reader.as_date(due)
        views.append(ActionView(
            id=id, agreement_id=aid, municipality=number, name=name,
            display_name=display_name(name, sami_name), focus_area=code, focus_area_name=area,
            title=title, owner=owner, status=state.value, status_label=ACTION_STATUS_LABELS[state],
            due=due_on, done_on=reader.as_date(done_on),
            overdue=action_is_overdue(state, due_on, day), version=version))
    return views


# --- focus areas ---------------------------------------------------------------------------


def list_focus_areas(reader: PlainReader, programme: str = PROGRAMME) -> list[FocusAreaView]:
    """The programme's focus areas, in the order they were added, with how many agreements
    have chosen each and how many actions belong to it."""
    pid = programme_id(reader, programme)
    slug = programme.strip()
    return [FocusAreaView(id, slug, code, name, description, int(agreements), int(actions),
                          version)
            for id, code, name, description, version, agreements, actions in reader.rows(
                "SELECT f.id, f.code, f.name, f.description, f.version, "
                "(SELECT count(*) FROM agreement_focus_area x WHERE x.focus_area_id = f.id), "
                "(SELECT count(*) FROM agreement_action y WHERE y.focus_area_id = f.id) "
                "FROM focus_area f WHERE f.programme_id = ? ORDER BY f.id", (pid,))]


# --- theme calendar ------------------------------------------------------------------------


def _json_list(value: Any) -> list[Any]:
    """A JSON column's list (SQLite keeps the text, psycopg gives it parsed; null is empty)."""
    if isinstance(value, str):
        value = json.loads(value)
    return list(value or [])


def list_themes(reader: PlainReader, programme: str | None = THEME_PROGRAMME,
                year: int | None = None) -> list[ThemeView]:
    """The calendar's themes by year and month (programme None: every programme's). Refuses
    an unknown programme, then a year outside 1900–2200."""
    conditions: list[str] = []
    params: list[Any] = []
    if programme is not None:
        conditions.append("t.programme_id = ?")
        params.append(programme_id(reader, programme))
    if year is not None:
        conditions.append("t.year = ?")
        params.append(rules.check_year("year", year))
    views = []
    for id, slug, year_, month, title, description, goals, links, version in reader.rows(
            "SELECT t.id, p.slug, t.year, t.month, t.title, t.description, t.goals, t.links, "
            "t.version FROM theme t JOIN programme p ON p.id = t.programme_id"
            + (" WHERE " + " AND ".join(conditions) if conditions else "")
            + " ORDER BY t.year, t.month, t.id", params):
        numbers = [int(g) for g in _json_list(goals)]
        views.append(ThemeView(
            id=id, programme=slug, year=year_, month=month, month_name=MONTH_NAMES[month],
            title=title, description=description, goals=numbers,
            links=[str(x) for x in _json_list(links)], version=version,
            goal_names=[goal_label(g) for g in numbers]))
    return views
