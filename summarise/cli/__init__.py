"""The ``summarise`` command line.

``summarise ARTICLE`` is short for ``summarise digest ARTICLE``; the other commands are listed by
``summarise --help``.
"""

from __future__ import annotations

import logging

import click

from summarise.cli.batch import batch_command
from summarise.cli.digest import digest_command
from summarise.cli.eval import eval_command
from summarise.cli.model import model_command
from summarise.cli.schema import schema_command

__all__ = ["main"]


class _DefaultToDigest(click.Group):
    """A group whose first argument, when it is not a command name, is an article for ``digest``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["digest", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToDigest, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="summarise")
def main() -> None:
    """Turn news articles into structured, grounded digests: a neutral summary, claims by party, and a
    casualty table whose every quote and number is checked against the article.

    \b
    Examples:
      summarise seeds/000_4cf0f7c4e857d004.txt
      summarise article.txt --format json -o digest.json
      cat article.txt | summarise - --format markdown
      summarise article.txt --base-url http://localhost:8000/v1 --model qwen2.5-7b-instruct
      summarise batch articles/ -o out/
      summarise eval ../shared/gold/dev --articles ../shared/corpus/articles
      summarise schema
      summarise model
    """
    # instructor logs every failed re-ask at ERROR; the result already records what failed.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


main.add_command(batch_command)
main.add_command(digest_command)
main.add_command(schema_command)
main.add_command(eval_command)
main.add_command(model_command)
