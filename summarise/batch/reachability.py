"""Whether the backend answers at all.

A server that is down fails each request only after the transport's retries; left to itself, a batch would
fail every article in turn, end with exit 1, and a rerun would call them all "failed earlier". Instead,
until a request of the run has been answered, articles whose requests failed to connect are held back,
not recorded. When the first requests (as many as are sent at once) have all failed to connect, or the run
ends with none answered, the run stops with BackendUnreachableError (exit 3) and the next run digests the
held articles. Once the backend has answered, a failure to connect is an article's failure like any other.
"""

from __future__ import annotations

from summarise.batch.manifest import ErrorRecord
from summarise.errors import BackendUnreachableError

__all__ = ["FirstRequests"]

# Compared with ErrorRecord.error_type: Ray workers send back records, not exceptions.
_UNREACHABLE = BackendUnreachableError.__name__


class FirstRequests:
    """The failures to connect of a run's first ``count`` requests, until one request is answered."""

    def __init__(self, count: int) -> None:
        self.count = max(1, count)
        self.answered = False
        self._held: list[tuple[str | None, ErrorRecord]] = []

    def hold(self, article_id: str | None, record: ErrorRecord) -> bool:
        """Whether to hold ``record`` back instead of recording it; raises BackendUnreachableError when it
        is the last of the first requests and they all failed to connect."""
        if self.answered or record.error_type != _UNREACHABLE:
            return False
        self._held.append((article_id, record))
        if len(self._held) >= self.count:
            raise self._verdict()
        return True

    def answer(self) -> list[tuple[str | None, ErrorRecord]]:
        """The backend answered a request: the failures held back until now, to be recorded after all."""
        self.answered = True
        held, self._held = self._held, []
        return held

    def check(self) -> None:
        """At the end of a run: raise BackendUnreachableError when requests were sent and none was answered."""
        if self._held:
            raise self._verdict()

    def _verdict(self) -> BackendUnreachableError:
        count = len(self._held)
        requests = "the first request" if count == 1 else f"the first {count} requests"
        return BackendUnreachableError(
            f"the backend never answered: {requests} failed to connect ({self._held[0][1].message}); nothing "
            "is recorded for those articles: run the same command again once the backend is up")
