"""Render the prompt files under prompts/ into chat messages. The system prompt comes first and the
article last, so llama.cpp can reuse the shared prefix across articles."""

from __future__ import annotations

import hashlib
import string
from functools import cache
from pathlib import Path

from summarise.errors import ConfigurationError
from summarise.ingest import Article

__all__ = ["PROMPTS_DIR", "prompt_version", "render_template", "build_messages"]

_PACKAGED = Path(__file__).parent / "_prompts"
PROMPTS_DIR = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).parent.parent / "prompts"


@cache
def _load(name: str) -> str:
    path = PROMPTS_DIR / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"prompt file {path} cannot be read: {error}") from error


def render_template(name: str, **variables: str) -> str:
    """Fill ``$name`` placeholders of a prompt file; a missing variable is an error, not a blank."""
    try:
        return string.Template(_load(name)).substitute(variables)
    except KeyError as error:
        raise ConfigurationError(f"prompt {name} needs variable {error.args[0]!r}, which was not given") from error


@cache
def prompt_version(*names: str) -> str:
    """A short hash of the prompt files' contents: it changes whenever a prompt changes."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + _load(name).encode())
    return digest.hexdigest()[:12]


def build_messages(article: Article) -> list[dict[str, str]]:
    """The single-call strategy's messages: system instructions first, then the article."""
    return [
        {"role": "system", "content": render_template("single_system.txt")},
        {"role": "user", "content": render_template("single_user.txt", article=article.text)},
    ]
