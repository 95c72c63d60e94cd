"""Delete fixture files that no replay uses any more (after prompts or the schema changed and the
new responses were recorded). Replays the seed and, where ../shared/ exists, the development set.

    .venv/bin/python scripts/prune_fixtures.py            # list what would go
    .venv/bin/python scripts/prune_fixtures.py --delete   # delete it
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from summarise.cli import main
from summarise.fixtures import FixtureStore

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"


def used_files() -> set[Path]:
    used: set[Path] = set()
    original = FixtureStore.load

    def load(self: FixtureStore, key: str) -> dict[str, Any] | None:
        found = original(self, key)
        if found is not None:
            used.add(self.path_for(key).resolve())
        return found

    FixtureStore.load = load  # type: ignore[method-assign]
    replay = ["--fixtures", "replay", "--fixtures-dir", str(FIXTURES)]
    runner = CliRunner()
    runner.invoke(main, [str(REPO / "seeds" / "000_4cf0f7c4e857d004.txt"), "--format", "json", *replay])
    if (SHARED / "gold" / "dev").is_dir():
        runner.invoke(main, ["eval", str(SHARED / "gold" / "dev"), "--articles", str(SHARED / "corpus" / "articles"),
                             *replay])
    else:
        print(f"{SHARED} is absent: only the seed's fixtures count as used", file=sys.stderr)
    return used


def main_() -> None:
    used = used_files()
    unused = sorted(path for path in FIXTURES.glob("*.json") if path.resolve() not in used)
    for path in unused:
        print(path.name)
        if "--delete" in sys.argv:
            path.unlink()
    print(f"{len(used)} used, {len(unused)} unused{' (deleted)' if '--delete' in sys.argv else ''}", file=sys.stderr)


if __name__ == "__main__":
    main_()
