"""How the passes lay out what they ask: the same system prompt and the same numbered article first in
every pass, then the pass's question. llama.cpp keeps the tokens of its last prompt and evaluates only
what differs, so the article is read once per article instead of once per pass (so does any server with
a prefix cache). The article is marked as data (between <article> tags), never as instructions.

An article longer than one window is read in windows of whole paragraphs, each asked its own questions
with the article's own sentence numbers, so every sentence is asked about whatever the article's length.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from summarise.plan import Request
from summarise.prompting import render_template
from summarise.reading.sentences import Sentence

__all__ = ["MAX_WINDOW_CHARS", "Window", "windows", "question"]

# About 4,000 tokens of article: with the question and the answer it fits a context of 8,192 tokens.
MAX_WINDOW_CHARS = 16_000


@dataclass(frozen=True)
class Window:
    """Consecutive sentences of the article, each under its number in the whole article (from 1)."""

    sentences: dict[int, Sentence]

    def text(self) -> str:
        """The numbered article between <article> tags: a line per sentence, a blank line between paragraphs."""
        lines, paragraph = ["<article>"], None
        for number, sentence in self.sentences.items():
            if paragraph is not None and sentence.paragraph != paragraph:
                lines.append("")
            lines.append(f"[{number}] {' '.join(sentence.text.split())}")
            paragraph = sentence.paragraph
        lines.append("</article>")
        return "\n".join(lines)


def windows(sentences: list[Sentence], limit: int = MAX_WINDOW_CHARS) -> list[Window]:
    """The article's ``sentences`` in windows of at most ``limit`` characters of text, cut between paragraphs
    where one fits (a paragraph longer than a window is cut between sentences)."""
    found: list[Window] = []
    current: dict[int, Sentence] = {}
    size = 0
    for number, sentence in enumerate(sentences, start=1):
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
             **variables: str) -> Request:
    """The request of one pass over ``window``: the shared system prompt and article, then the question in
    ``template`` about the sentences ``asked`` (their texts are what the answer's numbers are checked
    against)."""
    messages = [{"role": "system", "content": render_template("passes_system.txt")},
                {"role": "user", "content": window.text() + "\n\n" + render_template(template, **variables)}]
    return Request(model, messages, {"sentences": {number: sentence.text for number, sentence in asked.items()}})
