"""Atomic writes: the file appears whole, through a temporary file in the same folder, or not at all."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarise.errors import OutputError
from summarise.store import (
    check_writable,
    ensure_writable,
    open_atomic,
    remove_temporary_files,
    write_atomic,
    write_atomic_lines,
)


def test_write_atomic_writes_text_as_utf8_with_line_ends_unchanged(tmp_path: Path) -> None:
    write_atomic(tmp_path / "new" / "a.txt", "Kyiv — Київ\r\nend\n")
    assert (tmp_path / "new" / "a.txt").read_bytes() == "Kyiv — Київ\r\nend\n".encode()


def test_write_atomic_writes_bytes_as_given(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.bin", b"\x00\xff")
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\xff"


def test_write_atomic_lines_writes_every_line_in_order(tmp_path: Path) -> None:
    write_atomic_lines(tmp_path / "a.jsonl", (f'{{"n": {number}}}\n' for number in range(3)))
    assert (tmp_path / "a.jsonl").read_text() == '{"n": 0}\n{"n": 1}\n{"n": 2}\n'


def test_write_atomic_lines_streams_into_the_temporary_file(tmp_path: Path) -> None:
    """Lines already written are on their way to disk (past the write buffer) before the next one is
    made, and the file in place is the old one until the last line."""
    target = tmp_path / "a.jsonl"
    target.write_text("old\n")
    chunk = "x" * 9999 + "\n"
    seen: list[tuple[int, str]] = []

    def lines() -> Iterator[str]:
        for _ in range(3):
            [temporary] = tmp_path.glob(".a.jsonl.*.tmp")
            seen.append((temporary.stat().st_size, target.read_text()))
            yield chunk

    write_atomic_lines(target, lines())

    assert seen == [(0, "old\n"), (10000, "old\n"), (20000, "old\n")]
    assert target.read_text() == chunk * 3


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.jsonl"
    target.write_text("old\n")

    def failing() -> Iterator[str]:
        yield "new\n"
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        write_atomic_lines(target, failing())

    assert target.read_text() == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.jsonl"]


def test_open_atomic_puts_the_file_in_place_only_when_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    with open_atomic(target) as out:
        out.write("a,b\r\n")
        assert not target.exists()
    assert target.read_bytes() == b"a,b\r\n"


def test_written_files_are_readable_like_any_other_output(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "x")
    current = os.umask(0)
    os.umask(current)
    assert target.stat().st_mode & 0o777 == 0o666 & ~current


def test_remove_temporary_files_removes_what_killed_writes_left_and_nothing_else(tmp_path: Path) -> None:
    for name in (".a.json.k3j9x2.tmp", ".digests.jsonl.q8w1e4.tmp", "a.json", ".lock", "notes.tmp"):
        (tmp_path / name).write_text("x")
    assert remove_temporary_files(tmp_path) == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == [".lock", "a.json", "notes.tmp"]


def test_ensure_writable_makes_the_folder_and_leaves_nothing_in_it(tmp_path: Path) -> None:
    ensure_writable(tmp_path / "out" / "digests")
    assert list((tmp_path / "out" / "digests").iterdir()) == []


def test_ensure_writable_names_a_folder_that_takes_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only mount, simulated: tests run as root, whom chmod does not stop."""

    def mkstemp_on_a_read_only_mount(*_: Any, dir: str, **__: Any) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system", dir)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_on_a_read_only_mount)
    with pytest.raises(OutputError) as raised:
        ensure_writable(tmp_path)
    assert str(raised.value) == f"{tmp_path}: cannot write here: Read-only file system"


def test_ensure_writable_refuses_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "digests").write_text("a file")
    with pytest.raises(OutputError, match="cannot write here: File exists"):
        ensure_writable(tmp_path / "digests")


def test_check_writable_accepts_a_path_in_folders_still_to_be_made_and_makes_nothing(tmp_path: Path) -> None:
    check_writable(tmp_path / "new" / "deeper" / "digest.json")
    assert list(tmp_path.iterdir()) == []


def test_check_writable_names_the_file_standing_where_a_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(OutputError) as raised:
        check_writable(tmp_path / "a-file" / "new" / "digest.json")
    assert str(raised.value) == (f"{tmp_path / 'a-file' / 'new' / 'digest.json'}: cannot write here: "
                                 f"{tmp_path / 'a-file'} is a file, not a folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_check_writable_refuses_a_read_only_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir(mode=0o555)
    with pytest.raises(OutputError, match="cannot write here: Permission denied"):
        check_writable(tmp_path / "out" / "digest.json")
