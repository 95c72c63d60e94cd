"""A perpetrator pattern with a cue is searched only where its cue is found, so the cue must be in every
text the pattern matches: checked over the seed, the corpus (when present) and phrasings of each pattern."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.reading.perpetrators import _CLAIM, _CLAIM_CUE, _FIRE_PATTERN, _PERPETRATOR_PATTERNS, _Cued, actors
from summarise.reading.sentences import split_sentences
from tests.conftest import SEED, SHARED

PHRASINGS = (
    "Iran's missile and drone strike killed nine people.",
    "The gunmen' rampage left 12 dead.",
    "THE MILITANTS' SUICIDE BOMB ATTACK KILLED 30.",
    "Pakistan was accused of carrying out the raid.",
    "The rebels have been blamed for the bombing.",
    "Pakistan on Thursday launched air raids that killed 7.",
    "The gunman, who had a rifle, opened fire on the crowd.",
    "Police firing killed four protesters.",
    "Army shelling hit the market.",
    "Nine people died in the flood on Monday.",
    "The Red Hand has also been carrying out raids, killing 11.",
    "Islamic State, which claimed the attack, said it killed 3.",
    'The "Red Hand," which began in 1980, is responsible for 900 deaths.',
    "Nine people were killed in police firing.",
)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    articles = [SEED, *sorted((SHARED / "corpus" / "articles").glob("*.txt"))]
    sentences = [sentence.text for path in articles if path.exists()
                 for sentence in split_sentences(Path(path).read_text(encoding="utf-8"))]
    return [*PHRASINGS, *sentences, *(text.lower() for text in sentences), *(text.upper() for text in sentences)]


_CUED = [pattern for pattern in (*_PERPETRATOR_PATTERNS, _FIRE_PATTERN) if isinstance(pattern, _Cued)]


@pytest.mark.parametrize("position", range(len(_CUED)))
def test_every_text_a_cued_pattern_matches_holds_its_cue(position: int, texts: list[str]) -> None:
    cued = _CUED[position]
    assert isinstance(cued, _Cued)
    matched = [text for text in texts if cued.pattern.search(text)]
    assert matched, "the texts exercise the pattern"
    assert [text for text in matched if not cued.cue.search(text)] == []


def test_a_cued_pattern_finds_what_its_pattern_finds_where_the_cue_is() -> None:
    cued = _PERPETRATOR_PATTERNS[0]
    assert isinstance(cued, _Cued)
    text = PHRASINGS[0]
    assert [match.group(1) for match in cued.finditer(text)] == [match.group(1) for match in
                                                                  cued.pattern.finditer(text)] == ["Iran"]
    assert list(cued.finditer("Nine people died in the flood.")) == []


def test_actors_read_through_the_cues() -> None:
    assert actors("Iran's missile and drone strike killed nine people.") == ((0, "Iran"),)
    assert actors("Police firing killed four protesters.") == ((0, "Police"),)
    assert actors("Nine people died in the flood on Monday.") == ()


def test_every_text_the_claim_pattern_matches_holds_its_cue(texts: list[str]) -> None:
    phrasings = ["The Red Hand has claimed the attack.", "Police attributed the bombing to the Red Hand.",
                 "Officials blamed the blast on rebels."]
    matched = [text for text in [*phrasings, *texts] if _CLAIM.search(text)]
    assert len(matched) >= len(phrasings)
    assert [text for text in matched if not _CLAIM_CUE.search(text)] == []
