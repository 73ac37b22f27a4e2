"""The rows of a generated national data set, built in memory as plain dicts per table.

Every value is drawn from one seeded random generator and a fixed "today", so the same seed
and day give the same rows. Ids are assigned here so references need no round trips.
"""

from __future__ import annotations

import math
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from nettverk.demo import generate_words as words
from nettverk.domain.rules import mod11_check_digit

OSLO = ZoneInfo("Europe/Oslo")
Row = dict[str, Any]
COMPONENTS = ("leadership", "competence", "culture", "economy", "time")
SUCCESS_FACTORS = ("mobilisation", "anchoring", "ownership", "clear_goals", "action_plan",
                   "clear_roles", "linked_projects", "communication")
NATIONAL = "00"
PLAN_STAGES = ("start_notified", "planning_programme", "consultation", "adopted")


@dataclass(frozen=True)
class ReferenceMunicipality:
    """One municipality of the 2020–2023 structure as read from the reference file."""

    number: str
    name: str
    sami_name: str | None
    kven_name: str | None
    county_number: str
    county_name: str
    sami_administrative_area: bool


@dataclass
class _Programme:
    id: int
    kind: str
    county: str
    starts: date
    ends: date | None
    staff: list[int]
    participations: list[_Participation] = field(default_factory=list)


@dataclass
class _Participation:
    id: int
    programme: _Programme
    municipality: int
    starts: date
    ends: date | None
    contact: int


