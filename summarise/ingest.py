"""Read an article from a file or a string into an :class:`Article`: plain text, Markdown, HTML or JSON.

The text an Article carries is exactly what the model reads; every offset in the output refers to it.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

import ftfy

from summarise.errors import InputError

__all__ = ["Article", "SUPPORTED_SUFFIXES", "JSON_TEXT_FIELDS", "article_from_text", "read_article", "read_bytes",
           "read_stream", "article_id"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json")
JSON_TEXT_FIELDS = ("text", "body", "content", "article")
MAX_BYTES = 5_000_000

_BLOCK_HEADERS = re.compile(
    r"^\s*(also read|read more|related stories|related articles|related|recommended|more from .{1,40}|"
    r"most read|trending( now)?|you may also like|more stories)\s*:?\s*$",
    re.IGNORECASE,
)
# Share buttons scraped into the first line of text: "Share this withEmailFacebook...Copy this linkThe ..."
_GLUED_SHARE = re.compile(
    r"^\s*Share this with(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|LinkedIn|Copy this link|\s)+"
)
_JUNK_LINES = re.compile(
    r"^\s*(advertisement|share( this( article)?)?|share on \w+|no stories found\.?|click here.*|"
    r"(stay connected|follow us|subscribe|listen to our podcast|sign up for).*)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Article:
    """One article: the text the model reads, where it came from, and its content-hash id."""

    text: str
    source: str
    title: str | None = None

    @cached_property
    def id(self) -> str:
        """The content hash, computed once (about 0.08 ms an article): a batch asks it when it decides whether
        to digest the article, for the digest and for the manifest."""
        return article_id(self.text)


def article_id(text: str) -> str:
    """16 hex digits of SHA-256 over the NFC-normalised text with whitespace runs collapsed."""
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def strip_boilerplate(text: str) -> str:
    """Drop share/follow lines and "Also Read"/"Related Stories" blocks (header up to the next blank line)."""
    kept: list[str] = []
    in_block = False
    for line in text.split("\n"):
        if in_block:
            in_block = bool(line.strip())
            continue
        if _BLOCK_HEADERS.match(line):
            in_block = True
            continue
        if _JUNK_LINES.match(line):
            continue
        kept.append(_GLUED_SHARE.sub("", line).rstrip())
    cleaned = "\n".join(kept)
    return re.sub(r"\n{3,}", "\n\n", cleaned).strip()


# ftfy repairs mojibake ("â€œtwo" for "“two", "FranÃ§ois"), text decoded with the wrong codec somewhere
# upstream, and changes nothing else: quotes stay curly, ligatures and widths stay as written.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
                             fix_line_breaks=False, explain=False, normalization="NFC")


def article_from_text(text: str, source: str = "-", title: str | None = None) -> Article:
    """Clean ``text`` (line endings, mojibake, NFC, boilerplate) and wrap it as an Article."""
    text = ftfy.fix_text(text.replace("\r\n", "\n").replace("\r", "\n"), _FTFY)
    cleaned = strip_boilerplate(unicodedata.normalize("NFC", text))
    if not cleaned:
        raise InputError(source, "the article is empty (no text left after removing boilerplate)")
    return Article(text=cleaned, source=source, title=title)


# UTF-32's little-endian mark starts with UTF-16's, so it is looked for first.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                     (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
_BINARY = "looks like a binary file (NUL bytes), not an article"


def _decode_marked(raw: bytes, encoding: str, source: str) -> str:
    """Text that starts with a UTF-16 or UTF-32 byte-order mark (the codec reads the mark and drops it)."""
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(source, f"starts with a {encoding} byte-order mark but is not {encoding} text") from error
    if "\x00" in text[:8192]:
        raise InputError(source, _BINARY)
    return text


def _unmarked_utf16(sample: bytes) -> str | None:
    """The encoding, UTF-16LE or UTF-16BE, when ``sample`` (with NUL bytes) reads as UTF-16 text that lacks
    its byte-order mark: NUL bytes on one side of the byte pairs only (the high bytes of Latin letters, digits
    and spaces), and printable text when decoded that way. None for anything else."""
    sample = sample[: len(sample) // 2 * 2]
    for encoding, high, low in (("UTF-16LE", sample[1::2], sample[0::2]), ("UTF-16BE", sample[0::2], sample[1::2])):
        if 0 in high and 0 not in low:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding if all(char.isprintable() or char in "\n\r\t" for char in text) else None
    return None


def _decode(raw: bytes, source: str) -> str:
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return _decode_marked(raw, encoding, source)
    if b"\x00" in raw[:8192]:
        unmarked = _unmarked_utf16(raw[:8192])
        if unmarked is not None:
            raise InputError(source, f"looks like {unmarked} text without a byte-order mark; save it as UTF-8, or "
                                     "as UTF-16 with a byte-order mark")
        raise InputError(source, _BINARY)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(source, "cannot be decoded as UTF-8 or Windows-1252 text")


def _from_html(html: str, source: str) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text:
        raise InputError(source, "no article text found in the HTML page")
    return article_from_text(text, source, getattr(extracted, "title", None))


def _from_json(raw: str, source: str) -> Article:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(source, f"invalid JSON: {error}") from error
    if not isinstance(data, dict):
        raise InputError(source, "JSON input must be an object with a text field")
    for field in JSON_TEXT_FIELDS:
        if isinstance(data.get(field), str):
            title = data.get("title") if isinstance(data.get("title"), str) else None
            return article_from_text(data[field], source, title)
    raise InputError(source, f"JSON object has no text field (looked for {', '.join(JSON_TEXT_FIELDS)})")


def read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes; InputError naming ``source`` when it cannot be read or is too big for one article."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot read file: {error.strerror or error}") from error
    if len(raw) > MAX_BYTES:
        raise InputError(source, f"file is {len(raw)} bytes, over the {MAX_BYTES}-byte limit for one article")
    return raw


def read_stream(stream: BinaryIO, source: str = "-") -> Article:
    """Read one plain-text article from a byte stream (standard input) with the checks a file gets: size,
    binary content, byte-order marks and encodings. InputError names ``source``."""
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(source, f"more than {MAX_BYTES} bytes, over the limit for one article")
    return article_from_text(_decode(raw, source), source)


def read_article(path: str | Path) -> Article:
    """Read one article file; raise InputError naming the file and the problem."""
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(source, f"unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}")
    text = _decode(read_bytes(path, source), source)
    if suffix in (".html", ".htm"):
        return _from_html(text, source)
    if suffix == ".json":
        return _from_json(text, source)
    return article_from_text(text, source)
