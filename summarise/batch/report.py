"""report.md: the counts of a batch, its failures and the casualty table of every article, in Markdown.

File names, error messages and the model's fields are untrusted: every cell is escaped, so a file named
``<img src=x onerror=...>.txt`` shows as that text, never as an element."""

from __future__ import annotations

import signal
from collections.abc import Sequence
from dataclasses import dataclass

from summarise.batch.manifest import ErrorRecord
from summarise.batch.outcomes import Tally
from summarise.batch.tables import CASUALTY_COLUMNS
from summarise.render.markdown import escape_markdown

__all__ = ["Totals", "render_report"]

_CASUALTY_VIEW = (("File", "source_file"), ("Reported by", "party_name"), ("Event", "event_what"),
                  ("Victims", "victims"), ("Killed", "killed_text"), ("Injured", "injured_text"),
                  ("Grounding", "grounding_status"), ("Verified", "verified"))


@dataclass(frozen=True)
class Totals:
    """The state of the output folder: articles found, with a digest, with an error."""

    articles: int
    done: int
    failed: int
    unverified: int = 0  # claims and casualty rows of the digests that failed grounding, flagged
    dropped: int = 0  # the same, left out by --strict

    @property
    def not_reached(self) -> int:
        return max(0, self.articles - self.done - self.failed)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    if not rows:
        return ["None."]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(escape_markdown(cell) for cell in row) + " |" for row in rows]
    return lines


def _counts(totals: Totals, tally: Tally, interrupted_by: int | None) -> list[str]:
    lines = ["| Articles | Count |", "| --- | ---: |", f"| done | {totals.done} |", f"| failed | {totals.failed} |",
             f"| not reached | {totals.not_reached} |", f"| total | {totals.articles} |", "",
             f"This run: {tally.digested} digested, {tally.up_to_date} skipped (up to date), {tally.failed} failed, "
             f"{tally.kept_failure} failed earlier and kept (--retry-failed redoes them)."]
    if totals.done:
        lines.append(f"Grounding: {totals.unverified} claims and casualty rows unverified (flagged in every output), "
                     f"{totals.dropped} dropped by --strict.")
    if interrupted_by is not None:
        lines.append(f"Interrupted by {signal.Signals(interrupted_by).name}: run the same command again to finish.")
    return lines


def render_report(totals: Totals, tally: Tally, failures: Sequence[ErrorRecord],
                  casualties: Sequence[Sequence[str]], interrupted_by: int | None = None) -> str:
    """The report; ``casualties`` are rows in tables.CASUALTY_COLUMNS order."""
    columns = [CASUALTY_COLUMNS.index(name) for _, name in _CASUALTY_VIEW]
    failure_rows = [[record.file, record.stage, record.error_type, record.message] for record in failures]
    casualty_view = [[row[column] for column in columns] for row in casualties]
    lines = ["# Batch report", "", *_counts(totals, tally, interrupted_by), "", "## Failures", "",
             *_table(["File", "Stage", "Error", "Message"], failure_rows), "", "## Casualties", "",
             *_table([title for title, _ in _CASUALTY_VIEW], casualty_view)]
    return "\n".join(lines) + "\n"
