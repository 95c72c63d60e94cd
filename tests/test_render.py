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
from summarise.render.labels import figure_label
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


def _casualty(event: str, victims: str, reported_by: str, quote: str, span: Span, killed: CasualtyFigure | None,
              injured: CasualtyFigure | None = None, issues: tuple[str, ...] = ()) -> GroundedCasualty:
    return GroundedCasualty(event_id="e1", perpetrator=None, victims=victims, reported_by=reported_by, quote=quote,
                            span=span, killed=killed, injured=injured, verified=not issues, issues=list(issues))


@pytest.fixture
def hand_made_result() -> Result:
    """Three parties, four claims (one unverified), four casualty rows (one unverified); spans overlap."""
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
        _casualty("Blasts in Saravan", "people", "officials", "Officials said seven people were killed",
                  _found("Officials said seven people were killed"), _figure("seven", Qualifier.EXACT, 7, 7, 7)),
        _casualty("Army operation", "terrorists", "army", "A number of terrorists were killed",
                  _found("A number of terrorists were killed"), _figure("A number of", Qualifier.VAGUE)),
        _casualty("Strike on the village", "villagers | farmers", "article", range_quote, _found(range_quote),
                  _figure("between 10 and 15", Qualifier.RANGE, low=10, high=15),
                  _figure("about 50", Qualifier.ABOUT, best=50)),
        _casualty("Clash at the border", "soldiers", "army", "at least 3 soldiers died", NOT_FOUND,
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
        events=[Event(id="e1", what="strike", where="", when="", date=None, perpetrator="unknown", background=False)],
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
    cells = re.split(r"\s{2,}", row)
    assert cells[0] == "3" and cells[1].startswith("Strike on the")
    assert cells[-3:-1] == ["10–15", "~50"] and "the article" in cells


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
    assert cells == ["3", "Strike on the village", r"villagers \| farmers", "the article", "10–15", "\\~50",
                     "killed: between 10 and 15; injured: about 50", "`exact 116-173`"]


def test_markdown_vague_figure_shows_its_words_and_no_number(hand_made_result: Result) -> None:
    cells = _markdown_cells(render_markdown(hand_made_result), "2")
    assert cells[4] == "“A number of”"
    assert not re.search(r"\d", cells[4])


def test_markdown_unverified_row_shows_marker_and_issues(hand_made_result: Result) -> None:
    cells = _markdown_cells(render_markdown(hand_made_result), "4")
    assert cells[4] == "≥3"
    assert cells[7] == "**⚠ UNVERIFIED** `not found`: quote not found in the article"


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
    casualties = [*result.casualties[:3],
                  result.casualties[3].model_copy(update={"event": HOSTILE["event"], "issues": [HOSTILE["issue"]]})]
    return result.model_copy(update={"article": article, "summary": HOSTILE["summary"], "parties": parties,
                                     "claims": claims, "casualties": casualties})


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
    assert re.findall(r"^### (.+)$", markdown, flags=re.MULTILINE) == ["The army", "Regional officials", "Witnesses"]
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
