"""The seam to the model (instructor over the openai client), against a fake OpenAI-compatible server
(an httpx MockTransport named as a fake): what is sent, re-asks, and what comes back."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from summarise.errors import BackendUnreachableError, ExtractionError
from summarise.extract import ask
from summarise.llm import Connection, connect
from summarise.schema import Digest, grounding_problems
from summarise.settings import Settings
from summarise.validation import checking_against

ARTICLE = "Police said {{ three }} people died in the {% fire %} on Monday. {#comment#}"


class FakeServer:
    """Answers chat completions with canned JSON texts in turn, and keeps every request body."""

    def __init__(self, *answers: dict[str, Any]) -> None:
        self.answers = list(answers)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        content = json.dumps(self.answers[min(len(self.requests), len(self.answers)) - 1])
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if "tools" in body:
            name = body["tools"][0]["function"]["name"]
            message = {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call", "type": "function", "function": {"name": name, "arguments": content}}]}
        return httpx.Response(200, json={
            "id": "fake", "object": "chat.completion", "created": 0, "model": "fake-model",
            "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        })


def connection_to(server: Callable[[httpx.Request], httpx.Response], mode: str = "json_schema",
                  strategy: str | None = None) -> Connection:
    settings = Settings(model="fake-model", base_url="http://fake.invalid/v1", mode=mode, strategy=strategy)
    return connect(settings, transport=httpx.MockTransport(server))


def digest(number: int, text: str) -> dict[str, Any]:
    return {
        "summary": "Police say people died in a fire.",
        "parties": [{"id": "police", "name": "Police", "kind": "official", "side": None}],
        "claims": [],
        "casualties": [{"quote": "Police said {{ three }} people died in the {% fire %}", "reported_by": "police",
                        "event": "fire", "perpetrator": None, "victims": "people",
                        "killed": {"text": text, "qualifier": "exact", "number": number, "high": None},
                        "injured": None}],
    }


def messages() -> list[dict[str, str]]:
    return [{"role": "system", "content": "Extract."}, {"role": "user", "content": ARTICLE}]


def test_article_text_with_template_syntax_is_sent_unchanged() -> None:
    server = FakeServer(digest(3, "three"))
    ask(connection_to(server), Digest, messages(), {"article": ARTICLE}, max_retries=0)
    assert server.requests[0]["messages"][1]["content"] == ARTICLE


@pytest.mark.parametrize("mode", ["json_schema", "tools", "json"])
def test_the_request_is_the_one_instructor_builds_from_the_plain_model(mode: str) -> None:
    """ask hands instructor the response model already wrapped (once per class, to build its schema once);
    the request, and so every fixture key, must stay what instructor sends for the plain model."""
    ours, plain = FakeServer(digest(3, "three")), FakeServer(digest(3, "three"))
    for _ in range(2):
        ask(connection_to(ours, mode), Digest, messages(), {"article": ARTICLE}, max_retries=0)
    with checking_against({"article": ARTICLE}):
        connection_to(plain, mode).client.create(model="fake-model", response_model=Digest, messages=messages(),
                                                 max_retries=0, temperature=0.0, max_tokens=2048)
    assert ours.requests == [plain.requests[0]] * 2


def test_a_grounding_failure_is_re_asked_with_the_error_and_usage_is_summed() -> None:
    server = FakeServer(digest(4, "four"), digest(3, "three"))
    answer = ask(connection_to(server), Digest, messages(), {"article": ARTICLE}, max_retries=1)
    assert len(server.requests) == 2
    assert "4" in json.dumps(server.requests[1]["messages"][-1]) and "not written" in json.dumps(server.requests[1])
    assert answer.value.casualties[0].killed is not None and answer.value.casualties[0].killed.number == 3
    assert grounding_problems(answer.value, ARTICLE) == []
    assert (answer.usage.attempts, answer.usage.prompt_tokens, answer.usage.completion_tokens) == (2, 200, 40)


def test_what_still_fails_after_the_re_asks_is_kept_for_grounding_to_flag() -> None:
    server = FakeServer(digest(4, "four"))
    answer = ask(connection_to(server), Digest, messages(), {"article": ARTICLE}, max_retries=1)
    assert len(server.requests) == 2 and answer.usage.attempts == 2
    assert answer.value.casualties[0].killed is not None and answer.value.casualties[0].killed.number == 4
    assert grounding_problems(answer.value, ARTICLE) != []


def test_an_answer_that_is_not_even_a_digest_is_an_extraction_error() -> None:
    server = FakeServer({"summary": 3})
    with pytest.raises(ExtractionError, match="not a valid Digest"):
        ask(connection_to(server), Digest, messages(), {"article": ARTICLE}, max_retries=1)


def test_a_server_that_cannot_be_connected_to_is_a_backend_unreachable_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with pytest.raises(BackendUnreachableError) as raised:
        ask(connection_to(refuse), Digest, messages(), {"article": ARTICLE})
    assert str(raised.value) == (
        "cannot connect to http://fake.invalid/v1/chat/completions: [Errno 111] Connection refused")


def imports_of(module: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_seam_imports_instructor() -> None:
    package = Path(__file__).resolve().parents[1] / "summarise"
    importers = sorted(str(module.relative_to(package)) for module in package.rglob("*.py")
                       if any(name.split(".")[0] == "instructor" for name in imports_of(module)))
    assert importers == ["llm.py"]


def cut_off_at(text: str) -> Callable[[httpx.Request], httpx.Response]:
    """A fake server whose answer stops at max_tokens after ``text``."""

    def answer(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={
            "id": "fake", "object": "chat.completion", "created": 0, "model": "fake-model",
            "choices": [{"index": 0, "finish_reason": "length",
                         "message": {"role": "assistant", "content": text}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 2048, "total_tokens": 2148},
        })

    return answer


def test_an_answer_cut_off_at_max_tokens_keeps_its_complete_entries() -> None:
    whole = digest(3, "three")
    second = {**whole["casualties"][0], "event": "second fire"}
    text = json.dumps({**whole, "casualties": [whole["casualties"][0], second]})
    answer = ask(connection_to(cut_off_at(text[:text.index("second fire")])), Digest, messages(),
                 {"article": ARTICLE}, max_retries=1)
    assert [row.event for row in answer.value.casualties] == ["fire"]
    assert (answer.usage.attempts, answer.usage.prompt_tokens, answer.usage.completion_tokens) == (1, 100, 2048)


def test_an_answer_cut_off_before_any_complete_entry_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="cut off at max_tokens=2048"):
        ask(connection_to(cut_off_at('{"summ')), Digest, messages(), {"article": ARTICLE}, max_retries=1)
