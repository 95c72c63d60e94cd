"""One article's way through a batch: read, decide, (the driver digests), write, record.

The drivers (drivers.py) only schedule; everything that touches files happens here, so the sequential,
the concurrent and the distributed drivers write exactly the same outputs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from summarise.batch.articles import load_article
from summarise.batch.manifest import Decision, ErrorRecord, ManifestEntry, ManifestJournal, Recipe, Stage, decide
from summarise.batch.outcomes import Outcome, Status, Tally
from summarise.batch.paths import DIGESTS_FOLDER, digest_file_name
from summarise.batch.reachability import FirstRequests
from summarise.errors import GroundingError, InputError
from summarise.ingest import Article
from summarise.render import render
from summarise.result import Result
from summarise.store import write_atomic

__all__ = ["BatchConfig", "Batch", "error_record", "failed_stage"]

@dataclass(frozen=True)
class BatchConfig:
    """What one batch run is asked to do."""

    input_dir: Path
    output_dir: Path
    recipe: Recipe
    force: bool = False
    retry_failed: bool = False
    json_field: str | None = None
    jobs: int = 1  # requests sent at once: when the first this many all fail to connect, the run stops


def failed_stage(error: BaseException) -> Stage:
    """The stage to blame for a digest that failed with ``error``: ground for a GroundingError, else extract."""
    return "ground" if isinstance(error, GroundingError) else "extract"


def error_record(path: str, stage: Stage, error: BaseException) -> ErrorRecord:
    """What errors.jsonl says; a GroundingError is reported as its cause, the stage already says grounding."""
    if isinstance(error, GroundingError):
        error = error.cause
    message = error.problem if isinstance(error, InputError) else str(error) or repr(error)
    return ErrorRecord(file=path, stage=stage, error_type=type(error).__name__, message=message)


class Batch:
    """What a run shares between articles: its config, what earlier runs did, the journal, the tally, and
    ``problems``: what goes to errors.jsonl without a manifest entry (a new digest that could not be
    written over an earlier one, which the manifest keeps)."""

    def __init__(self, config: BatchConfig, previous: dict[str, ManifestEntry], journal: ManifestJournal,
                 tally: Tally, on_outcome: Callable[[Outcome], None] | None = None,
                 problems: list[ErrorRecord] | None = None) -> None:
        self.config = config
        self.previous = previous
        self.journal = journal
        self.tally = tally
        self._on_outcome = on_outcome
        self.problems = problems if problems is not None else []
        self.first_requests = FirstRequests(config.jobs)

    def _settle(self, path: str, status: Status) -> Outcome:
        outcome = Outcome(path, status)
        self.tally.add(outcome)
        if self._on_outcome is not None:
            self._on_outcome(outcome)
        return outcome

    def prepare(self, path: str) -> Article | Outcome:
        """The article to digest, or the outcome when there is nothing to digest (unreadable, up to date)."""
        try:
            article = load_article(self.config.input_dir, path, self.config.json_field)
        except Exception as error:  # not only InputError (a missing optional HTML cleaner): this file's alone
            return self.fail(path, None, "ingest", error)
        previous = self.previous.get(path)
        decision = decide(previous, article.id, self.config.recipe, output_exists=self._digest_exists(previous),
                          force=self.config.force, retry_failed=self.config.retry_failed)
        if decision is Decision.UP_TO_DATE:
            return self._settle(path, Status.UP_TO_DATE)
        if decision is Decision.KEEP_FAILURE:
            return self._settle(path, Status.KEPT_FAILURE)
        return article

    def _digest_exists(self, previous: ManifestEntry | None) -> bool:
        return previous is not None and previous.output is not None and (
            self.config.output_dir / previous.output).is_file()

    def finish(self, path: str, article: Article, result: Result) -> Outcome:
        """Write the digest atomically, then record it: a digest without its record is just done again."""
        try:
            output = self._write_digest(path, result)
        except OSError as error:
            return self._unwritten(path, article, error)
        return self._record_digest(path, article, output)

    async def finish_async(self, path: str, article: Article, result: Result) -> Outcome:
        """:meth:`finish` on an event loop: the write and its fsync run in a worker thread, so the articles
        in flight are not held up; the record is made back on the loop, where every other one is made."""
        try:
            output = await asyncio.to_thread(self._write_digest, path, result)
        except OSError as error:
            return self._unwritten(path, article, error)
        return self._record_digest(path, article, output)

    def _write_digest(self, path: str, result: Result) -> str:
        """Write the digest file of ``path``; return its name relative to the output folder."""
        output = f"{DIGESTS_FOLDER}/{digest_file_name(path)}"
        write_atomic(self.config.output_dir / output, render(result, "json"))
        return output

    def _record_digest(self, path: str, article: Article, output: str) -> Outcome:
        self._answered()
        self.journal.append(ManifestEntry(path=path, status="done", article_id=article.id,
                                          recipe=self.config.recipe, output=output, error=None))
        return self._settle(path, Status.DIGESTED)

    def _unwritten(self, path: str, article: Article, error: OSError) -> Outcome:
        """A new digest that could not be written never costs the earlier one: its manifest entry stays."""
        if not self._digest_exists(self.previous.get(path)):
            return self.fail(path, article.id, "write", error)
        self._answered()
        record = error_record(path, "write", error)
        self.problems.append(record.model_copy(update={"message": f"{record.message}; the earlier digest is kept"}))
        return self._settle(path, Status.FAILED)

    def fail(self, path: str, article_id: str | None, stage: Stage, error: BaseException) -> Outcome:
        """Record why ``path`` has no digest; the batch goes on (see reachability for the one exception)."""
        return self.record_failure(article_id, error_record(path, stage, error))

    def record_failure(self, article_id: str | None, record: ErrorRecord) -> Outcome:
        if not self.first_requests.hold(article_id, record):
            if record.stage != "ingest":
                self._answered()
            self._journal_failure(article_id, record)
        return self._settle(record.file, Status.FAILED)

    def _answered(self) -> None:
        """The backend answered a request: what was held back for want of an answer is recorded now."""
        for article_id, record in self.first_requests.answer():
            self._journal_failure(article_id, record)

    def _journal_failure(self, article_id: str | None, record: ErrorRecord) -> None:
        self.journal.append(ManifestEntry(path=record.file, status="failed", article_id=article_id,
                                          recipe=self.config.recipe, output=None, error=record))
