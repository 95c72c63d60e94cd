"""Option sets shared by the commands, as decorators."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from summarise.errors import OutputError, SummariseError
from summarise.retrying import RetryPolicy
from summarise.settings import DEFAULT_TIMEOUT, MODES, Settings, settings_from_env
from summarise.store import check_writable
from summarise.strategy import DEFAULT_BY_BACKEND, STRATEGIES
from summarise.structured import choose_structure

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_USAGE = 2
EXIT_ERROR = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells and ``summarise batch`` report it


def _strategy_help() -> str:
    choices = "; ".join(f"{name}: {strategy.description}" for name, strategy in STRATEGIES.items())
    embedded, server = DEFAULT_BY_BACKEND["embedded"], DEFAULT_BY_BACKEND["server"]
    if embedded == server:
        return f"{choices} [default: {embedded}]."
    return f"{choices} [default: {embedded} embedded, {server} on a server]."


_MODE_HELP = (
    "How the model is held to the response schema; pick the form your server honours. json_schema: vLLM, "
    "llama.cpp's llama-server, Ollama (and the embedded model); json_schema_strict: OpenAI; "
    "json_object_schema: llama-cpp-python's server (python -m llama_cpp.server); tools: a forced tool call; "
    "json: a JSON object, the schema in the prompt only. [default: json_schema embedded; on a server, the "
    "form its GET /models says it honours, else tools; with --fixtures, tools.] A form the server is known "
    "to ignore is warned about on standard error."
)


def model_options(command: F) -> F:
    """--model, --base-url, --model-path, --mode, --strategy, --fixtures, --fixtures-dir, --max-tokens,
    --timeout."""
    decorators = [
        click.option("--model", help="Model name on the server (with --base-url or OPENAI_API_KEY)."),
        click.option("--base-url", help="OpenAI-compatible server, e.g. http://localhost:8000/v1 "
                     "[env: OPENAI_BASE_URL]. Without it (and without OPENAI_API_KEY) the embedded model runs."),
        click.option("--model-path", type=click.Path(dir_okay=False, path_type=Path),
                     help="A GGUF file for the embedded model instead of the default."),
        click.option("--mode", type=click.Choice(MODES), help=_MODE_HELP),
        click.option("--fixtures", type=click.Choice(["off", "record", "replay", "auto"]),
                     help="Recorded responses: off, record, replay (no model calls), auto [env: SUMMARISE_FIXTURES]."),
        click.option("--fixtures-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Where fixture files live [env: SUMMARISE_FIXTURES_DIR; default: ./fixtures]."),
        click.option("--strategy", type=click.Choice(list(STRATEGIES)), help=_strategy_help()),
        click.option("--max-tokens", type=int, help="Most tokens the model may generate per call [default: 2048]."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
                     help=f"Seconds to wait for one answer from a server [default: {DEFAULT_TIMEOUT:g}]. Retries of "
                     f"a request (timeouts, 429, 5xx) stop after {RetryPolicy().budget_seconds:g} s in all, or "
                     "after SECONDS when that is longer."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def settings_from_options(**options: Any) -> Settings:
    """Settings from the model_options values; a bad combination becomes a usage error. On a server the
    mode is the one it honours (asked once, summarise.structured), and a mode it ignores is warned about."""
    try:
        settings = settings_from_env(**options)
        choice = choose_structure(settings)
    except SummariseError as error:
        raise click.UsageError(str(error)) from error
    if choice.warning:
        click.echo(choice.warning, err=True)
    if settings.backend != "server":
        return settings
    return replace(settings, mode=choice.mode, constrained=choice.constrained)


def writable_output(context: click.Context, parameter: click.Parameter, path: Path | None) -> Path | None:
    """Click callback for an output file option: a path that cannot be written is a usage error at once,
    before any model is asked (the answer would be lost)."""
    if path is not None:
        try:
            check_writable(path)
        except OutputError as error:
            raise click.BadParameter(str(error), context, parameter) from error
    return path


def ctrl_c_exits_130(command: F) -> F:
    """Ctrl-C ends the command with "Interrupted." and exit code 130, as it ends a batch, instead of click's
    "Aborted!" and 1. Put it nearest the function, under the option decorators."""

    @functools.wraps(command)
    def interruptible(*arguments: Any, **options: Any) -> Any:
        try:
            return command(*arguments, **options)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return cast(F, interruptible)