class RowBuilder:
    """Builds every table's rows for one scale, seed and day."""

    def __init__(self, seed: int, today: date, years: int) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.now = datetime.combine(today, time(6, 0), UTC)
        self.first_year = today.year - years + 1
        self.span_start = date(self.first_year, 1, 1)
        self.span_end = date(today.year, 12, 31)
        self.years = years
        self.tables: dict[str, list[Row]] = defaultdict(list)
        self._ids: dict[str, int] = defaultdict(int)
        self.municipality_name: dict[int, str] = {}
        self.municipality_county: dict[int, str] = {}
        self.municipality_contacts: dict[int, list[int]] = {}
        self.programmes: list[_Programme] = []
        self.plans: list[tuple[int, int, date, date]] = []
        self._assessment_days: set[tuple[int, date]] = set()

    # --- plumbing ----------------------------------------------------------------------

    def add(self, table: str, **values: Any) -> int:
        """Append a row and return its id; created_at, updated_at (= `now`) and version (= 1)
        are the same for every row, so the insert statement sets them, not the row."""
        self._ids[table] += 1
        row_id = self._ids[table]
        values["id"] = row_id
        self.tables[table].append(values)
        return row_id

    def _day(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def _person_name(self) -> str:
        return f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"

    def _org_number(self) -> str:
        while True:
            first = "9" + "".join(str(self.rng.randrange(10)) for _ in range(7))
            digit = mod11_check_digit(first)
            if digit is not None:
                return f"{first}{digit}"

    def _money(self, low: int, high: int) -> Decimal:
        return Decimal(self.rng.randrange(low * 100, high * 100 + 1)) / 100

    # --- register ----------------------------------------------------------------------

    def register(self, municipalities: list[ReferenceMunicipality],
                 counties: dict[str, str]) -> None:
        """Counties, organisations, people, municipalities."""
        county_ids = {number: self.add("county", number=number, name=name)
                      for number, name in sorted(counties.items())}
        self.distriktssenteret = self.add(
            "organisation", name="Distriktssenteret", short_name="DS", kind="state_agency",
            org_number=self._org_number(), county_id=None, municipality_id=None)
        # "00": the national network Distriktssenteret runs with every municipality.
        self.county_authority: dict[str, int] = {NATIONAL: self.distriktssenteret}
        self.research: dict[str, int | None] = {NATIONAL: None}
        self.county_staff: dict[str, list[int]] = {NATIONAL: [
            self._person(title, self.distriktssenteret, None) for title in words.COUNTY_TITLES[:3]
        ]}
        used = {number for number in {m.county_number for m in municipalities}}
        for number, name in sorted(counties.items()):
            if number not in used:
                continue
            authority = "Oslo kommune" if number == "03" else f"{name} fylkeskommune"
            self.county_authority[number] = self.add(
                "organisation", name=authority, short_name=None, kind="county_authority",
                org_number=self._org_number(), county_id=county_ids[number], municipality_id=None)
            self.research[number] = self.add(
                "organisation", name=f"Forskningsmiljøet i {name}", short_name=None,
                kind="research", org_number=None, county_id=county_ids[number],
                municipality_id=None)
            self.county_staff[number] = [
                self._person(title, self.county_authority[number], None)
                for title in words.COUNTY_TITLES[:3]
            ]
        for m in municipalities:
            if m.number == "0301":
                population = 700_000 + self.rng.randrange(10_000)
            else:
                population = int(min(300_000, max(200, math.exp(self.rng.gauss(8.6, 1.1)))))
            mid = self.add(
                "municipality", number=m.number, name=m.name, sami_name=m.sami_name,
                kven_name=m.kven_name, county_id=county_ids[m.county_number],
                population=population, population_year=self.today.year - 1,
                org_number=self._org_number(), sami_administrative_area=m.sami_administrative_area,
                ended_on=None)
            self.municipality_name[mid] = m.name
            self.municipality_county[mid] = m.county_number
            self.municipality_contacts[mid] = [
                self._person(self.rng.choice(words.MUNICIPALITY_TITLES), None, mid)
                for _ in range(2)
            ]

    def _person(self, title: str, organisation: int | None, municipality: int | None) -> int:
        name = self._person_name()
        row_id = self._ids["person"] + 1
        return self.add(
            "person", name=name, title=title,
            email=f"{words.email_local(name)}.{row_id}@example.no",
            phone=f"+47 9{self.rng.randrange(10_000_000):07d}", role=self.rng.choice(words.ROLES),
            organisation_id=organisation, municipality_id=municipality, erased_at=None)

    def programmes_and_participants(self) -> None:
        """Several programmes per county, their partners and participating municipalities."""
        by_county: dict[str, list[int]] = defaultdict(list)
        for mid, county in self.municipality_county.items():
            by_county[county].append(mid)
        half = self.first_year + max(1, self.years // 2)
        for county in sorted(by_county):
            members = by_county[county]
            plans: list[tuple[str, str, str, date, date | None, float]] = [
                ("learning_network", f"laeringsnettverk-{county}-{self.first_year}",
                 f"Samfunnsutvikling i mindre kommuner {self.first_year}", self.span_start,
                 date(half - 1, 12, 31) if self.years >= 2 else self.span_end, 0.4),
            ]
            if self.years >= 2:
                plans.append(("learning_network", f"laeringsnettverk-{county}-{half}",
                              f"Samfunnsplanlegging i praksis {half}", date(half, 1, 1),
                              self.span_end, 0.4))
            # Nordland's programmes carry the slugs the agreement and theme commands default to.
            suffix = "" if county == "18" else f"-{county}"
            plans.append(("partnership", f"gode-lokalsamfunn{suffix}", "Gode lokalsamfunn for alle",
                          date(self.first_year, 5, 1), None, 0.6))
            plans.append(("pilot", f"det-gode-liv{suffix}", "Det gode liv",
                          date(self.first_year + self.years // 3, 3, 14), None, 0.25))
            for kind, slug, name, starts, ends, share in plans:
                self._programme(county, kind, slug, name, starts, ends, share, members)
        self._programme(NATIONAL, "learning_network", "nasjonalt-laeringsnettverk",
                        "Nasjonalt læringsnettverk for samfunnsutvikling", self.span_start, None,
                        1.0, sorted(self.municipality_name))

    def _programme(self, county: str, kind: str, slug: str, name: str, starts: date,
                   ends: date | None, share: float, members: list[int]) -> None:
        pid = self.add(
            "programme", slug=slug, name=name, kind=kind, starts=starts, ends=ends,
            owner_id=self.county_authority[county],
            description=(f"{name}: generert program for fylke {county}." if county != NATIONAL
                         else f"{name}: generert program for alle kommunene."),
            max_population=None, min_per_county=None, max_per_county=None,
            gatherings_per_year_min=None, gatherings_per_year_max=None,
            physical_per_year=1 if kind == "learning_network" else None)
        research = self.research[county]
        if county != NATIONAL:
            self.add("programme_partner", programme_id=pid, organisation_id=self.distriktssenteret,
                     role="partner")
        if research is not None:
            self.add("programme_partner", programme_id=pid, organisation_id=research,
                     role="følgeforskning")
        programme = _Programme(pid, kind, county, starts, ends, self.county_staff[county])
        self.programmes.append(programme)
        count = max(1, min(len(members), round(len(members) * share)))
        chosen = sorted(self.rng.sample(members, count))
        for mid in chosen:
            p_starts = starts if kind != "partnership" else starts + timedelta(self.rng.randrange(90))
            p_ends: date | None = ends if ends is not None and ends < self.today else None
            status = "completed" if p_ends is not None else "active"
            if self.rng.random() < 0.05 and p_starts < self.today:
                p_ends, status = self._day(p_starts, min(self.today, ends or self.today)), "withdrawn"
            contact = self.municipality_contacts[mid][0]
            part_id = self.add("participation", programme_id=pid, municipality_id=mid,
                               starts=p_starts, ends=p_ends, status=status,
                               contact_person_id=contact)
            programme.participations.append(
                _Participation(part_id, programme, mid, p_starts, p_ends, contact))
        if kind == "learning_network":
            self._applications(programme, members, set(chosen))

    def _applications(self, programme: _Programme, members: list[int], chosen: set[int]) -> None:
        opens = programme.starts - timedelta(days=120)
        deadline = programme.starts - timedelta(days=45)
        round_id = self.add("application_round", programme_id=programme.id,
                            title=f"Utlysning {programme.starts.year}", opens=opens,
                            deadline=deadline, description="Søknad og samtale avgjør opptaket.")
        others = [m for m in members if m not in chosen]
        extra = self.rng.sample(others, min(len(others), max(0, len(chosen) // 3)))
        for mid in sorted(chosen) + sorted(extra):
            received = self._day(opens, deadline)
            final = "accepted" if mid in chosen else self.rng.choice(("rejected", "withdrawn"))
            decided = deadline + timedelta(days=20)
            app_id = self.add(
                "application", programme_id=programme.id, round_id=round_id, municipality_id=mid,
                received=received,
                samfunnsdel_year=self.rng.randrange(programme.starts.year - 15, programme.starts.year),
                progress_plan="Planstrategi vedtas innen ett år; samfunnsdelen rulleres deretter.",
                has_statistics=self.rng.random() < 0.6, personnel="Én planlegger i 50 % stilling.",
                status=final, decided_on=decided,
                decision_reason="Oppfyller kriteriene." if final == "accepted" else "Ikke prioritert.",
                override_justification=None)
            self.add("application_event", application_id=app_id, status="received", on=received,
                     reason=None)
            if final != "withdrawn":
                self.add("application_event", application_id=app_id, status="interview",
                         on=deadline + timedelta(days=10), reason="Samtale avtalt.")
            self.add("application_event", application_id=app_id, status=final, on=decided,
                     reason=None)

    # --- gatherings --------------------------------------------------------------------

    def gatherings(self, total: int) -> None:
        """Gatherings spread over the programmes by length and size, with attendance and feedback."""
        weights = []
        for p in self.programmes:
            end = min(p.ends or self.span_end, self.span_end)
            # Participants capped: the national network would otherwise take most gatherings.
            weights.append(max(1, (end - p.starts).days) * max(1, min(20, len(p.participations))))
        whole = sum(weights) or 1
        counts = [total * w // whole for w in weights]
        for i in range(total - sum(counts)):
            counts[i % len(counts)] += 1
        for programme, count in zip(self.programmes, counts, strict=True):
            end = min(programme.ends or self.span_end, self.span_end)
            days = sorted(self._day(programme.starts, end) for _ in range(count))
            for number, day in enumerate(days, start=1):
                self._gathering(programme, number, day)

    def _gathering(self, programme: _Programme, number: int, day: date) -> None:
        rng = self.rng
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        mode = rng.choices(("video", "physical", "hybrid"), weights=(5, 3, 2))[0]
        start_local = datetime.combine(day, time(rng.choice((9, 10, 12))), OSLO)
        two_days = mode == "physical" and rng.random() < 0.5
        if two_days:
            end_local = datetime.combine(day + timedelta(days=1), time(14), OSLO)
        else:
            end_local = start_local + timedelta(hours=rng.choice((2, 3, 5)))
        starts_at, ends_at = start_local.astimezone(UTC), end_local.astimezone(UTC)
        status = "planned"
        if starts_at < self.now:
            status = "cancelled" if rng.random() < 0.04 else "held"
        members = [p for p in programme.participations
                   if p.starts <= day and (p.ends is None or p.ends >= day)]
        if programme.county == NATIONAL and members and rng.random() < 0.95:
            # The national network meets by region; one gathering in twenty gathers everyone.
            region = self.municipality_county[rng.choice(members).municipality]
            members = [p for p in members if self.municipality_county[p.municipality] == region]
        host = rng.choice(members).municipality if members and mode != "video" else None
        theme = rng.choice(words.GATHERING_THEMES)
        gid = self.add(
            "gathering", programme_id=programme.id, municipality_id=host,
            uid=f"{uuid.UUID(int=rng.getrandbits(128), version=4)}@nettverk",
            title=f"Samling {number}: {theme}", theme=theme, starts_at=starts_at, ends_at=ends_at,
            mode=mode, location=self.municipality_name[host] if host else None,
            video_url=f"https://video.example.no/{gid_hint(rng)}" if mode != "physical" else None,
            agenda="\n".join(rng.sample(words.AGENDA, 4)), status=status, revision=0,
            held_on=day if status == "held" else None,
            cancelled_on=day if status == "cancelled" else None)
        for p in members:
            self._attendance(gid, p.municipality, status, mode, two_days, day)

    def _attendance(self, gid: int, mid: int, status: str, mode: str, two_days: bool,
                    day: date) -> None:
        rng = self.rng
        attended = status == "held" and rng.random() < 0.85
        registered = attended or rng.random() < 0.5
        travel = self._money(0, 6000) if attended and mode != "video" else Decimal("0")
        stay = self._money(1200, 2500) if attended and two_days else Decimal("0")
        persons = rng.randint(1, 3) if attended else 0
        self.add("attendance", gathering_id=gid, municipality_id=mid, invited=True,
                 registered=registered, attended=attended, persons=persons, travel_cost=travel,
                 accommodation_cost=stay, recorded_on=day)
        if attended and rng.random() < 0.25:
            self.add("feedback", gathering_id=gid, municipality_id=mid,
                     respondent=self._person_name() if rng.random() < 0.5 else None,
                     overall=rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 5, 9, 6))[0],
                     usefulness=rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 6, 9, 5))[0],
                     comment=rng.choice(words.FEEDBACK_COMMENTS) if rng.random() < 0.4 else None)

    # --- plans, milestones, follow-ups ------------------------------------------------

    def plan_documents(self) -> None:
        """Each municipality's planning documents with their stage histories."""
        election = self.first_year - ((self.first_year - 2015) % 4) - 4
        for mid in self.municipality_name:
            terms = [y for y in range(election, self.today.year + 1, 4)
                     if date(y, 10, 15) >= self.span_start - timedelta(days=400)]
            for year in terms:
                constituted = date(year, 10, 15)
                self._plan(mid, "plan_strategy", f"Planstrategi {year + 1}–{year + 4}", year + 1,
                           year + 4, constituted + timedelta(days=self.rng.randrange(30, 120)),
                           constituted)
                self._plan(mid, "financial_plan", f"Økonomiplan {year + 1}–{year + 4}", year + 1,
                           year + 4, date(year, 9, 1), None)
            first = self.rng.randrange(self.first_year, self.today.year + 1)
            self._plan(mid, "community_plan", f"Kommuneplanens samfunnsdel {first}–{first + 12}",
                       first, first + 12, self._day(date(first, 1, 1), date(first, 12, 31)), None)
            land = self.rng.randrange(self.first_year, self.today.year + 1)
            self._plan(mid, "land_use_plan", f"Kommuneplanens arealdel {land}–{land + 12}", land,
                       land + 12, self._day(date(land, 1, 1), date(land, 12, 31)), None)
            self._plan(mid, "action_plan", f"Handlingsdel {first}–{first + 4}", first, first + 4,
                       self._day(date(first, 1, 1), date(first, 12, 31)), None)

    def _plan(self, mid: int, kind: str, title: str, period_start: int, period_end: int,
              begun: date, constituted: date | None) -> None:
        events: list[tuple[str, date]] = []
        day = begun
        for stage in PLAN_STAGES:
            if day > self.today:
                break
            events.append((stage, day))
            day += timedelta(days=self.rng.randrange(40, 160))
        stage = events[-1][0] if events else "not_started"
        adopted = events[-1][1] if stage == "adopted" else None
        pid = self.add(
            "plan_document", municipality_id=mid, kind=kind, title=title,
            period_start=period_start, period_end=period_end, stage=stage, adopted_on=adopted,
            archive_ref=f"{begun.year}/{self.rng.randrange(100, 99999):05d}" if events else None,
            council_constituted_on=constituted)
        for event_stage, on in events:
            self.add("plan_stage_event", plan_document_id=pid, stage=event_stage, on=on,
                     note=None)
        self.plans.append(
            (pid, mid, begun, date(min(period_end, self.span_end.year), 12, 31)))

    def milestones(self, total: int) -> None:
        """Milestones of programmes, participating municipalities and plan documents."""
        rng = self.rng
        participations = [p for prog in self.programmes for p in prog.participations]
        for _ in range(total):
            pick = rng.random()
            programme_id = municipality_id = plan_id = None
            if pick < 0.3 and self.plans:
                plan_id, municipality_id, start, end = rng.choice(self.plans)
                responsible = self.municipality_contacts[municipality_id][1]
            elif pick < 0.9 and participations:
                part = rng.choice(participations)
                programme_id, municipality_id = part.programme.id, part.municipality
                start, end = part.starts, part.ends or self.span_end
                responsible = part.contact
            else:
                prog = rng.choice(self.programmes)
                programme_id, start, end = prog.id, prog.starts, prog.ends or self.span_end
                responsible = rng.choice(prog.staff)
            due = self._day(start, end)
            done_on = None
            if due < self.today and rng.random() < 0.85:
                done_on = min(self.today, due + timedelta(days=rng.randrange(-30, 21)))
            elif due >= self.today and rng.random() < 0.1:
                done_on = self._day(due - timedelta(days=60), self.today)
            self.add("milestone", programme_id=programme_id, municipality_id=municipality_id,
                     plan_document_id=plan_id, title=rng.choice(words.MILESTONE_TITLES), due=due,
                     responsible_id=responsible, done_on=done_on)

    def follow_ups(self) -> None:
        """Logged contacts with participating municipalities, a few per year."""
        rng = self.rng
        for prog in self.programmes:
            for p in prog.participations:
                end = min(p.ends or self.today, self.today)
                years = max(1, (end - p.starts).days // 365)
                for _ in range(rng.randint(years, 2 * years)):
                    on = self._day(p.starts, end)
                    due = on + timedelta(days=rng.randrange(14, 90)) if rng.random() < 0.8 else None
                    done = (self._day(on, min(due, self.today))
                            if due is not None and due < self.today and rng.random() < 0.8 else None)
                    self.add(
                        "follow_up", municipality_id=p.municipality, programme_id=prog.id, on=on,
                        kind=rng.choice(("meeting", "call", "email", "visit", "gathering")),
                        participants=self._person_name(),
                        summary=rng.choice(words.FOLLOW_UP_SUMMARIES),
                        next_action=rng.choice(words.NEXT_ACTIONS) if due else None,
                        next_action_due=due, next_action_done_on=done,
                        exempt_from_public=rng.random() < 0.05)

    # --- agreements and evaluation -----------------------------------------------------

    def agreements(self) -> None:
        """Partnership agreements with focus areas and actions; the pilots' theme calendars."""
        rng = self.rng
        for prog in self.programmes:
            if prog.kind == "pilot":
                self._themes(prog)
            if prog.kind != "partnership":
                continue
            areas = [self.add("focus_area", programme_id=prog.id, code=code, name=name,
                              description=None) for code, name in words.FOCUS_AREAS]
            for p in prog.participations:
                offered = p.starts - timedelta(days=rng.randrange(30, 120))
                signed = p.starts - timedelta(days=rng.randrange(0, 25))
                status = "ended" if p.ends is not None else "signed"
                ends = p.starts + timedelta(days=4 * 365)
                aid = self.add(
                    "partnership_agreement", programme_id=prog.id, municipality_id=p.municipality,
                    status=status, offered_on=offered, signed_on=signed, starts=p.starts,
                    ends=p.ends or ends, archive_ref=f"{signed.year}/{rng.randrange(100, 99999):05d}",
                    county_contact_id=rng.choice(prog.staff), municipality_contact_id=p.contact,
                    notes=None, exempt_from_public=False)
                self.add("agreement_event", agreement_id=aid, status="offered", on=offered,
                         note=None)
                self.add("agreement_event", agreement_id=aid, status="signed", on=signed,
                         note=None)
                if p.ends is not None:
                    self.add("agreement_event", agreement_id=aid, status="ended", on=p.ends,
                             note="Kommunen gikk ut av programmet.")
                chosen = rng.sample(areas, rng.randint(2, 3))
                for area in chosen:
                    self.add("agreement_focus_area", agreement_id=aid, focus_area_id=area)
                for _ in range(rng.randint(2, 5)):
                    due = self._day(p.starts, ends)
                    done = due < self.today and rng.random() < 0.7
                    self.add("agreement_action", agreement_id=aid, focus_area_id=rng.choice(chosen),
                             title=rng.choice(words.ACTION_TITLES), owner="Kommunen",
                             status="done" if done else rng.choice(("planned", "in_progress")),
                             due=due, done_on=due if done else None)

    def _themes(self, prog: _Programme) -> None:
        year, month = prog.starts.year, prog.starts.month
        while date(year, month, 1) <= self.span_end:
            self.add("theme", programme_id=prog.id, year=year, month=month,
                     title=words.MONTH_THEMES[month - 1], description=None,
                     goals=sorted(self.rng.sample(range(1, 18), 3)), links=[])
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def evaluation(self) -> None:
        """Capacity assessments, priority sessions and success-factor status."""
        for prog in self.programmes:
            for p in prog.participations:
                if prog.kind == "learning_network":
                    self._assessment(p, p.starts + timedelta(days=self.rng.randrange(20, 90)))
                    later = p.starts + timedelta(days=self.rng.randrange(700, 1000))
                    if later <= min(p.ends or self.today, self.today):
                        self._assessment(p, later)
                    self._success_factors(p)
                elif prog.kind == "pilot" and p.starts < self.today:
                    self._priority_session(p)

    def _assessment(self, p: _Participation, held_on: date) -> None:
        rng = self.rng
        if held_on > self.today:
            return
        while (p.municipality, held_on) in self._assessment_days:
            held_on += timedelta(days=1)
        self._assessment_days.add((p.municipality, held_on))
        aid = self.add("capacity_assessment", municipality_id=p.municipality,
                       programme_id=p.programme.id, held_on=held_on,
                       facilitator="Distriktssenteret", notes=None)
        names: list[str] = []
        while len(names) < rng.randint(3, 6):
            name = self._person_name()
            if name not in names:
                names.append(name)
        level = {c: rng.randint(1, 5) for c in COMPONENTS}
        for name in names:
            part = self.add("capacity_participant", assessment_id=aid, name=name,
                            role=rng.choice(words.ROLES))
            for component in COMPONENTS:
                score = max(1, min(5, level[component] + rng.choice((-1, 0, 0, 1))))
                self.add("capacity_score", assessment_id=aid, participant_id=part,
                         component=component, score=score, reasoning=None)
        for component in COMPONENTS:
            self.add("capacity_consensus", assessment_id=aid, component=component,
                     score=level[component], justification="Enighet etter drøfting.")
        weakest = sorted(COMPONENTS, key=lambda c: level[c])[:2]
        for component in weakest:
            self.add("capacity_priority", assessment_id=aid, component=component,
                     description="Styrke dette området i neste periode.",
                     responsible="Kommunedirektøren")

    def _priority_session(self, p: _Participation) -> None:
        rng = self.rng
        sid = self.add("priority_session", municipality_id=p.municipality,
                       programme_id=p.programme.id,
                       held_on=self._day(p.starts, min(self.today, p.ends or self.today)),
                       title="Prioriteringsverktøyet")
        for factor in rng.sample(words.PRIORITY_FACTORS, 5):
            fid = self.add("priority_factor", session_id=sid, name=factor,
                           agreed_importance=rng.randint(1, 5), agreed_influence=rng.randint(1, 5))
            for n in range(rng.randint(3, 5)):
                self.add("priority_score", factor_id=fid, participant=f"Deltaker {n + 1}",
                         importance=rng.randint(1, 5), influence=rng.randint(1, 5))

    def _success_factors(self, p: _Participation) -> None:
        last = min(p.ends or self.today, self.today).year
        for offset, year in enumerate(range(p.starts.year, last + 1)):
            for factor in SUCCESS_FACTORS:
                self.add("success_factor_status", participation_id=p.id, year=year, factor=factor,
                         in_place=self.rng.random() < 0.3 + 0.15 * offset, notes=None)


def gid_hint(rng: random.Random) -> str:
    """A short random room code for a video link."""
    return f"{rng.getrandbits(40):010x}"
