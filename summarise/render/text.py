"""Terminal report: summary, parties, claims by party, casualty table grouped by event, provenance.

Rendered with rich into a string. Without ``color`` the output is plain, deterministic text (no escape
codes, independent of the environment), which is what the registered ``text`` format produces.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from summarise.render.labels import (
    UNVERIFIED,
    EventGroup,
    article_line,
    claim_issues,
    claims_by_party,
    figure_label,
    grounded_line,
    party_names,
    provenance_line,
    rows_by_event,
    span_label,
    title_of,
)
from summarise.result import GroundedCasualty, GroundedClaim, Result

__all__ = ["render_text", "WIDTH"]

WIDTH = 100


def render_text(result: Result, *, color: bool = False) -> str:
    """The report as text ``WIDTH`` columns wide; ANSI colours only when ``color`` is true."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=WIDTH,
        height=10_000,
        force_terminal=color,
        force_jupyter=False,
        force_interactive=False,
        color_system="standard" if color else None,
        no_color=not color,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
    )
    console.print(_report(result))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _report(result: Result) -> RenderableType:
    parts: list[RenderableType] = [
        Text(title_of(result), style="bold"),
        Text(article_line(result), style="dim"),
        _unverified_line(result),
        _heading("Summary"),
        Text(result.summary),
        _heading("Parties"),
        _parties(result),
        _heading("Claims"),
        *_claims(result),
        _heading("Casualties"),
        _casualties(result),
        Text(""),
        Text(provenance_line(result.provenance), style="dim"),
    ]
    return Group(*parts)


def _heading(title: str) -> RenderableType:
    return Group(Text(""), Rule(title, style="cyan", align="left", characters="─"))


def _unverified_line(result: Result) -> Text:
    if result.unverified == 0:
        return Text(grounded_line(result), style="green")
    return Text(f"{UNVERIFIED}: {result.unverified} claim(s) or casualty row(s) failed grounding.", style="bold red")


def _parties(result: Result) -> RenderableType:
    lines = []
    for party in result.parties:
        side = f", {party.side}" if party.side else ""
        lines.append(Text.assemble("• ", (party.name, "bold"), f" ({party.id}) — {party.kind.value}{side}"))
    return Group(*lines) if lines else Text("(none)", style="dim")


def _claims(result: Result) -> list[RenderableType]:
    groups = claims_by_party(result)
    if not groups:
        return [Text("(none)", style="dim")]
    parts: list[RenderableType] = []
    for group in groups:
        parts.append(Text(group.name, style="bold underline"))
        parts.extend(_claim(claim) for _, claim in group.claims)
    return parts


def _claim(claim: GroundedClaim) -> RenderableType:
    speaker = Text.assemble((claim.speaker, "bold"), ": ", (f"“{claim.quote}”", "italic"))
    grounding = _grounding(claim.verified, claim_issues(claim), span_label(claim.span))
    details = Group(Text(claim.paraphrase), grounding) if claim.paraphrase.strip() else grounding
    return Group(Padding(speaker, (0, 0, 0, 2)), Padding(details, (0, 0, 0, 4)))


def _grounding(verified: bool, issues: list[str], label: str) -> Text:
    if verified:
        return Text(f"[{label}]", style="green")
    return Text(f"[{label}] {UNVERIFIED}: " + "; ".join(issues), style="bold red")


def _casualties(result: Result) -> RenderableType:
    """One table per event under its heading, so the sources' figures for one incident sit together."""
    if not result.casualties:
        return Text("(none reported)", style="dim")
    names = party_names(result)
    widths = _figure_widths(result)
    parts: list[RenderableType] = []
    for group in rows_by_event(result):
        style = "bold dim" if group.background else "bold"
        parts += [Text(""), Text(group.heading, style=style), _event_table(group, names, widths)]
    return Group(*parts[1:], *_casualty_issues(result))


def _figure_widths(result: Result) -> dict[str, int]:
    """Widths of the narrow columns, the same in every event's table so that the tables line up.

    Killed and Injured take the width of their words up to 14 columns ("“several”" folded into 7 read
    "severa l"); the figures' words are in each row's quote, so the terminal leaves out the Figure text column.
    """
    rows = result.casualties
    return {
        "#": len(str(len(rows))) + 1,
        "Killed": min(14, max(len("Killed"), *(len(figure_label(row.killed)) for row in rows))),
        "Injured": min(14, max(len("Injured"), *(len(figure_label(row.injured)) for row in rows))),
        "Grounding": max(len(UNVERIFIED), *(len(span_label(row.span)) for row in rows)),
    }


def _event_table(group: EventGroup, names: dict[str, str], widths: dict[str, int]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0), expand=True)
    table.add_column("#", width=widths["#"], no_wrap=True)
    table.add_column("Reported by", ratio=4, min_width=12, overflow="fold")
    table.add_column("Victims", ratio=5, min_width=11, overflow="fold")
    table.add_column("Killed", width=widths["Killed"], overflow="fold")
    table.add_column("Injured", width=widths["Injured"], overflow="fold")
    table.add_column("Grounding", width=widths["Grounding"], no_wrap=True)
    for index, casualty in group.rows:
        table.add_row(*_casualty_cells(index + 1, casualty, names))
    return table


def _casualty_issues(result: Result) -> list[Text]:
    """Issues go under the tables: in a cell they would wrap into a column one word wide."""
    lines = []
    for number, casualty in enumerate(result.casualties, start=1):
        if not casualty.verified:
            issues = "; ".join(casualty.issues)
            lines.append(Text(f"Row {number} {UNVERIFIED}: {issues}", style="bold red"))
    return [Text(""), *lines] if lines else []


def _casualty_cells(number: int, casualty: GroundedCasualty, names: dict[str, str]) -> list[Text]:
    return [
        Text(str(number)),
        Text(names.get(casualty.reported_by, casualty.reported_by)),
        Text(casualty.victims),
        Text(figure_label(casualty.killed), style="bold"),
        Text(figure_label(casualty.injured), style="bold"),
        _row_grounding(casualty),
    ]


def _row_grounding(casualty: GroundedCasualty) -> Text:
    if casualty.verified:
        return Text(span_label(casualty.span), style="green")
    return Text(f"{UNVERIFIED}\n{span_label(casualty.span)}", style="bold red")
