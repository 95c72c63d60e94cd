"""Casualty rows: figures read by rule from every sentence (summarise.reading.figures), each with the source the
text shows (or a plausible one from the casualty pass), and the victims and event the pass gave."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarise.reading.attribution import ATTRIBUTION_VERB, find_source
from summarise.reading.figures import reported_figures
from summarise.reading.lexicon import (
    ATTACKER_NOUNS,
    ATTRIBUTION_VERBS,
    BELOW_TWENTY_WORDS,
    CLOCK_WORDS,
    NEGATIONS,
    ONE_WORD_CASUALTY_WORDS,
    PROPERTY_WORDS,
    TENS_WORDS,
    TIME_UNITS,
    UNITS_OF_MEASURE,
    alternation,
)
from summarise.reading.parties import kind_named, named_in_article
from summarise.reading.sentences import Sentence
from summarise.reading.sides import country_of, government_name
from summarise.reading.speakers import document_party, is_document, named_speaker
from summarise.schema import ARTICLE_VOICE, CasualtyReport, Figure, vague_words_in

__all__ = ["SourcedSentence", "attribution_context", "casualty_sentences", "distinct", "drop_echoes", "is_accused",
           "kept_figure", "plausible_source", "rows_by_rule", "shouted"]

_LOWER_CASE = re.compile(r"[a-z]")
_PLACE_WORDS = r"(?:near|in|at|from|of|on|to|into|across|outside|inside|towards?|off|an?|the)"


# The first word of what a number measures ("per" of "per cent"): a number before it counts no one.
_MEASURED = {unit.split()[0] for unit in UNITS_OF_MEASURE | TIME_UNITS | CLOCK_WORDS | PROPERTY_WORDS}


# Words that count nobody ("no injuries", "zero deaths").
_NOTHING = re.compile(rf"^\s*(?:{alternation(NEGATIONS | {'zero'})})\b", re.IGNORECASE)


def is_accused(name: str, sentence: str) -> bool:
    """True when ``sentence`` accuses ``name`` ("Iran accused of killing ..."): the accused, never a source."""
    for called in {name, country_of(name), government_name(name)} - {None}:
        if re.search(rf"(?<![\w-]){re.escape(str(called))}\s+(?:was |were |is |are |stands? )?(?:accused|blamed|"
                     rf"criticised|criticized|condemned)\s+(?:of|for)\b", sentence, re.IGNORECASE):
            return True
    return False


def plausible_source(name: str | None, sentence: str, before: str | None, article: str) -> str | None:
    """The model's source of a figure, kept only when the ``article`` names it and it looks like a reporter:
    an actor by its words or its country, or a name the text shows beside a reporting verb (not "near
    Basra" or a car's make)."""
    if name is None or len(name.split()) > 6 or (len(name.split()) > 2 and not _LOWER_CASE.search(name)):
        return None  # a headline or a whole clause, not a name
    if not named_in_article(name, article):
        return None  # a name the model made up
    if not any(ATTRIBUTION_VERB.search(text) for text in (sentence, before or "")):
        return None  # nothing in the text reports it: the article's own voice (a headline, say)
    if is_accused(name, sentence):
        return None  # "Iran accused of killing 16,500": the accused, not the source
    if government_name(name) or country_of(name) or kind_named(name):
        return name
    for text in (sentence, before or ""):
        found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)
        if found and name[:1].isupper() and ATTRIBUTION_VERB.search(text) and not re.search(
                rf"\b{_PLACE_WORDS}\s+$", text[:found.start()], re.IGNORECASE):
            return name
    return None


_NEXT_WORD = re.compile(r"\s*(\S*)")


def kept_figure(figure: Figure | None, next_word: str) -> Figure | None:
    """None for what is not a count of people: "no injuries", words with neither a number nor a vague
    quantity, or a number that measures something else (``next_word``, the word after it, is "km"). A
    number bounded by a negated qualifier ("no fewer than 5") is a count."""
    if figure is None or (_NOTHING.match(figure.text) and figure.number is None):
        return None
    if figure.number is None and vague_words_in(figure.text) is None:
        return None
    if figure.number is not None and next_word.strip(".,;:()").lower() in _MEASURED:
        return None
    return figure


def _source(sentence: str, context: str | None, named: str | None) -> str | None:
    """Who the text says reports a sentence's figures: its attribution, or the speaker it names (``named``;
    never the one it accuses); a document ("an official statement") speaks for the government it names."""
    source = find_source(sentence, context) or (named if named and not is_accused(named, sentence) else None)
    if source is not None and is_document(source):
        return document_party(sentence, context) or source
    return source


@dataclass(frozen=True)
class SourcedSentence:
    """A sentence casualty rows may come from, read once for the questions and the rows: its position in
    the article, its text, the text that may name who says it (``context``), who the text says reports its
    figures (``source``, None when it names no one) and the speaker it names, the one it accuses included."""

    index: int
    text: str
    context: str | None
    source: str | None
    speaker: str | None


def casualty_sentences(sentences: list[Sentence]) -> list[SourcedSentence]:
    """Every sentence of the article but headlines in capitals, each text once, with its source read."""
    found, seen = [], set()
    for index, sentence in enumerate(sentences):
        if sentence.text in seen or shouted(sentence.text):
            continue
        seen.add(sentence.text)
        context = attribution_context(sentences, index)
        named = named_speaker(sentence.text)
        found.append(SourcedSentence(index, sentence.text, context, _source(sentence.text, context, named), named))
    return found


