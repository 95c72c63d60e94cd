"""llama-cpp-python's own OpenAI-compatible server (``python -m llama_cpp.server``) serving the embedded GGUF
on a free loopback port, for the tests that run summarise against a real server."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["SERVER_MODULES", "missing_server_modules", "serving"]

# What the server needs: llama-cpp-python (the [embedded] extra) and the packages of the [server] extra.
SERVER_MODULES = ("llama_cpp", "fastapi", "uvicorn", "sse_starlette", "starlette_context", "pydantic_settings")

STARTUP_SECONDS = 120  # loading the 1 GB GGUF takes a few seconds; a busy 2-core machine, much longer
STOP_SECONDS = 10  # uvicorn's graceful stop waits for a generation in flight; past this it is killed


def missing_server_modules() -> list[str]:
    """The modules the server needs that cannot be imported here."""
    return [name for name in SERVER_MODULES if importlib.util.find_spec(name) is None]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _wait_until_ready(process: subprocess.Popen[bytes], models_url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not _answers(models_url):
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"llama_cpp.server did not answer {models_url} in {STARTUP_SECONDS} s:\n"
                               f"{log.read_text()[-4000:]}")
        time.sleep(0.5)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def serving(model: Path, log: Path, context_tokens: int = 4096) -> Iterator[str]:
    """Serve ``model`` on a free 127.0.0.1 port, writing the server's output to ``log``; yields the base URL
    (``http://127.0.0.1:PORT/v1``). One thread, so that on a 2-core machine the server leaves a core to the
    client it serves (grounding, the batch's bookkeeping)."""
    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
               "--port", str(port), "--n_threads", "1", "--n_ctx", str(context_tokens)]
    base_url = f"http://127.0.0.1:{port}/v1"
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_ready(process, f"{base_url}/models", log)
        yield base_url
    finally:
        _stop(process)
