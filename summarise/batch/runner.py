"""A whole batch run: check that the output folder takes files, lock it, clear what a killed run left,
resume from its manifest, drive the articles, then write the aggregates (also when the run was interrupted
or failed), and say what the folder now holds."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from summarise.batch.aggregate import write_aggregates
from summarise.batch.drivers import Driver
from summarise.batch.heap import start_up_heap_frozen
from summarise.batch.manifest import (
    MANIFEST_NAME,
    ErrorRecord,
    ManifestEntry,
    ManifestJournal,
    load_manifest,
    save_manifest,
)
from summarise.batch.outcomes import Tally
from summarise.batch.paths import DIGESTS_FOLDER, LeftOut, discover, path_order
from summarise.batch.progress import BatchProgress
from summarise.batch.report import Totals
from summarise.batch.steps import Batch, BatchConfig
from summarise.errors import ConfigurationError
from summarise.store import ensure_writable, remove_temporary_files

__all__ = ["BatchSummary", "run_batch"]

LOCK_NAME = ".lock"


@dataclass(frozen=True)
class BatchSummary:
    """What a run did (tally), what the output folder holds (totals), whether a signal stopped it, what
    discovery left out, and how many problems errors.jsonl lists beside the failed articles (folders that
    cannot be listed, new digests that could not be written over earlier ones)."""

    tally: Tally
    totals: Totals
    seconds: float
    interrupted_by: int | None = None
    left_out: LeftOut = field(default_factory=LeftOut)
    problems: int = 0


@dataclass(frozen=True)
class _Inputs:
    """What discovery found at the start of a run: the articles it drives (held like the manifest, one
    entry per file), and what it left out."""

    articles: frozenset[str]
    left_out: LeftOut

    def still_has(self, input_dir: Path, path: str) -> bool:
        """Whether ``path`` is an input of this run; inside a folder that cannot be listed, assume so."""
        if any(path.startswith(folder) for folder in self.left_out.unlisted_folders):
            return True
        return path in self.articles and os.path.lexists(input_dir / path)

    def problems(self) -> list[ErrorRecord]:
        return [ErrorRecord(file=folder or "./", stage="ingest", error_type=type(error).__name__,
                            message=f"cannot list folder: {error.strerror or error}")
                for folder, error in self.left_out.unlisted]


@contextmanager
def _exclusive(output_dir: Path) -> Iterator[None]:
    """One run per output folder at a time: two would append to one manifest and race on the aggregates."""
    descriptor = os.open(output_dir / LOCK_NAME, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise ConfigurationError(f"another batch is writing to {output_dir}; wait for it to finish") from error
        yield
    finally:
        os.close(descriptor)


def _survey(config: BatchConfig) -> _Inputs:
    left_out = LeftOut()
    articles = frozenset(discover(config.input_dir, exclude=config.output_dir, left_out=left_out))
    return _Inputs(articles, left_out)


def _current(config: BatchConfig, entries: dict[str, ManifestEntry], inputs: _Inputs) -> dict[str, ManifestEntry]:
    """Entries whose input file is still an input; the digests of removed inputs are removed too."""
    current = {}
    for path, entry in entries.items():
        if inputs.still_has(config.input_dir, path):
            current[path] = entry
        elif entry.output is not None:
            (config.output_dir / entry.output).unlink(missing_ok=True)
    return current


def _conclude(config: BatchConfig, inputs: _Inputs, tally: Tally, interrupted_by: int | None,
              problems: list[ErrorRecord]) -> Totals:
    manifest = config.output_dir / MANIFEST_NAME
    entries = _current(config, load_manifest(manifest), inputs)
    save_manifest(manifest, entries)
    ordered = sorted(entries.values(), key=lambda entry: path_order(entry.path))
    return write_aggregates(config.output_dir, ordered, tally, interrupted_by, problems)


def _prepare_output(output_dir: Path) -> None:
    """Fail (OutputError) before any model call when the output cannot take files."""
    ensure_writable(output_dir)
    ensure_writable(output_dir / DIGESTS_FOLDER)


def _clear_temporary_files(output_dir: Path) -> None:
    """What writes in a killed run left; safe only under the lock, with no other run writing here."""
    remove_temporary_files(output_dir)
    remove_temporary_files(output_dir / DIGESTS_FOLDER)


def run_batch(config: BatchConfig, driver: Driver, *, show_progress: bool | None = None) -> BatchSummary:
    """Digest every article under ``config.input_dir`` that is not already done; ``show_progress`` None means
    a progress bar when standard error is a terminal. Raises OutputError when the output folder cannot take
    files (before any model call), BackendUnreachableError when the backend never answered."""
    _prepare_output(config.output_dir)
    manifest = config.output_dir / MANIFEST_NAME
    with _exclusive(config.output_dir):
        _clear_temporary_files(config.output_dir)
        previous = load_manifest(manifest)
        save_manifest(manifest, previous)
        inputs = _survey(config)
        tally = Tally(total=len(inputs.articles))
        problems = inputs.problems()
        interrupted_by = None
        with BatchProgress(tally, show_progress) as progress:
            try:
                with ManifestJournal(manifest) as journal:
                    batch = Batch(config, previous, journal, tally, progress.record, problems)
                    with start_up_heap_frozen():
                        interrupted_by = driver(batch, sorted(inputs.articles, key=path_order))
                    if interrupted_by is None:
                        batch.first_requests.check()
            finally:
                totals = _conclude(config, inputs, tally, interrupted_by, problems)
        return BatchSummary(tally, totals, progress.elapsed(), interrupted_by, inputs.left_out, len(problems))
