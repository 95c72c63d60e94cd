"""Each kind of server is sent the structured-output form it honours: the kind read from GET /models, the
form checked on the request a local server on 127.0.0.1 receives from the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from summarise.cli import main
from summarise.passes.run import read_by_rule
from summarise.passes.single import model_part_for, single_requests
from summarise.reading.sentences import split_sentences
from summarise.settings import Settings
from summarise.structured import ServerKind, StructureChoice, choose_structure, server_kind, strict_schema
from tests.fault_server import FAULT_MODEL, FaultServer, running_fault_server

ARTICLE = "Police said 100 people were killed in the attack on the central market in the city on Monday morning."
# The rules read the figure and its source ("Police said"): single asks the model for the overview alone.
MODEL_PART_SCHEMA = model_part_for(casualties=(), claims=(), overview=True).model_json_schema()
JSON_SCHEMA_FORM = {"type": "json_schema", "json_schema": {"name": "ModelPart", "schema": MODEL_PART_SCHEMA}}


def models_listed_by(owned_by: str) -> dict[str, Any]:
    """GET /models as a server of that kind answers it (the fields summarise reads, and some it does not)."""
    return {"object": "list", "data": [{"id": FAULT_MODEL, "object": "model", "created": 1, "owned_by": owned_by}]}


def digest(server: FaultServer, folder: Path, *options: str) -> Result:
    path = folder / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return CliRunner().invoke(main, [str(path), "--base-url", server.base_url, "--model", FAULT_MODEL,
                                     "--strategy", "single", "--format", "json", *options])


def sent_for(owned_by: str | None, folder: Path, *options: str) -> tuple[dict[str, Any], str]:
    """The request body the server received, and what the command wrote on standard error."""
    models = models_listed_by(owned_by) if owned_by is not None else None
    with running_fault_server(models=models) as server:
        outcome = digest(server, folder, *options)
    assert outcome.exit_code == 0, outcome.output
    (body,) = server.requests
    return body, outcome.stderr


def test_single_asks_about_this_article_for_the_overview_alone() -> None:
    sentences = split_sentences(ARTICLE)
    (request,) = single_requests(sentences, read_by_rule(sentences))
    assert request is not None and request.model.model_json_schema() == MODEL_PART_SCHEMA
    assert list(MODEL_PART_SCHEMA["properties"]) == ["summary"]


def test_llama_cpp_python_s_server_gets_a_json_object_with_the_schema(tmp_path: Path) -> None:
    body, _ = sent_for("me", tmp_path)
    assert body["response_format"] == {"type": "json_object", "schema": MODEL_PART_SCHEMA}
    assert "tools" not in body


@pytest.mark.parametrize("owned_by", ["llamacpp", "vllm", "library", "ollama"])
def test_llama_server_vllm_and_ollama_get_response_format_json_schema(owned_by: str, tmp_path: Path) -> None:
    body, _ = sent_for(owned_by, tmp_path)
    assert body["response_format"] == JSON_SCHEMA_FORM


@pytest.mark.parametrize("owned_by", ["openai", "system"])
def test_openai_gets_json_schema_with_strict_on_a_strict_schema(owned_by: str, tmp_path: Path) -> None:
    body, _ = sent_for(owned_by, tmp_path)
    assert body["response_format"] == {"type": "json_schema", "json_schema": {
        "name": "ModelPart", "schema": strict_schema(MODEL_PART_SCHEMA), "strict": True}}


def test_an_unknown_server_keeps_the_default_tool_call(tmp_path: Path) -> None:
    body, stderr = sent_for("someone", tmp_path)
    assert "response_format" not in body
    assert body["tool_choice"] == {"type": "function", "function": {"name": "ModelPart"}}
    assert stderr == ""


def test_a_server_without_a_models_list_keeps_the_default_tool_call(tmp_path: Path) -> None:
    body, stderr = sent_for(None, tmp_path)
    assert "response_format" not in body
    assert body["tool_choice"] == {"type": "function", "function": {"name": "ModelPart"}}
    assert stderr == ""


def test_mode_overrides_what_the_server_kind_suggests(tmp_path: Path) -> None:
    body, stderr = sent_for("vllm", tmp_path, "--mode", "json_object_schema")
    assert body["response_format"] == {"type": "json_object", "schema": MODEL_PART_SCHEMA}
    assert stderr == ("warning: vLLM ignores or refuses the form --mode json_object_schema sends: the model is not "
                      "held to the schema; use --mode json_schema\n")


def test_a_mode_llama_cpp_python_refuses_is_sent_as_asked_and_warned_about(tmp_path: Path) -> None:
    body, stderr = sent_for("me", tmp_path, "--mode", "json_schema")
    assert body["response_format"] == JSON_SCHEMA_FORM
    assert stderr == ("warning: llama-cpp-python's server ignores or refuses the form --mode json_schema sends: "
                      "the model is not held to the schema; use --mode json_object_schema\n")


def provenance_of(owned_by: str | None, folder: Path, *options: str) -> tuple[dict[str, Any], str]:
    """The provenance of the digest the command wrote, and what it wrote on standard error."""
    models = models_listed_by(owned_by) if owned_by is not None else None
    with running_fault_server({}, models=models) as server:
        outcome = digest(server, folder, *options)
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.stdout)["provenance"], outcome.stderr


def test_the_digest_records_the_probed_mode_and_that_the_server_honours_it(tmp_path: Path) -> None:
    provenance, stderr = provenance_of("me", tmp_path)
    assert (provenance["mode"], provenance["constrained"], stderr) == ("json_object_schema", True, "")


def test_a_digest_made_in_a_mode_the_server_ignores_says_so_in_its_provenance(tmp_path: Path) -> None:
    provenance, stderr = provenance_of("ollama", tmp_path, "--mode", "tools")
    assert (provenance["mode"], provenance["constrained"]) == ("tools", False)
    assert stderr.startswith("warning: Ollama ignores or refuses the form --mode tools sends")


def test_a_digest_from_an_unknown_server_says_its_constraint_is_not_known(tmp_path: Path) -> None:
    provenance, _ = provenance_of(None, tmp_path)
    assert (provenance["mode"], provenance["constrained"]) == ("tools", None)


def test_the_server_is_probed_once_per_run(tmp_path: Path) -> None:
    with running_fault_server(models=models_listed_by("vllm")) as server:
        digest(server, tmp_path)
    assert server.probes == 1


@pytest.mark.parametrize("fixtures", ["record", "replay", "auto"])
def test_a_run_with_fixtures_never_probes_and_keeps_the_default(fixtures: str, tmp_path: Path) -> None:
    """A recording must replay with the same requests, and replay makes no network call."""
    with running_fault_server(models=models_listed_by("me")) as server:
        settings = Settings(base_url=server.base_url, model=FAULT_MODEL, fixtures=fixtures,  # type: ignore[arg-type]
                            fixtures_dir=tmp_path)
        assert choose_structure(settings) == StructureChoice("tools", ServerKind.UNKNOWN)
    assert server.probes == 0


def test_an_api_key_without_a_url_is_openai_without_a_probe() -> None:
    settings = Settings(api_key="sk-test", model="gpt-4o-mini")
    assert choose_structure(settings) == StructureChoice("json_schema_strict", ServerKind.OPENAI)


def test_a_server_that_cannot_be_reached_keeps_the_default() -> None:
    settings = Settings(base_url="http://127.0.0.1:9/v1", model="served-model")
    assert choose_structure(settings) == StructureChoice("tools", ServerKind.UNKNOWN)


def test_the_embedded_model_is_never_probed() -> None:
    assert choose_structure(Settings()) == StructureChoice("json_schema", ServerKind.UNKNOWN)


def test_the_kind_is_read_from_the_served_model_s_owner_when_it_is_listed() -> None:
    models = {"data": [{"id": "other", "owned_by": "someone"}, {"id": "mine", "owned_by": "vllm"}]}
    assert server_kind(models, "mine") is ServerKind.VLLM
    assert server_kind(models, "not-listed") is ServerKind.UNKNOWN


@pytest.mark.parametrize("answer", [[], "text", {"data": "x"}, {"data": []}, {"data": [{"owned_by": 3}]}])
def test_a_models_list_of_another_shape_is_an_unknown_server(answer: object) -> None:
    assert server_kind(answer) is ServerKind.UNKNOWN


def test_a_strict_schema_requires_every_property_and_drops_null_defaults() -> None:
    schema = {"type": "object", "properties": {
        "name": {"type": "string"},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "tags": {"type": "array", "items": {"$ref": "#/$defs/Tag"}, "default": []},
    }, "$defs": {"Tag": {"type": "object", "properties": {"properties": {"type": "string"}}, "required": []}}}
    assert strict_schema(schema) == {"type": "object", "properties": {
        "name": {"type": "string"},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "tags": {"type": "array", "items": {"$ref": "#/$defs/Tag"}, "default": []},
    }, "$defs": {"Tag": {"type": "object", "properties": {"properties": {"type": "string"}}, "required": ["properties"],
                         "additionalProperties": False}},
        "required": ["name", "note", "tags"], "additionalProperties": False}


def test_a_batch_sends_the_form_through_its_asynchronous_connection(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    with running_fault_server(models=models_listed_by("me")) as server:
        outcome = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "out"), "-j", "2", "--base-url",
                                            server.base_url, "--model", FAULT_MODEL, "--strategy", "single"])
    assert outcome.exit_code == 0, outcome.output
    llama_form = {"type": "json_object", "schema": MODEL_PART_SCHEMA}
    assert [body["response_format"] for body in server.requests] == [llama_form, llama_form]
    assert server.probes == 1


def test_a_recording_made_with_a_rewriting_mode_replays_offline_with_the_same_mode(tmp_path: Path) -> None:
    """The rewrite sits outside the fixtures: a fixture is keyed by the request as the server received it."""
    options = ("--mode", "json_object_schema", "--fixtures-dir", str(tmp_path / "fixtures"))
    with running_fault_server() as server:
        recorded = digest(server, tmp_path, "--fixtures", "record", *options)
        base_url = server.base_url
    replayed = CliRunner().invoke(main, [str(tmp_path / "article.txt"), "--base-url", base_url, "--model", FAULT_MODEL,
                                         "--strategy", "single", "--format", "json", "--fixtures", "replay", *options])
    assert (recorded.exit_code, replayed.exit_code) == (0, 0), replayed.output
    (fixture,) = (tmp_path / "fixtures").glob("*.json")
    assert json.loads(fixture.read_text(encoding="utf-8"))["request"]["response_format"] == "json_object"
    assert json.loads(replayed.stdout)["casualties"] == json.loads(recorded.stdout)["casualties"]
