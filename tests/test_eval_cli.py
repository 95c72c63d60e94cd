"""``summarise eval`` through click's CliRunner, with a fake pipeline in place of the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.ingest import Article
from summarise.llm import Connection
from summarise.locate import locate_quote
from summarise.result import ArticleInfo, CasualtyFigure, Event, GroundedCasualty, Provenance, Result, Span
from summarise.schema import Party, PartyKind, Qualifier
from tests.commonmark import STRUCTURE_TAGS, render_commonmark

ARTICLE = "Iran said seven people were killed in the strike.\n"
QUOTE = "seven people were killed in the strike"

GOLD = {
    "article": "001_strike.txt",
    "figures": [{
        "kind": "killed", "number": 7, "qualifier": "exact", "text": "seven", "victims": "people",
        "event": "strike", "reported_by": ["Iran"], "evidence": QUOTE, "background": False,
    }],
    "claims": [{"party": ["Iran"], "speaker": "Iran", "evidence": "Iran said seven people", "gist": "-"}],
    "notes": "",
}

HEADER = ("| article | figure recall | figure precision | number acc | source acc | event precision | event recall "
          "| background acc | perpetrator acc | claim recall | attribution acc | grounding | unsupported | narration "
          "| seconds | tokens |")


def fake_summarise_article(article: Article, connection: Connection) -> Result:
    """Stands in for the pipeline: one correct casualty row, no claims, fixed timing."""
    match = locate_quote(QUOTE, article.text)
    figure = CasualtyFigure(text="seven", qualifier=Qualifier.EXACT, best=7, low=7, high=7, supported=True)
    row = GroundedCasualty(event_id="e1", perpetrator=None, victims="people", reported_by="iran", quote=QUOTE,
                           span=Span(start=match.start, end=match.end, status=match.status, score=match.score),
                           killed=figure, injured=None, verified=True, issues=[])
    return Result(
        article=ArticleInfo(id=article.id, source=article.source, title=None, chars=len(article.text)),
        summary="-",
        parties=[Party(id="iran", name="Iran", kind=PartyKind.GOVERNMENT)],
        claims=[],
        events=[Event(id="e1", what="strike", where="", when="", date=None, perpetrator="unknown", background=False)],
        casualties=[row],
        unverified=0,
        provenance=Provenance(backend="replay", model="fake", prompt_version="1", schema_version="1", attempts=1,
                              prompt_tokens=90, completion_tokens=10, seconds=1.5),
    )


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARISE_FIXTURES", "SUMMARISE_FIXTURES_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def connections_used(monkeypatch: pytest.MonkeyPatch) -> list[Connection]:
    """Install the fake pipeline; the list collects the connection each call received."""
    used: list[Connection] = []

    def fake(article: Article, connection: Connection) -> Result:
        used.append(connection)
        return fake_summarise_article(article, connection)

    monkeypatch.setattr("summarise.cli.eval.summarise_article", fake)
    return used


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    """A gold folder with two gold files, and an article folder holding the first one's article only."""
    gold_dir, articles_dir = tmp_path / "gold", tmp_path / "articles"
    gold_dir.mkdir()
    articles_dir.mkdir()
    (gold_dir / "001_strike.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (gold_dir / "002_missing.json").write_text(json.dumps({**GOLD, "article": "002_missing.txt"}), encoding="utf-8")
    (articles_dir / "001_strike.txt").write_text(ARTICLE, encoding="utf-8")
    return gold_dir, articles_dir


def run_eval(dirs: tuple[Path, Path], *options: str) -> tuple[int, str]:
    gold_dir, articles_dir = dirs
    arguments = ["eval", str(gold_dir), "--articles", str(articles_dir), "--fixtures", "replay",
                 "--fixtures-dir", str(gold_dir.parent / "fixtures"), *options]
    outcome = CliRunner().invoke(main, arguments)
    return outcome.exit_code, outcome.stdout


def test_eval_prints_a_row_per_article_a_failed_row_and_the_total(
        dirs: tuple[Path, Path], connections_used: list[Connection]) -> None:
    exit_code, table = run_eval(dirs)
    assert exit_code == 0
    missing = dirs[1] / "002_missing.txt"
    assert table.splitlines() == [
        HEADER,
        "| --- |" + " ---: |" * 15,
        "| 001_strike | 1.00 (1/1) | 1.00 (1/1) | 1.00 (1/1) | 1.00 (1/1) | n/a | n/a | 1.00 (1/1) | n/a "
        "| 0.00 (0/1) | n/a | 1.00 (1/1) | 0.00 (0/1) | n/a | 1.5 | 100 |",
        "| 002_missing (FAILED) | 0.00 (0/1) | n/a | n/a | n/a | n/a | n/a | n/a | n/a | 0.00 (0/1) | n/a | n/a | n/a "
        "| n/a | n/a | n/a |",
        "| **TOTAL** (2 articles, 1 failed) | 0.50 (1/2) | 1.00 (1/1) | 1.00 (1/1) | 1.00 (1/1) | n/a | n/a "
        "| 1.00 (1/1) | n/a | 0.00 (0/2) | n/a | 1.00 (1/1) | 0.00 (0/1) | n/a | 1.5 | 100 |",
        "",
        "Failed articles (scored as zero recall):",
        f"- 002_missing: article file {missing} is missing",
    ]


def test_eval_writes_every_metric_with_its_counts_as_json(
        dirs: tuple[Path, Path], connections_used: list[Connection], tmp_path: Path) -> None:
    exit_code, _ = run_eval(dirs, "--json", str(tmp_path / "eval.json"), "--only", "strike")
    data = json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))
    assert exit_code == 0
    assert (data["backend"], [article["article"] for article in data["articles"]]) == ("replay", ["001_strike"])
    assert data["articles"][0]["metrics"]["figure_recall"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert data["total"]["metrics"]["attribution_accuracy"] == {"numerator": 0, "denominator": 0, "value": None}
    assert data["total"]["metrics"]["background_accuracy"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert data["total"]["metrics"]["event_grouping_recall"] == {"numerator": 0, "denominator": 0, "value": None}
    assert (data["total"]["seconds"], data["total"]["tokens"], data["total"]["failed"]) == (1.5, 100, 0)


def test_eval_writes_the_table_as_markdown(
        dirs: tuple[Path, Path], connections_used: list[Connection], tmp_path: Path) -> None:
    _, table = run_eval(dirs, "--markdown", str(tmp_path / "eval.md"))
    assert (tmp_path / "eval.md").read_text(encoding="utf-8") == table


def test_eval_reuses_one_connection_for_every_article(
        dirs: tuple[Path, Path], connections_used: list[Connection]) -> None:
    gold_dir, articles_dir = dirs
    (gold_dir / "003_again.json").write_text(json.dumps({**GOLD, "article": "003_again.txt"}), encoding="utf-8")
    (articles_dir / "003_again.txt").write_text(ARTICLE, encoding="utf-8")
    run_eval(dirs)
    assert len(connections_used) == 2
    assert connections_used[0] is connections_used[1]


def test_a_pipeline_failure_is_a_failed_row(dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_failing_pipeline(article: Article, connection: Connection) -> Result:
        raise RuntimeError("the fake model broke")

    monkeypatch.setattr("summarise.cli.eval.summarise_article", fake_failing_pipeline)
    exit_code, table = run_eval(dirs, "--limit", "1")
    assert exit_code == 0
    assert "| 001_strike (FAILED) | 0.00 (0/1) |" in table
    assert table.splitlines()[-1] == "- 001_strike: RuntimeError: the fake model broke"


def test_a_failure_message_holding_html_shows_as_text_in_the_markdown_table(
        dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_failing_pipeline(article: Article, connection: Connection) -> Result:
        raise RuntimeError("<img src=x onerror=alert(9)> | <script>alert(1)</script>")

    monkeypatch.setattr("summarise.cli.eval.summarise_article", fake_failing_pipeline)
    _, table = run_eval(dirs, "--limit", "1")
    page = render_commonmark(table)
    assert set(page.tags) <= STRUCTURE_TAGS
    assert "RuntimeError: <img src=x onerror=alert(9)> | <script>alert(1)</script>" in page.text


def test_an_output_that_cannot_be_written_is_a_usage_error_before_any_article_is_scored(
        dirs: tuple[Path, Path], connections_used: list[Connection], tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    exit_code, table = run_eval(dirs, "--json", str(tmp_path / "a-file" / "eval.json"))
    assert (exit_code, table, connections_used) == (2, "", [])


def test_ctrl_c_during_eval_exits_130(dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(article: Article, connection: Connection) -> Result:
        raise KeyboardInterrupt

    monkeypatch.setattr("summarise.cli.eval.summarise_article", interrupted)
    exit_code, table = run_eval(dirs)
    assert (exit_code, table) == (130, "")


def test_only_matching_no_gold_file_is_a_usage_error(dirs: tuple[Path, Path]) -> None:
    exit_code, _ = run_eval(dirs, "--only", "nothing-like-this")
    assert exit_code == 2


def test_the_help_text_has_examples() -> None:
    outcome = CliRunner().invoke(main, ["eval", "--help"])
    assert "summarise eval gold/dev --articles corpus/articles --fixtures replay --json eval.json" in outcome.stdout
