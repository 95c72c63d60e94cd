"""The transport's retry layer: timeouts, connection errors, 429 and 5xx, with backoff, within a budget.

This is one of two named retry layers. Here: the request never got a usable HTTP answer. Instructor's
own layer (see extract.py) re-asks the model when its answer fails the schema or the grounding checks.

The budget bounds the whole request: no attempt starts when the wait before it would end past the budget,
and each attempt's timeouts are cut to what is left of it, so a hung server is given up when the budget is
spent, not a read timeout later.
"""

from __future__ import annotations

import email.utils
import random
import time
from typing import Any

import httpx2 as httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
    stop_before_delay,
)

__all__ = ["RetryPolicy", "RetryingTransport", "AsyncRetryingTransport", "RETRYABLE_STATUS"]

RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


class RetryPolicy:
    """How often and how long to retry one request."""

    def __init__(self, attempts: int = 6, budget_seconds: float = 300.0, max_wait: float = 30.0) -> None:
        self.attempts = attempts
        self.budget_seconds = budget_seconds
        self.max_wait = max_wait

    def _backoff(self, state: RetryCallState) -> float:
        """Half a second, doubled at each attempt, plus up to a second of jitter; at most ``max_wait``. (This is
        tenacity's ``wait_exponential_jitter(initial=0.5)``, whose ``initial`` now warns as deprecated and
        whose replacement, ``multiplier``, older tenacity 9 releases lack.)"""
        doubled = 0.5 * 2.0 ** min(state.attempt_number - 1, 32)
        return max(0.0, min(doubled + random.uniform(0.0, 1.0), self.max_wait))

    def _retry_after(self, state: RetryCallState) -> float:
        backoff = self._backoff(state)
        outcome = state.outcome
        if outcome is None or outcome.failed:
            return backoff
        response: httpx.Response = outcome.result()
        header = response.headers.get("retry-after")
        if header is None:
            return backoff
        try:
            seconds = float(header)
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(header)
            seconds = parsed.timestamp() - time.time() if parsed else backoff
        return max(0.0, min(seconds, self.max_wait))

    def arguments(self) -> dict[str, Any]:
        return {
            "stop": stop_after_attempt(self.attempts) | stop_before_delay(self.budget_seconds),
            "wait": self._retry_after,
            "retry": retry_if_exception_type(httpx.TransportError)
            | retry_if_result(lambda response: response.status_code in RETRYABLE_STATUS),
            "retry_error_callback": _last_outcome,
        }

    def deadline(self) -> float:
        """When a request starting now must have its answer (``time.monotonic()`` seconds)."""
        return time.monotonic() + self.budget_seconds


def _within(request: httpx.Request, deadline: float) -> httpx.Request:
    """``request`` with each of its timeouts cut to what is left before ``deadline``."""
    timeouts = request.extensions.get("timeout")
    if timeouts:
        left = max(deadline - time.monotonic(), 0.0)
        cut = {name: left if value is None else min(value, left) for name, value in timeouts.items()}
        request.extensions = {**request.extensions, "timeout": cut}
    return request


def _last_outcome(state: RetryCallState) -> Any:
    """After the last attempt: return its response (the client turns it into an error) or re-raise."""
    assert state.outcome is not None
    return state.outcome.result()


class RetryingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy | None = None) -> None:
        self.inner = inner
        self.policy = policy or RetryPolicy()

    def _send(self, request: httpx.Request, deadline: float) -> httpx.Response:
        response = self.inner.handle_request(_within(request, deadline))
        response.read()
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response: httpx.Response = Retrying(**self.policy.arguments())(self._send, request, self.policy.deadline())
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncRetryingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy | None = None) -> None:
        self.inner = inner
        self.policy = policy or RetryPolicy()

    async def _send(self, request: httpx.Request, deadline: float) -> httpx.Response:
        response = await self.inner.handle_async_request(_within(request, deadline))
        await response.aread()
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response: httpx.Response = await AsyncRetrying(**self.policy.arguments())(self._send, request,
                                                                                  self.policy.deadline())
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()
