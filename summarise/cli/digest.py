"""``summarise digest``: one article in, one digest out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from summarise.cli.options import (
    EXIT_ERROR,
    EXIT_USAGE,
    ctrl_c_exits_130,
    model_options,
    settings_from_options,
    writable_output,
)
from summarise.errors import InputError, SummariseError
from summarise.ingest import read_article, read_stream
from summarise.llm import connect
from summarise.pipeline import summarise_article
from summarise.render import FORMATS, render_with_article
from summarise.store import write_atomic


@click.command("digest")
@click.argument("article", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("-f", "--format", "format_name", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format [default: text on a terminal; with -o, from its suffix, else json].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), callback=writable_output,
              help="Write to this file (atomically) instead of standard output.")
@click.option("--strict", is_flag=True, help="Drop claims and casualty rows that fail grounding instead of flagging.")
@click.option("--retries", type=click.IntRange(0, 5), default=1, show_default=True,
              help="Re-asks when an answer fails the schema or grounding.")
@model_options
@ctrl_c_exits_130
def digest_command(article: Path, format_name: str | None, output: Path | None, strict: bool, retries: int,
                   **model: object) -> None:
    """Digest one ARTICLE (.txt, .md, .html, .json, or - for standard input).

    \b
    Examples:
      summarise digest seeds/000_4cf0f7c4e857d004.txt
      summarise seeds/000_4cf0f7c4e857d004.txt --format json -o digest.json
      cat article.txt | summarise - --format markdown
      summarise article.html --strict --format html -o digest.html
      summarise article.txt --base-url http://localhost:8000/v1 --model qwen2.5-7b-instruct
      summarise article.txt --base-url http://localhost:8000/v1 --model qwen --mode json_object_schema
      OPENAI_API_KEY=... summarise article.txt --model gpt-4o-mini
      summarise article.txt --fixtures replay       # recorded responses only, no model call

    On a server, --mode picks the structured-output form it honours (see --mode below); without it the
    server's GET /models answer picks one.

    Exit codes: 0 done, 2 usage, input or output error (an output that cannot be written is found before
    the model is asked), 3 the model or backend failed, 130 interrupted by Ctrl-C.
    """
    settings = settings_from_options(**model)
    format_name = format_name or _default_format(output)
    try:
        item = read_stream(sys.stdin.buffer) if str(article) == "-" else read_article(article)
    except InputError as error:
        raise click.BadParameter(str(error), param_hint="ARTICLE") from error
    try:
        with connect(settings) as connection:
            result = summarise_article(item, connection, strict=strict, max_retries=retries)
    except SummariseError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    text = render_with_article(result, format_name, item.text)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)
        dropped = f", {result.dropped} dropped" if strict else ""
        click.echo(f"wrote {output} ({result.unverified} unverified{dropped})", err=True)


def _write(output: Path, text: str) -> None:
    """Write the digest; when that fails after all, it goes to standard output: the model's work is paid for."""
    try:
        write_atomic(output, text)
    except OSError as error:
        click.echo(text, nl=False)
        click.echo(f"Error: cannot write {output}: {error.strerror or error}; the digest is on standard output",
                   err=True)
        sys.exit(EXIT_USAGE)


def _default_format(output: Path | None) -> str:
    by_suffix = {".json": "json", ".md": "markdown", ".html": "html", ".htm": "html", ".txt": "text"}
    if output is not None:
        choice = by_suffix.get(output.suffix.lower(), "json")
    else:
        choice = "text" if sys.stdout.isatty() else "json"
    return choice if choice in FORMATS else "json"
