"""Regression guard: the embedded model's recorded answers for the development set, scored against the
gold annotations, must not fall below today's totals. Raise the pins deliberately when the numbers rise.

It reads the articles and gold files from ../shared/ (the outlets' text is never copied into the repo)
and is skipped, saying so, only where that folder is absent, as in a user's clone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main
from tests.conftest import FIXTURES, SHARED

GOLD = SHARED / "gold" / "dev"
ARTICLES = SHARED / "corpus" / "articles"

# Totals measured with `summarise eval ../shared/gold/dev --articles ../shared/corpus/articles --fixtures replay`.
PINNED = {
    "figure_recall": 0.814,
    "figure_precision": 0.870,
    "source_accuracy": 0.964,
    "claim_recall": 0.819,
    "attribution_accuracy": 0.922,
    "grounding_rate": 1.0,
    "event_grouping_precision": 0.989,
    "event_grouping_recall": 0.989,
    "background_accuracy": 0.981,
    "perpetrator_accuracy": 0.837,
}


@pytest.fixture(scope="module")
def totals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    if not GOLD.is_dir() or not ARTICLES.is_dir():
        pytest.skip(f"{SHARED} (gold annotations and corpus) is absent: the dev-set regression guard needs it")
    report = tmp_path_factory.mktemp("eval") / "eval.json"
    outcome = CliRunner().invoke(main, ["eval", str(GOLD), "--articles", str(ARTICLES), "--fixtures", "replay",
                                        "--fixtures-dir", str(FIXTURES), "--json", str(report)])
    assert outcome.exit_code == 0, outcome.output
    data: dict[str, object] = json.loads(Path(report).read_text(encoding="utf-8"))
    return data


def test_every_dev_article_replays_without_a_failure(totals: dict[str, object]) -> None:
    articles = totals["articles"]
    assert isinstance(articles, list)
    failed = [article["article"] for article in articles if article["error"]]
    assert not failed, f"these articles failed in replay (re-record with --fixtures auto): {failed}"


@pytest.mark.parametrize("metric", sorted(PINNED))
def test_totals_do_not_fall_below_the_pins(totals: dict[str, object], metric: str) -> None:
    total = totals["total"]
    assert isinstance(total, dict)
    value = total["metrics"][metric]["value"]
    assert value >= PINNED[metric] - 1e-9, f"{metric} fell to {value:.3f} from {PINNED[metric]:.3f}"


def test_no_unsupported_number_is_left_unflagged(totals: dict[str, object]) -> None:
    total = totals["total"]
    assert isinstance(total, dict)
    assert total["metrics"]["unflagged_unsupported"] == 0
