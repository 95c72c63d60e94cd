"""Render a Result for people and machines. Each format is a pure function Result -> str."""

from __future__ import annotations

from collections.abc import Callable

from summarise.render.html import render_html
from summarise.render.json_format import render_json
from summarise.render.markdown import render_markdown
from summarise.render.text import render_text
from summarise.result import Result

__all__ = ["FORMATS", "render", "render_with_article"]

FORMATS: dict[str, Callable[[Result], str]] = {
    "json": render_json,
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
}


def render(result: Result, format_name: str) -> str:
    return FORMATS[format_name](result)


def render_with_article(result: Result, format_name: str, article_text: str | None) -> str:
    """Render like :func:`render`; the html format also shows ``article_text`` with every grounded quote
    highlighted. The other formats ignore the text: the offsets in their output already point into it."""
    if format_name == "html":
        return render_html(result, article_text)
    return render(result, format_name)
