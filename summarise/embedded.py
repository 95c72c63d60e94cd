"""The embedded model: llama.cpp in-process, served to the openai client as an httpx transport.

The openai client (wrapped by instructor) posts a chat completion; this transport answers it with
llama-cpp-python. One model instance per transport, one generation at a time: on a small machine two
concurrent llama.cpp contexts starve each other.

llama-cpp-python 0.3 ignores ``response_format={"type": "json_schema", ...}`` (what instructor's
JSON_SCHEMA mode sends) and only constrains generation for ``{"type": "json_object", "schema": ...}``;
:func:`llama_arguments` translates the one into the other so the grammar really applies.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from pathlib import Path
from typing import Any

import httpx2 as httpx

from summarise.errors import ConfigurationError

__all__ = ["LlamaTransport", "llama_arguments", "llama_response_format"]

_PASSED_THROUGH = ("messages", "temperature", "top_p", "max_tokens", "stop", "seed", "presence_penalty",
                   "frequency_penalty", "repeat_penalty", "top_k", "min_p")


def llama_response_format(response_format: dict[str, Any]) -> dict[str, Any]:
    """The form of ``response_format`` that llama-cpp-python constrains generation for: ``json_schema``
    becomes ``json_object`` with the ``schema``; any other form is kept. Its server needs the same."""
    if response_format.get("type") == "json_schema":
        return {"type": "json_object", "schema": response_format["json_schema"]["schema"]}
    return response_format


def llama_arguments(body: dict[str, Any]) -> dict[str, Any]:
    """Map an OpenAI chat-completions request body onto ``Llama.create_chat_completion`` arguments."""
    arguments = {name: body[name] for name in _PASSED_THROUGH if body.get(name) is not None}
    if "max_completion_tokens" in body and "max_tokens" not in arguments:
        arguments["max_tokens"] = body["max_completion_tokens"]
    response_format = body.get("response_format")
    if response_format:
        arguments["response_format"] = llama_response_format(response_format)
    if body.get("tools"):
        raise ConfigurationError("the embedded model supports JSON-schema mode only, not tool calls")
    return arguments


class LlamaTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers /chat/completions requests with an in-process llama.cpp model, loaded on first use.

    llama.cpp keeps the previous call's KV cache and re-evaluates only past the longest common token
    prefix, so the shared system prompt is evaluated once per process.
    """

    def __init__(self, model_path: Path, *, n_ctx: int = 8192, n_threads: int | None = None) -> None:
        self.model_path = Path(model_path)
        self.n_ctx = n_ctx
        self.n_threads = n_threads or max(1, os.cpu_count() or 1)
        self._llama: Any = None
        self._lock = threading.Lock()

    def _model(self) -> Any:
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as error:
                raise ConfigurationError(
                    "llama-cpp-python is not installed; install the embedded extra: pip install -e '.[embedded]'"
                ) from error
            # Measured on 2 cores (bench/README.md): flash_attn evaluates the prompt 8% faster (it changes the
            # answers: the fixtures were recorded with it); n_batch and n_ubatch of 256 or 1,024 changed
            # nothing against the default 512.
            self._llama = Llama(model_path=str(self.model_path), n_ctx=self.n_ctx, n_threads=self.n_threads,
                                flash_attn=True, verbose=False)
        return self._llama

    def complete(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            result: dict[str, Any] = self._model().create_chat_completion(**llama_arguments(body))
        result["model"] = body.get("model", result.get("model"))
        return result

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.endswith("/chat/completions"):
            return httpx.Response(404, json={"error": {"message": f"unsupported path {request.url.path}"}})
        try:
            payload = self.complete(json.loads(request.content))
        except ConfigurationError as error:
            return httpx.Response(400, json={"error": {"message": str(error)}}, request=request)
        return httpx.Response(200, json=payload, request=request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await asyncio.to_thread(self.handle_request, request)
