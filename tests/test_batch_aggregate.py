"""The aggregate files made at the end of a batch stream each digest into place: memory does not grow with
the number of digests."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from summarise.batch.aggregate import write_aggregates
from summarise.batch.manifest import ManifestEntry, Recipe
from summarise.batch.outcomes import Tally
from summarise.result import ArticleInfo, Provenance, Result
from summarise.schema import SCHEMA_VERSION

RECIPE = Recipe(model="fake-model", backend="fake", prompt_version="p1", schema_version=SCHEMA_VERSION, strict=False)
LONG_SUMMARY = "A long summary. " * 3000  # about 48 KB per digest


def digest(number: int) -> Result:
    return Result(
        article=ArticleInfo(id=f"{number:016x}", source=f"{number:04d}.txt", title=None, chars=100),
        summary=LONG_SUMMARY, parties=[], claims=[], events=[], casualties=[], unverified=0,
        provenance=Provenance(backend="fake", model="fake-model", prompt_version="p1", schema_version=SCHEMA_VERSION,
                              attempts=1, prompt_tokens=0, completion_tokens=0, seconds=0.0),
    )


def done_entries(output_dir: Path, count: int) -> list[ManifestEntry]:
    (output_dir / "digests").mkdir(parents=True)
    entries = []
    for number in range(count):
        output = f"digests/{number:04d}.json"
        (output_dir / output).write_text(digest(number).model_dump_json(), encoding="utf-8")
        entries.append(ManifestEntry(path=f"{number:04d}.txt", status="done", article_id=f"{number:016x}",
                                     recipe=RECIPE, output=output, error=None))
    return entries


def test_digests_jsonl_is_streamed_not_held_in_memory(tmp_path: Path) -> None:
    entries = done_entries(tmp_path, 100)  # about 4.8 MB of digests.jsonl

    tracemalloc.start()
    try:
        totals = write_aggregates(tmp_path, iter(entries), Tally(total=100))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (totals.done, totals.failed) == (100, 0)
    assert peak < 1_000_000
    lines: Iterator[str] = iter((tmp_path / "digests.jsonl").read_text(encoding="utf-8").splitlines())
    assert [json.loads(line)["article"]["source"] for line in lines] == [f"{number:04d}.txt" for number in range(100)]
