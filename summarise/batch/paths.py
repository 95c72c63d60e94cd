"""Where a batch reads and writes: the article files under an input folder in a stable order, and safe
output names."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from summarise.ingest import SUPPORTED_SUFFIXES

__all__ = ["discover", "LeftOut", "path_order", "digest_file_name", "DIGESTS_FOLDER", "MANIFEST_NAME"]

DIGESTS_FOLDER = "digests"
MANIFEST_NAME = "manifest.jsonl"

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_READABLE_LIMIT = 100


@dataclass
class LeftOut:
    """What a walk over an input folder did not yield, hidden names aside: files of no article type, earlier
    output folders (those holding a manifest), and folders it could not list, each with its error."""

    not_articles: int = 0
    earlier_outputs: int = 0
    unlisted: list[tuple[str, OSError]] = field(default_factory=list)

    @property
    def unlisted_folders(self) -> list[str]:
        """Relative paths of the folders that could not be listed, each ending in "/" ("" for the root)."""
        return [folder for folder, _ in self.unlisted]


def discover(root: Path, exclude: Path | None = None, left_out: LeftOut | None = None) -> Iterator[str]:
    """Relative POSIX paths of the article files under ``root`` (by suffix: see ingest.SUPPORTED_SUFFIXES),
    depth first in name order (the order of :func:`path_order`), listing one folder at a time so memory
    does not grow with the tree. Skipped, and counted in ``left_out`` when given: other files, sub-folders
    holding a manifest (an earlier run's output), and folders that cannot be listed. Hidden files and
    folders (names starting with ".") and the folder ``exclude`` (an output folder inside the input) are
    skipped too. Symbolic links to folders are not followed, so a link loop cannot recurse forever; a link
    that cannot be resolved (a loop, or one whose target is gone) is yielded, so that reading it reports the
    problem."""
    excluded = exclude.resolve() if exclude is not None else None
    yield from _walk(Path(root), "", excluded, left_out if left_out is not None else LeftOut())


def _listing(folder: Path, prefix: str, left_out: LeftOut) -> list[os.DirEntry[str]] | None:
    """The visible entries of ``folder`` by name; None when it cannot be listed or is an earlier output."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda e: e.name)
    except OSError as error:
        left_out.unlisted.append((prefix, error))
        return None
    if prefix and any(entry.name == MANIFEST_NAME for entry in entries):
        left_out.earlier_outputs += 1
        return None
    return entries


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A file, or a link that cannot be resolved (a loop, or a target that is gone): reading it will say why
    it is no article, instead of the walk passing over it in silence."""
    try:
        return entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path))
    except OSError:
        return True


def _walk(folder: Path, prefix: str, excluded: Path | None, left_out: LeftOut) -> Iterator[str]:
    entries = _listing(folder, prefix, left_out)
    for entry in entries or ():
        if entry.is_dir(follow_symlinks=False):
            if excluded is None or Path(entry.path).resolve() != excluded:
                yield from _walk(Path(entry.path), f"{prefix}{entry.name}/", excluded, left_out)
        elif not _is_file(entry):
            continue
        elif Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES:
            yield prefix + entry.name
        else:
            left_out.not_articles += 1


def path_order(relative: str) -> tuple[str, ...]:
    """Sort key of relative paths: folder by folder, by name, as :func:`discover` yields them."""
    return tuple(relative.split("/"))


def digest_file_name(relative: str) -> str:
    """The file name of the digest of the input at ``relative``: readable, a single name (no folder part,
    no leading dot, so joined to the digests folder it cannot point anywhere else), bounded in length, and
    distinct for distinct paths, because a hash of the exact relative path ends it."""
    parts = [part for part in relative.replace("\\", "/").split("/") if part not in ("", ".", "..")]
    readable = "__".join(_UNSAFE.sub("_", part) for part in parts).lstrip(".")[:_READABLE_LIMIT] or "article"
    fingerprint = hashlib.sha256(relative.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{readable}.{fingerprint}.json"
