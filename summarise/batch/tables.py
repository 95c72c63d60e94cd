"""The casualty and claim tables of a batch: one row per casualty figure or claim, for spreadsheets.

Pure functions from a Result to rows of text; :func:`csv_writer` and :func:`csv_text` write them with the
csv module (UTF-8, no byte-order mark, a header row, CRLF line ends as RFC 4180 and spreadsheets expect).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TextIO

from summarise.result import CasualtyFigure, Result

__all__ = ["CASUALTY_COLUMNS", "CLAIM_COLUMNS", "casualty_rows", "claim_rows", "csv_text", "csv_writer", "RowWriter",
           "ARTICLE_VOICE"]

ARTICLE_VOICE = "the article"

CASUALTY_COLUMNS = (
    "article_id", "source_file", "party_id", "party_name", "event", "perpetrator", "victims",
    "killed_text", "killed_best", "killed_low", "killed_high", "killed_qualifier",
    "injured_text", "injured_best", "injured_low", "injured_high", "injured_qualifier",
    "quote", "span_start", "span_end", "grounding_status", "verified", "issues",
)
CLAIM_COLUMNS = (
    "article_id", "source_file", "party_id", "party_name", "speaker", "quote", "paraphrase",
    "span_start", "span_end", "grounding_status", "verified",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _party_names(result: Result) -> dict[str, str]:
    return {"article": ARTICLE_VOICE} | {party.id: party.name for party in result.parties}


def _figure_cells(figure: CasualtyFigure | None) -> list[str]:
    if figure is None:
        return ["", "", "", "", ""]
    return [figure.text, _cell(figure.best), _cell(figure.low), _cell(figure.high), figure.qualifier.value]


def casualty_rows(result: Result) -> list[list[str]]:
    """One row per casualty row of the digest, in CASUALTY_COLUMNS order."""
    names = _party_names(result)
    return [
        [result.article.id, result.article.source, row.reported_by, names.get(row.reported_by, ""), row.event,
         _cell(row.perpetrator), row.victims, *_figure_cells(row.killed), *_figure_cells(row.injured),
         row.quote, _cell(row.span.start), _cell(row.span.end), row.span.status.value, _cell(row.verified),
         "; ".join(row.issues)]
        for row in result.casualties
    ]


def claim_rows(result: Result) -> list[list[str]]:
    """One row per claim of the digest, in CLAIM_COLUMNS order."""
    names = _party_names(result)
    return [
        [result.article.id, result.article.source, claim.party_id, names.get(claim.party_id, ""), claim.speaker,
         claim.quote, claim.paraphrase, _cell(claim.span.start), _cell(claim.span.end), claim.span.status.value,
         _cell(claim.verified)]
        for claim in result.claims
    ]


class RowWriter(Protocol):
    """What :func:`csv_writer` returns: the csv module's writer."""

    def writerow(self, row: Iterable[str], /) -> Any: ...

    def writerows(self, rows: Iterable[Iterable[str]], /) -> None: ...


def csv_writer(out: TextIO, columns: Sequence[str]) -> RowWriter:
    """A CSV writer on ``out`` (opened with ``newline=""``), its header row already written."""
    writer = csv.writer(out)
    writer.writerow(columns)
    return writer


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    csv_writer(buffer, columns).writerows(rows)
    return buffer.getvalue()
