"""One self-contained HTML page: summary, claims by party, casualty table grouped by event and, given the
article text, the text itself with every grounded quote highlighted and linked to and from its table row.

No scripts and no external assets: the page opens from a file, offline. Every value is escaped.
"""

from __future__ import annotations

from html import escape

from summarise.locate import MatchStatus
from summarise.render.highlight import Highlight, anchor_id, highlight_article
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
from summarise.result import GroundedCasualty, GroundedClaim, Result, Span

__all__ = ["render_html"]

_CASUALTY_HEADERS = ("#", "Reported by and quote", "Victims", "Killed", "Injured", "Figure text", "Grounding")

# Inline so the page is one file; system fonts only, so nothing is fetched.
STYLE = """
:root { --claim: #cfe6ff; --casualty: #ffe0b8; --both: #ddd0ff; --bad: #c92a2a; --ink: #212529;
        --muted: #6c757d; --rule: #dee2e6; }
* { box-sizing: border-box; }
body { margin: 0; background: #f8f9fa; color: var(--ink);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
h3.party { font-size: 1em; margin: 16px 0 6px; }
.meta, footer, .none, .paraphrase, .kind, .legend { color: var(--muted); }
.meta { margin: 0; font-size: 0.9em; }
.status { margin: 10px 0 0; }
.status-bad { color: var(--bad); font-weight: 600; }
.status-good { color: #2b8a3e; }
ul.parties { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; }
ul.parties li { border: 1px solid var(--rule); border-radius: 6px; padding: 4px 10px; }
code { font-size: 0.85em; background: #f1f3f5; padding: 0 4px; border-radius: 3px; }
table { width: 100%; border-collapse: collapse; font-size: 0.92em; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--rule); }
th { background: #f1f3f5; font-weight: 600; white-space: nowrap; }
table.claims td.speaker { width: 22%; font-weight: 600; }
table.claims td:last-child { width: 24%; }
td.figure { font-weight: 700; font-size: 1.05em; white-space: nowrap; }
td.number { color: var(--muted); }
.quote { color: var(--muted); font-size: 0.9em; margin-top: 2px; }
.paraphrase { margin-top: 2px; }
tr.event th { background: #e7f5ff; font-size: 1.02em; white-space: normal; border-top: 2px solid var(--rule); }
tr.event.background th { background: #f8f9fa; color: var(--muted); font-weight: 600; font-style: italic; }
tr.unverified { background: #fff5f5; box-shadow: inset 4px 0 0 var(--bad); }
tr:target { outline: 3px solid #fab005; outline-offset: -3px; }
.badge { display: inline-block; font-size: 0.8em; font-weight: 600; padding: 1px 7px; border-radius: 10px;
         white-space: nowrap; text-decoration: none; color: #fff; background: #2b8a3e; }
.badge-normalised { background: #0b7285; }
.badge-fuzzy { background: #e67700; }
.badge-not_found { background: #868e96; }
.badge-unverified { background: var(--bad); letter-spacing: 0.04em; }
a.badge:hover { filter: brightness(1.15); }
ul.issues { margin: 4px 0 0; padding-left: 18px; color: var(--bad); font-size: 0.88em; }
.article-text { white-space: pre-wrap; font-family: Georgia, "Times New Roman", serif; font-size: 1.02em;
                line-height: 1.7; border: 1px solid var(--rule); border-radius: 6px; padding: 16px 20px; }
.hl { color: inherit; text-decoration: none; border-radius: 3px; padding: 1px 0;
      -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.hl-claim { background: var(--claim); }
.hl-casualty { background: var(--casualty); }
.hl-both { background: var(--both); }
.hl-unverified { text-decoration: underline wavy var(--bad); text-underline-offset: 3px; }
a.hl:hover { filter: brightness(0.93); }
.legend .hl { padding: 1px 6px; margin-right: 4px; }
.anchor { scroll-margin-top: 40vh; }
.anchor:target + .hl { outline: 2px solid #fab005; }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: 0.85em; }
"""


def render_html(result: Result, article_text: str | None = None) -> str:
    """The page; with ``article_text`` (the text the offsets refer to) it also shows the highlighted article."""
    linked = article_text is not None
    body = [
        _header(result),
        _section("Summary", f"<p>{escape(result.summary)}</p>"),
        _section("Parties", _parties(result)),
        _section("Claims", _claims(result, linked)),
        _section("Casualties", _casualties(result, linked)),
        _section("Article", _article(result, article_text)),
        f'<footer>{escape(provenance_line(result.provenance))}</footer>',
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title_of(result))}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _section(title: str, content: str) -> str:
    return f'<section id="{title.lower()}">\n<h2>{escape(title)}</h2>\n{content}\n</section>'


def _header(result: Result) -> str:
    if result.unverified:
        status = (f'<p class="status status-bad"><span class="badge badge-unverified">{UNVERIFIED}</span> '
                  f"{result.unverified} claim(s) or casualty row(s) failed grounding.</p>")
    else:
        status = f'<p class="status status-good">{escape(grounded_line(result))}</p>'
    return (f"<header>\n<h1>{escape(title_of(result))}</h1>\n"
            f'<p class="meta">{escape(article_line(result))}</p>\n{status}\n</header>')


def _parties(result: Result) -> str:
    if not result.parties:
        return '<p class="none">None.</p>'
    items = []
    for party in result.parties:
        side = f" · {escape(party.side)}" if party.side else ""
        items.append(f'<li><strong>{escape(party.name)}</strong> <code>{escape(party.id)}</code> '
                     f'<span class="kind">{escape(party.kind.value)}{side}</span></li>')
    return '<ul class="parties">\n' + "\n".join(items) + "\n</ul>"


