"""The manifest: what a batch did to each input file and with which settings; resuming decides by it.

``manifest.jsonl`` in the output folder holds JSON lines, one per input file, keyed by the file's path
relative to the input folder. During a run every finished article appends one line with a single write
call, so a killed run loses at most the articles that were in flight; a torn last line does not parse and
is ignored (that article is simply done again). At the start and at the end of a run the file is
rewritten atomically with only the latest line per path, in path order.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarise.batch.paths import MANIFEST_NAME, path_order
from summarise.store import write_atomic_lines

__all__ = ["MANIFEST_NAME", "Stage", "Recipe", "ErrorRecord", "ManifestEntry", "Decision", "decide", "load_manifest",
           "save_manifest", "ManifestJournal"]

Stage = Literal["ingest", "extract", "ground", "write"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Recipe(_Frozen):
    """What, besides the article, decides a digest: a digest made with another recipe is made again."""

    model: str = Field(description="Model name or GGUF file name.")
    backend: str = Field(description="embedded, server or replay; recorded, but not a reason to redo.")
    prompt_version: str = Field(description="Version (hash) of the prompt files.")
    schema_version: str = Field(description="Version of the response schema.")
    strict: bool = Field(description="Whether rows that failed grounding were dropped.")

    def same_digest_as(self, other: Recipe) -> bool:
        return (self.model, self.prompt_version, self.schema_version, self.strict) == (
            other.model, other.prompt_version, other.schema_version, other.strict)


class ErrorRecord(_Frozen):
    """Why one input file has no digest: a line of errors.jsonl."""

    file: str = Field(description="Path of the input file relative to the input folder.")
    stage: Stage = Field(description="Where it failed: ingest, extract, ground or write.")
    error_type: str = Field(description="The exception's class name.")
    message: str = Field(description="What went wrong.")


class ManifestEntry(_Frozen):
    """The latest outcome for one input file."""

    path: str = Field(description="Path of the input file relative to the input folder (POSIX separators).")
    status: Literal["done", "failed"] = Field(description="done: its digest is in output; failed: see error.")
    article_id: str | None = Field(description="Content hash of the article text; null when it could not be read.")
    recipe: Recipe = Field(description="The settings the digest was made (or attempted) with.")
    output: str | None = Field(description="The digest file, relative to the output folder; null when failed.")
    error: ErrorRecord | None = Field(description="Why it failed; null when done.")


class Decision(StrEnum):
    """What a run does with one readable article."""

    DIGEST = "digest"
    UP_TO_DATE = "up_to_date"
    KEEP_FAILURE = "keep_failure"


def decide(previous: ManifestEntry | None, article_id: str, recipe: Recipe, *, output_exists: bool,
           force: bool = False, retry_failed: bool = False) -> Decision:
    """Digest again unless the same article was already done (or failed) with the same recipe. A digest
    that could not be written is no failure of the article's: it is made again without --retry-failed."""
    if force or previous is None or previous.article_id != article_id or not previous.recipe.same_digest_as(recipe):
        return Decision.DIGEST
    if previous.status == "done":
        return Decision.UP_TO_DATE if output_exists else Decision.DIGEST
    unwritten = previous.error is not None and previous.error.stage == "write"
    return Decision.DIGEST if retry_failed or unwritten else Decision.KEEP_FAILURE


def load_manifest(path: Path) -> dict[str, ManifestEntry]:
    """The latest entry per input path; lines that do not parse (a torn write) are skipped."""
    entries: dict[str, ManifestEntry] = {}
    if not path.is_file():
        return entries
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                entry = ManifestEntry.model_validate_json(line)
            except ValidationError:
                continue
            entries[entry.path] = entry
    return entries


def save_manifest(path: Path, entries: dict[str, ManifestEntry]) -> None:
    """Rewrite the manifest atomically: one line per path, in path order."""
    ordered = sorted(entries.values(), key=lambda entry: path_order(entry.path))
    write_atomic_lines(path, (entry.model_dump_json() + "\n" for entry in ordered))


class ManifestJournal:
    """Appends entries to the manifest as articles finish, each line in one write call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def append(self, entry: ManifestEntry) -> None:
        os.write(self._descriptor, (entry.model_dump_json() + "\n").encode("utf-8"))

    def close(self) -> None:
        os.close(self._descriptor)

    def __enter__(self) -> ManifestJournal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
