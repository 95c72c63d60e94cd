"""Where a batch reads (discovery order, skipped files) and writes (safe digest names), and the manifest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarise.batch.manifest import Decision, ErrorRecord, ManifestEntry, Recipe, decide, load_manifest
from summarise.batch.paths import LeftOut, digest_file_name, discover, path_order

RECIPE = Recipe(model="m", backend="server", prompt_version="p1", schema_version="1", strict=False)


def touch(folder: Path, *relatives: str) -> Path:
    for relative in relatives:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text("text")
    return folder


def test_discover_walks_folder_by_folder_in_name_order(tmp_path: Path) -> None:
    touch(tmp_path, "b.txt", "a.txt", "a/z.md", "a/b/c.html", "A.txt")
    assert list(discover(tmp_path)) == ["A.txt", "a/b/c.html", "a/z.md", "a.txt", "b.txt"]


def test_discover_order_is_path_order(tmp_path: Path) -> None:
    touch(tmp_path, "b.txt", "a.txt", "a/z.md", "a-b/c.txt", "a/b/c.html")
    found = list(discover(tmp_path))
    assert found == sorted(found, key=path_order)


def test_discover_skips_files_that_are_not_articles_and_counts_them(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", "b.pdf", "c", "d.csv", "e/f.HTML", "e/g.markdown", "h.json")
    left_out = LeftOut()
    assert list(discover(tmp_path, left_out=left_out)) == ["a.txt", "e/f.HTML", "e/g.markdown", "h.json"]
    assert left_out == LeftOut(not_articles=3)


def test_discover_skips_a_folder_holding_a_manifest_as_an_earlier_output(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", "old/manifest.jsonl", "old/report.md", "old/digests/a.txt.1234.json", "z/b.txt")
    left_out = LeftOut()
    assert list(discover(tmp_path, left_out=left_out)) == ["a.txt", "z/b.txt"]
    assert left_out == LeftOut(earlier_outputs=1)


def test_discover_reads_the_input_folder_itself_even_when_it_holds_a_manifest(tmp_path: Path) -> None:
    touch(tmp_path, "manifest.jsonl", "a.txt")
    assert list(discover(tmp_path)) == ["a.txt"]


def test_discover_skips_hidden_files_and_folders(tmp_path: Path) -> None:
    touch(tmp_path, ".DS_Store", ".git/HEAD.txt", "a/.hidden.txt", "a/seen.txt")
    assert list(discover(tmp_path)) == ["a/seen.txt"]


def test_discover_skips_the_excluded_folder(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt", "out/digests.jsonl", "out/digests/a.txt.json")
    assert list(discover(tmp_path, exclude=tmp_path / "out")) == ["a.txt"]


def test_discover_does_not_follow_links_to_folders(tmp_path: Path) -> None:
    touch(tmp_path, "a/b.txt")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    assert list(discover(tmp_path)) == ["a/b.txt"]


def test_discover_yields_a_link_loop_so_that_reading_it_reports_the_problem(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("there.txt", tmp_path / "here.txt")
    os.symlink("here.txt", tmp_path / "there.txt")
    assert list(discover(tmp_path)) == ["a.txt", "here.txt", "loop.txt", "there.txt"]


def test_discover_yields_a_link_whose_target_is_gone_so_that_reading_it_reports_the_problem(tmp_path: Path) -> None:
    touch(tmp_path, "a.txt")
    os.symlink("deleted.txt", tmp_path / "gone.txt")
    os.symlink("deleted-folder", tmp_path / "gone-folder")
    assert list(discover(tmp_path)) == ["a.txt", "gone.txt"]


def test_discover_notes_a_folder_it_cannot_list_and_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: tests run as root, for whom chmod 000 does not make a folder unreadable."""
    touch(tmp_path, "a.txt", "locked/b.txt", "z.txt")
    real_scandir = os.scandir

    def scandir_refusing_locked(path: os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("summarise.batch.paths.os.scandir", scandir_refusing_locked)
    left_out = LeftOut()
    assert list(discover(tmp_path, left_out=left_out)) == ["a.txt", "z.txt"]
    assert [(folder, error.strerror) for folder, error in left_out.unlisted] == [("locked/", "Permission denied")]


def test_digest_file_name_is_readable_and_ends_with_a_hash_of_the_path() -> None:
    assert digest_file_name("sub dir/a b.txt") == "sub_dir__a_b.txt.287ee34b.json"


def test_digest_file_names_differ_for_paths_that_read_alike() -> None:
    assert digest_file_name("a/b.txt") == "a__b.txt.5550000d.json"
    assert digest_file_name("a__b.txt") == "a__b.txt.4931c08a.json"


@pytest.mark.parametrize("relative, name", [
    ("../../etc/passwd", "etc__passwd.3754d6cb.json"),
    ("..", "article.5ec1f7e7.json"),
    (".env", "env.e9cbb022.json"),
    ("a\\..\\..\\b.txt", "a__b.txt.40c6d232.json"),
])
def test_digest_file_name_cannot_escape_or_hide(relative: str, name: str, tmp_path: Path) -> None:
    digests = tmp_path / "out" / "digests"
    assert digest_file_name(relative) == name
    assert (digests / digest_file_name(relative)).resolve().parent == digests.resolve()


def test_digest_file_name_is_bounded_in_length() -> None:
    assert len(digest_file_name("x" * 300 + ".txt")) == 100 + len(".6ce2705d.json")


def entry(status: str = "done", article_id: str | None = "id1", recipe: Recipe = RECIPE) -> ManifestEntry:
    return ManifestEntry(path="a.txt", status=status, article_id=article_id, recipe=recipe,  # type: ignore[arg-type]
                         output="digests/a.json" if status == "done" else None, error=None)


@pytest.mark.parametrize("previous, article_id, options, decision", [
    (None, "id1", {}, Decision.DIGEST),
    (entry(), "id1", {}, Decision.UP_TO_DATE),
    (entry(), "id2", {}, Decision.DIGEST),
    (entry(), "id1", {"force": True}, Decision.DIGEST),
    (entry(recipe=RECIPE.model_copy(update={"model": "other"})), "id1", {}, Decision.DIGEST),
    (entry(recipe=RECIPE.model_copy(update={"schema_version": "2"})), "id1", {}, Decision.DIGEST),
    (entry(recipe=RECIPE.model_copy(update={"strict": True})), "id1", {}, Decision.DIGEST),
    (entry(recipe=RECIPE.model_copy(update={"backend": "replay"})), "id1", {}, Decision.UP_TO_DATE),
    (entry("failed"), "id1", {}, Decision.KEEP_FAILURE),
    (entry("failed"), "id1", {"retry_failed": True}, Decision.DIGEST),
    (entry("failed"), "id2", {}, Decision.DIGEST),
    (entry("failed", article_id=None), "id1", {}, Decision.DIGEST),
])
def test_decide(previous: ManifestEntry | None, article_id: str, options: dict[str, bool],
                decision: Decision) -> None:
    assert decide(previous, article_id, RECIPE, output_exists=True, **options) is decision


def test_done_entry_whose_digest_file_is_gone_is_digested_again() -> None:
    assert decide(entry(), "id1", RECIPE, output_exists=False) is Decision.DIGEST


def test_failure_to_write_a_digest_is_not_kept_as_the_article_s_failure() -> None:
    """The article was fine: its digest was lost to a full disk or a read-only folder, so a plain rerun
    digests it again instead of saying it failed earlier."""
    unwritten = entry("failed").model_copy(update={"error": ErrorRecord(
        file="a.txt", stage="write", error_type="OSError", message="[Errno 28] No space left on device")})
    assert decide(unwritten, "id1", RECIPE, output_exists=False) is Decision.DIGEST


def test_load_manifest_keeps_the_latest_entry_per_path_and_skips_torn_lines(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(entry("failed").model_dump_json() + "\n" + entry().model_dump_json() + "\n" + '{"path": "a.t')
    assert load_manifest(manifest) == {"a.txt": entry()}
