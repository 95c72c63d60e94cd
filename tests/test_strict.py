"""--strict: what fails grounding is left out of the digest, and the digest says how many were left out.

The strategies quote the article's own sentences and read figures by rule, so what fails grounding comes
here from a hand-made digest: a claim whose quote the article does not hold, and a casualty row whose figure
the article does not give. A plan that asks nothing and finishes with it puts it through the pipeline."""

from __future__ import annotations

import dataclasses

import pytest

from summarise.ingest import article_from_text
from summarise.pipeline import summarise_article
from summarise.plan import Plan
from summarise.result import Result
from summarise.schema import Digest
from summarise.strategy import STRATEGIES
from tests.test_extract_seam import FakeServer, connection_to

ARTICLE = "Police said three people died in the fire on Monday. The mayor said the fire began in a bakery."


def figure(text: str, number: int) -> dict[str, object]:
    return {"text": text, "qualifier": "exact", "number": number, "high": None}


HAND_MADE = Digest.model_validate({
    "summary": "A fire broke out on Monday.",
    "parties": [{"id": "police", "name": "Police", "kind": "official", "side": None},
                {"id": "mayor", "name": "The mayor", "kind": "official", "side": None}],
    "claims": [
        {"party_id": "mayor", "speaker": "The mayor", "quote": "The mayor said the fire began in a bakery.",
         "paraphrase": ""},
        {"party_id": "police", "speaker": "Police", "quote": "Police said the fire was arson", "paraphrase": ""},
    ],
    "casualties": [
        {"quote": "Police said three people died in the fire on Monday.", "reported_by": "police", "event": "fire",
         "perpetrator": None, "victims": "people", "killed": figure("three", 3), "injured": None},
        {"quote": "Ten more were killed in a second blaze across town", "reported_by": "police",
         "event": "second blaze", "perpetrator": None, "victims": "people", "killed": figure("Ten", 10),
         "injured": None},
    ],
})


@pytest.fixture(autouse=True)
def hand_made_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """The single strategy, planned to ask nothing and to finish with HAND_MADE."""
    single = dataclasses.replace(STRATEGIES["single"],
                                 plan=lambda article, sentences: Plan([], lambda answers: HAND_MADE))
    monkeypatch.setitem(STRATEGIES, "single", single)


def digest(strict: bool) -> Result:
    server = FakeServer()
    result = summarise_article(article_from_text(ARTICLE), connection_to(server, strategy="single"), strict=strict,
                               max_retries=0)
    assert server.requests == []
    return result


def test_strict_drops_what_fails_grounding_and_counts_it() -> None:
    result = digest(strict=True)
    assert [claim.quote for claim in result.claims] == ["The mayor said the fire began in a bakery."]
    assert [row.quote for row in result.casualties] == ["Police said three people died in the fire on Monday."]
    assert (result.unverified, result.dropped) == (0, 2)


def test_without_strict_nothing_is_dropped_and_the_failures_are_flagged() -> None:
    result = digest(strict=False)
    assert [(claim.party_id, claim.verified) for claim in result.claims] == [("police", False), ("mayor", True)]
    assert [row.verified for row in result.casualties] == [True, False]
    assert (result.unverified, result.dropped) == (2, 0)


def test_a_digest_written_before_the_dropped_count_still_reads_with_none_dropped() -> None:
    data = digest(strict=False).model_dump()
    del data["dropped"]
    assert Result.model_validate(data).dropped == 0
