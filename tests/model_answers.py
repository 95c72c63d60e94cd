"""Valid model answers for test servers, built from the JSON schema a chat-completion request carries: one
entry per sentence the request names (its ``sentence`` enum or const) in every list, and a short summary.
A request of the single strategy (``ModelPart``) or of a pass (``CasualtyPass``, ``ClaimPass``,
``OverviewPass``) gets an answer its response model accepts, so a stub needs no canned answer per request.

The entries name no one: ``source`` is "article" (the article's own voice) and every other text field is
"article" too, except ``victims``; what a test means the model to say, it gives as a canned answer."""

from __future__ import annotations

from typing import Any

__all__ = ["SUMMARY", "answer_for", "schema_of"]

SUMMARY = "A short neutral summary."
_TEXTS = {"victims": "people"}


def schema_of(body: dict[str, Any]) -> dict[str, Any]:
    """The response schema in a request body: the tool's parameters (tools mode), else the response format's
    schema (json_schema, json_object_schema). JSON mode sends its schema inside a message: none here."""
    tools = body.get("tools") or []
    if tools:
        schema: dict[str, Any] = tools[0]["function"]["parameters"]
        return schema
    response_format = body.get("response_format") or {}
    schema = (response_format.get("json_schema") or {}).get("schema") or response_format.get("schema")
    if schema is None:
        raise ValueError(f"the request carries no response schema: {sorted(body)}")
    return schema


def _resolved(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    reference = node.get("$ref")
    if reference is None:
        return node
    resolved: dict[str, Any] = schema["$defs"][reference.rsplit("/", 1)[1]]
    return resolved


def _sentence_numbers(item: dict[str, Any]) -> list[int]:
    sentence = item["properties"]["sentence"]
    return list(sentence["enum"]) if "enum" in sentence else [sentence["const"]]


def _entry(item: dict[str, Any], number: int) -> dict[str, Any]:
    return {name: number if name == "sentence" else _TEXTS.get(name, "article") for name in item["properties"]}


def answer_for(body: dict[str, Any], summary: str = SUMMARY) -> dict[str, Any]:
    """A valid answer to the request ``body``: every field its schema has, each list with one entry per
    sentence number it allows, and ``summary`` as the summary."""
    schema = schema_of(body)
    answer: dict[str, Any] = {}
    for name, node in schema["properties"].items():
        node = _resolved(schema, node)
        if node.get("type") == "array":
            item = _resolved(schema, node["items"])
            answer[name] = [_entry(item, number) for number in _sentence_numbers(item)]
        else:
            answer[name] = summary
    return answer
