"""Words the human-facing formats share: figures, spans, party names, claim groups, event groups, provenance.

Each renderer lays these out in its own markup; keeping the wording here means a figure reads the same
in the terminal, in Markdown and in HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarise.locate import MatchStatus
from summarise.result import (
    UNKNOWN_PERPETRATOR,
    CasualtyFigure,
    Event,
    GroundedCasualty,
    GroundedClaim,
    Provenance,
    Result,
    Span,
)
from summarise.schema import ARTICLE_VOICE, ARTICLE_VOICE_NAME, Qualifier

__all__ = [
    "UNVERIFIED",
    "NO_FIGURE",
    "ClaimGroup",
    "figure_label",
    "figure_words",
    "span_label",
    "party_names",
    "claims_by_party",
    "claim_issues",
    "EventGroup",
    "event_heading",
    "unlisted_event_heading",
    "rows_by_event",
    "title_of",
    "article_line",
    "provenance_line",
    "grounded_line",
]

UNVERIFIED = "UNVERIFIED"
NO_FIGURE = "—"
CLAIM_NOT_FOUND = "quote not found in the article"
HEADING_SEPARATOR = " — "

_PREFIX = {
    Qualifier.AT_LEAST: "≥",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_MOST: "≤",
    Qualifier.ABOUT: "~",
}


def figure_label(figure: CasualtyFigure | None) -> str:
    """The figure as a short number: "7", "≥7", ">20", "≤12", "10–15", "~50"; vague words stay words.

    A figure whose qualifier needs a number it lacks falls back to its words in quotes, so nothing is
    ever shown as a number that the article did not write.
    """
    if figure is None:
        return NO_FIGURE
    number = {
        Qualifier.EXACT: figure.best,
        Qualifier.ABOUT: figure.best,
        Qualifier.AT_LEAST: figure.low,
        Qualifier.MORE_THAN: figure.low,
        Qualifier.AT_MOST: figure.high,
    }.get(figure.qualifier)
    if figure.qualifier is Qualifier.RANGE and figure.low is not None and figure.high is not None:
        return f"{figure.low:,}–{figure.high:,}"
    if number is None:
        return f"“{figure.text}”"
    return f"{_PREFIX.get(figure.qualifier, '')}{number:,}"


def figure_words(casualty: GroundedCasualty) -> str:
    """The figures' own words, e.g. "killed: seven; injured: three others"."""
    parts = [f"{kind}: {figure.text}" for kind, figure in (("killed", casualty.killed), ("injured", casualty.injured))
             if figure is not None]
    return "; ".join(parts) or NO_FIGURE


def span_label(span: Span) -> str:
    """Grounding status and offsets, e.g. "exact 1420-1473", or "not found"."""
    if span.status is MatchStatus.NOT_FOUND or span.start is None or span.end is None:
        return "not found"
    return f"{span.status.value} {span.start}-{span.end}"


def party_names(result: Result) -> dict[str, str]:
    """Display name by party id, the article's own voice included."""
    return {ARTICLE_VOICE: ARTICLE_VOICE_NAME} | {party.id: party.name for party in result.parties}


@dataclass(frozen=True)
class ClaimGroup:
    """The claims of one party, with their positions in ``Result.claims`` (used as stable anchors)."""

    party_id: str
    name: str
    claims: list[tuple[int, GroundedClaim]]


def claims_by_party(result: Result) -> list[ClaimGroup]:
    """Claims grouped by party in the order of ``parties``; ids not among parties follow, first seen first."""
    names = party_names(result)
    order = [party.id for party in result.parties]
    order += list(dict.fromkeys(claim.party_id for claim in result.claims if claim.party_id not in order))
    groups = []
    for party_id in order:
        claims = [(index, claim) for index, claim in enumerate(result.claims) if claim.party_id == party_id]
        if claims:
            groups.append(ClaimGroup(party_id, names.get(party_id, party_id), claims))
    return groups


