"""A plan is written once and run either way: one request after another, or all at once on the event loop."""

from __future__ import annotations

import asyncio

import httpx2 as httpx
from pydantic import BaseModel, Field

from summarise.llm import connect_async
from summarise.plan import Answers, Plan, Request, run_plan, run_plan_async
from summarise.schema import Digest
from summarise.settings import Settings
from tests.test_extract_seam import FakeServer, connection_to

EMPTY_DIGEST = {"summary": "Nothing happened.", "parties": [], "claims": [], "casualties": []}


class Note(BaseModel):
    summary: str = Field(description="One line.")


def request(text: str) -> Request:
    return Request(Note, [{"role": "user", "content": text}], {})


def plan_of(*requests: Request | None) -> tuple[Plan, list[Answers]]:
    """A plan whose digest is empty; the list collects the answers it was finished with."""
    seen: list[Answers] = []

    def finish(answers: Answers) -> Digest:
        seen.append(answers)
        return Digest.model_validate(EMPTY_DIGEST)

    return Plan(list(requests), finish), seen


def test_the_requests_are_asked_in_order_and_a_missing_one_is_not_asked() -> None:
    server = FakeServer({"summary": "One line."})
    plan, seen = plan_of(request("first"), None, request("third"))
    _, usage = run_plan(connection_to(server), plan, max_retries=0)
    assert [body["messages"][0]["content"] for body in server.requests] == ["first", "third"]
    assert [answer is None for answer in seen[0]] == [False, True, False]
    assert (usage.attempts, usage.prompt_tokens, usage.completion_tokens) == (2, 200, 40)


def test_run_at_once_every_request_is_asked_and_a_missing_one_is_not() -> None:
    server = FakeServer({"summary": "One line."})
    settings = Settings(model="fake-model", base_url="http://fake.invalid/v1", mode="json_schema")
    plan, seen = plan_of(None, request("second"), request("third"))

    async def run() -> None:
        async with connect_async(settings, transport=httpx.MockTransport(server)) as connection:
            await run_plan_async(connection, plan, max_retries=0)

    asyncio.run(run())
    assert sorted(body["messages"][0]["content"] for body in server.requests) == ["second", "third"]
    assert [answer is None for answer in seen[0]] == [True, False, False]
