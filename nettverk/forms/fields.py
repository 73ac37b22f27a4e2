"""Field descriptions for forms, and readers that turn typed text into service arguments."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from nettverk.domain.errors import DomainError
from nettverk.domain.values import OSLO, parse_bool, parse_date, parse_datetime, parse_int, parse_money

if TYPE_CHECKING:
    from nettverk.services.database import Database

DATE_HINT = "dd.mm.åååå, f.eks. 15.03.2026"
DATETIME_HINT = "dd.mm.åååå tt:mm, f.eks. 15.03.2026 09:30 (norsk tid)"


@dataclass(frozen=True)
class FormField:
    """One field of a form; `name` is the DomainError.field whose message shows next to it."""

    name: str
    label: str
    kind: Literal["text", "multiline", "int", "decimal", "date", "datetime", "money", "bool",
                  "choice", "reference"] = "text"
    hint: str = ""
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    read_only: bool = False
    aliases: tuple[str, ...] = ()
    #: For kind "reference": what the picker chooses among (a key of `nettverk.tui.references`).
    reference: str = ""
    #: For kind "reference": several values, separated by commas.
    multiple: bool = False
    #: For kind "reference": another reference field of the form whose chosen value narrows
    #: the choices to those that belong to it (an action's focus area: the agreement's own).
    narrowed_by: str = ""
    #: The domain's own rule for the text (raises DomainError), checked with the others before
    #: saving, so its error shows at once beside the rest (e.g. rules.check_municipality_number).
    rule: Callable[[str], object] | None = None

    @property
    def placeholder(self) -> str:
        """What the empty input shows."""
        if self.kind == "date":
            return "dd.mm.åååå"
        if self.kind == "datetime":
            return "dd.mm.åååå tt:mm"
        if self.kind == "money":
            return "kr, f.eks. 1250,50"
        if self.kind == "bool":
            return "ja / nei"
        return ""

    def check(self, value: str) -> str | None:
        """What is wrong with the typed text by this field's kind alone (None: nothing)."""
        text = value.strip()
        if not text:
            return "må fylles ut" if self.required and not self.read_only else None
        try:
            if self.kind == "int":
                parse_int(self.name, text)
            elif self.kind == "decimal":
                parse_decimal(self.name, text)
            elif self.kind == "date":
                parse_date(self.name, text)
            elif self.kind == "datetime":
                parse_datetime(self.name, text)
            elif self.kind == "money":
                parse_money(self.name, text)
            elif self.kind == "bool":
                parse_bool(self.name, text)
            if self.rule is not None and not self.read_only:
                self.rule(text)
        except DomainError as exc:
            return exc.message
        return None

    def owns(self, field: str) -> bool:
        """True when a DomainError about `field` belongs next to this input."""
        return field == self.name or field in self.aliases


SaveFn = Callable[["Database", dict[str, str]], object]
ReloadFn = Callable[["Database"], dict[str, str]]
#: Reads, after the form is drawn, values for untouched fields and notes shown under fields.
LoadFn = Callable[["Database"], tuple[dict[str, str], dict[str, str]]]


@dataclass(frozen=True)
class FormSpec:
    """One use case's form, declared once: title, fields, the service call, and the reload after a
    conflict. `FormScreen(spec)` shows it; focus, type-ahead pickers, every error at once, the
    quit guard and scrolling at 80x24 come from the form, not from each screen."""

    title: str
    fields: Sequence[FormField]
    save: SaveFn
    initial: dict[str, str] = field(default_factory=dict)
    reload: ReloadFn | None = None
    load: LoadFn | None = None
    #: What the main button does (Eksporter, Inviter …), and the note shown after it succeeded.
    save_label: str = "Lagre"
    done: str = "Lagret."


#: The day the examples below are opened on.
EXAMPLE_DAY = date(2026, 3, 2)
#: Arguments a declaration is opened with in the tests (built from the demo data).
Example = Callable[["Database"], dict[str, Any]]
#: Every use case's form, by "module.function": the declaration and an example of its arguments.
DECLARED: dict[str, tuple[Callable[..., FormSpec], Example]] = {}
_F = TypeVar("_F", bound=Callable[..., FormSpec])


def declared(example: Example) -> Callable[[_F], _F]:
    """Registers a function that declares a use case's form, with arguments to open it with in
    the tests; the tests walk every registered form, so a new one is covered by construction."""

    def register(make: _F) -> _F:
        DECLARED[f"{make.__module__.rsplit('.', 1)[-1]}.{make.__name__}"] = (make, example)
        return make

    return register


def parse_decimal(name: str, value: str) -> Decimal:
    """A decimal number typed with a comma or a point."""
    try:
        number = Decimal(value.strip().replace("\u202f", "").replace(" ", "").replace(",", "."))
    except ArithmeticError:
        number = Decimal("NaN")
    if not number.is_finite():
        raise DomainError(name, f"«{value}» er ikke et tall (f.eks. 2,5)")
    return number


def decimal(values: dict[str, str], name: str) -> Decimal | None:
    """A decimal number, or None when empty."""
    value = text(values, name)
    return parse_decimal(name, value) if value is not None else None


def many(values: dict[str, str], name: str) -> list[str]:
    """The values of a field holding several (a comma-separated reference field)."""
    return [part.strip() for part in values.get(name, "").split(",") if part.strip()]


def text(values: dict[str, str], name: str) -> str | None:
    """The trimmed text, or None when empty."""
    value = values.get(name, "").strip()
    return value or None


def integer(values: dict[str, str], name: str) -> int | None:
    """A whole number, or None when empty."""
    value = text(values, name)
    return parse_int(name, value) if value is not None else None


def day(values: dict[str, str], name: str) -> date | None:
    """A date typed dd.mm.åååå (or ISO), or None when empty."""
    value = text(values, name)
    return parse_date(name, value) if value is not None else None


def required_day(values: dict[str, str], name: str) -> date:
    """A date that must be given."""
    value = day(values, name)
    if value is None:
        raise DomainError(name, "må fylles ut (dd.mm.åååå)")
    return value


def yes_no(values: dict[str, str], name: str) -> bool:
    """Ja/nei; empty is nei."""
    value = text(values, name)
    return parse_bool(name, value) if value is not None else False


def show_date(value: date | None) -> str:
    """A date as Norwegians write it."""
    return value.strftime("%d.%m.%Y") if value else ""


def show_int(value: int | None) -> str:
    """A number with a thin space between thousands, or empty."""
    return f"{value:,}".replace(",", "\u202f") if value is not None else ""


def moment(values: dict[str, str], name: str) -> datetime | None:
    """A local time typed dd.mm.åååå tt:mm, or None when empty."""
    value = text(values, name)
    return parse_datetime(name, value) if value is not None else None


def required_moment(values: dict[str, str], name: str) -> datetime:
    """A local time that must be given."""
    value = moment(values, name)
    if value is None:
        raise DomainError(name, "må fylles ut (dd.mm.åååå tt:mm)")
    return value


def money(values: dict[str, str], name: str) -> Decimal | None:
    """An amount in kroner, or None when empty."""
    value = text(values, name)
    return parse_money(name, value) if value is not None else None


def show_moment(value: datetime | None) -> str:
    """A time as Norwegians write it, in Norwegian time."""
    return value.astimezone(OSLO).strftime("%d.%m.%Y %H:%M") if value else ""


def show_money(value: Decimal | None) -> str:
    """Kroner with a decimal comma."""
    return f"{value:,.2f}".replace(",", "\u202f").replace(".", ",") if value is not None else ""
