"""Parsing of the date and time formats users type (ISO and Norwegian)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from nettverk.domain.errors import DomainError

OSLO = ZoneInfo("Europe/Oslo")


def today_in_norway(now: datetime | None = None) -> date:
    """Today's date in Norway: the day every deadline, "per DATO" and "i dag" means, whatever
    time zone the machine runs in (a server on UTC is a day behind from midnight to 01:00/02:00).
    `now` (aware) is for tests; by default the clock."""
    return (now or datetime.now(OSLO)).astimezone(OSLO).date()

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NO_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")

# Dates and times a user can type lie in these years (the same range as rules.check_year): a
# year such as 0001 or 9999 is a typing error, and converting it between zones would overflow.
MIN_YEAR, MAX_YEAR = 1900, 2200


def check_unicode(field: str, text: str) -> str:
    """Refuse text holding lone surrogates: bytes that were not valid UTF-8 on the command line
    (Python keeps them as U+DC80–U+DCFF) or a broken UTF-16 pair. No database or file takes them."""
    if isinstance(text, str) and _SURROGATE.search(text):
        raise DomainError(field, "inneholder tegn som ikke er gyldig UTF-8 (sjekk tegnsettet i "
                                 "terminalen eller filen)")
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_date(field: str, text: str) -> date:
    """Read `YYYY-MM-DD` or `DD.MM.YYYY`."""
    text = check_unicode(field, text or "").strip()
    if m := _ISO_DATE.fullmatch(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _NO_DATE.fullmatch(text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    else:
        raise DomainError(field, "dato må skrives ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ")
    try:
        day = date(y, mo, d)
    except ValueError:
        raise DomainError(field, f"{text} er ikke en gyldig dato") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise DomainError(field, f"året må være mellom {MIN_YEAR} og {MAX_YEAR}")
    return day


def parse_datetime(field: str, text: str) -> datetime:
    """Read `YYYY-MM-DD HH:MM` or `DD.MM.YYYY HH:MM` as local time in Europe/Oslo."""
    text = check_unicode(field, text or "").strip()
    parts = text.replace("T", " ").split()
    if len(parts) != 2:
        raise DomainError(
            field, "tidspunkt må skrives ÅÅÅÅ-MM-DD TT:MM eller DD.MM.ÅÅÅÅ TT:MM"
        )
    day = parse_date(field, parts[0])
    m = _TIME.fullmatch(parts[1])
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise DomainError(field, "klokkeslett må skrives TT:MM, f.eks. 09:30")
    local = datetime(day.year, day.month, day.day, int(m[1]), int(m[2]), tzinfo=OSLO)
    # Reject times that do not exist (the spring-forward gap) instead of guessing.
    roundtrip = local.astimezone(ZoneInfo("UTC")).astimezone(OSLO)
    if roundtrip.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise DomainError(field, f"{text} finnes ikke i norsk tid (overgang til sommertid)")
    return local


INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # the databases' INTEGER range


def parse_int(field: str, text: str) -> int:
    """Read a whole number that fits the databases' integer columns."""
    cleaned = check_unicode(field, str(text)).strip().replace(" ", "").replace("\u00a0", "")
    if len(cleaned) > 20:
        raise DomainError(field, "er urimelig stort")
    try:
        value = int(cleaned)
    except ValueError:
        raise DomainError(field, "må være et heltall") from None
    if not INT_MIN <= value <= INT_MAX:
        raise DomainError(field, "er urimelig stort")
    return value


MONEY_MAX = Decimal("10000000000")


def parse_id(field: str, text: str | int) -> int:
    """Read a record id: a whole number of at least 1 (0 and negative numbers name nothing)."""
    value = text if isinstance(text, int) and not isinstance(text, bool) \
        else parse_int(field, check_unicode(field, str(text)))
    if value < 1:
        raise DomainError(field, "må være et positivt heltall (id-er begynner på 1)")
    return value


def parse_money(field: str, text: str) -> Decimal:
    """Read an amount in NOK with at most two decimals (comma or point)."""
    cleaned = check_unicode(field, str(text)).strip().replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.replace(",", ".")
    if len(cleaned) > 40:
        raise DomainError(field, "er urimelig stort")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise DomainError(field, "må være et beløp i kroner, f.eks. 1250,50") from None
    if not value.is_finite():
        raise DomainError(field, "må være et beløp i kroner")
    if value < 0:
        raise DomainError(field, "kan ikke være negativt")
    # Checked before quantize: 1e30 has more digits than the decimal context holds.
    if value >= MONEY_MAX:
        raise DomainError(field, "er urimelig stort (høyst 9 999 999 999,99 kr)")
    if value != value.quantize(Decimal("0.01")):
        raise DomainError(field, "kan ha høyst to desimaler")
    return value


def parse_bool(field: str, text: str) -> bool:
    """Read yes/no in English or Norwegian."""
    lowered = (text or "").strip().lower()
    if lowered in {"yes", "ja", "true", "1", "y", "j"}:
        return True
    if lowered in {"no", "nei", "false", "0", "n"}:
        return False
    raise DomainError(field, "må være yes eller no (ja/nei)")


def year_bounds(year: int, field: str = "year") -> tuple[datetime, datetime]:
    """A calendar year in Norwegian time, as UTC instants (start inclusive, end exclusive)."""
    from datetime import UTC

    from nettverk.domain.rules import check_year

    check_year(field, year)
    start = datetime(year, 1, 1, tzinfo=OSLO).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=OSLO).astimezone(UTC)
    return start, end
