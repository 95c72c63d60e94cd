"""GitHub Markdown report: summary, parties, claims under a heading per party, casualty table, provenance."""

from __future__ import annotations

import re

from summarise.render.labels import (
    UNVERIFIED,
    article_line,
    claim_issues,
    claims_by_party,
    figure_label,
    figure_words,
    party_names,
    provenance_line,
    span_label,
    title_of,
)
from summarise.result import GroundedCasualty, GroundedClaim, Result

__all__ = ["render_markdown", "escape_markdown"]

_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")
_CASUALTY_HEADERS = ("#", "Event", "Victims", "Reported by", "Killed", "Injured", "Figure text", "Grounding")


def escape_markdown(text: str) -> str:
    """Text as one line of literal Markdown: markup characters (``|`` included, for tables) are escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(result: Result) -> str:
    sections = [
        _header(result),
        "## Summary\n\n" + escape_markdown(result.summary),
        "## Parties\n\n" + _parties(result),
        "## Claims\n\n" + _claims(result),
        "## Casualties\n\n" + _casualties(result),
        "---\n\n_" + escape_markdown(provenance_line(result.provenance)) + "_",
    ]
    return "\n\n".join(sections) + "\n"


def _header(result: Result) -> str:
    if result.unverified:
        status = f"> **{UNVERIFIED}:** {result.unverified} claim(s) or casualty row(s) failed grounding."
    else:
        status = "> All claims and casualty rows are grounded in the article."
    return f"# {escape_markdown(title_of(result))}\n\n{escape_markdown(article_line(result))}\n\n{status}"


def _table(headers: tuple[str, ...], rows: list[list[str]]) -> str:
    """A table whose cells are already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _parties(result: Result) -> str:
    if not result.parties:
        return "_None._"
    rows = [
        [escape_markdown(party.name), f"`{party.id}`", party.kind.value, escape_markdown(party.side or "")]
        for party in result.parties
    ]
    return _table(("Party", "Id", "Kind", "Side"), rows)


def _grounding(verified: bool, issues: list[str], label: str) -> str:
    if verified:
        return f"`{label}`"
    return f"**⚠ {UNVERIFIED}** `{label}`: " + escape_markdown("; ".join(issues))


def _claim(claim: GroundedClaim) -> str:
    grounding = _grounding(claim.verified, claim_issues(claim), span_label(claim.span))
    return (
        f"- **{escape_markdown(claim.speaker)}:** “{escape_markdown(claim.quote)}”  \n"
        f"  {escape_markdown(claim.paraphrase)}  \n"
        f"  {grounding}"
    )


def _claims(result: Result) -> str:
    groups = claims_by_party(result)
    if not groups:
        return "_None._"
    return "\n\n".join(
        f"### {escape_markdown(group.name)}\n\n" + "\n".join(_claim(claim) for _, claim in group.claims)
        for group in groups
    )


def _casualty_row(number: int, casualty: GroundedCasualty, names: dict[str, str]) -> list[str]:
    return [
        str(number),
        escape_markdown(casualty.event),
        escape_markdown(casualty.victims),
        escape_markdown(names.get(casualty.reported_by, casualty.reported_by)),
        escape_markdown(figure_label(casualty.killed)),
        escape_markdown(figure_label(casualty.injured)),
        escape_markdown(figure_words(casualty)),
        _grounding(casualty.verified, casualty.issues, span_label(casualty.span)),
    ]


def _casualties(result: Result) -> str:
    if not result.casualties:
        return "_None reported._"
    names = party_names(result)
    rows = [_casualty_row(number, casualty, names) for number, casualty in enumerate(result.casualties, start=1)]
    return _table(_CASUALTY_HEADERS, rows)
