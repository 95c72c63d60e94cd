"""The strategy lives in one place: Settings names it, the registry holds it, the command line offers it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.errors import ConfigurationError
from summarise.ingest import article_from_text
from summarise.pipeline import summarise_article, summarise_text
from summarise.prompting import prompt_version
from summarise.settings import Settings
from summarise.strategy import STRATEGIES, strategy_for
from tests.test_extract_seam import FakeServer, connection_to

SERVER = "http://fake.invalid/v1"


def test_the_embedded_model_gets_the_single_call_by_default() -> None:
    assert strategy_for(Settings()).name == "single"


def test_a_server_gets_the_single_call_by_default() -> None:
    assert strategy_for(Settings(base_url=SERVER, model="served")).name == "single"


def test_a_named_strategy_wins_over_the_backend_default() -> None:
    assert strategy_for(Settings(base_url=SERVER, model="served", strategy="passes")).name == "passes"


def test_an_unknown_strategy_is_a_configuration_error_that_lists_the_registry() -> None:
    with pytest.raises(ConfigurationError, match="unknown strategy 'tiny'; choose one of passes, single"):
        strategy_for(Settings(strategy="tiny"))


def test_each_strategy_has_the_prompt_version_of_its_own_prompt_files() -> None:
    single_prompts = ("single_system.txt", "single.txt", "casualties.txt", "claims.txt", "overview.txt")
    assert STRATEGIES["single"].prompt_version == prompt_version(*single_prompts)
    assert STRATEGIES["passes"].prompt_version != STRATEGIES["single"].prompt_version


def test_the_digest_records_the_strategy_its_connection_names() -> None:
    connection = connection_to(FakeServer({"summary": "A fire."}), strategy="single")
    provenance = summarise_article(article_from_text("A fire broke out."), connection, max_retries=0).provenance
    assert (provenance.strategy, provenance.prompt_version) == ("single", STRATEGIES["single"].prompt_version)


def test_the_command_line_offers_exactly_the_registered_strategies() -> None:
    help_text = CliRunner().invoke(main, ["digest", "--help"]).stdout
    assert f"--strategy [{'|'.join(STRATEGIES)}]" in help_text


def test_a_strategy_given_beside_settings_is_applied_to_them() -> None:
    with pytest.raises(ConfigurationError, match="unknown strategy 'tiny'"):
        summarise_text("A fire broke out.", settings=Settings(fixtures="replay"), strategy="tiny")  # type: ignore[arg-type]
