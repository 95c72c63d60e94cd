"""``summarise eval``: run the pipeline on every article that has a gold file and score it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from summarise.cli.options import EXIT_ERROR, ctrl_c_exits_130, model_options, settings_from_options, writable_output
from summarise.errors import InputError, SummariseError
from summarise.evaluation.gold import GoldArticle, load_gold_dir
from summarise.evaluation.metrics import ArticleScore
from summarise.evaluation.report import markdown_table, scores_as_dict
from summarise.evaluation.score import score_article, score_failure, total
from summarise.ingest import read_article
from summarise.llm import Connection, connect
from summarise.pipeline import summarise_article
from summarise.store import write_atomic


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--articles", "articles_dir", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the articles; each gold file names its article file.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), callback=writable_output,
              help="Also write every metric with its counts as JSON to this file.")
@click.option("--markdown", "markdown_path", type=click.Path(dir_okay=False, path_type=Path),
              callback=writable_output, help="Also write the table to this Markdown file.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N gold files (by name).")
@click.option("--only", "name_part", help="Score only gold files whose name contains this text.")
@model_options
@ctrl_c_exits_130
def eval_command(gold_dir: Path, articles_dir: Path, json_path: Path | None, markdown_path: Path | None,
                 limit: int | None, name_part: str | None, **model: object) -> None:
    """Score the pipeline against the gold annotations in GOLD_DIR (one JSON file per article, as
    described in the gold FORMAT.md) and print a Markdown table: one row per article, then TOTAL.

    Totals are micro-averaged: numerators and denominators are summed over articles, then divided.
    An article that is missing or that the pipeline fails on is a FAILED row scored as zero recall.
    One model connection serves every article.

    \b
    Examples:
      summarise eval gold/dev --articles corpus/articles
      summarise eval gold/dev --articles corpus/articles --fixtures replay --json eval.json
      summarise eval gold/dev --articles corpus/articles --only reuters --limit 3
      summarise eval gold/dev --articles corpus/articles --markdown eval.md \\
          --base-url http://localhost:8000/v1 --model qwen2.5-7b-instruct

    Exit codes: 0 scored (failed articles included), 2 usage, gold-file or output error (an output that
    cannot be written is found before any article is scored), 3 no model connection, 130 interrupted by
    Ctrl-C.
    """
    settings = settings_from_options(**model)
    golds = _select_gold(gold_dir, name_part, limit)
    try:
        connection = connect(settings)
    except SummariseError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    scores = []
    with connection:
        for position, (name, gold) in enumerate(golds, start=1):
            score = _score_one(gold, articles_dir, connection)
            outcome = f"FAILED: {score.error}" if score.error is not None else f"{score.seconds:.1f} s"
            click.echo(f"[{position}/{len(golds)}] {name}: {outcome}", err=True)
            scores.append(score)
    overall = total(scores)
    table = markdown_table(scores, overall)
    click.echo(table, nl=False)
    if markdown_path is not None:
        write_atomic(markdown_path, table)
        click.echo(f"wrote {markdown_path}", err=True)
    if json_path is not None:
        data = {"backend": connection.backend, "model": connection.settings.model_name,
                **scores_as_dict(scores, overall)}
        write_atomic(json_path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        click.echo(f"wrote {json_path}", err=True)


def _select_gold(gold_dir: Path, name_part: str | None, limit: int | None) -> list[tuple[str, GoldArticle]]:
    try:
        golds = load_gold_dir(gold_dir)
    except InputError as error:
        raise click.BadParameter(str(error), param_hint="GOLD_DIR") from error
    if name_part is not None:
        golds = [(name, gold) for name, gold in golds if name_part in name]
    if not golds:
        raise click.UsageError(f"no gold files in {gold_dir}" + (f" contain {name_part!r}" if name_part else ""))
    return golds[:limit] if limit is not None else golds


def _score_one(gold: GoldArticle, articles_dir: Path, connection: Connection) -> ArticleScore:
    path = articles_dir / gold.article
    if not path.is_file():
        return score_failure(gold, f"article file {path} is missing")
    try:
        article = read_article(path)
        result = summarise_article(article, connection)
    # One article's failure, whatever it is, must show up as a FAILED row instead of ending the run.
    except Exception as error:
        return score_failure(gold, f"{type(error).__name__}: {error}")
    return score_article(result, gold, article.text)
