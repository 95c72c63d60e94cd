"""The human-facing formats (text, markdown, html), checked on one small hand-made Result."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

import summarise.render as render_package
from summarise.locate import MatchStatus
from summarise.render import FORMATS, render, render_with_article
from summarise.render.highlight import Highlight, highlight_article
from summarise.render.html import render_html
from summarise.render.labels import event_heading, figure_label, rows_by_event
from summarise.render.markdown import render_markdown
from summarise.render.text import render_text
from summarise.result import (
    ArticleInfo,
    CasualtyFigure,
    Event,
    GroundedCasualty,
    GroundedClaim,
    Provenance,
    Result,
    Span,
)
from summarise.schema import Party, PartyKind, Qualifier
from tests.commonmark import STRUCTURE_TAGS, render_commonmark

HAND_MADE_ARTICLE = (
    "Officials said seven people were killed in Saravan. "
    '"A number of terrorists were killed," the army said. '
    "The strike killed between 10 and 15 villagers and about 50 were hurt. "
    'A witness shouted "<script>alert(1)</script> | run" at the crowd.'
)
NOT_FOUND = Span(start=None, end=None, status=MatchStatus.NOT_FOUND, score=0.0)


def _found(quote: str) -> Span:
    start = HAND_MADE_ARTICLE.index(quote)
    return Span(start=start, end=start + len(quote), status=MatchStatus.EXACT, score=100.0)


def _figure(text: str, qualifier: Qualifier, best: int | None = None, low: int | None = None,
            high: int | None = None) -> CasualtyFigure:
    return CasualtyFigure(text=text, qualifier=qualifier, best=best, low=low, high=high, supported=True)


def _claim(party_id: str, speaker: str, quote: str, span: Span) -> GroundedClaim:
    return GroundedClaim(party_id=party_id, speaker=speaker, quote=quote, paraphrase=f"{speaker} paraphrased.",
                         span=span, verified=span.status is not MatchStatus.NOT_FOUND)


def _casualty(event_id: str, victims: str, reported_by: str, quote: str, span: Span, killed: CasualtyFigure | None,
              injured: CasualtyFigure | None = None, issues: tuple[str, ...] = ()) -> GroundedCasualty:
    return GroundedCasualty(event_id=event_id, perpetrator=None, victims=victims, reported_by=reported_by, quote=quote,
                            span=span, killed=killed, injured=injured, verified=not issues, issues=list(issues))


EVENTS = [
    Event(id="e1", what="blasts", where="Saravan, Iran", when="on Thursday", date=None, perpetrator="army",
          background=False),
    Event(id="e2", what="strike on the village", where="", when="", date=None, perpetrator="unknown",
          background=False),
    Event(id="e3", what="clash at the border", where="", when="in 2019", date="2019", perpetrator=None,
          background=True),
]
HEADINGS = ["blasts — Saravan, Iran — on Thursday — by The army", "strike on the village",
            "Background: clash at the border — in 2019"]


@pytest.fixture
def hand_made_result() -> Result:
    """Three parties, four claims (one unverified), three events (the last in the background), four casualty
    rows (one unverified; two sources for the first event); spans overlap."""
    claims = [
        _claim("army", "Army spokesperson", "A number of terrorists were killed",
               _found("A number of terrorists were killed")),
        _claim("officials", "Regional officials", "seven people were killed in Saravan",
               _found("seven people were killed in Saravan")),
        _claim("witness", "A witness", "<script>alert(1)</script> | run", _found("<script>alert(1)</script> | run")),
        _claim("witness", "A witness", "nobody was hurt", NOT_FOUND),
    ]
    range_quote = "killed between 10 and 15 villagers and about 50 were hurt"
    casualties = [
        _casualty("e1", "people", "officials", "Officials said seven people were killed",
                  _found("Officials said seven people were killed"), _figure("seven", Qualifier.EXACT, 7, 7, 7)),
        _casualty("e1", "terrorists", "army", "A number of terrorists were killed",
                  _found("A number of terrorists were killed"), _figure("A number of", Qualifier.VAGUE)),
        _casualty("e2", "villagers | farmers", "article", range_quote, _found(range_quote),
                  _figure("between 10 and 15", Qualifier.RANGE, low=10, high=15),
                  _figure("about 50", Qualifier.ABOUT, best=50)),
        _casualty("e3", "soldiers", "army", "at least 3 soldiers died", NOT_FOUND,
                  _figure("at least 3", Qualifier.AT_LEAST, low=3), issues=("quote not found in the article",)),
    ]
    return Result(
        article=ArticleInfo(id="0123456789abcdef", source="hand-made.txt", title="Hand-made test article",
                            chars=len(HAND_MADE_ARTICLE)),
        summary="Officials report seven dead; the army reports terrorists killed.",
        parties=[
            Party(id="army", name="The army", kind=PartyKind.MILITARY, side="Pakistan"),
            Party(id="officials", name="Regional officials", kind=PartyKind.OFFICIAL, side="Iran"),
            Party(id="witness", name="Witnesses", kind=PartyKind.WITNESS),
        ],
        claims=claims,
        events=EVENTS,
        casualties=casualties,
        unverified=2,
        provenance=Provenance(backend="replay", model="tiny.gguf", prompt_version="1", schema_version="1",
                              attempts=2, prompt_tokens=1234, completion_tokens=56, seconds=3.21),
    )


# Every format


STRICT_LINE = "All claims and casualty rows shown are grounded; --strict dropped 2 that failed grounding."


def strict_result(result: Result) -> Result:
    """The hand-made result as --strict leaves it: the two unverified items dropped."""
    return result.model_copy(update={
        "claims": [claim for claim in result.claims if claim.verified],
        "casualties": [row for row in result.casualties if row.verified], "unverified": 0, "dropped": 2})


def test_text_says_how_many_strict_dropped(hand_made_result: Result) -> None:
    assert render_text(strict_result(hand_made_result)).splitlines()[2] == STRICT_LINE


def test_markdown_says_how_many_strict_dropped(hand_made_result: Result) -> None:
    assert f"\n> {STRICT_LINE}\n" in render_markdown(strict_result(hand_made_result))


def test_html_says_how_many_strict_dropped(hand_made_result: Result) -> None:
    assert f'<p class="status status-good">{STRICT_LINE}</p>' in render_html(strict_result(hand_made_result))


def test_json_has_the_dropped_count(hand_made_result: Result) -> None:
    assert json.loads(render(strict_result(hand_made_result), "json"))["dropped"] == 2


def test_json_keeps_events_and_rows_in_the_digest_order(hand_made_result: Result) -> None:
    digest = json.loads(render(hand_made_result, "json"))
    assert [event["id"] for event in digest["events"]] == ["e1", "e2", "e3"]
    assert [row["event_id"] for row in digest["casualties"]] == ["e1", "e1", "e2", "e3"]


# Events


@pytest.mark.parametrize(
    ("event", "heading"),
    [
        (EVENTS[0], "blasts — Saravan, Iran — on Thursday — by The army"),
        (EVENTS[1], "strike on the village"),
        (EVENTS[2], "Background: clash at the border — in 2019"),
        (EVENTS[0].model_copy(update={"what": "", "when": "", "perpetrator": "gunmen"}), "Saravan, Iran — by gunmen"),
        (EVENTS[0].model_copy(update={"what": " ", "where": "", "when": "", "perpetrator": "unknown"}), "Incident e1"),
        (EVENTS[2].model_copy(update={"what": "", "when": ""}), "Background: Incident e3"),
    ],
)
def test_event_heading_names_what_where_when_and_a_known_perpetrator(event: Event, heading: str) -> None:
    names = {"army": "The army"}
    assert event_heading(event, names) == heading


def test_rows_by_event_puts_main_events_first_then_unlisted_ids_then_background(hand_made_result: Result) -> None:
    rows = hand_made_result.casualties
    shuffled = hand_made_result.model_copy(update={
        "events": [EVENTS[2], EVENTS[0], EVENTS[1]],
        "casualties": [rows[3], rows[0], rows[2].model_copy(update={"event_id": "e7"}), rows[1]]})
    groups = rows_by_event(shuffled)
    assert [(group.heading, [index for index, _ in group.rows]) for group in groups] == [
        (HEADINGS[0], [1, 3]), ("Unlisted incident e7", [2]), (HEADINGS[2], [0])]
    assert [group.background for group in groups] == [False, False, True]


def test_rows_by_event_leaves_out_events_without_rows(hand_made_result: Result) -> None:
    result = hand_made_result.model_copy(update={"casualties": hand_made_result.casualties[:2]})
    assert [group.heading for group in rows_by_event(result)] == [HEADINGS[0]]


# Figures


@pytest.mark.parametrize(
    ("figure", "label"),
    [
        (_figure("seven", Qualifier.EXACT, 7, 7, 7), "7"),
        (_figure("at least 7", Qualifier.AT_LEAST, low=7), "≥7"),
        (_figure("more than 20", Qualifier.MORE_THAN, low=20), ">20"),
        (_figure("up to 12", Qualifier.AT_MOST, high=12), "≤12"),
        (_figure("10 to 15", Qualifier.RANGE, low=10, high=15), "10–15"),
        (_figure("about 50", Qualifier.ABOUT, best=50), "~50"),
        (_figure("1,269", Qualifier.EXACT, 1269, 1269, 1269), "1,269"),
        (_figure("a number of", Qualifier.VAGUE), "“a number of”"),
        (_figure("dozens", Qualifier.AT_LEAST), "“dozens”"),
        (None, "—"),
    ],
)
def test_figure_label_reads_each_qualifier(figure: CasualtyFigure | None, label: str) -> None:
    assert figure_label(figure) == label


# Text


def test_registered_text_format_is_plain_and_deterministic(hand_made_result: Result) -> None:
    first = FORMATS["text"](hand_made_result)
    assert first == FORMATS["text"](hand_made_result)
    assert "\x1b" not in first


def test_text_has_colour_only_when_asked(hand_made_result: Result) -> None:
    assert "\x1b[" in render_text(hand_made_result, color=True)


def test_text_opens_with_title_source_and_id(hand_made_result: Result) -> None:
    lines = render_text(hand_made_result).splitlines()
    assert lines[:2] == ["Hand-made test article", "hand-made.txt · id 0123456789abcdef · 240 characters"]


def test_text_shows_claim_grounding_with_offsets(hand_made_result: Result) -> None:
    text = render_text(hand_made_result)
    assert "  Regional officials: “seven people were killed in Saravan”\n" in text
    assert "    [exact 15-50]\n" in text


def test_text_flags_unverified_claims_and_rows_with_their_issues(hand_made_result: Result) -> None:
    text = render_text(hand_made_result)
    assert "UNVERIFIED: 2 claim(s) or casualty row(s) failed grounding." in text
    assert "    [not found] UNVERIFIED: quote not found in the article\n" in text
    assert "Row 4 UNVERIFIED: quote not found in the article\n" in text


def test_a_claim_whose_quote_changes_the_article_shows_how(hand_made_result: Result) -> None:
    issue = "the quote has 'seventy' where the article has 'seven'"
    changed = hand_made_result.claims[1].model_copy(update={"verified": False, "issues": [issue]})
    text = render_text(hand_made_result.model_copy(update={"claims": [changed]}))
    assert f"    [exact 15-50] UNVERIFIED: {issue}\n" in text


def test_text_casualty_table_shows_figures(hand_made_result: Result) -> None:
    row = next(line for line in render_text(hand_made_result).splitlines() if line.startswith("3 "))
    assert re.split(r"\s{2,}", row) == ["3", "the article", "villagers | farmers", "10–15", "~50", "exact 116-173"]


def _text_casualties(text: str) -> list[str]:
    """The lines of the casualty section that are no table row, rule or header: the event headings."""
    section = text[text.index("Casualties ─"):text.index("backend ")].splitlines()[1:]
    return [line for line in section if line and not re.match(r"\d|#|─|\s|Row \d", line)]


def test_text_groups_casualty_rows_under_event_headings_background_last(hand_made_result: Result) -> None:
    assert _text_casualties(render_text(hand_made_result)) == HEADINGS


def test_text_puts_the_sources_of_one_event_next_to_each_other(hand_made_result: Result) -> None:
    text = render_text(hand_made_result)
    first_event = text[text.index(HEADINGS[0]):text.index(HEADINGS[1])]
    rows = [re.split(r"\s{2,}", line)[:2] for line in first_event.splitlines() if re.match(r"\d ", line)]
    assert rows == [["1", "Regional officials"], ["2", "The army"]]


def test_text_shows_a_row_whose_event_is_not_listed_under_a_fallback_heading(hand_made_result: Result) -> None:
    stray = hand_made_result.casualties[2].model_copy(update={"event_id": "e9"})
    result = hand_made_result.model_copy(update={"casualties": [*hand_made_result.casualties[:2], stray,
                                                                hand_made_result.casualties[3]]})
    text = render_text(result)
    assert _text_casualties(text) == [HEADINGS[0], "Unlisted incident e9", HEADINGS[2]]
    assert re.search(r"^3 +the article +villagers \| farmers", text, flags=re.MULTILINE)


def test_text_leaves_out_an_empty_paraphrase(hand_made_result: Result) -> None:
    claim = hand_made_result.claims[1].model_copy(update={"paraphrase": ""})
    text = render_text(hand_made_result.model_copy(update={"claims": [claim]}))
    assert "  Regional officials: “seven people were killed in Saravan”\n    [exact 15-50]\n" in text


def test_text_ends_with_provenance(hand_made_result: Result) -> None:
    words = " ".join(render_text(hand_made_result).split())
    assert words.endswith(
        "backend replay · model tiny.gguf · strategy passes · prompt v1 · schema v1 · 2 attempts · "
        "tokens 1,234 in, 56 out · 3.2 s"
    )


def test_text_groups_claims_under_parties_in_parties_order(hand_made_result: Result) -> None:
    text = render_text(hand_made_result)
    claims = text[text.index("Claims ─"):text.index("Casualties ─")]
    headings = [line for line in claims.splitlines() if line and not line.startswith(" ")]
    assert headings[1:] == ["The army", "Regional officials", "Witnesses"]


# Markdown


def _markdown_cells(markdown: str, first_cell: str) -> list[str]:
    """Cells of the table row starting with ``first_cell``, split on unescaped pipes."""
    row = next(line for line in markdown.splitlines() if line.startswith(f"| {first_cell} |"))
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_markdown_casualty_row_holds_every_column(hand_made_result: Result) -> None:
    cells = _markdown_cells(render_markdown(hand_made_result), "3")
    assert cells == ["3", "the article", r"villagers \| farmers", "10–15", "\\~50",
                     "killed: between 10 and 15; injured: about 50", "`exact 116-173`"]


def _markdown_event_headings(markdown: str) -> list[str]:
    return re.findall(r"^### (.+)$", markdown[markdown.index("## Casualties"):], flags=re.MULTILINE)


def test_markdown_puts_each_event_under_its_own_heading_background_last(hand_made_result: Result) -> None:
    assert _markdown_event_headings(render_markdown(hand_made_result)) == HEADINGS


def test_markdown_event_table_holds_the_rows_of_its_event_only(hand_made_result: Result) -> None:
    markdown = render_markdown(hand_made_result)
    first_event = markdown[markdown.index(f"### {HEADINGS[0]}"):markdown.index(f"### {HEADINGS[1]}")]
    assert re.findall(r"^\| (\d) \| ([^|]+) \|", first_event, flags=re.MULTILINE) == [
        ("1", "Regional officials"), ("2", "The army")]


def test_markdown_shows_a_row_whose_event_is_not_listed(hand_made_result: Result) -> None:
    stray = hand_made_result.casualties[3].model_copy(update={"event_id": "e9"})
    result = hand_made_result.model_copy(update={"casualties": [*hand_made_result.casualties[:3], stray]})
    markdown = render_markdown(result)
    assert _markdown_event_headings(markdown) == HEADINGS[:2] + ["Unlisted incident e9"]
    assert _markdown_cells(markdown, "4")[:2] == ["4", "The army"]


def test_markdown_leaves_out_an_empty_paraphrase(hand_made_result: Result) -> None:
    claim = hand_made_result.claims[1].model_copy(update={"paraphrase": ""})
    markdown = render_markdown(hand_made_result.model_copy(update={"claims": [claim]}))
    assert "- **Regional officials:** “seven people were killed in Saravan”  \n  `exact 15-50`\n" in markdown


def test_markdown_vague_figure_shows_its_words_and_no_number(hand_made_result: Result) -> None:
    cells = _markdown_cells(render_markdown(hand_made_result), "2")
    assert cells[3] == "“A number of”"


def test_markdown_unverified_row_shows_marker_and_issues(hand_made_result: Result) -> None:
    cells = _markdown_cells(render_markdown(hand_made_result), "4")
    assert cells[3] == "≥3"
    assert cells[6] == "**⚠ UNVERIFIED** `not found`: quote not found in the article"


def test_markdown_escapes_pipes_and_markup_in_text(hand_made_result: Result) -> None:
    markdown = render_markdown(hand_made_result)
    assert r"“&lt;script&gt;alert(1)&lt;/script&gt; \| run”" in markdown


HOSTILE = {
    "source": "<img src=x onerror=alert(9)>.txt",
    "title": "<script>alert('title')</script>",
    "summary": "<iframe src=https://evil.example></iframe> AT&amp;T",
    "party_name": "<b onmouseover=alert(3)>The army</b>",
    "speaker": "<img src=y onerror=alert(4)>",
    "paraphrase": "</td><script>alert(5)</script>",
    "event": "<svg onload=alert(6)>",
    "issue": "<a href=javascript:alert(7)>fix</a>",
}


def hostile_result(result: Result) -> Result:
    """The hand-made result with HTML in every field that comes from a file name or the model."""
    article = result.article.model_copy(update={"source": HOSTILE["source"], "title": HOSTILE["title"]})
    parties = [result.parties[0].model_copy(update={"name": HOSTILE["party_name"]}), *result.parties[1:]]
    claims = [result.claims[0].model_copy(update={"speaker": HOSTILE["speaker"], "paraphrase": HOSTILE["paraphrase"]}),
              *result.claims[1:]]
    casualties = [*result.casualties[:3], result.casualties[3].model_copy(update={"issues": [HOSTILE["issue"]]})]
    events = [*result.events[:2], result.events[2].model_copy(update={"what": HOSTILE["event"]})]
    return result.model_copy(update={"article": article, "summary": HOSTILE["summary"], "parties": parties,
                                     "claims": claims, "events": events, "casualties": casualties})


def test_markdown_shows_html_in_untrusted_fields_as_text_never_as_elements(hand_made_result: Result) -> None:
    page = render_commonmark(render_markdown(hostile_result(hand_made_result)))
    assert set(page.tags) <= STRUCTURE_TAGS
    assert [value for value in HOSTILE.values() if value not in page.text] == []


def test_markdown_party_id_cannot_leave_its_code_span(hand_made_result: Result) -> None:
    party = hand_made_result.parties[0].model_copy(update={"id": "army`<script>alert(1)</script>`|x"})
    result = hand_made_result.model_copy(update={"parties": [party, *hand_made_result.parties[1:]]})
    page = render_commonmark(render_markdown(result))
    assert "script" not in page.tags
    assert "army`<script>alert(1)</script>`|x" in page.text


def test_markdown_fields_that_start_like_blocks_stay_text(hand_made_result: Result) -> None:
    claims = [hand_made_result.claims[0].model_copy(update={"paraphrase": "==="}),
              hand_made_result.claims[1].model_copy(update={"paraphrase": "- injected item"}),
              *hand_made_result.claims[2:]]
    article = hand_made_result.article.model_copy(update={"source": "-"})
    result = hand_made_result.model_copy(update={"summary": "1. first", "claims": claims, "article": article})
    page = render_commonmark(render_markdown(result))
    assert page.tags.count("h1") == 1 and "ol" not in page.tags
    assert page.tags.count("li") == len(claims)
    assert "1. first" in page.text and "- injected item" in page.text and "===" in page.text


def test_markdown_claims_sit_under_a_heading_per_party_in_parties_order(hand_made_result: Result) -> None:
    markdown = render_markdown(hand_made_result)
    claims = markdown[markdown.index("## Claims"):markdown.index("## Casualties")]
    assert re.findall(r"^### (.+)$", claims, flags=re.MULTILINE) == ["The army", "Regional officials", "Witnesses"]
    witnesses = markdown[markdown.index("### Witnesses"):markdown.index("## Casualties")]
    assert witnesses.count("- **A witness:**") == 2


# HTML


class _Segments(HTMLParser):
    """Collects the text of each highlight segment with the keys of the items it marks."""

    def __init__(self) -> None:
        super().__init__()
        self.segments: list[tuple[str, str]] = []
        self._items: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and "hl" in (values.get("class") or "").split():
            self._items = values.get("data-items") or ""
            self.segments.append(("", self._items))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._items = None

    def handle_data(self, data: str) -> None:
        if self._items is not None:
            text, items = self.segments[-1]
            self.segments[-1] = (text + data, items)


def _segments(page: str) -> list[tuple[str, str]]:
    parser = _Segments()
    parser.feed(page)
    return parser.segments


def _highlighted(page: str) -> dict[str, str]:
    """The highlighted text of each item, joined across its segments."""
    texts: dict[str, str] = {}
    for text, items in _segments(page):
        for key in items.split():
            texts[key] = texts.get(key, "") + text
    return texts


def test_html_highlights_each_found_quote_at_its_offsets(hand_made_result: Result) -> None:
    assert _highlighted(render_html(hand_made_result, HAND_MADE_ARTICLE)) == {
        "casualty-0": "Officials said seven people were killed",
        "claim-1": "seven people were killed in Saravan",
        "claim-0": "A number of terrorists were killed",
        "casualty-1": "A number of terrorists were killed",
        "casualty-2": "killed between 10 and 15 villagers and about 50 were hurt",
        "claim-2": "<script>alert(1)</script> | run",
    }


def test_html_splits_overlapping_spans_into_flat_segments(hand_made_result: Result) -> None:
    assert _segments(render_html(hand_made_result, HAND_MADE_ARTICLE))[:4] == [
        ("Officials said ", "casualty-0"),
        ("seven people were killed", "claim-1 casualty-0"),
        (" in Saravan", "claim-1"),
        ("A number of terrorists were killed", "claim-0 casualty-1"),
    ]


def test_html_overlap_of_claim_and_casualty_has_its_own_colour(hand_made_result: Result) -> None:
    page = render_html(hand_made_result, HAND_MADE_ARTICLE)
    assert '<a class="hl hl-both" href="#claim-1" data-items="claim-1 casualty-0"' in page


def test_html_links_table_rows_and_highlights_both_ways(hand_made_result: Result) -> None:
    page = render_html(hand_made_result, HAND_MADE_ARTICLE)
    assert '<tr id="claim-1"><td class="speaker">Regional officials</td>' in page
    assert '<a class="badge badge-exact" href="#hl-claim-1">exact 15-50</a>' in page
    assert '<span class="anchor" id="hl-claim-1"></span><a class="hl hl-both" href="#claim-1"' in page


def test_html_escapes_markup_in_quotes(hand_made_result: Result) -> None:
    page = render_html(hand_made_result, HAND_MADE_ARTICLE)
    assert "<script" not in page
    assert "<q>&lt;script&gt;alert(1)&lt;/script&gt; | run</q>" in page


def test_html_escapes_markup_in_event_headings(hand_made_result: Result) -> None:
    page = render_html(hostile_result(hand_made_result), HAND_MADE_ARTICLE)
    assert "<svg" not in page and "<iframe" not in page and "<b " not in page
    assert "&lt;svg onload=alert(6)&gt;" in page


def _html_event_headings(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr class="(event[^"]*)"><th colspan="7">(.+?)</th></tr>', page)


def test_html_casualty_table_has_a_heading_row_per_event_background_last_and_marked(
        hand_made_result: Result) -> None:
    assert _html_event_headings(render_html(hand_made_result)) == [
        ("event", HEADINGS[0]), ("event", HEADINGS[1]), ("event background", HEADINGS[2])]


def test_html_event_body_holds_its_rows_in_order(hand_made_result: Result) -> None:
    page = render_html(hand_made_result)
    first_event = page[page.index(HEADINGS[0]):page.index(HEADINGS[1])]
    assert re.findall(r'<tr id="(casualty-\d)"', first_event) == ["casualty-0", "casualty-1"]
    assert ('<tr id="casualty-0"><td class="number">1</td><td>Regional officials<div class="quote"><q>Officials '
            "said seven people were killed</q></div></td><td>people</td>") in first_event


def test_html_shows_a_row_whose_event_is_not_listed(hand_made_result: Result) -> None:
    stray = hand_made_result.casualties[0].model_copy(update={"event_id": "e9"})
    page = render_html(hand_made_result.model_copy(update={"casualties": [stray, *hand_made_result.casualties[1:]]}))
    assert [heading for _, heading in _html_event_headings(page)] == [*HEADINGS[:2], "Unlisted incident e9",
                                                                        HEADINGS[2]]
    assert page.count('<tr id="casualty-') == 4


def test_html_leaves_out_an_empty_paraphrase(hand_made_result: Result) -> None:
    claim = hand_made_result.claims[1].model_copy(update={"paraphrase": ""})
    page = render_html(hand_made_result.model_copy(update={"claims": [claim]}))
    assert "<td><q>seven people were killed in Saravan</q></td>" in page
    assert 'class="paraphrase"' not in page


def test_html_page_is_self_contained(hand_made_result: Result) -> None:
    page = render_html(hand_made_result, HAND_MADE_ARTICLE)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://|<link|<script|src=|@import", page)


def test_html_flags_unverified_rows_with_a_badge_and_issues(hand_made_result: Result) -> None:
    page = render_html(hand_made_result, HAND_MADE_ARTICLE)
    row = page[page.index('<tr id="casualty-3"'):]
    row = row[:row.index("</tr>")]
    assert row.startswith('<tr id="casualty-3" class="unverified">')
    assert '<span class="badge badge-unverified">UNVERIFIED</span>' in row
    assert "<li>quote not found in the article</li>" in row


def test_html_claims_are_grouped_by_party_in_parties_order(hand_made_result: Result) -> None:
    page = render_html(hand_made_result, HAND_MADE_ARTICLE)
    assert re.findall(r'<h3 class="party">(.+?)</h3>', page) == ["The army", "Regional officials", "Witnesses"]


def test_registered_html_format_has_no_article_and_no_highlights(hand_made_result: Result) -> None:
    page = FORMATS["html"](hand_made_result)
    assert _segments(page) == []
    assert 'href="#hl-' not in page
    assert "The article text is not included in this page." in page


def test_html_warns_when_the_text_is_not_the_one_the_offsets_refer_to(hand_made_result: Result) -> None:
    page = render_html(hand_made_result, HAND_MADE_ARTICLE + " More.")
    assert "This text has 246 characters but the digest was made from 240" in page


def test_highlights_beyond_the_text_are_clipped() -> None:
    page = highlight_article("abc", [Highlight("claim-0", "claim", 1, 10, "label")])
    assert page == ('a<span class="anchor" id="hl-claim-0"></span><a class="hl hl-claim" href="#claim-0" '
                    'data-items="claim-0" title="label">bc</a>')


# Choosing a format


def test_render_with_article_highlights_only_in_html(hand_made_result: Result) -> None:
    assert _segments(render_with_article(hand_made_result, "html", HAND_MADE_ARTICLE)) != []
    for name in ("text", "markdown", "json"):
        assert render_with_article(hand_made_result, name, HAND_MADE_ARTICLE) == render(hand_made_result, name)


def test_every_name_in_all_exists() -> None:
    assert sorted(FORMATS) == ["html", "json", "markdown", "text"]
    assert all(hasattr(render_package, name) for name in render_package.__all__)

