"""Where a batch reads and writes: the files under an input folder in a stable order, and safe output names."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["discover", "path_order", "digest_file_name", "DIGESTS_FOLDER"]

DIGESTS_FOLDER = "digests"

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_READABLE_LIMIT = 100


def discover(root: Path, exclude: Path | None = None) -> Iterator[str]:
    """Relative POSIX paths of the files under ``root``, depth first in name order (the order of
    :func:`path_order`), listing one folder at a time so memory does not grow with the tree. Hidden files
    and folders (names starting with ".") and the folder ``exclude`` (an output folder inside the input)
    are skipped; symbolic links to folders are not followed, so a link loop cannot recurse forever."""
    excluded = exclude.resolve() if exclude is not None else None
    yield from _walk(Path(root), "", excluded)


def _walk(folder: Path, prefix: str, excluded: Path | None) -> Iterator[str]:
    with os.scandir(folder) as listing:
        entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if excluded is None or Path(entry.path).resolve() != excluded:
                yield from _walk(Path(entry.path), f"{prefix}{entry.name}/", excluded)
        elif entry.is_file():
            yield prefix + entry.name


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