_OPEN_QUOTE = re.compile(r"^[\"“]")
_CLOSE_QUOTE = re.compile(r"[\"”]")


_SAYS = alternation(ATTRIBUTION_VERBS)  # as summarise.reading.attribution reads them
_PRONOUN_SAYS = re.compile(rf"^(?:it|he|she|they)\s+(?:also\s+)?(?:{_SAYS})\b|,\s*(?:it|he|she|they)\s+(?:{_SAYS})\W*$",
                           re.IGNORECASE)


def attribution_context(sentences: list[Sentence], index: int) -> str | None:
    """The text that may name who says sentence ``index``: for a quotation, the sentence that ends it (or,
    when it ends in the same sentence, the next one: "I think over 30 ..." / "..., the journalist said");
    else the sentence before it in its paragraph, or across a paragraph break when it says "It added ...",
    "..., he said"."""
    sentence = sentences[index]
    if _OPEN_QUOTE.match(sentence.text):
        closed = _CLOSE_QUOTE.search(sentence.text, 1)
        for following in sentences[index + 1:index + 4]:
            if closed or _CLOSE_QUOTE.search(following.text):
                return following.text
    previous = sentences[index - 1] if index else None
    if previous and (previous.paragraph == sentence.paragraph or _PRONOUN_SAYS.search(sentence.text)):
        return previous.text
    return None


def shouted(text: str) -> bool:
    """An all-capitals line: a headline or a link to another story ("MULTIPLE PEOPLE KILLED AFTER ..."),
    whose figures either repeat the body's or belong to another event."""
    return len(text.split()) >= 3 and not _LOWER_CASE.search(text)


# A count before the model's victims ("four persons"): the figure's, which the row holds already.
_COUNT_WORDS = alternation({*BELOW_TWENTY_WORDS, *TENS_WORDS, "at", "least", "more", "than", "about", "some", "up",
                            "to"})
_COUNT_FIRST = re.compile(rf"^(?:(?:\d[\d,]*|{_COUNT_WORDS})\s+)+", re.IGNORECASE)
# Victims that say what befell them ("two dead and five injured") are a figure's words, not who was hit.
_CASUALTY_WORD = re.compile(rf"\b(?:{alternation(ONE_WORD_CASUALTY_WORDS)})\b", re.IGNORECASE)


def _said_victims(victims: str, quote: str) -> str | None:
    """The victims the model named for a sentence, where the sentence says them: "four persons" is "persons" where
    the quote says "persons"; words the quote does not hold (a model's guess) are no victims of the row."""
    words = _COUNT_FIRST.sub("", " ".join(victims.split()))
    said = re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])", re.IGNORECASE)
    if words and not _CASUALTY_WORD.search(words) and said.search(" ".join(quote.split())):
        return words
    return None


def rows_by_rule(quote: str, source: str, report: Any | None) -> list[CasualtyReport]:
    """Rows from the figures the sentence's own phrasing ties to a casualty word (summarise.reading.figures), when
    it reports an event (not an instruction, a hypothetical or a question): kind and number come from the
    text; victims and event from the casualty pass where it read the sentence. One row holds at most one
    killed and one injured figure, in the sentence's order."""
    rows: list[CasualtyReport] = []
    slots: dict[str, Figure] = {}
    victims: str | None = None

    def close() -> None:
        if slots:
            rows.append(CasualtyReport(
                quote=quote, reported_by=source, event="", perpetrator=None,
                victims=victims or (_said_victims(report.victims, quote) if report else None) or "people",
                killed=slots.get("killed"), injured=slots.get("injured")))

    for found in reported_figures(quote):
        next_word = _NEXT_WORD.match(quote, found.end)  # read at the figure, not searched for: linear
        figure = kept_figure(found.figure(), next_word.group(1) if next_word else "")
        if figure is None:
            continue
        if found.kind in slots:
            close()
            slots, victims = {}, None
        slots[found.kind] = figure
        word = next_word.group(1).strip(".,;:").lower() if next_word else ""
        # "killed all four attackers": the text says who they were, whatever the model read
        victims = victims or found.victims or (word if word in ATTACKER_NOUNS else None)
    close()
    return rows


def _figure_key(figure: Figure) -> tuple[object, ...]:
    """A figure's fields, to compare figures by (a Figure, not frozen, has no hash): what its JSON said, without
    rendering the JSON of every figure."""
    return tuple(getattr(figure, name) for name in Figure.model_fields)


def distinct(rows: list[CasualtyReport]) -> list[CasualtyReport]:
    """Each row once, the first time it comes. A set, not ``row not in rows``: a sentence of thousands of
    figures made that quadratic."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for row in rows:
        key = tuple(_figure_key(value) if isinstance(value, Figure) else value for _, value in row)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _figure_keys(row: CasualtyReport) -> set[tuple[str, int | None]]:
    return {(kind, figure.number) for kind, figure in (("killed", row.killed), ("injured", row.injured)) if figure}


def drop_echoes(rows: list[CasualtyReport]) -> list[CasualtyReport]:
    """Drop figures in the article's own voice (a headline, a lead) that a named source gives further on;
    a figure the article states after its source's, in the body, is a fact of its own and stays."""
    kept: list[CasualtyReport] = []
    later: set[tuple[str, int | None]] = set()  # figures named sources give after the row at hand
    for row in reversed(rows):
        if row.reported_by != ARTICLE_VOICE:
            kept.append(row)
            later |= _figure_keys(row)
        elif not _figure_keys(row) <= later:
            kept.append(row)
    return kept[::-1]
