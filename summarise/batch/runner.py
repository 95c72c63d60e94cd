"""A whole batch run: lock the output folder, resume from its manifest, drive the articles, then write
the aggregates (also when the run was interrupted or failed), and say what the folder now holds."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from summarise.batch.aggregate import write_aggregates
from summarise.batch.drivers import Driver
from summarise.batch.manifest import MANIFEST_NAME, ManifestEntry, ManifestJournal, load_manifest, save_manifest
from summarise.batch.outcomes import Tally
from summarise.batch.paths import discover, path_order
from summarise.batch.progress import BatchProgress
from summarise.batch.report import Totals
from summarise.batch.steps import Batch, BatchConfig
from summarise.errors import ConfigurationError

__all__ = ["BatchSummary", "run_batch"]

LOCK_NAME = ".lock"


@dataclass(frozen=True)
class BatchSummary:
    """What a run did (tally), what the output folder holds (totals), and whether a signal stopped it."""

    tally: Tally
    totals: Totals
    seconds: float
    interrupted_by: int | None = None


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


def _current(config: BatchConfig, entries: dict[str, ManifestEntry]) -> dict[str, ManifestEntry]:
    """Entries whose input file still exists; the digests of removed inputs are removed too."""
    current = {}
    for path, entry in entries.items():
        if (config.input_dir / path).is_file():
            current[path] = entry
        elif entry.output is not None:
            (config.output_dir / entry.output).unlink(missing_ok=True)
    return current


def _conclude(config: BatchConfig, tally: Tally, interrupted_by: int | None) -> Totals:
    manifest = config.output_dir / MANIFEST_NAME
    entries = _current(config, load_manifest(manifest))
    save_manifest(manifest, entries)
    ordered = sorted(entries.values(), key=lambda entry: path_order(entry.path))
    return write_aggregates(config.output_dir, ordered, tally, interrupted_by)


def run_batch(config: BatchConfig, driver: Driver, *, show_progress: bool | None = None) -> BatchSummary:
    """Digest every file under ``config.input_dir`` that is not already done; ``show_progress`` None means
    a progress bar when standard error is a terminal."""
    config.output_dir.mkdir(parents=True, exist_ok=True)
    manifest = config.output_dir / MANIFEST_NAME
    with _exclusive(config.output_dir):
        previous = load_manifest(manifest)
        save_manifest(manifest, previous)
        tally = Tally(total=sum(1 for _ in discover(config.input_dir, exclude=config.output_dir)))
        interrupted_by = None
        with BatchProgress(tally, show_progress) as progress:
            try:
                with ManifestJournal(manifest) as journal:
                    batch = Batch(config, previous, journal, tally, progress.record)
                    interrupted_by = driver(batch, discover(config.input_dir, exclude=config.output_dir))
            finally:
                totals = _conclude(config, tally, interrupted_by)
        return BatchSummary(tally, totals, progress.elapsed(), interrupted_by)
