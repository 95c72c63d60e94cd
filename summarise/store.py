"""Write files atomically: a temporary file in the same folder, flushed to disk, then a rename. A killed
run never leaves a truncated file behind, only a hidden temporary file (``.NAME.XXXX.tmp``), which
:func:`remove_temporary_files` clears."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from summarise.errors import OutputError

__all__ = [
    "check_writable", "open_atomic", "write_atomic", "write_atomic_lines", "ensure_writable", "remove_temporary_files",
]

_TEMPORARY_SUFFIX = ".tmp"

_UMASK = os.umask(0)  # read once, at import (single-threaded): mkstemp makes files 0600, outputs want 0644
os.umask(_UMASK)


@contextmanager
def open_atomic(path: str | Path) -> Iterator[TextIO]:
    """A UTF-8 text file (line ends written as given) that replaces ``path`` when the block ends; when the
    block raises, ``path`` is left as it was. For content made piece by piece, too large to hold whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMPORARY_SUFFIX)
    try:
        os.fchmod(handle, 0o666 & ~_UMASK)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_writable(path: str | Path) -> None:
    """Raise OutputError naming ``path`` unless a file can be written there now. The nearest folder that
    exists must be a folder in which a temporary file can be created (and is, then removed): the atomic
    write makes the missing folders below it and its file there. Call it before the paid work whose result
    goes to ``path``; it changes nothing."""
    path = Path(path)
    folder = next(folder for folder in (path.parent, *path.parent.parents) if folder.exists())
    if not folder.is_dir():
        raise OutputError(path, f"cannot write here: {folder} is a file, not a folder")
    _probe(folder, path)


def _probe(folder: Path, target: Path) -> None:
    """Create and remove a file in ``folder``: a read-only mount or a full disk answers only to a write, and
    root passes every permission check. OutputError names ``target`` when it fails."""
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".probe.", suffix=_TEMPORARY_SUFFIX)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise OutputError(target, f"cannot write here: {error.strerror or error}") from error


def write_atomic(path: str | Path, content: str | bytes) -> None:
    with open_atomic(path) as out:
        if isinstance(content, bytes):
            out.buffer.write(content)
        else:
            out.write(content)


def write_atomic_lines(path: str | Path, lines: Iterable[str]) -> None:
    """Write ``lines`` (each ending in its own newline) one at a time: a stream is never held whole."""
    with open_atomic(path) as out:
        out.writelines(lines)


def ensure_writable(folder: Path) -> None:
    """Make ``folder`` if needed and create (then remove) a file in it; OutputError when either fails."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(folder, f"cannot write here: {error.strerror or error}") from error
    _probe(folder, folder)


def remove_temporary_files(folder: Path) -> int:
    """Remove the temporary files that writes killed midway left in ``folder``; return how many. Only
    while nothing else writes there: a live write's temporary file would go too."""
    removed = 0
    for path in folder.glob(f".*{_TEMPORARY_SUFFIX}"):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
