"""The transport's retry layer: how long it waits between attempts."""

from __future__ import annotations

from tenacity import RetryCallState, Retrying

from summarise.retrying import RetryPolicy


def waits(policy: RetryPolicy, attempts: range, error: Exception) -> list[float]:
    wait = policy.arguments()["wait"]
    result = []
    for number in attempts:
        state = RetryCallState(Retrying(), None, (), {})
        state.attempt_number = number
        state.set_exception((type(error), error, None))
        result.append(wait(state))
    return result


def test_backoff_doubles_from_half_a_second_with_up_to_a_second_of_jitter_and_a_ceiling() -> None:
    for _ in range(50):
        first, second, third, fourth, late = waits(RetryPolicy(max_wait=3.0), range(1, 6), ConnectionError())
        assert 0.5 <= first <= 1.5 and 1.0 <= second <= 2.0 and 2.0 <= third <= 3.0
        assert fourth == late == 3.0
