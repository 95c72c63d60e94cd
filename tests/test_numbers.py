"""Figures read from their own words."""

from __future__ import annotations

import pytest

from summarise.numbers import ParsedFigure, parse_figure, word_number


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


def test_word_number_rejects_other_words() -> None:
    assert word_number("forty-two") == 42
    assert word_number("one thousand two hundred") == 1200
    assert word_number("children") is None
