"""The whole pipeline on the seed article, replaying the responses recorded from the real embedded model
(fixtures/). This is the one-shot job of the README's first command, offline and deterministic."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from summarise.errors import FixtureMissingError
from summarise.fixtures import FixtureMode
from summarise.ingest import article_from_text, read_article
from summarise.llm import connect, connect_async
from summarise.pipeline import summarise_article, summarise_article_async, summarise_path
from summarise.result import Result
from summarise.settings import Settings
from tests.conftest import FIXTURES, SEED

REPLAY = Settings(fixtures=FixtureMode.REPLAY, fixtures_dir=FIXTURES)


@pytest.fixture(scope="module")
def result() -> Result:
    return summarise_path(SEED, settings=REPLAY)


def party_side(result: Result, party_id: str) -> str:
    party = next(party for party in result.parties if party.id == party_id)
    return f"{party.name} {party.side or ''}".lower()


def test_the_seed_has_a_summary_and_both_sides_as_parties(result: Result) -> None:
    assert len(result.summary.split()) >= 15
    names = " ".join(party.name.lower() for party in result.parties)
    assert "pakistan" in names and "iran" in names


def test_seven_killed_in_saravan_are_reported_by_the_iranian_official(result: Result) -> None:
    rows = [row for row in result.casualties if row.killed and row.killed.best == 7]
    assert rows, "the seven killed in Saravan are missing"
    assert any("iran" in party_side(result, row.reported_by) for row in rows)
    assert all(row.verified and row.span.status.value in ("exact", "normalised") for row in rows)


def test_two_children_killed_and_three_injured_are_reported_by_pakistan(result: Result) -> None:
    rows = [row for row in result.casualties if row.killed and row.killed.best == 2]
    assert rows, "the two children killed in Balochistan are missing"
    row = rows[0]
    assert row.injured is not None and row.injured.best == 3
    assert "pakistan" in party_side(result, row.reported_by)


def test_every_quote_is_grounded_with_offsets_into_the_article(result: Result) -> None:
    text = read_article(SEED).text
    for item in [*result.claims, *result.casualties]:
        if item.verified:
            assert item.span.start is not None and item.span.end is not None
            located = text[item.span.start:item.span.end]
            assert item.span.status.value != "exact" or located == item.quote
        else:
            assert item.issues, "an unverified item must say why"
    assert result.unverified == sum(not item.verified for item in [*result.claims, *result.casualties])


def test_vague_figures_carry_no_number(result: Result) -> None:
    for row in result.casualties:
        for figure in (row.killed, row.injured):
            if figure is not None and figure.qualifier.value == "vague":
                assert figure.best is None and figure.low is None and figure.high is None


def test_claims_are_grouped_by_party_in_party_order(result: Result) -> None:
    order = [party.id for party in result.parties]
    positions = [order.index(claim.party_id) for claim in result.claims if claim.party_id in order]
    assert positions == sorted(positions)


def test_provenance_sums_every_attempt(result: Result) -> None:
    provenance = result.provenance
    assert provenance.backend == "replay" and provenance.strategy == "single"
    assert (provenance.mode, provenance.constrained) == ("json_schema", True)
    assert provenance.attempts >= 1 and provenance.prompt_tokens > 500 and provenance.completion_tokens > 50


def test_replay_is_deterministic(result: Result) -> None:
    again = summarise_path(SEED, settings=REPLAY)
    assert again.model_dump(exclude={"provenance"}) == result.model_dump(exclude={"provenance"})


def test_the_async_pipeline_gives_the_same_digest(result: Result) -> None:
    async def run() -> Result:
        async with connect_async(REPLAY) as connection:
            return await summarise_article_async(read_article(SEED), connection)

    assert asyncio.run(run()).model_dump(exclude={"provenance"}) == result.model_dump(exclude={"provenance"})


def test_a_replay_miss_names_the_request_and_how_to_record(tmp_path: Path) -> None:
    empty = Settings(fixtures=FixtureMode.REPLAY, fixtures_dir=tmp_path)
    missing = r"no recorded response for request \w+ .*--fixtures record"
    with connect(empty) as connection, pytest.raises(FixtureMissingError, match=missing):
        summarise_article(read_article(SEED), connection)


def test_a_change_the_model_is_shown_is_a_replay_miss_not_a_wrong_answer() -> None:
    text = SEED.read_text(encoding="utf-8")
    first_line = text.strip().splitlines()[0]
    changed = article_from_text(text.replace(first_line, first_line + " A new opening clause.", 1))
    with connect(REPLAY) as connection, pytest.raises(FixtureMissingError):
        summarise_article(changed, connection)


def test_a_line_the_model_is_not_shown_changes_no_request() -> None:
    """The passes show the model an excerpt (the opening, and what they ask about with its context): a
    closing line no question needs asks the same questions, and the rules read the line themselves."""
    changed = article_from_text(SEED.read_text(encoding="utf-8") + "\nA new closing line.\n")
    with connect(REPLAY) as connection:
        result = summarise_article(changed, connection)
        seed = summarise_article(read_article(SEED), connection)
    assert result.provenance.attempts == seed.provenance.attempts
    assert [row.quote for row in result.casualties] == [row.quote for row in seed.casualties]


def test_fixture_files_hold_no_article_text_and_no_secrets() -> None:
    paragraphs = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 150]
    assert paragraphs
    files = list(FIXTURES.glob("*.json"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8").replace("\\n", "\n")
        assert "api_key" not in text.lower() and "authorization" not in text.lower() and "sk-" not in text
        assert not [paragraph for paragraph in paragraphs if paragraph in text], f"{path.name} embeds the article"
