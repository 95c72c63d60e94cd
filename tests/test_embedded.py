"""The embedded backend: the JSON Schema must reach llama.cpp as a grammar. One test loads the real model."""

from __future__ import annotations

import importlib.util
import json
from typing import Literal

import pytest
from pydantic import BaseModel

from summarise.embedded import llama_arguments
from summarise.errors import ConfigurationError
from summarise.extract import ask
from summarise.llm import connect
from summarise.settings import Settings

SCHEMA = {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}


def test_json_schema_response_format_becomes_the_form_llama_cpp_honours() -> None:
    body = {
        "model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0, "max_tokens": 50,
        "response_format": {"type": "json_schema", "json_schema": {"name": "Answer", "schema": SCHEMA}},
    }
    arguments = llama_arguments(body)
    assert arguments["response_format"] == {"type": "json_object", "schema": SCHEMA}
    assert arguments["max_tokens"] == 50 and "model" not in arguments


def test_tool_calls_are_refused_for_the_embedded_model() -> None:
    with pytest.raises(ConfigurationError, match="JSON-schema mode only"):
        llama_arguments({"messages": [], "tools": [{"type": "function"}]})


class Colour(BaseModel):
    colour: Literal["red", "blue"]


@pytest.mark.embedded
def test_the_real_embedded_model_answers_only_what_the_schema_allows() -> None:
    """Asked for "green", which the schema forbids, the grammar still yields red or blue: the schema
    constrains decoding (without the translation llama.cpp would generate unconstrained text)."""
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed (pip install -e '.[embedded]'); scripts/setup.sh installs it")
    connection = connect(Settings(max_tokens=20))
    messages = [{"role": "user", "content": 'Reply with exactly this JSON and nothing else: {"colour": "green"}'}]
    answer = ask(connection, Colour, messages, {}, max_retries=0)
    assert answer.value.colour in ("red", "blue")
    assert answer.usage.attempts == 1 and answer.usage.completion_tokens <= 20
    assert json.loads(answer.value.model_dump_json()) == {"colour": answer.value.colour}