@dataclass(frozen=True)
class EventGroup:
    """The casualty rows of one incident under its heading, with their positions in ``Result.casualties``
    (used as row numbers and anchors). ``event`` is None for rows whose event id is not among the events."""

    event: Event | None
    heading: str
    rows: list[tuple[int, GroundedCasualty]]

    @property
    def background(self) -> bool:
        return self.event is not None and self.event.background


def event_heading(event: Event, names: dict[str, str]) -> str:
    """What, where, when and by whom, e.g. "missile and drone strike — Balochistan, Pakistan — Tuesday — by
    Iran"; empty parts are left out, an unknown perpetrator too; a background event starts "Background: "."""
    parts = [part for part in (event.what, event.where, event.when) if part.strip()]
    if event.perpetrator and event.perpetrator.strip() and event.perpetrator != UNKNOWN_PERPETRATOR:
        parts.append(f"by {names.get(event.perpetrator, event.perpetrator)}")
    heading = HEADING_SEPARATOR.join(parts) or f"Incident {event.id}"
    return f"Background: {heading}" if event.background else heading


def unlisted_event_heading(event_id: str) -> str:
    """The heading of rows whose event id is not among the digest's events."""
    return f"Unlisted incident {event_id}".rstrip()


def rows_by_event(result: Result) -> list[EventGroup]:
    """Casualty rows grouped by event: main events in the order of ``events``, then rows whose event id is
    not among the events (first seen first), then background events. Events without rows are left out;
    every row is in exactly one group, in its order within ``casualties``."""
    names = party_names(result)
    listed = {event.id for event in result.events}
    unlisted = dict.fromkeys(row.event_id for row in result.casualties if row.event_id not in listed)
    ordered: list[tuple[Event | None, str, str]] = [
        *((event, event.id, event_heading(event, names)) for event in result.events if not event.background),
        *((None, event_id, unlisted_event_heading(event_id)) for event_id in unlisted),
        *((event, event.id, event_heading(event, names)) for event in result.events if event.background),
    ]
    groups, grouped = [], set()
    for event, event_id, heading in ordered:
        rows = [(index, row) for index, row in enumerate(result.casualties) if row.event_id == event_id]
        if rows and event_id not in grouped:  # an id listed twice keeps its rows under its first event
            groups.append(EventGroup(event, heading, rows))
        grouped.add(event_id)
    return groups


def claim_issues(claim: GroundedClaim) -> list[str]:
    """Why a claim is unverified (empty when it is verified); a digest written before claims had issues
    failed only when its quote was missing."""
    return list(claim.issues) or ([] if claim.verified else [CLAIM_NOT_FOUND])


def grounded_line(result: Result) -> str:
    """The status line of a digest with nothing unverified; with --strict it says how many were dropped."""
    if not result.dropped:
        return "All claims and casualty rows are grounded in the article."
    return (f"All claims and casualty rows shown are grounded; --strict dropped {result.dropped} "
            "that failed grounding.")


def title_of(result: Result) -> str:
    return result.article.title or "Untitled article"


def article_line(result: Result) -> str:
    """Source, id and length of the article, e.g. "seeds/a.txt · id 4cf0f7c4e857d004 · 3,412 characters"."""
    info = result.article
    return f"{info.source} · id {info.id} · {info.chars:,} characters"


def provenance_line(provenance: Provenance) -> str:
    """How the digest was made, on one line."""
    attempts = "1 attempt" if provenance.attempts == 1 else f"{provenance.attempts} attempts"
    return (
        f"backend {provenance.backend} · model {provenance.model} · strategy {provenance.strategy} · "
        f"prompt v{provenance.prompt_version} · "
        f"schema v{provenance.schema_version} · {attempts} · "
        f"tokens {provenance.prompt_tokens:,} in, {provenance.completion_tokens:,} out · "
        f"{provenance.seconds:.1f} s"
    )
