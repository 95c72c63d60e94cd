"""The Ray driver, with a fake ray module that runs each task at once in this process."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.batch import BatchConfig, Recipe, run_batch
from summarise.batch import distributed as distributed_module
from summarise.batch.distributed import RemoteJob, digest_on_worker, distributed
from summarise.cli import main
from summarise.errors import ConfigurationError, ExtractionError
from summarise.ingest import Article
from summarise.llm import connect
from summarise.result import ArticleInfo, Provenance, Result
from summarise.schema import SCHEMA_VERSION
from summarise.settings import Settings

SERVER = Settings(base_url="http://127.0.0.1:9/v1", model="stub")
JOB = RemoteJob(settings=SERVER, strict=False, max_retries=1)
RECIPE = Recipe(model="stub", backend="server", prompt_version="p1", schema_version=SCHEMA_VERSION, strict=False)


class FakeReference:
    def __init__(self, value: Any) -> None:
        self.value = value


class FakeRay:
    """Stands in for the ray module: init/shutdown, remote functions run at once, wait, get, put, cancel."""

    def __init__(self) -> None:
        self.address: str | None = "not initialised"
        self.shut_down = False
        self.options: dict[str, Any] = {}

    def init(self, address: str | None = None) -> None:
        self.address = address

    def shutdown(self) -> None:
        self.shut_down = True

    def remote(self, **options: Any) -> Callable[[Callable[..., Any]], Any]:
        self.options = options

        def decorate(function: Callable[..., Any]) -> Any:
            class Remote:
                @staticmethod
                def remote(*arguments: Any) -> FakeReference:
                    return FakeReference(function(*(a.value if isinstance(a, FakeReference) else a
                                                    for a in arguments)))
            return Remote

        return decorate

    def put(self, value: Any) -> FakeReference:
        return FakeReference(value)

    def wait(self, references: list[FakeReference], num_returns: int = 1) -> tuple[list[Any], list[Any]]:
        return references[:num_returns], references[num_returns:]

    def get(self, reference: FakeReference) -> Any:
        return reference.value

    def cancel(self, reference: FakeReference) -> None:
        pass


def fake_summarise_article(article: Article, connection: Any, **_: Any) -> Result:
    if "fails" in article.text:
        raise ExtractionError("the model gave no usable answer after 2 attempts")
    return Result(
        article=ArticleInfo(id=article.id, source=article.source, title=None, chars=len(article.text)),
        summary="On a worker.", parties=[], claims=[], events=[], casualties=[], unverified=0,
        provenance=Provenance(backend="server", model="stub", prompt_version="p1", schema_version=SCHEMA_VERSION,
                              attempts=1, prompt_tokens=0, completion_tokens=0, seconds=0.0),
    )


@pytest.fixture
def fake_ray(monkeypatch: pytest.MonkeyPatch) -> FakeRay:
    ray = FakeRay()
    monkeypatch.setitem(sys.modules, "ray", ray)
    monkeypatch.setattr(distributed_module, "summarise_article", fake_summarise_article)
    return ray


def test_ray_driver_digests_on_workers_and_writes_here(fake_ray: FakeRay, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {"a.txt": "Fine article.", "b.txt": "This one fails.", "c.txt": "Fine too."}.items():
        (folder / name).write_text(text)
    config = BatchConfig(input_dir=folder, output_dir=tmp_path / "out", recipe=RECIPE)
    summary = run_batch(config, distributed("ray://head:10001", JOB, jobs=2), show_progress=False)
    digests = [json.loads(line) for line in (tmp_path / "out" / "digests.jsonl").read_text().splitlines()]
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [digest["article"]["source"] for digest in digests] == ["a.txt", "c.txt"]
    assert errors == [{"file": "b.txt", "stage": "extract", "error_type": "ExtractionError",
                       "message": "the model gave no usable answer after 2 attempts"}]
    assert (summary.totals.done, summary.totals.failed) == (2, 1)
    assert (fake_ray.address, fake_ray.shut_down, fake_ray.options) == ("ray://head:10001", True, {"num_cpus": 0.25})


def test_worker_builds_its_connection_once(fake_ray: FakeRay, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Settings] = []
    monkeypatch.setattr(distributed_module, "_worker_connections", {})
    monkeypatch.setattr(distributed_module, "connect", lambda settings: built.append(settings) or connect(settings))
    article = Article(text="Fine article.", source="a.txt")
    results = [digest_on_worker(JOB, article), digest_on_worker(JOB, article)]
    assert (len(built), [type(result) for result in results]) == (1, [Result, Result])


def test_a_worker_closes_its_connection_when_its_process_ends(fake_ray: FakeRay,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    at_exit: list[Callable[[], None]] = []
    monkeypatch.setattr(distributed_module, "_worker_connections", {})
    monkeypatch.setattr(distributed_module.atexit, "register", at_exit.append)
    digest_on_worker(JOB, Article(text="Fine article.", source="a.txt"))
    connection: Any = distributed_module._worker_connections[JOB.key]
    assert not connection.client.client.is_closed()
    for close in at_exit:
        close()
    assert connection.client.client.is_closed()


def test_ray_with_the_embedded_model_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="--ray needs a server backend"):
        distributed("auto", RemoteJob(settings=Settings(), strict=False, max_retries=1), jobs=4)


def test_ray_not_installed_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISE_FIXTURES", "SUMMARISE_FIXTURES_DIR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "in").mkdir()
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--ray", "auto",
                                       "--base-url", "http://127.0.0.1:9/v1", "--model", "stub"])
    assert result.exit_code == 2
    assert "--ray needs Ray, an optional extra: pip install 'summarise[ray]'" in result.output
