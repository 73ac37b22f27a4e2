"""Numbers and counted nouns as Norwegians write them."""

from nettverk.domain.norwegian import count, number, plural


def test_numbers_have_a_decimal_comma_and_thin_spaces() -> None:
    assert number(2.8333) == "2,83" and number(3.4, 1) == "3,4" and number(3) == "3"
    assert number(52800) == "52\u202f800" and number(2.999) == "3" and number(None) == ""
    assert number(2, 1) == "2,0" and number(None, empty="–") == "–"


def test_one_takes_the_singular() -> None:
    assert plural(1, "samling", "samlinger") == "1 samling"
    assert plural(0, "samling", "samlinger") == "0 samlinger"
    assert count(1, "rader") == "1 rad" and count(2, "rader") == "2 rader"
    assert count(1, "kalenderstrømmer") == "1 kalenderstrøm"


def test_the_demo_summary_nouns_take_the_singular_for_one() -> None:
    from nettverk.domain.norwegian import count

    assert count(1, "prioriteringsøkter") == "1 prioriteringsøkt"
    assert count(1, "avtalte tiltak") == "1 avtalt tiltak"
    assert count(2, "fylker") == "2 fylker"


def test_the_nouns_messages_count_take_the_singular_for_one() -> None:
    assert count(1, "filer") == "1 fil" and count(3, "filer") == "3 filer"
    assert count(1, "temaer") == "1 tema" and count(2, "temaer") == "2 temaer"
    assert count(1, "sikkerhetskopier") == "1 sikkerhetskopi"
    assert count(2, "sikkerhetskopier") == "2 sikkerhetskopier"
    assert count(1, "punkter") == "1 punkt" and count(1, "meldinger") == "1 melding"
    assert count(1, "oppmøteregistreringer") == "1 oppmøteregistrering"


def test_a_phrase_counts_its_first_word() -> None:
    assert count(1, "avtaler som har valgt det") == "1 avtale som har valgt det"
    assert count(2, "avtaler som har valgt det") == "2 avtaler som har valgt det"
    assert count(1, "samlinger for kommunen") == "1 samling for kommunen"
    assert count(1, "avtalte tiltak") == "1 avtalt tiltak"  # a whole phrase in the table wins
    assert count(1, "ukjente ord her") == "1 ukjente ord her"  # unknown: left as it is


def test_every_kind_of_row_that_keeps_a_programme_is_counted_in_norwegian() -> None:
    from nettverk.domain.norwegian import SINGULAR
    from nettverk.services.programme_deletion import NOUNS, _users

    for table, _ in _users():
        assert NOUNS.get(table.name) in SINGULAR, table.name


def test_workbooks_and_audit_entries_take_the_singular_for_one() -> None:
    assert count(1, "arbeidsbøker") == "1 arbeidsbok"
    assert count(3, "arbeidsbøker") == "3 arbeidsbøker"
    assert count(1, "oppføringer") == "1 oppføring" and count(2, "oppføringer") == "2 oppføringer"
