"""Ask the model for a digest through instructor, re-asking when the answer fails validation.

This is instructor's retry layer (the transport has its own, for HTTP faults). The validation context
carries the article, so an unfound quote or an unsupported number goes back to the model as a re-ask.
When every attempt fails grounding, the last structurally valid answer is kept; the grounding step then
flags what is unverified instead of dropping it silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks
from pydantic import ValidationError

from summarise.errors import ExtractionError
from summarise.llm import Connection
from summarise.schema import Digest

__all__ = ["Extraction", "extract_digest", "extract_digest_async"]


@dataclass(frozen=True)
class Extraction:
    digest: Digest
    attempts: int
    prompt_tokens: int
    completion_tokens: int


class _Counter:
    def __init__(self) -> None:
        self.responses = 0

    def hooks(self) -> Hooks:
        hooks = Hooks()
        hooks.on("completion:response", self._seen)
        return hooks

    def _seen(self, *_: Any, **__: Any) -> None:
        self.responses += 1


def _tokens(usage: Any) -> tuple[int, int]:
    if usage is None:
        return 0, 0
    return int(getattr(usage, "prompt_tokens", 0) or 0), int(getattr(usage, "completion_tokens", 0) or 0)


def _from_failure(error: InstructorRetryException, attempts: int) -> Extraction:
    """Keep the last answer that is valid in structure, though it failed grounding."""
    completion = error.last_completion
    content = None
    if completion is not None and getattr(completion, "choices", None):
        content = completion.choices[0].message.content
    if content is None:
        raise ExtractionError(f"the model gave no usable answer after {attempts} attempts: {error}") from error
    try:
        digest = Digest.model_validate_json(content)
    except (ValidationError, json.JSONDecodeError) as parse_error:
        raise ExtractionError(
            f"the model's answer is not a valid digest after {attempts} attempts: {parse_error}"
        ) from error
    prompt_tokens, completion_tokens = _tokens(error.total_usage)
    return Extraction(digest, attempts, prompt_tokens, completion_tokens)


def _request(connection: Connection, messages: list[dict[str, str]], article: str, counter: _Counter,
             max_retries: int) -> dict[str, Any]:
    return {
        "model": connection.settings.model,
        "response_model": Digest,
        "messages": messages,
        "max_retries": max_retries,
        "context": {"article": article},
        "hooks": counter.hooks(),
        "temperature": connection.settings.temperature,
        "max_tokens": connection.settings.max_tokens,
    }


def _too_long(connection: Connection, error: IncompleteOutputException) -> ExtractionError:
    return ExtractionError(
        f"the model's answer was cut off at max_tokens={connection.settings.max_tokens} before the JSON closed"
    )


def extract_digest(connection: Connection, messages: list[dict[str, str]], article: str,
                   max_retries: int = 1) -> Extraction:
    """One digest for ``article``; up to ``max_retries`` re-asks when validation fails."""
    counter = _Counter()
    try:
        digest = connection.client.create(**_request(connection, messages, article, counter, max_retries))
    except IncompleteOutputException as error:
        raise _too_long(connection, error) from error
    except InstructorRetryException as error:
        return _from_failure(error, counter.responses or error.n_attempts)
    return Extraction(digest, counter.responses, *_tokens(getattr(digest, "_total_usage", None)))


async def extract_digest_async(connection: Connection, messages: list[dict[str, str]], article: str,
                               max_retries: int = 1) -> Extraction:
    """The asynchronous twin of :func:`extract_digest`, for an AsyncInstructor connection."""
    counter = _Counter()
    try:
        digest = await connection.client.create(  # type: ignore[misc]
            **_request(connection, messages, article, counter, max_retries)
        )
    except IncompleteOutputException as error:
        raise _too_long(connection, error) from error
    except InstructorRetryException as error:
        return _from_failure(error, counter.responses or error.n_attempts)
    return Extraction(digest, counter.responses, *_tokens(getattr(digest, "_total_usage", None)))
