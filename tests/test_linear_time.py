"""Every rule is linear in the text: the inputs that once took minutes (one quadratic regex search per
number, per abbreviation, per digit) go through the deterministic layers in well under the limit.

The limit is generous, about twenty times what the layers take today on a shared core: these tests are not
benchmarks, but a quadratic blow-up on 40 KB takes minutes and fails them. The alarm stops such a run at the
limit instead of letting it hang the suite."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from summarise.ground import ground_digest
from summarise.ingest import article_from_text
from summarise.locate import number_is_written
from summarise.passes.run import assemble, pass_requests, read_by_rule, resolve
from summarise.passes.single import single_requests
from summarise.reading.events import group_events
from summarise.reading.figures import find_figures
from summarise.reading.numbers import parse_figure, read_numbers
from summarise.reading.sentences import split_sentences
from summarise.reading.summary import publish_summary

LIMIT_SECONDS = 4.0
SIZE = 40_000


@contextmanager
def _at_most(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: super-linear")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    with _at_most(LIMIT_SECONDS):
        work()
    return time.perf_counter() - started


def _deterministic_layers(text: str) -> None:
    """All the pipeline computes without a model: ingest, sentences, the requests, the rules over every
    sentence (as after an empty answer), the grounding of the digest they make, its events and its summary."""
    article = article_from_text(text)
    sentences = split_sentences(article.text)
    read = read_by_rule(sentences)
    pass_requests(sentences, read)
    single_requests(sentences, read)
    digest = assemble(resolve([], [], sentences, read), None)
    events, rows = group_events(ground_digest(digest, sentences).casualties, sentences, digest.parties)
    publish_summary(digest, rows, sentences, keep=2, events=events)


def _repeated(unit: str) -> str:
    return unit * (SIZE // len(unit))


CASUALTY = "Police said 5 people were killed. "
WORST_ARTICLES = {
    "a casualty sentence, then 'a.' for 40 KB": CASUALTY + _repeated("a."),
    "'seven ' for 40 KB": _repeated("seven "),
    "'seven ' for 40 KB, then a casualty word": _repeated("seven ") + "were killed.",
    "'A. ' for 40 KB": _repeated("A. "),
    "'Mr. ' for 40 KB": _repeated("Mr. "),
    "'a ' for 40 KB": _repeated("a "),
    "',a' for 40 KB": _repeated(",a"),
    "'and 5 ' for 40 KB, then a casualty word": _repeated("and 5 ") + "killed.",
    "'one hundred ' for 40 KB": _repeated("one hundred "),
    "'7 ' for 40 KB between two casualty sentences": CASUALTY + _repeated("7 ") + " killed 7 people, police said.",
    "'over ' for 40 KB, then a figure": _repeated("over ") + "5 people were killed.",
    "'over ' for 40 KB, then a casualty word": _repeated("over ") + "killed.",
    "'the toll rose to ' for 40 KB": _repeated("the toll rose to "),
    "'toll at 7 ' for 40 KB": _repeated("toll at 7 "),
    "'killing 7 ' for 40 KB": _repeated("killing 7 "),
    "'killing N ' with N counting up, for 40 KB": "".join(f"killing {number} " for number in range(4000)),
    "'N killed, ' with N counting up, for 40 KB": "".join(f"{number} killed, " for number in range(4000)),
    "a 5,000-digit number": "Police said " + "9" * 5000 + " people were killed.",
    "'9' for 40 KB": _repeated("9"),
    "'1,' for 40 KB": _repeated("1,") + "000 people were killed.",
}


@pytest.mark.parametrize("text", list(WORST_ARTICLES.values()), ids=list(WORST_ARTICLES))
def test_the_deterministic_layers_take_linear_time(text: str) -> None:
    assert _seconds(lambda: _deterministic_layers(text)) < LIMIT_SECONDS


WORST_NUMBER_TEXTS = {
    "'9' for 50,000 digits": "9" * 50_000,
    "fullwidth digits for 40 KB": _repeated("\uff15"),
    "'1,' for 40 KB": _repeated("1,"),
    "'one ' for 40 KB": _repeated("one "),
    "'twenty-' for 40 KB": _repeated("twenty-"),
    "'1.' for 40 KB": _repeated("1."),
}


@pytest.mark.parametrize("text", list(WORST_NUMBER_TEXTS.values()), ids=list(WORST_NUMBER_TEXTS))
def test_reading_numbers_takes_linear_time(text: str) -> None:
    def read() -> None:
        number_is_written(5, text)
        read_numbers(text)
        parse_figure(text)
        find_figures(text)

    assert _seconds(read) < LIMIT_SECONDS
