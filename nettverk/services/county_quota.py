"""The invitation's «2–3 kommuner i hvert fylke»: which counties end a round under the
programme's minimum."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nettverk.domain.network import Application, ApplicationRound, ApplicationStatus
from nettverk.domain.register import County, Municipality, Participation, ParticipationStatus

_OPEN = (ApplicationStatus.received, ApplicationStatus.interview)


def under_minimum_note(county_name: str, participants: int, minimum: int) -> str:
    """The warning for a county with fewer participants than the programme's minimum."""
    noun = "deltakerkommune" if participants == 1 else "deltakerkommuner"
    return (f"{county_name} ender runden med {participants} {noun}; programmet skal ha minst "
            f"{minimum} per fylke («2–3 kommuner i hvert fylke»).")


def round_county_warnings(session: Session, r: ApplicationRound, today: date) -> list[str]:
    """Counties that applied in the round and end it under the programme's minimum number of
    participants. A round has ended when its deadline has passed and no application in it
    awaits a decision; before that, nothing is said."""
    minimum = r.programme.min_per_county
    if not minimum or today <= r.deadline:
        return []
    pending = session.scalar(select(func.count(Application.id)).where(
        Application.round_id == r.id, Application.status.in_(_OPEN)))
    if pending:
        return []
    counties = session.execute(
        select(County.id, County.name).join(Municipality, Municipality.county_id == County.id)
        .join(Application, Application.municipality_id == Municipality.id)
        .where(Application.round_id == r.id).distinct().order_by(County.name)).all()
    if not counties:
        return []
    taken: dict[int, int] = {}
    for county_id, n in session.execute(
        select(Municipality.county_id, func.count(Participation.id))
        .join(Participation, Participation.municipality_id == Municipality.id)
        .where(Participation.programme_id == r.programme_id,
               Participation.status != ParticipationStatus.withdrawn)
        .group_by(Municipality.county_id)
    ):
        taken[county_id] = int(n)
    return [under_minimum_note(name, int(taken.get(cid, 0)), minimum)
            for cid, name in counties if taken.get(cid, 0) < minimum]
