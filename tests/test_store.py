"""Atomic writes: the file appears whole, through a temporary file in the same folder, or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarise.store import open_atomic, write_atomic, write_atomic_lines


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
