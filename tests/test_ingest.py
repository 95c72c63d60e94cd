"""Ingest: what the model reads is the article's text, repaired where it was decoded with the wrong codec."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from summarise.errors import InputError
from summarise.ingest import MAX_BYTES, article_from_text, read_article, read_stream

TEXT = "Police said “seven” people were killed in Kyiv — Київ.\n"


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


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path: Path, encoding: str) -> None:
    marks = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
             "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    path = tmp_path / "article.txt"
    path.write_bytes(marks.get(encoding, b"") + TEXT.encode(encoding))
    assert read_article(path).text == TEXT.strip()


@pytest.mark.parametrize("encoding", ["UTF-16LE", "UTF-16BE"])
def test_utf16_without_a_byte_order_mark_is_refused_saying_what_it_is(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode(encoding))
    with pytest.raises(InputError) as raised:
        read_article(path)
    assert raised.value.problem == (f"looks like {encoding} text without a byte-order mark; save it as UTF-8, or "
                                    "as UTF-16 with a byte-order mark")


@pytest.mark.parametrize("raw", [b"ab\x00\x01cd", b"\x7fELF\x02\x01\x01\x00\x00\x00", b"PK\x03\x04\x14\x00\x00\x00"])
def test_binary_content_is_refused_as_binary(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError) as raised:
        read_article(path)
    assert raised.value.problem == "looks like a binary file (NUL bytes), not an article"


def test_a_byte_order_mark_before_bytes_that_do_not_decode_says_so(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8")  # an unpaired surrogate
    with pytest.raises(InputError) as raised:
        read_article(path)
    assert raised.value.problem == "starts with a UTF-16 byte-order mark but is not UTF-16 text"


def test_standard_input_is_read_like_a_text_file() -> None:
    article = read_stream(io.BytesIO(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")))
    assert (article.text, article.source) == (TEXT.strip(), "-")


@pytest.mark.parametrize(("raw", "problem"), [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "looks like a binary file (NUL bytes), not an article"),
    (b"caf\x81 \x8d\x90", "cannot be decoded as UTF-8 or Windows-1252 text"),
    (b"a" * (MAX_BYTES + 1), f"more than {MAX_BYTES} bytes, over the limit for one article"),
    (b" \n\n", "the article is empty"),
])
def test_standard_input_gets_the_checks_a_file_gets(raw: bytes, problem: str) -> None:
    with pytest.raises(InputError) as raised:
        read_stream(io.BytesIO(raw))
    assert raised.value.source == "-" and raised.value.problem.startswith(problem)
