"""What a CommonMark renderer makes of our Markdown: markdown-it-py with raw HTML allowed (as CommonMark
allows it) and GitHub's tables, the way a reader's viewer would show report.md or a digest."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

__all__ = ["STRUCTURE_TAGS", "Rendered", "render_commonmark"]

# The elements our Markdown itself makes: headings, paragraphs, lists, tables, emphasis, code, the rule.
STRUCTURE_TAGS = frozenset({"h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
                            "strong", "em", "code", "blockquote", "hr", "br"})

_RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass
class Rendered:
    """The elements of the rendered page, in order, and its text as a browser shows it."""

    tags: list[str] = field(default_factory=list)
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rendered = Rendered()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.rendered.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.rendered.text += data


def render_commonmark(markdown: str) -> Rendered:
    collector = _Collector()
    collector.feed(_RENDERER.render(markdown))
    collector.close()
    return collector.rendered
