"""--strict: what fails grounding is left out of the digest, and the digest says how many were left out."""

from __future__ import annotations

from typing import Any

from summarise.ingest import article_from_text
from summarise.pipeline import summarise_article
from summarise.result import Result
from tests.test_extract_seam import FakeServer, connection_to

ARTICLE = "Police said three people died in the fire on Monday. The mayor said the fire began in a bakery."


def figure(text: str, number: int) -> dict[str, Any]:
    return {"text": text, "qualifier": "exact", "number": number, "high": None}


ANSWER = {
    "summary": "Three people died in a fire, police say.",
    "parties": [{"id": "police", "name": "Police", "kind": "official", "side": None},
                {"id": "mayor", "name": "The mayor", "kind": "official", "side": None}],
    "claims": [
        {"party_id": "mayor", "speaker": "The mayor", "quote": "the fire began in a bakery",
         "paraphrase": "The fire started in a bakery."},
        {"party_id": "police", "speaker": "Police", "quote": "Police said the fire was arson",
         "paraphrase": "Police call it arson."},
    ],
    "casualties": [
        {"quote": "Police said three people died in the fire", "reported_by": "police", "event": "fire",
         "perpetrator": None, "victims": "people", "killed": figure("three", 3), "injured": None},
        {"quote": "Ten more were killed in a second blaze across town", "reported_by": "police",
         "event": "second blaze", "perpetrator": None, "victims": "people", "killed": figure("Ten", 10),
         "injured": None},
    ],
}


def digest(strict: bool) -> Result:
    connection = connection_to(FakeServer(ANSWER), strategy="single")
    return summarise_article(article_from_text(ARTICLE), connection, strict=strict, max_retries=0)


def test_strict_drops_what_fails_grounding_and_counts_it() -> None:
    result = digest(strict=True)
    assert (len(result.claims), len(result.casualties), result.unverified, result.dropped) == (1, 1, 0, 2)


def test_without_strict_nothing_is_dropped_and_the_failures_are_flagged() -> None:
    result = digest(strict=False)
    assert (len(result.claims), len(result.casualties), result.unverified, result.dropped) == (2, 2, 2, 0)


def test_a_digest_written_before_the_dropped_count_still_reads_with_none_dropped() -> None:
    data = digest(strict=False).model_dump()
    del data["dropped"]
    assert Result.model_validate(data).dropped == 0
