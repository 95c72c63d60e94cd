"""GitHub Markdown report: summary, parties, claims under a heading per party, casualty tables under a heading
per event, provenance."""

from __future__ import annotations

import re

from summarise.render.labels import (
    UNVERIFIED,
    EventGroup,
    article_line,
    claim_issues,
    claims_by_party,
    figure_label,
    figure_words,
    grounded_line,
    party_names,
    provenance_line,
    rows_by_event,
    span_label,
    title_of,
)
from summarise.result import GroundedCasualty, GroundedClaim, Result

__all__ = ["render_markdown", "escape_markdown"]

# HTML's own characters become entities: every Markdown renderer passes an entity through as text, while a
# backslash before "<" is an escape in CommonMark only (Python-Markdown would keep the tag live).
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML_SPECIAL = re.compile("[&<>]")
# Inline markup anywhere in a line ("|" also ends a table cell). An underscore between two letters or digits
# never marks emphasis, so "not_found" and "world_news.txt" stay as they are.
_INLINE_SPECIAL = re.compile(r"[\\`*~\[\]|#]|(?<![^\W_])_|_(?![^\W_])")
# What opens a block at the start of a line: a list item ("-", "+", "1." or "1)"), a setext underline ("=").
_BULLET_OR_UNDERLINE = re.compile(r"^([-+=])")
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])")
_CASUALTY_HEADERS = ("#", "Reported by", "Victims", "Killed", "Injured", "Figure text", "Grounding")


def escape_markdown(text: str) -> str:
    """Untrusted text as one line of literal Markdown: HTML shows as text, never as elements, and no markup
    character (``|`` included, for tables) nor a block marker at its start changes the document around it."""
    line = _HTML_SPECIAL.sub(lambda match: _HTML[match.group()], " ".join(text.split()))
    line = _INLINE_SPECIAL.sub(lambda match: "\\" + match.group(), line)
    return _ORDERED_ITEM.sub(r"\1\\\2", _BULLET_OR_UNDERLINE.sub(r"\\\1", line))


def _code(text: str) -> str:
    """Untrusted text as an inline code span in a table cell: the fence is one backtick longer than any run
    inside, so nothing in the text closes it (code spans show "<" and "&" as written)."""
    line = " ".join(text.split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", line)), default=0) + 1)
    padding = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{fence}{padding}{line}{padding}{fence}"


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
        status = f"> {grounded_line(result)}"
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
        [escape_markdown(party.name), _code(party.id), party.kind.value, escape_markdown(party.side or "")]
        for party in result.parties
    ]
    return _table(("Party", "Id", "Kind", "Side"), rows)


def _grounding(verified: bool, issues: list[str], label: str) -> str:
    if verified:
        return f"`{label}`"
    return f"**⚠ {UNVERIFIED}** `{label}`: " + escape_markdown("; ".join(issues))


def _claim(claim: GroundedClaim) -> str:
    grounding = _grounding(claim.verified, claim_issues(claim), span_label(claim.span))
    paraphrase = f"  {escape_markdown(claim.paraphrase)}  \n" if claim.paraphrase.strip() else ""
    return f"- **{escape_markdown(claim.speaker)}:** “{escape_markdown(claim.quote)}”  \n{paraphrase}  {grounding}"


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
        escape_markdown(names.get(casualty.reported_by, casualty.reported_by)),
        escape_markdown(casualty.victims),
        escape_markdown(figure_label(casualty.killed)),
        escape_markdown(figure_label(casualty.injured)),
        escape_markdown(figure_words(casualty)),
        _grounding(casualty.verified, casualty.issues, span_label(casualty.span)),
    ]


def _event_table(group: EventGroup, names: dict[str, str]) -> str:
    rows = [_casualty_row(index + 1, casualty, names) for index, casualty in group.rows]
    return f"### {escape_markdown(group.heading)}\n\n" + _table(_CASUALTY_HEADERS, rows)


def _casualties(result: Result) -> str:
    if not result.casualties:
        return "_None reported._"
    names = party_names(result)
    return "\n\n".join(_event_table(group, names) for group in rows_by_event(result))
