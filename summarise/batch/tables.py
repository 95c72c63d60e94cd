"""The casualty, event and claim tables of a batch: one row per casualty figure, event or claim, for spreadsheets.

Pure functions from a Result to rows of text; :func:`csv_writer` and :func:`csv_text` write them with the
csv module (UTF-8, no byte-order mark, a header row, CRLF line ends as RFC 4180 and spreadsheets expect).
Every cell goes through :func:`spreadsheet_safe` on its way into the file: file names and model fields are
untrusted, and a spreadsheet runs a cell such as ``=HYPERLINK(...)`` as a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TextIO

from summarise.render.labels import party_names
from summarise.result import CasualtyFigure, Event, Result

__all__ = ["CASUALTY_COLUMNS", "EVENT_COLUMNS", "CLAIM_COLUMNS", "casualty_rows", "event_rows", "claim_rows",
           "csv_text", "csv_writer", "RowWriter", "spreadsheet_safe"]

CASUALTY_COLUMNS = (
    "article_id", "source_file", "party_id", "party_name",
    "event_id", "event_what", "event_where", "event_when", "event_date", "event_background", "perpetrator", "victims",
    "killed_text", "killed_best", "killed_low", "killed_high", "killed_qualifier",
    "injured_text", "injured_best", "injured_low", "injured_high", "injured_qualifier",
    "quote", "span_start", "span_end", "grounding_status", "verified", "issues",
)
EVENT_COLUMNS = (
    "article_id", "source_file", "event_id", "what", "where", "when", "date", "perpetrator", "perpetrator_name",
    "background", "rows", "sources",
)
CLAIM_COLUMNS = (
    "article_id", "source_file", "party_id", "party_name", "speaker", "quote", "paraphrase",
    "span_start", "span_end", "grounding_status", "verified",
)


# OWASP's CSV injection guidance: spreadsheets read a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a spreadsheet shows it and never runs it: a cell that starts like a formula gets a single
    quote in front, as OWASP recommends for CSV exports. A plain number such as ``-5`` is no formula and
    stays as it is, so numeric columns still read as numbers."""
    if cell.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)



def _figure_cells(figure: CasualtyFigure | None) -> list[str]:
    if figure is None:
        return ["", "", "", "", ""]
    return [figure.text, _cell(figure.best), _cell(figure.low), _cell(figure.high), figure.qualifier.value]


def _event_cells(event: Event | None) -> list[str]:
    """What, where, when, date and background of a row's event; empty for an id not among the events."""
    if event is None:
        return ["", "", "", "", ""]
    return [event.what, event.where, event.when, _cell(event.date), _cell(event.background)]


def casualty_rows(result: Result) -> list[list[str]]:
    """One row per casualty row of the digest, in CASUALTY_COLUMNS order (the order of ``casualties``)."""
    names = party_names(result)
    events = {event.id: event for event in reversed(result.events)}  # an id listed twice: its first event
    return [
        [result.article.id, result.article.source, row.reported_by, names.get(row.reported_by, ""), row.event_id,
         *_event_cells(events.get(row.event_id)), _cell(row.perpetrator), row.victims, *_figure_cells(row.killed),
         *_figure_cells(row.injured), row.quote, _cell(row.span.start), _cell(row.span.end), row.span.status.value,
         _cell(row.verified), "; ".join(row.issues)]
        for row in result.casualties
    ]


def event_rows(result: Result) -> list[list[str]]:
    """One row per event of the digest, in EVENT_COLUMNS order: its casualty rows counted and their
    sources named, each once, in the order of the rows."""
    names = party_names(result)
    table = []
    for event in result.events:
        rows = [row for row in result.casualties if row.event_id == event.id]
        sources = dict.fromkeys(names.get(row.reported_by, row.reported_by) for row in rows)
        perpetrator_name = None if event.perpetrator is None else names.get(event.perpetrator, event.perpetrator)
        table.append([result.article.id, result.article.source, event.id, event.what, event.where, event.when,
                      _cell(event.date), _cell(event.perpetrator), _cell(perpetrator_name), _cell(event.background),
                      str(len(rows)), "; ".join(sources)])
    return table


def claim_rows(result: Result) -> list[list[str]]:
    """One row per claim of the digest, in CLAIM_COLUMNS order."""
    names = party_names(result)
    return [
        [result.article.id, result.article.source, claim.party_id, names.get(claim.party_id, ""), claim.speaker,
         claim.quote, claim.paraphrase, _cell(claim.span.start), _cell(claim.span.end), claim.span.status.value,
         _cell(claim.verified)]
        for claim in result.claims
    ]


class RowWriter(Protocol):
    """What :func:`csv_writer` returns: a writer of rows of text."""

    def writerow(self, row: Iterable[str], /) -> Any: ...

    def writerows(self, rows: Iterable[Iterable[str]], /) -> None: ...


class _SafeWriter:
    """The csv module's writer, each cell made :func:`spreadsheet_safe` first."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[str], /) -> Any:
        return self._writer.writerow([spreadsheet_safe(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[str]], /) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: TextIO, columns: Sequence[str]) -> RowWriter:
    """A CSV writer on ``out`` (opened with ``newline=""``), its header row already written; no cell it
    writes can run as a formula in a spreadsheet."""
    writer = _SafeWriter(out)
    writer.writerow(columns)
    return writer


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    csv_writer(buffer, columns).writerows(rows)
    return buffer.getvalue()
