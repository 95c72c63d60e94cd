"""Batch runs over folders of articles, with fake summarisers standing in for the model."""

from __future__ import annotations

import asyncio
import errno
import fcntl
import gc
import json
import os
import signal
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from summarise.batch import BatchConfig, Recipe, concurrent, run_batch, sequential
from summarise.batch.paths import LeftOut, digest_file_name
from summarise.cli.batch import exit_code
from summarise.errors import (
    BackendUnreachableError,
    ConfigurationError,
    ExtractionError,
    GroundingError,
    OutputError,
)
from summarise.ground import ground_digest
from summarise.ingest import Article
from summarise.reading.sentences import split_sentences
from summarise.result import ArticleInfo, Provenance, Result
from summarise.schema import SCHEMA_VERSION
from summarise.store import write_atomic

RECIPE = Recipe(model="fake-model", backend="fake", prompt_version="p1", schema_version=SCHEMA_VERSION, strict=False)
AGGREGATES = ("digests.jsonl", "casualties.csv", "events.csv", "claims.csv", "errors.jsonl", "report.md",
              "manifest.jsonl")


def hand_made_result(article: Article) -> Result:
    return Result(
        article=ArticleInfo(id=article.id, source=article.source, title=article.title, chars=len(article.text)),
        summary=f"Digest of {article.source}.",
        parties=[],
        claims=[],
        events=[], casualties=[],
        unverified=0,
        provenance=Provenance(backend="fake", model="fake-model", prompt_version="p1", schema_version=SCHEMA_VERSION,
                              attempts=1, prompt_tokens=0, completion_tokens=0, seconds=0.0),
    )


class FakeSummariser:
    """Stands in for summarise_article: a hand-made Result per article; the paths in ``failing`` fail, and
    those in ``unreachable`` fail to connect (every path when it is "all")."""

    def __init__(self, failing: tuple[str, ...] = (), unreachable: tuple[str, ...] | str = ()) -> None:
        self.calls: list[str] = []
        self.failing = failing
        self.unreachable = unreachable

    def __call__(self, article: Article) -> Result:
        self.calls.append(article.source)
        if self.unreachable == "all" or article.source in self.unreachable:
            raise BackendUnreachableError("cannot connect to http://127.0.0.1:9/v1/chat/completions: refused")
        if article.source in self.failing:
            raise ExtractionError("the model gave no usable answer after 2 attempts")
        return hand_made_result(article)


class FakeAsyncSummariser(FakeSummariser):
    """Stands in for summarise_article_async; counts how many articles are in flight at once."""

    def __init__(self, failing: tuple[str, ...] = (), delay: float = 0.0,
                 unreachable: tuple[str, ...] | str = ()) -> None:
        super().__init__(failing, unreachable)
        self.delay = delay
        self.in_flight = 0
        self.most_in_flight = 0
        self.closed = False

    async def __call__(self, article: Article) -> Result:  # type: ignore[override]
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        return super().__call__(article)

    async def aclose(self) -> None:
        self.closed = True


def write_articles(folder: Path, articles: dict[str, str | bytes]) -> Path:
    for relative, content in articles.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def run(input_dir: Path, output_dir: Path, digest: FakeSummariser, recipe: Recipe = RECIPE, jobs: int = 0,
        **options: object):
    driver = concurrent(digest, jobs) if jobs else sequential(digest)  # type: ignore[arg-type]
    config = BatchConfig(input_dir=input_dir, output_dir=output_dir, recipe=recipe, jobs=jobs or 1,
                         **options)  # type: ignore[arg-type]
    return run_batch(config, driver, show_progress=False)


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sources(output_dir: Path) -> list[str]:
    return [line["article"]["source"] for line in lines(output_dir / "digests.jsonl")]  # type: ignore[index]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "articles", {
        "b.txt": "Second article. Nothing happened.",
        "a.txt": "First article. Rain fell.",
        "a/z.md": "# Nested\n\nA nested article.",
    })


