"""``summarise batch --ray local`` on a real local Ray instance, against the benchmark stub server: the model
calls run as Ray tasks in Ray's own worker processes, this process writes the output. Marked ``ray``, so
it runs only with ``pytest -m ray`` (Ray starting on 2 cores takes several seconds); it skips when the
``[ray]`` extra is not installed. The fake-ray unit tests are in tests/test_batch_ray.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.fault_server import bench_stub

pytestmark = [
    pytest.mark.ray,
    pytest.mark.skipif(find_spec("ray") is None, reason="needs Ray, the [ray] extra: pip install -e '.[ray]'"),
]

ARTICLES = 4


def write_seed_copies(folder: Path) -> None:
    """Distinct articles (each its own id) whose quotes the stub's digest of the seed grounds exactly."""
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8").rstrip()
    for number in range(ARTICLES):
        (folder / f"copy_{number}.txt").write_text(f"{seed}\n\nRay copy {number}.\n", encoding="utf-8")


def batch_on_local_ray(folder: Path, out: Path, base_url: str, model: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "summarise", "batch", str(folder), "-o", str(out), "-j", "4",
               "--ray", "local", "--base-url", base_url, "--model", model]
    # No usage report leaves the machine; the tests may not reach the network.
    environment = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300, check=False)


def test_a_batch_on_local_ray_digests_every_article_and_a_rerun_skips_them(tmp_path: Path) -> None:
    stub = bench_stub()
    write_seed_copies(tmp_path / "in")
    out = tmp_path / "out"
    with stub.running_stub(delay=0.0) as base_url:
        first = batch_on_local_ray(tmp_path / "in", out, base_url, stub.STUB_MODEL)
        served_first = stub.stub_stats(base_url)["served"]
        again = batch_on_local_ray(tmp_path / "in", out, base_url, stub.STUB_MODEL)
        served_again = stub.stub_stats(base_url)["served"]

    assert first.returncode == 0, first.stderr[-3000:]
    assert f"{ARTICLES} articles: {ARTICLES} digested, 0 up to date, 0 failed" in first.stderr
    digests = [json.loads(line) for line in (out / "digests.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [digest["article"]["source"] for digest in digests] == [f"copy_{n}.txt" for n in range(ARTICLES)]
    assert [digest["unverified"] for digest in digests] == [0] * ARTICLES
    assert served_first == ARTICLES
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"{ARTICLES} articles: 0 digested, {ARTICLES} up to date, 0 failed" in again.stderr
    assert served_again == served_first
