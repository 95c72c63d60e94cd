"""The response schema: cross-references, figures, and grounding checks against the article."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from summarise.schema import Digest, Figure, Qualifier, grounding_problems
from summarise.validation import checking_against
from tests.conftest import SEED

ARTICLE = SEED.read_text(encoding="utf-8")


def digest_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "summary": "Pakistan says it struck militant hideouts in Iran; Iran says seven foreigners were killed.",
        "parties": [
            {"id": "pakistan", "name": "Pakistan government", "kind": "government", "side": "Pakistan"},
            {"id": "iran", "name": "Iranian deputy governor", "kind": "official", "side": "Iran"},
        ],
        "claims": [{
            "party_id": "iran", "speaker": "deputy governor general of Sistan and Baluchestan",
            "quote": "seven non-Iranian nationals were killed in the blasts",
            "paraphrase": "Iran says seven foreigners died.",
        }],
        "casualties": [{
            "quote": "seven non-Iranian nationals were killed in the blasts", "reported_by": "iran",
            "event": "blasts in Saravan", "perpetrator": "Pakistan", "victims": "non-Iranian nationals",
            "killed": {"text": "seven", "qualifier": "exact", "number": 7, "high": None}, "injured": None,
        }],
    }
    data.update(changes)
    return data


def test_a_consistent_digest_validates_against_the_article() -> None:
    digest = Digest.model_validate(digest_data(), context={"article": ARTICLE})
    assert digest.casualties[0].killed is not None and digest.casualties[0].killed.number == 7


def test_an_unknown_party_id_is_rejected_with_a_hint() -> None:
    data = digest_data()
    data["claims"][0]["party_id"] = "irna"
    with pytest.raises(ValidationError, match=r"party ids \['irna'\] are used but not listed in parties"):
        Digest.model_validate(data)


def test_the_article_voice_needs_no_party() -> None:
    data = digest_data()
    data["casualties"][0]["reported_by"] = "article"
    assert Digest.model_validate(data).casualties[0].reported_by == "article"


def test_an_invented_number_fails_grounding_when_the_article_is_known() -> None:
    data = digest_data()
    data["casualties"][0]["killed"] = {"text": "17", "qualifier": "exact", "number": 17, "high": None}
    Digest.model_validate(data)  # without an article there is nothing to check against
    with pytest.raises(ValidationError, match="number 17 is not written in the article at its quote"):
        Digest.model_validate(data, context={"article": ARTICLE})


def test_the_context_can_come_from_the_current_check() -> None:
    data = digest_data()
    data["claims"][0]["quote"] = "Iran apologised to Pakistan for the strikes"
    with checking_against({"article": ARTICLE}), pytest.raises(ValidationError, match="not verbatim"):
        Digest.model_validate(data)
    Digest.model_validate(data)  # outside the block nothing is checked


def test_grounding_problems_lists_each_problem() -> None:
    data = digest_data()
    data["claims"][0]["quote"] = "an invented quote"
    data["casualties"][0]["killed"] = {"text": "eight", "qualifier": "exact", "number": 8, "high": None}
    problems = grounding_problems(Digest.model_validate(data), ARTICLE)
    assert len(problems) == 2


@pytest.mark.parametrize("words", ["several", "a number of", "dozens", "Multiple"])
def test_vague_words_never_carry_a_number(words: str) -> None:
    figure = Figure.model_validate({"text": words, "qualifier": "at_least", "number": 10, "high": None})
    assert figure.qualifier is Qualifier.VAGUE and figure.number is None


def test_the_words_decide_the_number_not_the_model() -> None:
    figure = Figure.model_validate({"text": "at least seven", "qualifier": "exact", "number": 17, "high": None})
    assert (figure.qualifier, figure.number) == (Qualifier.AT_LEAST, 7)
    ranged = Figure.model_validate({"text": "10 to 15", "qualifier": "exact", "number": 10, "high": None})
    assert (ranged.qualifier, ranged.number, ranged.high) == (Qualifier.RANGE, 10, 15)


def test_a_single_victim_written_as_a_counts_as_one() -> None:
    data = digest_data()
    data["claims"] = []
    data["casualties"][0]["quote"] = "killing a child"
    data["casualties"][0]["killed"] = {"text": "a child", "qualifier": "exact", "number": 1, "high": None}
    assert grounding_problems(Digest.model_validate(data), "They fired, killing a child.") == []


def test_extra_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Digest.model_validate(digest_data(confidence=0.9))


def test_the_article_s_own_voice_is_named_in_one_place() -> None:
    package = Path(__file__).resolve().parent.parent / "summarise"
    definitions = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                         if re.search(r"^ARTICLE_VOICE(?:_NAME)?\s*=", path.read_text(encoding="utf-8"), re.MULTILINE))
    assert definitions == ["schema.py"]


def test_a_couple_is_no_single_victim() -> None:
    data = digest_data()
    data["claims"] = []
    data["casualties"][0]["quote"] = "killing a couple of villagers"
    data["casualties"][0]["killed"] = {"text": "a couple", "qualifier": "exact", "number": 1, "high": None}
    problems = grounding_problems(Digest.model_validate(data), "They fired, killing a couple of villagers.")
    assert problems == ["casualties[0].killed number 1 is not written in the article at its quote "
                        "'killing a couple of villagers'"]
