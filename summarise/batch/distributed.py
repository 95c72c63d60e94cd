"""Ray: digest the articles of one batch on a cluster, for folders that outgrow one machine.

Only the model calls travel. This process still discovers, reads and decides, and it alone writes the
output folder, through the same steps as the local drivers; each Ray worker process builds its own
connection to the server once, reuses it, and closes it when the process ends. Ray is an optional extra
(``pip install 'summarise[ray]'``), imported only when ``--ray`` is given.
"""

from __future__ import annotations

import atexit
import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from summarise.batch.drivers import Driver
from summarise.batch.interrupts import Interrupted, raising_on_signals
from summarise.batch.manifest import ErrorRecord
from summarise.batch.outcomes import Outcome
from summarise.batch.steps import Batch, error_record, failed_stage
from summarise.errors import ConfigurationError
from summarise.ingest import Article
from summarise.llm import Connection, connect
from summarise.pipeline import summarise_article
from summarise.result import Result
from summarise.settings import Settings

__all__ = ["RemoteJob", "digest_on_worker", "distributed", "import_ray"]

# A worker mostly waits for the server; a quarter of a CPU each lets a node keep several requests open.
CPUS_PER_ARTICLE = 0.25

_worker_connections: dict[str, Connection] = {}


@dataclass(frozen=True)
class RemoteJob:
    """What a worker needs to digest articles the way this batch asks."""

    settings: Settings
    strict: bool
    max_retries: int

    @property
    def key(self) -> str:
        """Names the job's connection in a worker process; equal jobs share one."""
        return hashlib.sha256(pickle.dumps(self)).hexdigest()


def digest_on_worker(job: RemoteJob, article: Article) -> Result | ErrorRecord:
    """Runs on a Ray worker: the digest, or why there is none (the worker's exception does not travel)."""
    key = job.key
    if key not in _worker_connections:
        connection = connect(job.settings)
        atexit.register(connection.close)  # every task on this worker reuses it, until the process ends
        _worker_connections[key] = connection
    try:
        return summarise_article(article, _worker_connections[key], strict=job.strict, max_retries=job.max_retries)
    except Exception as error:
        return error_record(article.source, failed_stage(error), error)


def import_ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise ConfigurationError("--ray needs Ray, an optional extra: pip install 'summarise[ray]'") from error
    return ray


def _land(ray: Any, batch: Batch, in_flight: dict[Any, Article]) -> None:
    """Wait for one task and record what it brought back."""
    ready, _ = ray.wait(list(in_flight), num_returns=1)
    article = in_flight.pop(ready[0])
    try:
        answer = ray.get(ready[0])
    except Exception as error:
        batch.fail(article.source, article.id, "extract", error)
        return
    if isinstance(answer, Result):
        batch.finish(article.source, article, answer)
    elif answer.error_type == ConfigurationError.__name__:
        raise ConfigurationError(f"on a Ray worker: {answer.message}")
    else:
        batch.record_failure(article.id, answer)


def distributed(address: str, job: RemoteJob, jobs: int) -> Driver:
    """Up to ``jobs`` articles in flight as Ray tasks on the cluster at ``address`` (what ray.init takes:
    "auto", "ray://head:10001", or "local" to start one here)."""
    if job.settings.backend != "server":
        raise ConfigurationError("--ray needs a server backend (--base-url): every Ray worker connects to it")
    ray = import_ray()

    def drive(batch: Batch, paths: Iterable[str]) -> int | None:
        ray.init(address=None if address == "local" else address)
        remote = ray.remote(num_cpus=CPUS_PER_ARTICLE)(digest_on_worker)
        job_reference = ray.put(job)
        in_flight: dict[Any, Article] = {}
        try:
            with raising_on_signals():
                for path in paths:
                    prepared = batch.prepare(path)
                    if isinstance(prepared, Outcome):
                        continue
                    if len(in_flight) >= jobs:
                        _land(ray, batch, in_flight)
                    in_flight[remote.remote(job_reference, prepared)] = prepared
                while in_flight:
                    _land(ray, batch, in_flight)
        except Interrupted as interruption:
            for reference in in_flight:
                ray.cancel(reference)
            return interruption.signal_number
        finally:
            ray.shutdown()
        return None

    return drive
