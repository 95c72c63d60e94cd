"""JSON output: the Result exactly as its schema says, indented, with a trailing newline."""

from __future__ import annotations

from summarise.result import Result


def render_json(result: Result) -> str:
    return result.model_dump_json(indent=2) + "\n"