def test_articles_are_digested_with_the_start_up_heap_frozen_and_it_thaws_after(articles: Path,
                                                                               tmp_path: Path) -> None:
    frozen_while_digesting = []

    class FreezeWatcher(FakeSummariser):
        def __call__(self, article: Article) -> Result:
            frozen_while_digesting.append(gc.get_freeze_count() > 0)
            return super().__call__(article)

    run(articles, tmp_path / "out", FreezeWatcher())
    assert frozen_while_digesting == [True, True, True]
    assert gc.get_freeze_count() == 0


def test_each_article_gets_its_own_digest_file(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(articles, out, FakeSummariser())
    names = sorted(path.name for path in (out / "digests").iterdir())
    assert names == sorted(digest_file_name(relative) for relative in ("a/z.md", "a.txt", "b.txt"))
    digest = json.loads((out / "digests" / digest_file_name("a/z.md")).read_text(encoding="utf-8"))
    assert digest["article"]["source"] == "a/z.md"
    assert digest["summary"] == "Digest of a/z.md."


def test_digests_jsonl_has_one_line_per_article_in_path_order(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]


def test_every_aggregate_is_written(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    assert all((tmp_path / "out" / name).is_file() for name in AGGREGATES)
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""


def test_manifest_records_each_article_with_its_recipe(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    entries = lines(tmp_path / "out" / "manifest.jsonl")
    assert [entry["path"] for entry in entries] == ["a/z.md", "a.txt", "b.txt"]
    assert entries[1] == {
        "path": "a.txt",
        "status": "done",
        "article_id": Article(text="First article. Rain fell.", source="a.txt").id,
        "recipe": {"model": "fake-model", "backend": "fake", "prompt_version": "p1",
                   "schema_version": SCHEMA_VERSION, "strict": False},
        "output": f"digests/{digest_file_name('a.txt')}",
        "error": None,
    }


def test_rerun_skips_articles_already_done(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    again = FakeSummariser()
    summary = run(articles, tmp_path / "out", again)
    assert again.calls == []
    assert (summary.tally.digested, summary.tally.up_to_date) == (0, 3)
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]


def test_changed_article_is_digested_again(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    (articles / "b.txt").write_text("Second article, corrected. Nothing happened.", encoding="utf-8")
    again = FakeSummariser()
    run(articles, tmp_path / "out", again)
    assert again.calls == ["b.txt"]


def test_whitespace_only_change_keeps_the_article_id_and_the_digest(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    (articles / "b.txt").write_text("Second  article.\nNothing happened.\n", encoding="utf-8")
    again = FakeSummariser()
    run(articles, tmp_path / "out", again)
    assert again.calls == []


def test_changed_prompt_version_digests_everything_again(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    again = FakeSummariser()
    run(articles, tmp_path / "out", again, recipe=RECIPE.model_copy(update={"prompt_version": "p2"}))
    assert again.calls == ["a/z.md", "a.txt", "b.txt"]


def test_changed_backend_alone_does_not_redo_digests(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    again = FakeSummariser()
    run(articles, tmp_path / "out", again, recipe=RECIPE.model_copy(update={"backend": "replay"}))
    assert again.calls == []


def test_force_digests_everything_again(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    again = FakeSummariser()
    run(articles, tmp_path / "out", again, force=True)
    assert again.calls == ["a/z.md", "a.txt", "b.txt"]
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]


def test_failed_article_goes_to_errors_jsonl_and_the_batch_goes_on(articles: Path, tmp_path: Path) -> None:
    summary = run(articles, tmp_path / "out", FakeSummariser(failing=("a.txt",)))
    assert lines(tmp_path / "out" / "errors.jsonl") == [{
        "file": "a.txt", "stage": "extract", "error_type": "ExtractionError",
        "message": "the model gave no usable answer after 2 attempts",
    }]
    assert sources(tmp_path / "out") == ["a/z.md", "b.txt"]
    assert (summary.totals.done, summary.totals.failed) == (2, 1)


def test_failed_article_is_kept_until_retry_failed(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser(failing=("a.txt",)))
    without = FakeSummariser()
    kept = run(articles, tmp_path / "out", without)
    retried = FakeSummariser()
    redone = run(articles, tmp_path / "out", retried, retry_failed=True)
    assert (without.calls, kept.tally.kept_failure, kept.totals.failed) == ([], 1, 1)
    assert (retried.calls, redone.totals.failed) == (["a.txt"], 0)
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]


def test_empty_and_binary_files_are_ingest_errors(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {
        "good.txt": "An article.", "empty.txt": "  \n\n", "binary.txt": b"ab\x00\x01cd",
        ".hidden.txt": "skipped", ".git/config.txt": "skipped",
    })
    summary = run(folder, tmp_path / "out", FakeSummariser())
    assert lines(tmp_path / "out" / "errors.jsonl") == [
        {"file": "binary.txt", "stage": "ingest", "error_type": "InputError",
         "message": "looks like a binary file (NUL bytes), not an article"},
        {"file": "empty.txt", "stage": "ingest", "error_type": "InputError",
         "message": "the article is empty (no text left after removing boilerplate)"},
    ]
    assert (summary.totals.articles, summary.totals.done, summary.totals.failed) == (3, 1, 2)


def test_files_that_are_not_articles_are_skipped_and_counted_not_failed(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {"good.txt": "An article.", "notes.pdf": b"%PDF-1.4",
                                               "table.csv": "a,b\n1,2\n", "README": "read me"})
    summary = run(folder, tmp_path / "out", FakeSummariser())
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""
    assert (summary.totals.articles, summary.totals.done, summary.totals.failed) == (1, 1, 0)
    assert summary.left_out == LeftOut(not_articles=3)


def test_earlier_output_folder_inside_the_input_folder_is_skipped(articles: Path, tmp_path: Path) -> None:
    """Its digests/*.json and report.md would otherwise be read as articles."""
    run(articles, articles / "earlier", FakeSummariser())
    summary = run(articles, tmp_path / "out", FakeSummariser())
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]
    assert summary.left_out == LeftOut(earlier_outputs=1)


@pytest.mark.parametrize("jobs", [0, 3])
def test_link_loop_is_an_ingest_error_and_the_batch_goes_on(jobs: int, articles: Path, tmp_path: Path) -> None:
    os.symlink("loop.txt", articles / "loop.txt")
    summary = run(articles, tmp_path / "out", FakeAsyncSummariser() if jobs else FakeSummariser(), jobs=jobs)
    assert lines(tmp_path / "out" / "errors.jsonl") == [{
        "file": "loop.txt", "stage": "ingest", "error_type": "InputError",
        "message": "cannot read file: Too many levels of symbolic links"}]
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]
    assert (summary.totals.articles, summary.totals.done, summary.totals.failed) == (4, 3, 1)


def test_link_whose_target_is_gone_is_an_ingest_error_not_a_silent_skip(articles: Path, tmp_path: Path) -> None:
    os.symlink("deleted.txt", articles / "gone.txt")
    summary = run(articles, tmp_path / "out", FakeSummariser())
    assert lines(tmp_path / "out" / "errors.jsonl") == [{
        "file": "gone.txt", "stage": "ingest", "error_type": "InputError",
        "message": "cannot read file: No such file or directory"}]
    assert (summary.totals.articles, summary.totals.done, summary.totals.failed) == (4, 3, 1)


def refuse_to_list(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the folder called ``name`` unlistable, as chmod 000 would for anyone but root (tests run as root)."""
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str]) -> object:
        if Path(path).name == name:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("summarise.batch.paths.os.scandir", scandir)


def test_folder_that_cannot_be_listed_goes_to_errors_jsonl_and_the_batch_goes_on(
        articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_list(monkeypatch, "a")
    summary = run(articles, tmp_path / "out", FakeSummariser())
    assert lines(tmp_path / "out" / "errors.jsonl") == [{
        "file": "a/", "stage": "ingest", "error_type": "PermissionError",
        "message": "cannot list folder: Permission denied"}]
    assert sources(tmp_path / "out") == ["a.txt", "b.txt"]
    assert exit_code(summary) == 1


def test_digests_from_a_folder_that_can_no_longer_be_listed_are_kept(articles: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    refuse_to_list(monkeypatch, "a")
    run(articles, tmp_path / "out", FakeSummariser())
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]
    assert (tmp_path / "out" / "digests" / digest_file_name("a/z.md")).is_file()


@pytest.mark.parametrize("jobs", [0, 3])
def test_unexpected_ingest_error_is_recorded_and_the_other_articles_are_digested(
        jobs: int, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen: the optional HTML cleaner missing; at -j 3 it used to cancel every article in flight."""
    write_articles(articles, {"page.html": "<html><body><p>A page.</p></body></html>"})
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # what `import trafilatura` meets when it is missing
    run(articles, tmp_path / "out", FakeAsyncSummariser() if jobs else FakeSummariser(), jobs=jobs)
    assert [(error["file"], error["stage"], error["error_type"]) for error in lines(tmp_path / "out" / "errors.jsonl")
            ] == [("page.html", "ingest", "ModuleNotFoundError")]
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]


def test_rerun_removes_the_temporary_files_a_killed_run_left(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(articles, out, FakeSummariser())
    (out / "digests" / f".{digest_file_name('a.txt')}.x7k2m9q1.tmp").write_text('{"summ')
    (out / ".digests.jsonl.b3n8v0z4.tmp").write_text("")
    run(articles, out, FakeSummariser())
    assert sorted(path.name for path in out.rglob("*.tmp")) == []


def refuse_to_create_files_in(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the folder called ``name`` read-only, as a read-only mount would (chmod does not stop root)."""
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args: object, dir: str | Path, **options: object) -> tuple[int, str]:
        if Path(dir).name == name:
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return real_mkstemp(*args, dir=dir, **options)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr("summarise.store.tempfile.mkstemp", mkstemp)


def test_read_only_digests_folder_stops_a_forced_run_before_any_model_call(articles: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run(articles, out, FakeSummariser())
    refuse_to_create_files_in(monkeypatch, "digests")
    again = FakeSummariser()
    with pytest.raises(OutputError, match="Read-only file system"):
        run(articles, out, again, force=True)
    assert again.calls == []
    assert [entry["status"] for entry in lines(out / "manifest.jsonl")] == ["done", "done", "done"]
    assert sources(out) == ["a/z.md", "a.txt", "b.txt"]


def fail_to_write_the_digest_of(monkeypatch: pytest.MonkeyPatch, relative: str) -> None:
    def write_atomic_without_space(path: Path, content: str) -> None:
        if path.name == digest_file_name(relative):
            raise OSError(errno.ENOSPC, "No space left on device")
        write_atomic(path, content)

    monkeypatch.setattr("summarise.batch.steps.write_atomic", write_atomic_without_space)


def test_failure_to_write_a_new_digest_keeps_the_earlier_one(articles: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run(articles, out, FakeSummariser())
    with monkeypatch.context() as patched:
        fail_to_write_the_digest_of(patched, "a.txt")
        forced = run(articles, out, FakeSummariser(), force=True)
    assert sources(out) == ["a/z.md", "a.txt", "b.txt"]
    assert [entry["status"] for entry in lines(out / "manifest.jsonl")] == ["done", "done", "done"]
    assert lines(out / "errors.jsonl") == [{
        "file": "a.txt", "stage": "write", "error_type": "OSError",
        "message": "[Errno 28] No space left on device; the earlier digest is kept"}]
    assert (forced.tally.failed, exit_code(forced)) == (1, 1)
    again = FakeSummariser()
    rerun = run(articles, out, again)
    assert (again.calls, rerun.tally.kept_failure, rerun.tally.up_to_date) == ([], 0, 3)


def test_article_whose_digest_could_not_be_written_is_digested_again_by_a_plain_rerun(
        articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    with monkeypatch.context() as patched:
        fail_to_write_the_digest_of(patched, "a.txt")
        run(articles, out, FakeSummariser())
    again = FakeSummariser()
    rerun = run(articles, out, again)
    assert (again.calls, rerun.tally.kept_failure) == (["a.txt"], 0)
    assert sources(out) == ["a/z.md", "a.txt", "b.txt"]


def test_write_failure_is_recorded_with_stage_write(articles: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    fail_to_write_the_digest_of(monkeypatch, "a.txt")
    run(articles, tmp_path / "out", FakeSummariser())
    assert lines(tmp_path / "out" / "errors.jsonl") == [{
        "file": "a.txt", "stage": "write", "error_type": "OSError", "message": "[Errno 28] No space left on device"}]


def test_digests_folder_that_is_a_file_stops_the_run_before_any_model_call(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "digests").write_text("a file where the digests folder should be")
    digest = FakeSummariser()
    with pytest.raises(OutputError, match="digests"):
        run(articles, out, digest)
    assert digest.calls == []


def fake_summariser_whose_grounding_breaks(article: Article) -> Result:
    ground_digest(None, split_sentences(article.text))  # type: ignore[arg-type]
    raise AssertionError("unreachable")


def test_error_raised_while_grounding_has_stage_ground(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", fake_summariser_whose_grounding_breaks)  # type: ignore[arg-type]
    first = lines(tmp_path / "out" / "errors.jsonl")[0]
    assert (first["stage"], first["error_type"]) == ("ground", "AttributeError")


def test_the_stage_is_read_from_the_error_type_not_from_where_it_was_raised(articles: Path, tmp_path: Path) -> None:
    def fake_summariser_failing_as_grounding(article: Article) -> Result:
        raise GroundingError(ValueError("no offsets for the quote"))

    run(articles, tmp_path / "out", fake_summariser_failing_as_grounding)  # type: ignore[arg-type]
    first = lines(tmp_path / "out" / "errors.jsonl")[0]
    assert (first["stage"], first["error_type"]) == ("ground", "ValueError")
    assert first["message"] == "no offsets for the quote"


def test_configuration_error_stops_the_batch_after_writing_the_aggregates(articles: Path, tmp_path: Path) -> None:
    def fake_summariser_without_a_model(article: Article) -> Result:
        raise ConfigurationError("model file /nowhere.gguf does not exist")

    with pytest.raises(ConfigurationError):
        run(articles, tmp_path / "out", fake_summariser_without_a_model)  # type: ignore[arg-type]
    assert (tmp_path / "out" / "report.md").is_file()


def test_json_field_names_the_text_field(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {"a.json": json.dumps({"text": "Teaser.", "story": "The full story."})})
    digest = FakeSummariser()
    run(folder, tmp_path / "out", digest, json_field="story")
    assert lines(tmp_path / "out" / "digests.jsonl")[0]["article"]["chars"] == len("The full story.")  # type: ignore[index]


def test_json_without_the_named_field_is_an_ingest_error(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {"a.json": json.dumps({"text": "Teaser."})})
    run(folder, tmp_path / "out", FakeSummariser(), json_field="story")
    assert lines(tmp_path / "out" / "errors.jsonl")[0]["message"] == (
        "JSON input must be an object with a text field 'story'")


def test_output_folder_inside_the_input_folder_is_not_read(articles: Path) -> None:
    run(articles, articles / "out", FakeSummariser())
    summary = run(articles, articles / "out", FakeSummariser())
    assert (summary.totals.articles, summary.totals.done, summary.totals.failed) == (3, 3, 0)


def test_removed_input_leaves_the_aggregates_with_its_digest(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    (articles / "b.txt").unlink()
    run(articles, tmp_path / "out", FakeSummariser())
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt"]
    assert not (tmp_path / "out" / "digests" / digest_file_name("b.txt")).exists()


def test_deleted_digest_file_is_made_again(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    (tmp_path / "out" / "digests" / digest_file_name("a.txt")).unlink()
    again = FakeSummariser()
    run(articles, tmp_path / "out", again)
    assert again.calls == ["a.txt"]


def test_torn_manifest_line_from_a_killed_run_is_ignored(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeSummariser())
    with (tmp_path / "out" / "manifest.jsonl").open("a", encoding="utf-8") as manifest:
        manifest.write('{"path": "a.txt", "status": "fa')
    again = FakeSummariser()
    run(articles, tmp_path / "out", again)
    assert again.calls == []
    assert len(lines(tmp_path / "out" / "manifest.jsonl")) == 3


def test_concurrent_driver_writes_the_same_files_as_the_sequential_one(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "one", FakeSummariser(failing=("a.txt",)))
    run(articles, tmp_path / "many", FakeAsyncSummariser(failing=("a.txt",)), jobs=3)
    for name in AGGREGATES:
        assert (tmp_path / "many" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_concurrent_driver_writes_each_digest_file_off_the_event_loop(articles: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    writers: list[str] = []

    def write_noting_the_thread(path: Path, content: str) -> None:
        writers.append(threading.current_thread().name)
        write_atomic(path, content)

    monkeypatch.setattr("summarise.batch.steps.write_atomic", write_noting_the_thread)
    run(articles, tmp_path / "out", FakeAsyncSummariser(), jobs=2)

    assert len(writers) == 3 and threading.main_thread().name not in writers
    assert sources(tmp_path / "out") == ["a/z.md", "a.txt", "b.txt"]


def test_concurrent_driver_keeps_at_most_jobs_articles_in_flight(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {f"{number:02d}.txt": f"Article {number}." for number in range(10)})
    digest = FakeAsyncSummariser(delay=0.01)
    run(folder, tmp_path / "out", digest, jobs=3)
    assert (digest.most_in_flight, len(digest.calls), digest.closed) == (3, 10, True)


def test_second_run_on_a_busy_output_folder_is_refused(articles: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with (tmp_path / "out" / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(ConfigurationError, match="another batch is writing"):
            run(articles, tmp_path / "out", FakeSummariser())


class FakeSummariserInterruptedAt(FakeSummariser):
    """Sends the process a stop signal while digesting its ``at``-th article (counting from 1)."""

    def __init__(self, at: int, signal_number: int) -> None:
        super().__init__()
        self.at = at
        self.signal_number = signal_number

    def __call__(self, article: Article) -> Result:
        if len(self.calls) + 1 == self.at:
            os.kill(os.getpid(), self.signal_number)
        return super().__call__(article)


def test_sigint_stops_a_sequential_run_and_the_rerun_completes(articles: Path, tmp_path: Path) -> None:
    stopped = run(articles, tmp_path / "out", FakeSummariserInterruptedAt(2, signal.SIGINT))
    assert (stopped.interrupted_by, sources(tmp_path / "out")) == (signal.SIGINT, ["a/z.md"])
    again = FakeSummariser()
    run(articles, tmp_path / "out", again)
    assert (again.calls, sources(tmp_path / "out")) == (["a.txt", "b.txt"], ["a/z.md", "a.txt", "b.txt"])


def test_stop_handlers_are_restored_after_a_run(articles: Path, tmp_path: Path) -> None:
    before = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    run(articles, tmp_path / "one", FakeSummariser())
    run(articles, tmp_path / "many", FakeAsyncSummariser(), jobs=2)
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


class FakeAsyncSummariserInterruptedAt(FakeAsyncSummariser):
    def __init__(self, at: int, signal_number: int) -> None:
        super().__init__(delay=0.05)
        self.at = at
        self.signal_number = signal_number
        self.started = 0

    async def __call__(self, article: Article) -> Result:  # type: ignore[override]
        self.started += 1
        if self.started == self.at:
            os.kill(os.getpid(), self.signal_number)
        return await super().__call__(article)


def test_sigterm_cancels_a_concurrent_run_and_the_rerun_completes(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {f"{number:02d}.txt": f"Article {number}." for number in range(8)})
    stopped = run(folder, tmp_path / "out", FakeAsyncSummariserInterruptedAt(3, signal.SIGTERM), jobs=2)
    assert stopped.interrupted_by == signal.SIGTERM
    assert len(sources(tmp_path / "out")) < 8
    run(folder, tmp_path / "out", FakeAsyncSummariser(), jobs=2)
    assert sources(tmp_path / "out") == [f"{number:02d}.txt" for number in range(8)]


def test_backend_that_never_answers_stops_the_run_after_the_first_requests(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {f"{number:02d}.txt": f"Article {number}." for number in range(10)})
    digest = FakeAsyncSummariser(unreachable="all")
    with pytest.raises(BackendUnreachableError, match="the first 2 requests failed to connect"):
        run(folder, tmp_path / "out", digest, jobs=2)
    assert digest.calls == ["00.txt", "01.txt"]


def test_articles_whose_requests_found_no_backend_are_not_recorded_as_failed(tmp_path: Path) -> None:
    """So the rerun, once the backend is up, digests them without --retry-failed."""
    folder = write_articles(tmp_path / "in", {"a.txt": "Article a.", "b.txt": "Article b."})
    with pytest.raises(BackendUnreachableError):
        run(folder, tmp_path / "out", FakeAsyncSummariser(unreachable="all"), jobs=2)
    assert (tmp_path / "out" / "manifest.jsonl").read_text() == ""
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""
    again = FakeAsyncSummariser()
    run(folder, tmp_path / "out", again, jobs=2)
    assert sorted(again.calls) == ["a.txt", "b.txt"]


def test_backend_that_never_answers_a_batch_smaller_than_jobs_also_stops_it(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {"a.txt": "Article a.", "b.txt": "Article b."})
    with pytest.raises(BackendUnreachableError, match="the first 2 requests failed to connect"):
        run(folder, tmp_path / "out", FakeAsyncSummariser(unreachable="all"), jobs=8)


def test_sequential_run_stops_at_its_first_request_when_no_backend_answers(articles: Path, tmp_path: Path) -> None:
    digest = FakeSummariser(unreachable="all")
    with pytest.raises(BackendUnreachableError, match="the first request failed to connect"):
        run(articles, tmp_path / "out", digest)
    assert digest.calls == ["a/z.md"]


def test_failure_to_connect_is_an_article_failure_once_the_backend_has_answered(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in", {f"{number:02d}.txt": f"Article {number}." for number in range(6)})
    summary = run(folder, tmp_path / "out", FakeAsyncSummariser(unreachable=("00.txt", "04.txt")), jobs=2)
    assert [error["file"] for error in lines(tmp_path / "out" / "errors.jsonl")] == ["00.txt", "04.txt"]
    assert sources(tmp_path / "out") == ["01.txt", "02.txt", "03.txt", "05.txt"]
    assert exit_code(summary) == 1


class FakeStrictSummariser(FakeSummariser):
    """A hand-made Result per article that says one row was flagged and two were dropped by --strict."""

    def __call__(self, article: Article) -> Result:
        return super().__call__(article).model_copy(update={"unverified": 1, "dropped": 2})


def test_report_adds_up_the_unverified_and_dropped_rows_of_every_digest(articles: Path, tmp_path: Path) -> None:
    run(articles, tmp_path / "out", FakeStrictSummariser())
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    line = "Grounding: 3 claims and casualty rows unverified (flagged in every output), 6 dropped by --strict."
    assert line in report
