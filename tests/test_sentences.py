"""Sentence splitting and candidate selection, on the shapes real copy comes in."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.ingest import strip_boilerplate
from summarise.reading.lexicon import first_letters
from summarise.reading.sentences import (
    casualty_candidates,
    claim_candidates,
    is_casualty_candidate,
    is_hard_wrapped,
    split_sentences,
)

WIRE = """IRAQ SAYS IT CRUSHES NEW OFFENSIVE

BAGHDAD, March 5 - Iraq said its forces killed or wounded
15,000 Iranian Revolutionary Guards as they crushed a new
Iranian offensive near the strategic port city of Basra.
    A high command war communique said four Revolutionary
Guards divisions attacked Iraqi positions east of Basra on the
Gulf War southern front, but they were fully crushed by noon.
    Iran earlier today said its forces launched fresh attacks
near Basra last night, adding that 1,200 Iraqis were killed or
wounded in fighting near Fish Lake, 10 km east of Basra.
"""


def test_sentences_carry_their_offsets() -> None:
    text = "Police said two died. Witnesses saw a fire.\n\nThe mayor, Anne Roy, spoke."
    sentences = split_sentences(text)
    assert [sentence.text for sentence in sentences] == [
        "Police said two died.", "Witnesses saw a fire.", "The mayor, Anne Roy, spoke."]
    assert all(text[sentence.start:sentence.end] == sentence.text for sentence in sentences)


def test_hard_wrapped_wire_copy_joins_its_lines() -> None:
    assert is_hard_wrapped(WIRE)
    sentences = [sentence.text for sentence in split_sentences(WIRE)]
    assert any(text.startswith("Iran earlier today said") and text.endswith("10 km east of Basra.")
               for text in sentences)
    assert "IRAQ SAYS IT CRUSHES NEW OFFENSIVE" in sentences


def test_ordinary_copy_is_not_hard_wrapped() -> None:
    assert not is_hard_wrapped("One line.\nAnother short line.\n\nA paragraph of text.")


def test_sentences_glued_without_a_space_are_split() -> None:
    texts = [sentence.text for sentence in split_sentences("It may take several days.Government forces took Aleppo.")]
    assert texts == ["It may take several days.", "Government forces took Aleppo."]


def test_abbreviations_do_not_end_a_sentence() -> None:
    texts = [sentence.text for sentence in split_sentences("Gen. Smith said Mr. Jones left. He did.")]
    assert texts == ["Gen. Smith said Mr. Jones left.", "He did."]


def test_candidates_pair_numbers_with_casualty_words_and_attribution() -> None:
    sentences = split_sentences(WIRE)
    casualty = [sentence.text for sentence in casualty_candidates(sentences)]
    assert any("1,200 Iraqis were killed" in text for text in casualty)
    assert all("communique" not in text for text in casualty)
    assert any("communique said" in sentence.text for sentence in claim_candidates(sentences))


def test_glued_share_buttons_are_stripped_but_the_text_kept() -> None:
    line = "Share this withEmailFacebookMessengerTwitterCopy this linkThe ICRC says it will take days."
    assert strip_boilerplate(line) == "The ICRC says it will take days."


def test_lower_cased_copy_is_split_at_full_stops() -> None:
    line = ("ahmedabad: the violence in the district refuses to die down, officials said on sunday. "
            "though reports of clashes subsided, there was no respite from rioters in several areas. "
            "police opened fire on mobs in two towns. the toll has climbed to 43, according to the control "
            "room, and is expected to be revised by monday morning.")
    texts = [sentence.text for sentence in split_sentences(line)]
    assert len(texts) == 4
    assert texts[2] == "police opened fire on mobs in two towns."


def test_a_sentence_glued_to_an_acronym_is_split() -> None:
    texts = [sentence.text for sentence in split_sentences("The talks were delayed.UN envoys said they would resume.")]
    assert texts == ["The talks were delayed.", "UN envoys said they would resume."]


def test_a_quotation_mark_glued_between_sentences_stays_with_its_quotation() -> None:
    opening = [sentence.text for sentence in split_sentences('She said it was safer."We will stay," she added.')]
    assert opening == ["She said it was safer.", '"We will stay," she added.']
    closing = [sentence.text for sentence in split_sentences('He said: "We will stay."Then he left the hall.')]
    assert closing == ['He said: "We will stay."', "Then he left the hall."]


def test_the_split_keeps_its_article_and_finds_the_sentence_at_an_offset() -> None:
    text = "Police said two died. Witnesses saw a fire."
    sentences = split_sentences(text)
    assert sentences.article == text
    assert [sentences.index_at(offset) for offset in (0, 21, 22, len(text))] == [0, 0, 1, 1]
    assert [sentence.text for sentence in sentences.covering(15, 30)] == ["Police said two died.",
                                                                          "Witnesses saw a fire."]


def test_the_sentences_a_span_covers_are_those_it_overlaps() -> None:
    text = "One died.\n\nTwo were hurt. Three fled.\nFour hid."
    sentences = split_sentences(text)
    spans = [(start, start + length) for start in range(-2, len(text) + 2) for length in (0, 1, 5, 12, 60)]
    for start, end in spans:
        overlapped = [sentence for sentence in sentences if sentence.start < end and sentence.end > start]
        assert sentences.covering(start, end) == overlapped, (start, end)


def test_only_the_pipeline_splits_an_article_into_sentences() -> None:
    package = Path(__file__).resolve().parents[1] / "summarise"
    splitting = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                       if "split_sentences(" in path.read_text(encoding="utf-8"))
    assert splitting == ["evaluation/claims.py", "pipeline.py", "reading/sentences.py"]


def test_a_cue_pattern_checks_the_first_letters_of_its_cues_first() -> None:
    assert first_letters(["kill", "Dead", r"die[sd]?\b"]) == "(?=[dk])"
    with pytest.raises(ValueError, match="must start with a letter"):
        first_letters([r"\d+ killed"])


def test_the_casualty_candidate_test_is_the_one_casualty_candidates_applies() -> None:
    sentences = split_sentences("Police said 12 people were killed. The road was shut. Dozens were hurt.")
    assert [sentence.text for sentence in casualty_candidates(sentences)] == \
        [sentence.text for sentence in sentences if is_casualty_candidate(sentence.text)] == \
        ["Police said 12 people were killed.", "Dozens were hurt."]