def _grounding(key: str, span: Span, verified: bool, issues: list[str], linked: bool) -> str:
    """Status badge, linked to the highlight when the article is on the page; issues when unverified."""
    label = escape(span_label(span))
    found = span.status is not MatchStatus.NOT_FOUND and span.start is not None
    if linked and found:
        badge = f'<a class="badge badge-{span.status.value}" href="#{anchor_id(key)}">{label}</a>'
    else:
        badge = f'<span class="badge badge-{span.status.value}">{label}</span>'
    if verified:
        return badge
    problems = "".join(f"<li>{escape(issue)}</li>" for issue in issues)
    return f'<span class="badge badge-unverified">{UNVERIFIED}</span> {badge}<ul class="issues">{problems}</ul>'


def _claim_row(index: int, claim: GroundedClaim, linked: bool) -> str:
    key = f"claim-{index}"
    grounding = _grounding(key, claim.span, claim.verified, claim_issues(claim), linked)
    css = ' class="unverified"' if not claim.verified else ""
    paraphrase = f'<div class="paraphrase">{escape(claim.paraphrase)}</div>' if claim.paraphrase.strip() else ""
    return (f'<tr id="{key}"{css}><td class="speaker">{escape(claim.speaker)}</td>'
            f"<td><q>{escape(claim.quote)}</q>{paraphrase}</td>"
            f"<td>{grounding}</td></tr>")


def _claims(result: Result, linked: bool) -> str:
    groups = claims_by_party(result)
    if not groups:
        return '<p class="none">None.</p>'
    blocks = []
    for group in groups:
        rows = "\n".join(_claim_row(index, claim, linked) for index, claim in group.claims)
        blocks.append(f'<h3 class="party">{escape(group.name)}</h3>\n<table class="claims">\n'
                      "<thead><tr><th>Speaker</th><th>Quote and paraphrase</th><th>Grounding</th></tr></thead>\n"
                      f"<tbody>\n{rows}\n</tbody>\n</table>")
    return "\n".join(blocks)


def _casualty_row(index: int, casualty: GroundedCasualty, names: dict[str, str], linked: bool) -> str:
    key = f"casualty-{index}"
    grounding = _grounding(key, casualty.span, casualty.verified, casualty.issues, linked)
    css = ' class="unverified"' if not casualty.verified else ""
    cells = [
        f'<td class="number">{index + 1}</td>',
        f"<td>{escape(names.get(casualty.reported_by, casualty.reported_by))}"
        f'<div class="quote"><q>{escape(casualty.quote)}</q></div></td>',
        f"<td>{escape(casualty.victims)}</td>",
        f'<td class="figure">{escape(figure_label(casualty.killed))}</td>',
        f'<td class="figure">{escape(figure_label(casualty.injured))}</td>',
        f"<td>{escape(figure_words(casualty))}</td>",
        f"<td>{grounding}</td>",
    ]
    return f'<tr id="{key}"{css}>' + "".join(cells) + "</tr>"


def _event_rows(group: EventGroup, names: dict[str, str], linked: bool) -> str:
    """The rows of one event in their own tbody, under a heading row that spans the table."""
    css = "event background" if group.background else "event"
    heading = f'<tr class="{css}"><th colspan="{len(_CASUALTY_HEADERS)}">{escape(group.heading)}</th></tr>'
    rows = "\n".join(_casualty_row(index, casualty, names, linked) for index, casualty in group.rows)
    return f'<tbody class="{css}">\n{heading}\n{rows}\n</tbody>'


def _casualties(result: Result, linked: bool) -> str:
    if not result.casualties:
        return '<p class="none">None reported.</p>'
    names = party_names(result)
    headers = "".join(f"<th>{header}</th>" for header in _CASUALTY_HEADERS)
    groups = "\n".join(_event_rows(group, names, linked) for group in rows_by_event(result))
    return f'<table class="casualties">\n<thead><tr>{headers}</tr></thead>\n{groups}\n</table>'


def _highlights(result: Result) -> list[Highlight]:
    """Every quote that was found, claims and casualty rows alike."""
    items, names = [], party_names(result)
    for index, claim in enumerate(result.claims):
        if claim.span.start is not None and claim.span.end is not None:
            items.append(Highlight(f"claim-{index}", "claim", claim.span.start, claim.span.end,
                                   f"Claim: {claim.speaker}", claim.verified))
    for index, row in enumerate(result.casualties):
        if row.span.start is not None and row.span.end is not None:
            reporter = names.get(row.reported_by, row.reported_by)
            items.append(Highlight(f"casualty-{index}", "casualty", row.span.start, row.span.end,
                                   f"Casualty row {index + 1}: {reporter}", row.verified))
    return items


def _article(result: Result, article_text: str | None) -> str:
    if article_text is None:
        return ('<p class="none">The article text is not included in this page. Render the digest together '
                "with its article to see every quote highlighted in place.</p>")
    note = ""
    if len(article_text) != result.article.chars:
        note = (f'<p class="status status-bad">This text has {len(article_text):,} characters but the digest was '
                f"made from {result.article.chars:,}: highlights may be misplaced.</p>\n")
    legend = ('<p class="legend"><span class="hl hl-claim">claim</span> <span class="hl hl-casualty">casualty '
              'figure</span> <span class="hl hl-both">both</span> <span class="hl hl-unverified">'
              "unverified</span> Click a highlight to jump to its row.</p>")
    return f'{note}{legend}\n<div class="article-text">{highlight_article(article_text, _highlights(result))}</div>'
