"""summarise against a real server: llama-cpp-python's own (python -m llama_cpp.server) serving the embedded
GGUF on a free loopback port. The short round trip runs in the default suite; the tests marked ``server``
(the seed, and a batch two at a time) run with ``pytest -m server``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.result import Result
from tests.conftest import SEED

# A made-up article with no figure and no quoted claim: only the overview pass asks the model, so one
# short generation is the whole round trip.
TINY_ARTICLES = {
    "ferry.txt": "The town council of Marlow voted on Tuesday to reopen the old river ferry next spring. "
                 "The ferry closed in 2019 after its engine failed.\n",
    "library.txt": "The public library in Harwick will open on Sundays from March. "
                   "Volunteers will staff the reading room.\n",
}
SHORT = ["--strategy", "passes", "--max-tokens", "120"]


def server_options(base_url: str) -> list[str]:
    return ["--base-url", base_url, "--model", "m"]


def run(*arguments: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, list(arguments))
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.mark.embedded
def test_a_tiny_article_makes_one_round_trip_through_a_real_server(real_server: str, tmp_path: Path) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(TINY_ARTICLES["ferry.txt"], encoding="utf-8")
    code, out, err = run(str(article), "--format", "json", "--retries", "0", *SHORT, *server_options(real_server))
    assert code == 0, err
    result = Result.model_validate_json(out)
    assert (result.provenance.backend, result.provenance.model) == ("server", "m")
    assert result.provenance.attempts == 1 and 0 < result.provenance.completion_tokens <= 120
    assert result.casualties == [] and result.claims == []


@pytest.mark.embedded
@pytest.mark.server
def test_the_seed_digests_through_a_real_server(real_server: str) -> None:
    code, out, err = run(str(SEED), "--format", "json", "--strategy", "passes", "--max-tokens", "512",
                         *server_options(real_server))
    assert code == 0, err
    result = Result.model_validate_json(out)
    assert result.provenance.backend == "server"
    assert result.casualties, "the seed's casualty rows come from its text whatever the model answers"


@pytest.mark.embedded
@pytest.mark.server
def test_a_batch_two_at_a_time_digests_every_article_through_a_real_server(real_server: str, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in TINY_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("batch", str(articles), "-o", str(out), "-j", "2", *SHORT, *server_options(real_server))
    assert code == 0, err
    results = [Result.model_validate_json(line) for line in (out / "digests.jsonl").read_text().splitlines()]
    assert sorted(Path(result.article.source).name for result in results) == sorted(TINY_ARTICLES)
    assert {result.provenance.backend for result in results} == {"server"}
    assert len((out / "manifest.jsonl").read_text().splitlines()) == len(TINY_ARTICLES)
