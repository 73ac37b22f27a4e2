"""Matching ignores case and accents everywhere: pickers and every list's filter."""

from __future__ import annotations

from nettverk.domain.folding import fold, fold_words, matches


def test_fold_ignores_case_accents_and_the_letters_of_its_own() -> None:
    assert fold("Bodø") == "bodo"
    assert fold("Hábmer") == "habmer"
    assert "tromso" in fold("Tromsø – Romsa") and "romsa" in fold("Tromsø – Romsa")
    assert fold("ÆØÅ Đ Ŋ Ŧ Š Č Ž á") == "aeoa d n t s c z a"
    assert fold("Guovdageaidnu") == "guovdageaidnu"


def test_every_word_of_a_query_must_match_the_folded_text() -> None:
    hay = fold("5401 Tromsø – Romsa – Tromssa 55 Troms")
    assert matches(fold_words("TROMSO romsa"), hay)
    assert matches(fold_words("tromssa"), hay)
    assert not matches(fold_words("tromso bodo"), hay)
