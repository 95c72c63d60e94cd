"""``summarise batch``: a folder of articles in, a folder of digests and tables out, resumable."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from summarise.batch import BatchConfig, BatchSummary, driver_for, run_batch, summary_line
from summarise.batch.backends import runs_concurrently
from summarise.cli.options import (
    EXIT_ERROR,
    EXIT_FAILURES,
    EXIT_OK,
    EXIT_USAGE,
    model_options,
    settings_from_options,
)
from summarise.errors import ConfigurationError, OutputError, SummariseError

DEFAULT_JOBS = 4


def exit_code(summary: BatchSummary) -> int:
    """128 + the signal number when interrupted (130 SIGINT, 143 SIGTERM), 1 when an article has no
    digest or errors.jsonl lists another problem, else 0."""
    if summary.interrupted_by is not None:
        return 128 + summary.interrupted_by
    return EXIT_FAILURES if summary.totals.failed or summary.problems else EXIT_OK


@click.command("batch")
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "output_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (created if needed); rerunning with the same one resumes.")
@click.option("-j", "--jobs", type=click.IntRange(1, 1024), default=None,
              help=f"Requests in flight at once against a server [default: {DEFAULT_JOBS}]. "
                   "The embedded model always digests one article at a time.")
@click.option("--retry-failed", is_flag=True, help="Digest again the articles that failed in an earlier run.")
@click.option("--force", is_flag=True, help="Digest every article again, done or not.")
@click.option("--strict", is_flag=True, help="Drop claims and casualty rows that fail grounding instead of flagging.")
@click.option("--retries", type=click.IntRange(0, 5), default=1, show_default=True,
              help="Re-asks when an answer fails the schema or grounding.")
@click.option("--json-field", metavar="NAME",
              help="Take the text of .json articles from this field [default: text, body, content or article].")
@click.option("--ray", "ray_address", metavar="ADDRESS",
              help="Send the model calls to Ray tasks on this cluster (auto, ray://head:10001, or local); needs "
                   "--base-url and the ray extra: pip install 'summarise[ray]'.")
@model_options
def batch_command(input_dir: Path, output_dir: Path, jobs: int | None, retry_failed: bool, force: bool,
                  strict: bool, retries: int, json_field: str | None, ray_address: str | None,
                  **model: object) -> None:
    """Digest every article under INPUT_DIR (recursively: .txt, .md, .markdown, .html, .htm, .json) into the
    folder given by -o. Other files, and folders holding a manifest.jsonl (an earlier run's output), are
    skipped and counted in the last line; hidden files and folders are skipped. Writes:

    \b
      digests/NAME.json   one digest per article, named from its path
      digests.jsonl       every digest, one per line, in path order
      casualties.csv      one row per casualty figure and source, with its event, for spreadsheets
      events.csv          one row per event (incident): what, where, when, by whom, rows, sources
      claims.csv          one row per claim
      errors.jsonl        one line per problem: file (or folder), stage, error type, message
      report.md           counts, failures and the casualty table
      manifest.jsonl      what was done to each file, with which model, prompt and schema version

    Run it again to resume: articles already digested from the same text with the same model, prompt and
    schema version are skipped; changed ones are redone; failed ones only with --retry-failed (those whose
    digest could not be written, always). Ctrl-C (or SIGTERM) stops cleanly: finished digests are kept and
    every file stays whole. A digest that cannot be written never replaces an earlier one.

    \b
    Examples:
      summarise batch articles/ -o out/
      summarise batch articles/ -o out/ -j 8 --base-url http://gpu-box:8000/v1 --model qwen2.5-7b-instruct
      summarise batch articles/ -o out/                  # again: only what is missing is done
      summarise batch articles/ -o out/ --retry-failed   # also redo the failed ones
      summarise batch articles/ -o out/ --force          # redo everything
      summarise batch exports/ -o out/ --json-field body
      summarise batch seeds/ -o out/ --fixtures replay   # recorded responses only, no model call
      summarise batch articles/ -o out/ -j 256 --ray auto --base-url http://vllm:8000/v1 --model qwen2.5-7b

    Exit codes: 0 every article has a digest, 1 some articles failed (see errors.jsonl), 2 usage error or
    an output folder that cannot be written (checked before any model call), 3 the backend cannot work at
    all (its first requests all failed to connect; nothing is recorded for those articles), 130
    interrupted by Ctrl-C (143 by SIGTERM).
    """
    settings = settings_from_options(**model)
    if output_dir.resolve() == input_dir.resolve():
        raise click.BadParameter("the output folder must not be the input folder", param_hint="-o")
    if jobs is not None and jobs > 1 and not runs_concurrently(settings):
        click.echo("note: the embedded model digests one article at a time; -j only applies to a server", err=True)
    try:
        recipe, driver = driver_for(settings, strict=strict, max_retries=retries, jobs=jobs or DEFAULT_JOBS,
                                    ray_address=ray_address)
    except ConfigurationError as error:
        raise click.UsageError(str(error)) from error
    config = BatchConfig(input_dir=input_dir, output_dir=output_dir, recipe=recipe, force=force,
                         retry_failed=retry_failed, json_field=json_field, jobs=jobs or DEFAULT_JOBS)
    try:
        summary = run_batch(config, driver)
    except SummariseError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_USAGE if isinstance(error, OutputError) else EXIT_ERROR)
    click.echo(summary_line(summary.tally, summary.seconds, summary.interrupted_by, summary.left_out), err=True)
    sys.exit(exit_code(summary))
