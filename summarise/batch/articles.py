"""Read one input file of a batch into an Article whose source is its path relative to the input folder,
so digests do not depend on where the folder was mounted or how it was named on the command line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from summarise.errors import InputError
from summarise.ingest import Article, article_from_text, read_article, read_bytes

__all__ = ["load_article"]


def load_article(input_dir: Path, relative: str, json_field: str | None = None) -> Article:
    """The article at ``input_dir / relative``; JSON files take their text from ``json_field`` when given.

    Raises InputError (source: the relative path) for unsupported, unreadable, empty or binary files."""
    path = input_dir / relative
    if json_field is not None and path.suffix.lower() == ".json":
        return _from_json_field(path, relative, json_field)
    try:
        article = read_article(path)
    except InputError as error:
        raise InputError(relative, error.problem) from error
    return replace(article, source=relative)


def _from_json_field(path: Path, relative: str, field: str) -> Article:
    raw = read_bytes(path, relative)
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise InputError(relative, f"invalid JSON: {error}") from error
    text = data.get(field) if isinstance(data, dict) else None
    if not isinstance(text, str):
        raise InputError(relative, f"JSON input must be an object with a text field {field!r}")
    title = data.get("title")
    return article_from_text(text, relative, title if isinstance(title, str) else None)
