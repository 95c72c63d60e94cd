"""Progress for people: a live bar on a terminal (quiet otherwise) and a one-line summary at the end."""

from __future__ import annotations

import signal
import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from summarise.batch.outcomes import Outcome, Tally
from summarise.batch.paths import LeftOut

__all__ = ["per_minute", "clock", "progress_text", "summary_line", "BatchProgress"]


def per_minute(count: int, seconds: float) -> float:
    return 60.0 * count / seconds if seconds > 0 else 0.0


def clock(seconds: float | None) -> str:
    """H:MM:SS, or -:--:-- when unknown."""
    if seconds is None:
        return "-:--:--"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def progress_text(tally: Tally, seconds: float) -> str:
    """done / failed / remaining, the rate of articles digested (or tried) per minute, and the ETA."""
    rate = per_minute(tally.worked, seconds)
    eta = 60.0 * tally.remaining / rate if rate > 0 else None
    done = tally.digested + tally.up_to_date
    failed = tally.failed + tally.kept_failure
    return f"{done} done, {failed} failed, {tally.remaining} left, {rate:.1f}/min, ETA {clock(eta)}"


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _skipped(left_out: LeftOut) -> str:
    """What discovery skipped, as "; skipped 2 files that are not articles, ..."; empty when nothing was."""
    counts = [(left_out.not_articles, "file that is not an article", "files that are not articles"),
              (left_out.earlier_outputs, "earlier output folder", "earlier output folders"),
              (len(left_out.unlisted), "folder that cannot be listed (see errors.jsonl)",
               "folders that cannot be listed (see errors.jsonl)")]
    parts = [_counted(count, one, many) for count, one, many in counts if count]
    return "; skipped " + ", ".join(parts) if parts else ""


def summary_line(tally: Tally, seconds: float, interrupted_by: int | None = None,
                 left_out: LeftOut | None = None) -> str:
    """The last line a run prints: what it did, what it skipped, and what to do next when something is left."""
    counts = f"{tally.digested} digested, {tally.up_to_date} up to date, {tally.failed} failed"
    if tally.kept_failure:
        counts += f", {tally.kept_failure} failed earlier (--retry-failed redoes them)"
    timing = f"in {seconds:.1f} s ({per_minute(tally.worked, seconds):.1f}/min)"
    timing += _skipped(left_out or LeftOut())
    if interrupted_by is not None:
        name = signal.Signals(interrupted_by).name
        return (f"batch interrupted by {name} after {tally.seen} of {tally.total} articles: {counts} {timing}; "
                "run the same command again to finish")
    return f"batch: {tally.total} articles: {counts} {timing}"


class BatchProgress:
    """A rich progress bar on standard error, shown only when standard error is a terminal."""

    def __init__(self, tally: Tally, enabled: bool | None = None, console: Console | None = None) -> None:
        self.tally = tally
        self.started = time.perf_counter()
        console = console or Console(stderr=True)
        self._progress = Progress(
            TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[status]}"),
            console=console, disable=not (console.is_terminal if enabled is None else enabled),
        )
        self._task = self._progress.add_task("batch", total=tally.total, status=self._status())

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def _status(self) -> str:
        return progress_text(self.tally, self.elapsed())

    def record(self, _: Outcome) -> None:
        self._progress.update(self._task, completed=self.tally.seen, status=self._status())

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._progress.stop()
