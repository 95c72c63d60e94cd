"""``summarise batch`` end to end against a real local OpenAI-compatible HTTP server, including a run that
is killed midway (SIGINT, SIGTERM) in a subprocess and then resumed."""

from __future__ import annotations

import csv
import errno
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarise.cli import main
from summarise.result import Result
from tests.fault_server import bench_stub


def chat_completion(body: dict[str, Any]) -> dict[str, Any]:
    """An OpenAI chat completion with a valid answer to what ``body`` asks (bench/stub_server.py's ``answer_for``), as a
    tool call when tools were offered."""
    arguments = json.dumps(bench_stub().answer_for(body))
    if body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        message = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}]}
        finish_reason = "tool_calls"
    else:
        message, finish_reason = {"role": "assistant", "content": arguments}, "stop"
    return {"id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": body.get("model", "stub"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}


class StubServer(ThreadingHTTPServer):
    """Answers POST .../chat/completions after ``delay`` seconds; counts the requests."""

    daemon_threads = True

    def __init__(self, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), _StubHandler)
        self.delay = delay
        self.requests = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _StubHandler(BaseHTTPRequestHandler):
    server: StubServer

    def do_POST(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests += 1
        time.sleep(self.server.delay)
        data = json.dumps(chat_completion(body)).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_: Any) -> None:
        pass


def serve(delay: float) -> Iterator[StubServer]:
    server = StubServer(delay)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def stub() -> Iterator[StubServer]:
    yield from serve(delay=0.0)


@pytest.fixture
def slow_stub() -> Iterator[StubServer]:
    yield from serve(delay=0.05)


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISE_FIXTURES", "SUMMARISE_FIXTURES_DIR"):
        monkeypatch.delenv(name, raising=False)


def make_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{number:02d}.txt").write_text(f"Article number {number}. Nothing happened.\n", encoding="utf-8")
    return folder


