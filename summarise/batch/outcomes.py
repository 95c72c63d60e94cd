"""What happened to each article in a run, and the running tally of it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Status", "Outcome", "Tally"]


class Status(StrEnum):
    """One article's outcome in this run."""

    DIGESTED = "digested"
    UP_TO_DATE = "up_to_date"
    FAILED = "failed"
    KEPT_FAILURE = "kept_failure"


@dataclass(frozen=True)
class Outcome:
    path: str
    status: Status


@dataclass
class Tally:
    """Counts of this run's outcomes; ``total`` is how many files discovery found at the start."""

    total: int = 0
    digested: int = 0
    up_to_date: int = 0
    failed: int = 0
    kept_failure: int = 0

    def add(self, outcome: Outcome) -> None:
        name = outcome.status.value
        setattr(self, name, getattr(self, name) + 1)

    @property
    def seen(self) -> int:
        return self.digested + self.up_to_date + self.failed + self.kept_failure

    @property
    def remaining(self) -> int:
        return max(0, self.total - self.seen)

    @property
    def worked(self) -> int:
        """Articles this run tried to digest, successfully or not."""
        return self.digested + self.failed
