"""Ingest: what the model reads is the article's text, repaired where it was decoded with the wrong codec."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.errors import InputError
from summarise.ingest import article_from_text, read_article


def test_mojibake_is_repaired_and_nothing_else_changes() -> None:
    article = article_from_text("President FranÃ§ois Hollande said: â€œtwo persons have been killedâ€\x9d.")
    assert article.text == "President François Hollande said: “two persons have been killed”."
    kept = "He said “seven” were ‘killed’ — ﬁne, ＡＢ."
    assert article_from_text(kept).text == kept


def test_an_empty_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt"):
        read_article(empty)


def test_a_saved_html_page_gives_its_article_text_and_title(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Blast in a market town</title></head><body><nav>Home | World</nav><article>"
        "<p>Police said five people were killed in the blast on Monday in the market town.</p>"
        "<p>Witnesses described a loud explosion shortly before noon near the bus station.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    first_line = article.text.splitlines()[0]
    assert first_line == "Police said five people were killed in the blast on Monday in the market town."
    assert article.title == "Blast in a market town"
