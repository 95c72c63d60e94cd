"""Figures read from their own words."""

from __future__ import annotations

import pytest

from summarise.reading.numbers import MAX_DIGITS, ParsedFigure, parse_figure, read_numbers


@pytest.mark.parametrize(("text", "expected"), [
    ("seven", ParsedFigure("exact", 7)),
    ("7", ParsedFigure("exact", 7)),
    ("two children", ParsedFigure("exact", 2)),
    ("at least 7", ParsedFigure("at_least", 7)),
    ("at least seven people", ParsedFigure("at_least", 7)),
    ("more than 1,200", ParsedFigure("more_than", 1200)),
    ("up to twelve", ParsedFigure("at_most", 12)),
    ("nearly 100", ParsedFigure("about", 100)),
    ("10 to 15", ParsedFigure("range", 10, 15)),
    ("10–12", ParsedFigure("range", 10, 12)),
    ("between 10 and 15", ParsedFigure("range", 10, 15)),
    ("twenty-one", ParsedFigure("exact", 21)),
    ("two hundred", ParsedFigure("exact", 200)),
])
def test_figures_with_a_number(text: str, expected: ParsedFigure) -> None:
    assert parse_figure(text) == expected


@pytest.mark.parametrize("text", ["dozens", "a number of", "several", "many", "a child", "scores of people"])
def test_vague_or_numberless_words_give_nothing(text: str) -> None:
    assert parse_figure(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("forty-two", [(42, "forty-two")]),
    ("one thousand two hundred", [(1200, "one thousand two hundred")]),
    ("Twenty-one hundred people", [(2100, "Twenty-one hundred")]),
    ("one hundred and twenty-five", [(125, "one hundred and twenty-five")]),
    ("a dozen or two dozen", [(12, "a dozen"), (24, "two dozen")]),
    ("five hundred thousand", [(500_000, "five hundred thousand")]),
    ("between one hundred and two hundred", [(100, "one hundred"), (200, "two hundred")]),
    ("five and six", [(5, "five"), (6, "six")]),
    ("1,269 and 26", [(1269, "1,269"), (26, "26")]),
    ("1.5 million or 2 million", [(1_500_000, "1.5 million"), (2_000_000, "2 million")]),
    ("５０ and ٥", [(50, "５０"), (5, "٥")]),
    ("a 1.5 km road, 12,5 and children", []),
])
def test_numbers_are_read_whole_at_their_place_in_the_text(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(number.value, text[number.start:number.end]) for number in read_numbers(text)] == expected


def test_a_run_of_more_digits_than_any_count_of_people_is_no_number() -> None:
    assert [number.value for number in read_numbers("9" * MAX_DIGITS)] == [int("9" * MAX_DIGITS)]
    assert read_numbers("9" * (MAX_DIGITS + 1)) == []
    assert parse_figure("9" * 5000) is None


def test_letters_that_fold_to_ascii_only_under_unicode_case_rules_spell_no_number() -> None:
    assert read_numbers("ſeven fıve") == []