def sources(output_dir: Path) -> list[str]:
    lines = (output_dir / "digests.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["article"]["source"] for line in lines]


def batch(*arguments: str) -> Any:
    return CliRunner().invoke(main, ["batch", *arguments])


def test_batch_digests_every_article_through_the_server(stub: StubServer, tmp_path: Path) -> None:
    result = batch(str(make_articles(tmp_path / "in", 3)), "-o", str(tmp_path / "out"), "-j", "2",
                   "--base-url", stub.base_url, "--model", "stub")
    assert result.exit_code == 0, result.output
    assert sources(tmp_path / "out") == ["00.txt", "01.txt", "02.txt"]
    assert result.stderr.startswith("batch: 3 articles: 3 digested, 0 up to date, 0 failed in ")


def test_second_run_makes_no_model_calls(stub: StubServer, tmp_path: Path) -> None:
    arguments = (str(make_articles(tmp_path / "in", 3)), "-o", str(tmp_path / "out"), "--base-url", stub.base_url,
                 "--model", "stub")
    batch(*arguments)
    result = batch(*arguments)
    assert (result.exit_code, stub.requests) == (0, 3)
    assert "0 digested, 3 up to date" in result.stderr


def test_batch_exits_1_when_an_article_fails(stub: StubServer, tmp_path: Path) -> None:
    folder = make_articles(tmp_path / "in", 2)
    (folder / "binary.txt").write_bytes(b"%PDF-1.4\x00")
    result = batch(str(folder), "-o", str(tmp_path / "out"), "--base-url", stub.base_url, "--model", "stub")
    assert result.exit_code == 1
    assert json.loads((tmp_path / "out" / "errors.jsonl").read_text())["file"] == "binary.txt"


def test_summary_line_says_how_many_files_were_skipped(stub: StubServer, tmp_path: Path) -> None:
    folder = make_articles(tmp_path / "in", 2)
    (folder / "table.csv").write_text("a,b\n")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    batch(str(folder), "-o", str(folder / "earlier"), "--base-url", stub.base_url, "--model", "stub")
    result = batch(str(folder), "-o", str(tmp_path / "out"), "--base-url", stub.base_url, "--model", "stub")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("batch: 2 articles: 2 digested, 0 up to date, 0 failed in ")
    assert result.stderr.rstrip().endswith("; skipped 2 files that are not articles, 1 earlier output folder")


def closed_port() -> int:
    """A loopback port that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_backend_that_cannot_be_reached_exits_3_and_fails_no_article(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("summarise.retrying.RetryPolicy._backoff", lambda *_: 0.0)  # retry at once, not over 20 s
    base_url = f"http://127.0.0.1:{closed_port()}/v1"
    result = batch(str(make_articles(tmp_path / "in", 9)), "-o", str(tmp_path / "out"), "-j", "3",
                   "--base-url", base_url, "--model", "stub")
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("Error: the backend never answered: the first 3 requests failed to connect "
                                    f"(cannot connect to {base_url}/chat/completions: ")
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""
    assert (tmp_path / "out" / "manifest.jsonl").read_text() == ""


def test_read_only_output_folder_exits_2_before_any_model_call(stub: StubServer, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    real_mkstemp = tempfile.mkstemp

    def mkstemp_on_a_read_only_mount(*args: Any, dir: str, **options: Any) -> tuple[int, str]:
        if Path(dir).name == "out":
            raise OSError(errno.EROFS, "Read-only file system", dir)
        return real_mkstemp(*args, dir=dir, **options)  # type: ignore[no-any-return]

    monkeypatch.setattr("summarise.store.tempfile.mkstemp", mkstemp_on_a_read_only_mount)
    result = batch(str(make_articles(tmp_path / "in", 3)), "-o", str(tmp_path / "out"), "--base-url", stub.base_url,
                   "--model", "stub")
    assert (result.exit_code, stub.requests) == (2, 0)
    assert result.stderr == f"Error: {tmp_path / 'out'}: cannot write here: Read-only file system\n"


def test_missing_fixtures_in_replay_are_per_article_errors(tmp_path: Path) -> None:
    result = batch(str(make_articles(tmp_path / "in", 2)), "-o", str(tmp_path / "out"), "--fixtures", "replay",
                   "--fixtures-dir", str(tmp_path / "no-fixtures"), "-j", "4")
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert result.exit_code == 1
    assert [(error["file"], error["stage"]) for error in errors] == [("00.txt", "extract"), ("01.txt", "extract")]
    assert result.stderr.startswith("note: the embedded model digests one article at a time")


@pytest.mark.parametrize("arguments", [
    ["IN"],
    ["IN", "-o", "IN"],
    ["IN", "-o", "OUT", "--base-url", "http://127.0.0.1:9/v1"],
    ["IN", "-o", "OUT", "-j", "0"],
])
def test_usage_errors_exit_2(arguments: list[str], tmp_path: Path) -> None:
    folder = make_articles(tmp_path / "in", 1)
    replaced = [str(folder) if a == "IN" else str(tmp_path / "out") if a == "OUT" else a for a in arguments]
    assert batch(*replaced).exit_code == 2


def test_help_documents_the_exit_codes_and_examples() -> None:
    text = batch("--help").output
    assert "Exit codes: 0 every article has a digest, 1 some articles failed" in text
    assert ("3 the backend cannot work at all (its first requests all failed to connect; nothing is recorded for "
            "those articles)") in " ".join(text.split())
    assert "summarise batch articles/ -o out/ --retry-failed" in text


def assert_every_output_is_whole(output_dir: Path) -> None:
    """Every file in the output folder parses as what it claims to be; no temporary file is left."""
    for path in output_dir.rglob("*"):
        if path.is_dir() or path.name == ".lock":
            continue
        assert not path.name.endswith(".tmp"), path
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            Result.model_validate_json(text)
        elif path.suffix == ".jsonl":
            assert all(json.loads(line) for line in text.splitlines())
        elif path.suffix == ".csv":
            assert next(csv.reader(text.splitlines()))[0] == "article_id"
        else:
            assert path.name == "report.md" and text.startswith("# Batch report\n")


def wait_for_lines(path: Path, count: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and len(path.read_bytes().splitlines()) >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{path} never reached {count} lines")


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_killed_batch_leaves_whole_files_and_the_rerun_completes_it(signal_number: int, slow_stub: StubServer,
                                                                     tmp_path: Path) -> None:
    folder, out = make_articles(tmp_path / "in", 30), tmp_path / "out"
    command = [sys.executable, "-c", "from summarise.cli import main; main()", "batch", str(folder), "-o", str(out),
               "-j", "2", "--base-url", slow_stub.base_url, "--model", "stub"]
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("OPENAI_", "SUMMARISE_"))}
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_lines(out / "manifest.jsonl", 4)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signal_number, stderr
    assert f"batch interrupted by {signal.Signals(signal_number).name}" in stderr
    assert_every_output_is_whole(out)
    partial = sources(out)
    assert 4 <= len(partial) < 30 and len(set(partial)) == len(partial)

    rerun = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert_every_output_is_whole(out)
    assert sources(out) == [f"{number:02d}.txt" for number in range(30)]
    assert f"{len(partial)} up to date" in rerun.stderr
