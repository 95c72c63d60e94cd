"""The readings cached per text give each text its own answer, whatever was read before it: a warm cache
answers as a cold one, and two texts never share an entry."""

from __future__ import annotations

from summarise.reading import attribution, speakers
from summarise.reading.attribution import find_source
from summarise.reading.speakers import named_speaker

SPOKEN = (
    '"We will rebuild every house," said Maria Okafor, a teacher.',
    "Two hours later, army spokesman Omar Nadeem told reporters the fire was out.",
    "However, police said the road was shut.",
    "The storm, which began on Monday, flooded the valley.",
    "According to the deputy governor, 12 people were hurt.",
    "twelve were hurt, police said.",
)


def test_named_speaker_answers_each_text_as_a_cold_cache_does() -> None:
    named_speaker.cache_clear()
    cold = [named_speaker(text) for text in SPOKEN]
    warm = [named_speaker(text) for text in reversed(SPOKEN)][::-1]
    assert cold == warm == ["Maria Okafor", "army spokesman Omar Nadeem", "police", None, "deputy governor",
                            "police"]


def test_find_source_reads_the_sentence_before_its_context_from_the_cache() -> None:
    attribution._source_named_in.cache_clear()
    assert find_source("Twelve people were hurt.", "Police said the road was shut.") == "Police"
    assert find_source("Twelve people were hurt, the health ministry said.", "Police said the road was shut.") == \
        "health ministry"
    assert find_source("Police said the road was shut.") == "Police"
    assert find_source("Twelve people were hurt.") is None
    assert find_source("Twelve people were hurt.", None) is None


def test_find_source_answers_each_text_as_a_cold_cache_does() -> None:
    attribution._source_named_in.cache_clear()
    speakers.named_speaker.cache_clear()
    cold = [find_source(text) for text in SPOKEN]
    warm = [find_source(text) for text in reversed(SPOKEN)][::-1]
    assert cold == warm == [None, None, None, None, "deputy governor", "police"]
