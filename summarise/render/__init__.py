"""Render a Result for people and machines. Each format is a pure function Result -> str."""

from __future__ import annotations

from collections.abc import Callable

from summarise.render.json_format import render_json
from summarise.result import Result

__all__ = ["FORMATS", "render"]

FORMATS: dict[str, Callable[[Result], str]] = {
    "json": render_json,
}


def render(result: Result, format_name: str) -> str:
    return FORMATS[format_name](result)
