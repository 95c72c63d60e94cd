"""The aggregate files of a batch, made again from the manifest and the digest files at the end of a run.

Each file is written atomically, so a run killed while writing them leaves the previous versions whole;
the next run makes them again. Order is the order of the input paths, so reruns give identical files.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError

from summarise.batch.manifest import ErrorRecord, ManifestEntry
from summarise.batch.outcomes import Tally
from summarise.batch.paths import path_order
from summarise.batch.report import Totals, render_report
from summarise.batch.tables import (
    CASUALTY_COLUMNS,
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    casualty_rows,
    claim_rows,
    csv_writer,
    event_rows,
)
from summarise.result import Result
from summarise.store import open_atomic, write_atomic, write_atomic_lines

__all__ = ["DIGESTS_JSONL", "CASUALTIES_CSV", "EVENTS_CSV", "CLAIMS_CSV", "ERRORS_JSONL", "REPORT_MD", "read_digest",
           "write_aggregates"]

DIGESTS_JSONL = "digests.jsonl"
CASUALTIES_CSV = "casualties.csv"
EVENTS_CSV = "events.csv"
CLAIMS_CSV = "claims.csv"
ERRORS_JSONL = "errors.jsonl"
REPORT_MD = "report.md"


def read_digest(output_dir: Path, entry: ManifestEntry) -> Result | None:
    """The digest an entry points at; None when it is missing or no longer parses (an older schema)."""
    if entry.status != "done" or entry.output is None:
        return None
    try:
        return Result.model_validate_json((output_dir / entry.output).read_bytes())
    except (OSError, ValidationError):
        return None


def write_aggregates(output_dir: Path, entries: Iterable[ManifestEntry], tally: Tally,
                     interrupted_by: int | None = None, problems: Sequence[ErrorRecord] = ()) -> Totals:
    """Write digests.jsonl, casualties.csv, events.csv, claims.csv, errors.jsonl and report.md for ``entries`` (in
    path order); return what the output folder now holds. The digests and the tables go straight into
    their files as each digest is read; only the failures and the report's casualty rows are kept.
    ``problems`` (a folder that cannot be listed, a digest kept though its successor could not be written)
    join the failures in errors.jsonl and the report, but count as no failed article."""
    done = unverified = dropped = 0
    failures: list[ErrorRecord] = []
    casualties: list[list[str]] = []
    with contextlib.ExitStack() as files:
        digests = files.enter_context(open_atomic(output_dir / DIGESTS_JSONL))
        casualty_table = csv_writer(files.enter_context(open_atomic(output_dir / CASUALTIES_CSV)), CASUALTY_COLUMNS)
        event_table = csv_writer(files.enter_context(open_atomic(output_dir / EVENTS_CSV)), EVENT_COLUMNS)
        claim_table = csv_writer(files.enter_context(open_atomic(output_dir / CLAIMS_CSV)), CLAIM_COLUMNS)
        for entry in entries:
            if entry.error is not None:
                failures.append(entry.error)
            result = read_digest(output_dir, entry)
            if result is not None:
                done += 1
                unverified, dropped = unverified + result.unverified, dropped + result.dropped
                digests.write(result.model_dump_json() + "\n")
                rows = casualty_rows(result)
                casualty_table.writerows(rows)
                casualties.extend(rows)
                event_table.writerows(event_rows(result))
                claim_table.writerows(claim_rows(result))
    totals = Totals(articles=max(tally.total, done + len(failures)), done=done, failed=len(failures),
                    unverified=unverified, dropped=dropped)
    failures = sorted([*failures, *problems], key=lambda record: path_order(record.file))
    write_atomic_lines(output_dir / ERRORS_JSONL, (record.model_dump_json() + "\n" for record in failures))
    write_atomic(output_dir / REPORT_MD, render_report(totals, tally, failures, casualties, interrupted_by))
    return totals
