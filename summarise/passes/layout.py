"""How the passes lay out what they ask: the same system prompt and the same numbered article first in
every pass, then the pass's question. llama.cpp keeps the tokens of its last prompt and evaluates only
what differs, so the article is read once per article instead of once per pass (so does any server with
a prefix cache). The article is marked as data (between <article> tags), never as instructions.

The model is shown only what its questions need (:func:`excerpt`): the opening sentences, for the
overview, and each sentence asked about with the sentences just before it, where a speaker or a source is
named for "he said" or "the toll". The rules read the rest. Prompt evaluation is most of the time the
embedded model spends on a long article: the excerpt is 56% of the development set's text.

An article longer than one window is read in windows of whole paragraphs, each asked its own questions
with the article's own sentence numbers, so every sentence is asked about whatever the article's length.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from summarise.plan import Request
from summarise.prompting import render_template
from summarise.reading.sentences import Sentence

__all__ = ["MAX_WINDOW_CHARS", "OPENING_SENTENCES", "CONTEXT_SENTENCES", "Window", "excerpt", "windows", "question"]

# About 4,000 tokens of article: with the question and the answer it fits a context of 8,192 tokens.
MAX_WINDOW_CHARS = 16_000
# The excerpt: the opening sentences (headline and lede: what the overview summarises) and, before each
# sentence asked about, the sentences that may name its speaker or source.
OPENING_SENTENCES = 8
CONTEXT_SENTENCES = 2
# Where the excerpt leaves sentences out.
GAP = "[…]"


def excerpt(sentences: list[Sentence], asked: set[int]) -> list[int]:
    """The numbers (from 1) of the sentences the model is shown: the opening ones, and each sentence in
    ``asked`` with the few before it, in order."""
    kept = set(range(1, min(OPENING_SENTENCES, len(sentences)) + 1))
    for number in asked:
        kept.update(range(max(1, number - CONTEXT_SENTENCES), number + 1))
    return sorted(number for number in kept if number <= len(sentences))


@dataclass(frozen=True)
class Window:
    """Consecutive sentences of the article, each under its number in the whole article (from 1)."""

    sentences: dict[int, Sentence]

    def text(self) -> str:
        """The numbered article between <article> tags: a line per sentence, a blank line between paragraphs,
        a line "[…]" where sentences are left out."""
        lines, paragraph, previous = ["<article>"], None, None
        for number, sentence in self.sentences.items():
            if previous is not None and number != previous + 1:
                lines.append(GAP)
            elif paragraph is not None and sentence.paragraph != paragraph:
                lines.append("")
            lines.append(f"[{number}] {' '.join(sentence.text.split())}")
            paragraph, previous = sentence.paragraph, number
        lines.append("</article>")
        return "\n".join(lines)


def windows(sentences: list[Sentence], limit: int = MAX_WINDOW_CHARS, shown: list[int] | None = None) -> list[Window]:
    """The article's ``sentences`` (those numbered in ``shown``, else all) in windows of at most ``limit``
    characters of text, cut between paragraphs where one fits (a paragraph longer than a window is cut
    between sentences)."""
    found: list[Window] = []
    current: dict[int, Sentence] = {}
    size = 0
    numbers = shown if shown is not None else range(1, len(sentences) + 1)
    for number, sentence in ((number, sentences[number - 1]) for number in numbers):
        length = len(sentence.text) + 8
        paragraph_starts = not current or sentence.paragraph != current[max(current)].paragraph
        if current and size + length > limit and (paragraph_starts or size > limit // 2):
            found.append(Window(current))
            current, size = {}, 0
        current[number] = sentence
        size += length
    if current:
        found.append(Window(current))
    return found


def question(window: Window, template: str, model: type[BaseModel], asked: dict[int, Sentence],
             system: str = "passes_system.txt", **variables: str) -> Request:
    """The request over ``window``: the ``system`` prompt and the article, then the question in
    ``template`` about the sentences ``asked`` (their texts are what the answer's numbers are checked
    against)."""
    messages = [{"role": "system", "content": render_template(system)},
                {"role": "user", "content": window.text() + "\n\n" + render_template(template, **variables)}]
    return Request(model, messages, {"sentences": {number: sentence.text for number, sentence in asked.items()}})
