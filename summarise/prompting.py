"""Render the prompt files under prompts/ (``$name`` placeholders), and hash them into the prompt version
that provenance records."""

from __future__ import annotations

import hashlib
import string
from functools import cache
from pathlib import Path

from summarise.errors import ConfigurationError

__all__ = ["PROMPTS_DIR", "prompt_version", "render_template"]

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

