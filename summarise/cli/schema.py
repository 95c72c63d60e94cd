"""``summarise schema``: export the JSON Schemas of the model's response and of our output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from pydantic import BaseModel

from summarise.result import Result
from summarise.schema import Digest
from summarise.store import write_atomic

SCHEMAS: dict[str, type[BaseModel]] = {"digest.schema.json": Digest, "result.schema.json": Result}


def schema_texts() -> dict[str, str]:
    """File name -> JSON Schema text, as committed under schemas/."""
    return {name: json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
            for name, model in SCHEMAS.items()}


@click.command("schema")
@click.option("-d", "--directory", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="Where to write the schema files.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a file is missing or stale.")
def schema_command(directory: Path, check: bool) -> None:
    """Write the JSON Schemas generated from the Pydantic models: digest.schema.json (the digest a
    strategy assembles from the rules and the model's answers) and result.schema.json (what summarise
    writes).

    \b
    Examples:
      summarise schema
      summarise schema --check      # in CI: fail when schemas/ is stale
    """
    stale = []
    for name, text in schema_texts().items():
        path = directory / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(name)
        if not check:
            write_atomic(path, text)
            click.echo(f"wrote {path}")
    if check and stale:
        click.echo(f"stale: {', '.join(stale)}; run: summarise schema", err=True)
        sys.exit(1)
