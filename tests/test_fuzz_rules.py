"""Generated articles through the deterministic layers: ingest, sentence split, figure reading, grounding.

News-like casualty sentences mixed with hostile text (digits of other scripts, runs of digits, letters that
fold to ASCII only under Unicode case rules, stray quotes and stops, odd spaces). Seeded (derandomize) and
bounded: a few thousand articles in all, each within the deadline. The invariants: nothing raises; every
offset lies in the text and points at what it names; every number a rule reads is a number grounding finds;
a verified figure's number is written in the article at its span."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarise.errors import InputError
from summarise.ground import ground_digest
from summarise.ingest import Article, article_from_text
from summarise.locate import number_is_written, text_is_in
from summarise.passes.run import assemble, read_by_rule, resolve
from summarise.reading.figures import find_figures
from summarise.reading.numbers import read_numbers
from summarise.reading.sentences import Sentence, split_sentences
from summarise.result import CasualtyFigure, CheckedCasualty
from summarise.schema import CasualtyReport, Digest, Figure

FUZZ = settings(max_examples=1500, derandomize=True, database=None, deadline=timedelta(seconds=2),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NUMBERS = st.one_of(
    st.integers(0, 2_000_000).map(str),
    st.integers(1_000, 999_999_999).map(lambda number: f"{number:,}"),
    st.sampled_from(["seven", "Twenty-one", "twenty-one hundred", "one hundred and five", "a dozen", "two dozen",
                     "five hundred thousand", "1.5 million", "2 million", "dozens of", "several", "a number of",
                     "\uff15", "\u0665\u0660", "\u017feven", "f\u0131ve", "9" * 13, "9" * 60, "1,000,000,000,000",
                     "12,5", "1.5", "0", "zero", "between 10 and 15", "10 to 15", "10-12", "twin"]),
)
QUALIFIERS = st.sampled_from(["", "at least ", "more than ", "up to ", "about ", "under ", "some ", "over over "])
CASUALTY = st.builds(
    "{}{} said {}{} {} were {}{}".format,
    st.sampled_from(["", '"', "\u201c"]),
    st.sampled_from(["Police", "The ministry", "Officials", "the U.S. Army", "Mr. Smith", "witnesses"]),
    QUALIFIERS, NUMBERS,
    st.sampled_from(["people", "civilians", "children", "soldiers, four of them officers,", "km", "years old"]),
    st.sampled_from(["killed", "injured", "wounded", "rescued", "killed and 3 injured", "killed or wounded"]),
    st.sampled_from([".", ". ", "!", "", ".\u201d", "?", ", police said."]),
)
TOLL = st.builds("The death toll rose to {}{}.".format, QUALIFIERS, NUMBERS)
NOISE = st.text(
    alphabet=st.sampled_from(list("aA7 .,;:!?\"'()-$%/\n\t") + ["\u00a0", "\u200b", "\u2028", "\r", "\u201c",
                                                                    "\u201d", "\u2019", "\u2013", "\u0301", "\uff15",
                                                                    "\u0665", "\u017f", "\u0131", "\U0001f600"]),
    max_size=60,
)
FRAGMENT = st.one_of(CASUALTY, TOLL, NUMBERS, NOISE, st.sampled_from(["A.", "Mr.", "U.S.", "No. 5", "aged 27",
                                                                      "in 2016", "killing 7", "the toll at 9"]))
ARTICLES = st.lists(st.tuples(FRAGMENT, st.sampled_from([" ", " ", "\n", "\n\n", ""])), max_size=25).map(
    lambda parts: "".join(fragment + separator for fragment, separator in parts))


def _article(text: str) -> Article | None:
    try:
        return article_from_text(text)
    except InputError:
        return None  # nothing left after cleaning: refused, as it should be


def _assert_sentences_point_into(article: str, sentences: list[Sentence]) -> None:
    end = 0
    for sentence in sentences:
        assert end <= sentence.start < sentence.end <= len(article)
        assert article[sentence.start:sentence.end] == sentence.text
        end = sentence.end


def _numbers(figure: CasualtyFigure) -> list[int]:
    return [number for number in (figure.best, figure.low, figure.high) if number is not None]


def _assert_verified_numbers_are_written(article: str, rows: list[CheckedCasualty]) -> None:
    for row in rows:
        assert row.span.start is not None and row.span.end is not None or not row.verified
        if not row.verified:
            continue
        assert row.span.start is not None and row.span.end is not None
        assert 0 <= row.span.start < row.span.end <= len(article)
        at_span = article[row.span.start:row.span.end]
        for figure in (row.killed, row.injured):
            if figure is None:
                continue
            singular = _numbers(figure) == [1] and figure.text.lower().startswith(("a ", "an ")) and text_is_in(
                figure.text, at_span)  # "a policeman was killed": one, with no number written
            assert singular or all(number_is_written(number, at_span) for number in _numbers(figure))


@FUZZ
@given(ARTICLES)
def test_generated_articles_go_through_the_rules_and_grounding(text: str) -> None:
    article = _article(text)
    if article is None:
        return
    assert "\r" not in article.text and unicodedata.is_normalized("NFC", article.text)
    sentences = split_sentences(article.text)
    _assert_sentences_point_into(article.text, sentences)
    for sentence in sentences:
        for found in find_figures(sentence.text):
            assert sentence.text[found.start:found.end] == found.text
            figure = found.figure()
            for number in (figure.number, figure.high):
                assert number is None or number_is_written(number, found.text)  # one reader
    digest = assemble(resolve([], [], sentences, read_by_rule(sentences)), None)
    _assert_verified_numbers_are_written(article.text, ground_digest(digest, sentences).casualties)


@st.composite
def _digests(draw: st.DrawFn) -> tuple[str, Digest]:
    """An article and a digest of it as a model might give: quotes from its sentences (or invented), each
    with a figure whose words and number may or may not be those the quote writes."""
    article = _article(draw(ARTICLES))
    if article is None:
        return "", Digest(summary="", parties=[], claims=[], casualties=[])
    quotes = [sentence.text for sentence in split_sentences(article.text)] + ["Police said 40 people were killed."]
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        quote = draw(st.sampled_from(quotes))
        written = read_numbers(quote)
        words = st.sampled_from([quote[number.start:number.end] for number in written]) if written else NUMBERS
        numbers = st.sampled_from([number.value for number in written]) if written else st.integers(0, 10**9)
        figure = Figure.model_validate({
            "text": draw(QUALIFIERS) + draw(st.one_of(words, NUMBERS)),
            "qualifier": draw(st.sampled_from(["exact", "at_least", "about", "vague"])),
            "number": draw(st.one_of(st.none(), numbers, st.integers(0, 10**9)))})
        rows.append(CasualtyReport(quote=quote, reported_by="article", event="", victims="people", killed=figure))
    return article.text, Digest(summary="", parties=[], claims=[], casualties=rows)


@FUZZ
@given(_digests())
def test_a_generated_digest_is_verified_only_where_its_numbers_are_written(case: tuple[str, Digest]) -> None:
    article, digest = case
    if not article:
        return
    _assert_verified_numbers_are_written(article, ground_digest(digest, split_sentences(article)).casualties)
