"""Quote location (exact, normalised, fuzzy) and numbers written in a quote."""

from __future__ import annotations

import pytest

from summarise.locate import MatchStatus, locate_quote, number_is_written, text_is_in
from tests.conftest import SEED

ARTICLE = SEED.read_text(encoding="utf-8")


def test_exact_quote_has_offsets_on_the_article_text() -> None:
    quote = "seven non-Iranian nationals were killed in the blasts"
    match = locate_quote(quote, ARTICLE)
    assert match.status is MatchStatus.EXACT
    assert ARTICLE[match.start:match.end] == quote


def test_mismatched_curly_quote_pair_grounds_as_normalised() -> None:
    # The seed writes ‘Marg Bar Sarmachar' (curly open, straight close); a model writes straight quotes.
    quote = "codenamed 'Marg Bar Sarmachar',\" an official statement read"
    match = locate_quote(quote, ARTICLE)
    assert match.status is MatchStatus.NORMALISED
    assert ARTICLE[match.start:match.end] == "codenamed ‘Marg Bar Sarmachar',\" an official statement read"


def test_curly_apostrophe_and_dash_variants_ground() -> None:
    match = locate_quote("Iran's restive Sistan and Baluchestan province", ARTICLE)
    assert match.status is MatchStatus.NORMALISED
    assert ARTICLE[match.start:match.end] == "Iran’s restive Sistan and Baluchestan province"
    dashed = locate_quote("intelligence-based operation - codenamed", ARTICLE)
    assert dashed.found and ARTICLE[dashed.start:dashed.end] == "intelligence-based operation – codenamed"


def test_whitespace_runs_are_ignored() -> None:
    match = locate_quote("a series of  explosions\nrocked the southeastern", ARTICLE)
    assert match.status is MatchStatus.NORMALISED
    assert ARTICLE[match.start:match.end] == "a series of explosions rocked the southeastern"


def test_a_slightly_misquoted_sentence_is_fuzzy_with_offsets() -> None:
    quote = "The official, speaking to the state-run IRNA news agency, said that seven non-Iranian nationals died"
    match = locate_quote(quote, ARTICLE)
    assert match.status is MatchStatus.FUZZY
    assert "IRNA news agency" in ARTICLE[match.start:match.end]


def test_an_invented_quote_is_not_found() -> None:
    match = locate_quote("Pakistan said forty soldiers were captured near the border", ARTICLE)
    assert match.status is MatchStatus.NOT_FOUND
    assert match.start is None and not match.found


@pytest.mark.parametrize(("number", "text"), [
    (7, "seven non-Iranian nationals were killed"),
    (2, "the deaths of two children"),
    (3, "injuries to three others"),
    (21, "twenty-one people died"),
    (1200, "more than 1,200 were hurt"),
    (7, "at least 7 killed"),
    (2100, "twenty-one hundred people died"),
    (105, "one hundred and five people died"),
    (5, "\uff15 people died"),
    (5, "\u0665 people died"),
    (1_500_000, "1.5 million people fled"),
    (2, "twin blasts"),
])
def test_numbers_written_in_digits_or_words_are_found(number: int, text: str) -> None:
    assert number_is_written(number, text)


@pytest.mark.parametrize(("number", "text"), [
    (7, "seventeen people died"),
    (7, "17 people died"),
    (10, "several terrorists were killed"),
    (4596, "three others were injured"),
    (5, "twenty-five people died"),
    (100, "one hundred and five people died"),
    (2, "2 million people fled"),
    (5, "9" * 50_000),
])
def test_numbers_not_written_are_not_found(number: int, text: str) -> None:
    assert not number_is_written(number, text)


def test_text_is_in_ignores_case_and_typography() -> None:
    assert text_is_in("A number of", "a number of terrorists")
    assert not text_is_in("dozens", "a number of terrorists")


def test_number_words_at_a_sentence_end_or_after_a_quotation_mark_are_written() -> None:
    assert number_is_written(5, "however, the city police put the toll at five.")
    assert number_is_written(4, '"four persons have been killed')
    assert not number_is_written(4, "fourteen were hurt")
