"""Read-only use cases in plain SQL through a DB-API connection (persistence.plain), for the
commands that must start at once: the same answers as their SQLAlchemy twins, without importing
SQLAlchemy or the domain's mapped classes. tests/cli/test_plain_reads.py runs every option both
ways on both databases and compares the output byte for byte."""

from __future__ import annotations

from nettverk.domain.errors import NotFoundError
from nettverk.persistence.plain import PlainReader
from nettverk.services.register_views import MunicipalityView


def county_id(reader: PlainReader, number: str, field: str = "county") -> int:
    """As services.register.find_county: the county's id, or a NotFoundError naming the field."""
    number = (number or "").strip()
    if len(number) == 1 and number.isdigit():
        number = "0" + number
    found = reader.rows("SELECT id FROM county WHERE number = ?", (number,))
    if not found:
        raise NotFoundError(field, f"fylke {number!r} finnes ikke")
    return int(found[0][0])


def list_municipalities(reader: PlainReader, county: str | None = None,
                        search: str | None = None) -> list[MunicipalityView]:
    """As services.register.list_municipalities (every municipality, ended ones too)."""
    where: list[str] = []
    params: list[object] = []
    if county:
        where.append("m.county_id = ?")
        params.append(county_id(reader, county))
    if search:
        pattern = f"%{search.strip().lower()}%"
        where.append("(lower(m.name) LIKE ? OR lower(m.sami_name) LIKE ? OR m.number LIKE ?)")
        params += [pattern, pattern, pattern]
    sql = ("SELECT m.number, m.name, m.sami_name, c.number, c.name, m.population, "
           "m.population_year, m.org_number, m.kven_name, m.sami_administrative_area, "
           "m.ended_on, m.version FROM municipality m JOIN county c ON c.id = m.county_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.number")
    return [
        MunicipalityView(
            number=r[0], name=r[1], sami_name=r[2], county=r[3], county_name=r[4],
            population=r[5], population_year=r[6], org_number=r[7], kven_name=r[8],
            sami_administrative_area=bool(r[9]), ended_on=reader.as_date(r[10]), version=r[11],
        )
        for r in reader.rows(sql, params)
    ]
