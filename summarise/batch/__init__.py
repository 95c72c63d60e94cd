"""Batch jobs over folders of articles: resumable, concurrent against a server, nothing lost on a kill.

    discover (paths) -> steps (read, decide, write, record) scheduled by a driver -> aggregate (files)

See :func:`run_batch` and the ``summarise batch`` command.
"""

from summarise.batch.backends import driver_for
from summarise.batch.drivers import AsyncDigester, Driver, SyncDigester, concurrent, sequential
from summarise.batch.manifest import ErrorRecord, ManifestEntry, Recipe
from summarise.batch.outcomes import Outcome, Status, Tally
from summarise.batch.progress import summary_line
from summarise.batch.runner import BatchSummary, run_batch
from summarise.batch.steps import BatchConfig

__all__ = [
    "AsyncDigester",
    "BatchConfig",
    "BatchSummary",
    "Driver",
    "ErrorRecord",
    "ManifestEntry",
    "Outcome",
    "Recipe",
    "Status",
    "SyncDigester",
    "Tally",
    "concurrent",
    "driver_for",
    "run_batch",
    "sequential",
    "summary_line",
]
