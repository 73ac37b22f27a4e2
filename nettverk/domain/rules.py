"""Field rules shared by the entities: each raises DomainError naming the field and the rule."""

from __future__ import annotations

import enum
import re
import unicodedata
from datetime import date
from typing import TypeVar

from nettverk.domain.errors import DomainError
from nettverk.domain.values import check_unicode

E = TypeVar("E", bound=enum.Enum)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MOD11_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters that are letters to Unicode but show nothing (Hangul fillers, the braille blank).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_blank(value: str) -> bool:
    """True when the text shows nothing: only spaces and invisible characters (zero-width space,
    joiners, direction marks, the BOM, soft hyphen, fillers)."""
    return all(c.isspace() or c in _BLANK_LETTERS
               or unicodedata.category(c) in {"Cf", "Zs", "Zl", "Zp", "Cc", "Mn", "Me"}
               for c in value)


def clean_text(field: str, value: str | None, *, required: bool = False,
               max_length: int = 10_000) -> str | None:
    """Strip a text value, refuse control characters and absurd lengths, and store line
    breaks as LF (a lone CR from an old Mac or a pasted form would otherwise split CSV rows
    and confuse every reader)."""
    if value is None:
        if required:
            raise DomainError(field, "må fylles ut")
        return None
    if not isinstance(value, str):
        raise DomainError(field, "må være tekst")
    if _FORBIDDEN_CHARS.search(value):
        raise DomainError(field, "inneholder kontrolltegn som ikke er tillatt")
    check_unicode(field, value)
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(value) > max_length:
        raise DomainError(field, f"kan ikke være lengre enn {max_length} tegn")
    if is_blank(value):
        if required:
            raise DomainError(field, "må fylles ut")
        return None
    return value


def required_text(field: str, value: str | None, *, max_length: int = 10_000) -> str:
    """Like clean_text, but the value must be present."""
    cleaned = clean_text(field, value, required=True, max_length=max_length)
    assert cleaned is not None
    return cleaned


def check_county_number(value: str) -> str:
    """A county number is two digits."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{2}", value):
        raise DomainError("county", "fylkesnummer må være to sifre, f.eks. 18")
    return value


def check_municipality_number(value: str) -> str:
    """A municipality number is four digits; the first two are the county."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}", value):
        raise DomainError("number", "kommunenummer må være fire sifre, f.eks. 1853")
    return value


def mod11_check_digit(first_eight: str) -> int | None:
    """The MOD11 check digit for an organisation number, or None when none exists."""
    total = sum(int(d) * w for d, w in zip(first_eight, _MOD11_WEIGHTS, strict=True))
    rest = total % 11
    if rest == 0:
        return 0
    if rest == 1:
        return None
    return 11 - rest


def check_org_number(value: str | None) -> str | None:
    """An organisation number is nine digits whose last is a valid MOD11 check digit."""
    if value is None:
        return None
    value = value.replace(" ", "")
    if not value:
        return None
    if not re.fullmatch(r"\d{9}", value):
        raise DomainError("org_number", "organisasjonsnummer må være ni sifre")
    if mod11_check_digit(value[:8]) != int(value[8]):
        raise DomainError("org_number", "organisasjonsnummeret har feil kontrollsiffer (MOD11)")
    return value


def check_email(value: str | None) -> str | None:
    """An e-mail address must look like name@domain.tld."""
    value = clean_text("email", value, max_length=254)
    if value is None:
        return None
    if not _EMAIL.fullmatch(value):
        raise DomainError("email", "ugyldig e-postadresse")
    return value


def check_non_negative(field: str, value: int | None) -> int | None:
    """Counts such as population are whole numbers ≥ 0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(field, "må være et heltall")
    if value < 0:
        raise DomainError(field, "kan ikke være negativt")
    if value > 2_000_000_000:
        raise DomainError(field, "er urimelig stort")
    return value


def check_year(field: str, value: int | None) -> int | None:
    """A calendar year between 1900 and 2200."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise DomainError(field, "må være et årstall mellom 1900 og 2200")
    return value


def check_score(field: str, value: int | None, *, required: bool = True) -> int | None:
    """Scores in the evaluation tools are whole numbers from 1 to 5."""
    if value is None:
        if required:
            raise DomainError(field, "må fylles ut (1–5)")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise DomainError(field, "må være et helt tall fra 1 til 5")
    return value


def check_period(start: date | None, end: date | None, *, field: str = "ends") -> None:
    """A period's end is not before its start."""
    if start is not None and end is not None and end < start:
        raise DomainError(field, "slutt kan ikke være før start")


def parse_enum(enum_cls: type[E], field: str, value: str | E, what: str = "verdi") -> E:
    """The enum member named by `value`, or a DomainError listing the allowed values."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value if value is not None else "").strip())
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum_cls)
        raise DomainError(field, f"ukjent {what} {value!r}; må være en av: {allowed}") from None


def population_for(figures: dict[int, int], year: int) -> tuple[int, int] | None:
    """The population known for `year`: that year's figure, else the latest year before it
    (year, population); None when nothing is known for that year or earlier."""
    known = [y for y in figures if y <= year]
    if not known:
        return None
    y = max(known)
    return y, figures[y]


def population_known(figures: dict[int, int], year: int,
                     without_year: int | None = None) -> tuple[int | None, int | None]:
    """(population, year) known for `year` from a municipality's figures (year → population):
    that year's figure or the latest before it; when nothing is that old, the earliest figure
    held; when no figure has a year, the register's figure given without one
    (`municipality add --population N`) as (population, None); else (None, None)."""
    found = population_for(figures, year)
    if found is None and figures:
        first = min(figures)
        found = first, figures[first]
    if found is None:
        return without_year, None
    return found[1], found[0]
