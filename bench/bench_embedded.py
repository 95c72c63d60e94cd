"""The embedded model on the seed article: seconds per article through our pipeline, against raw llama.cpp
time for the same requests.

    python bench/bench_embedded.py     # one process, both cores; run it alone (7 minutes on the seed in
                                       # the last run: see bench/README.md)

1. Our path: ``summarise.pipeline.summarise_article`` with the default embedded Settings (the default
   strategy for the embedded backend, its prompts, grammar-constrained JSON). Every request the pipeline
   sends to the model is recorded at the transport (``LlamaTransport.complete``) with its wall time and
   llama.cpp's own counters (prompt tokens evaluated and generated, and the time for each).
2. Raw llama.cpp: the same ``Llama`` instance, its cache reset, answers each recorded request again through
   ``Llama.create_chat_completion`` with exactly the arguments our transport passed (same messages,
   max_tokens, temperature and JSON-schema grammar), in the same order, so prefix-cache reuse matches.

The difference between (1) and the model's share of it is our overhead (prompting, instructor, the
openai client, validation, grounding). Model loading is reported apart. Writes bench/results/embedded.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import llama_cpp

from summarise.embedded import LlamaTransport, llama_arguments
from summarise.ingest import read_article
from summarise.llm import connect
from summarise.pipeline import summarise_article
from summarise.settings import Settings

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4cf0f7c4e857d004.txt"
RESULTS = Path(__file__).resolve().parent / "results" / "embedded.json"


@dataclass
class Call:
    """One chat completion: wall seconds, and llama.cpp's prompt-eval and generation counters."""

    seconds: float
    prompt_tokens: int
    completion_tokens: int
    prompt_eval_tokens: int
    prompt_eval_ms: float
    generated_tokens: int
    generation_ms: float
    finish_reason: str | None = None
    answer_head: str = ""
    answer_tail: str = ""
    name: str = ""  # the pass: the response model's name (CasualtyPass, ClaimPass, OverviewPass, Digest)

    @property
    def reused_tokens(self) -> int:
        """Prompt tokens llama.cpp took from its cache of the previous prompt instead of evaluating them."""
        return max(self.prompt_tokens - self.prompt_eval_tokens, 0)

    @property
    def sampling_and_grammar_seconds(self) -> float:
        """Wall time llama.cpp's decode counters do not cover: grammar build, grammar-constrained sampling."""
        return self.seconds - (self.prompt_eval_ms + self.generation_ms) / 1000

    @property
    def generation_tokens_per_second(self) -> float:
        return 1000 * self.generated_tokens / self.generation_ms if self.generation_ms else 0.0

    @property
    def prompt_tokens_per_second(self) -> float:
        return 1000 * self.prompt_eval_tokens / self.prompt_eval_ms if self.prompt_eval_ms else 0.0


def _counters(llama: Any) -> tuple[float, int, float, int]:
    """llama.cpp's cumulative (prompt-eval ms, prompt tokens, generation ms, generated tokens)."""
    try:
        data = llama_cpp.llama_perf_context(llama._ctx.ctx)
    except (AttributeError, TypeError, OSError):  # a llama-cpp-python without the perf API: wall time only
        return 0.0, 0, 0.0, 0
    return float(data.t_p_eval_ms), int(data.n_p_eval), float(data.t_eval_ms), int(data.n_eval)


def pass_name(arguments: dict[str, Any]) -> str:
    """The name of the response model a request asks for (its JSON Schema's title)."""
    schema = (arguments.get("response_format") or {}).get("schema") or {}
    return str(schema.get("title", "")) if isinstance(schema, dict) else ""


def timed_completion(llama: Any, arguments: dict[str, Any]) -> tuple[dict[str, Any], Call]:
    """``llama.create_chat_completion(**arguments)`` with its wall time and perf-counter deltas."""
    before = _counters(llama)
    started = time.perf_counter()
    answer: dict[str, Any] = llama.create_chat_completion(**arguments)
    seconds = time.perf_counter() - started
    after = _counters(llama)
    usage = answer.get("usage") or {}
    choice = (answer.get("choices") or [{}])[0]
    content = (choice.get("message") or {}).get("content") or ""
    call = Call(seconds, int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0)),
                after[1] - before[1], after[0] - before[0], after[3] - before[3], after[2] - before[2],
                choice.get("finish_reason"), content[:200], content[-200:], pass_name(arguments))
    return answer, call


class Recorder:
    """Wraps ``LlamaTransport.complete`` to keep each request's llama arguments and timings."""

    def __init__(self) -> None:
        self.arguments: list[dict[str, Any]] = []
        self.calls: list[Call] = []
        self.load_seconds = 0.0
        self.llama: Any = None
        self._original = LlamaTransport.complete

    def __enter__(self) -> Recorder:
        recorder = self

        def complete(transport: LlamaTransport, body: dict[str, Any]) -> dict[str, Any]:
            if recorder.llama is None:
                started = time.perf_counter()
                recorder.llama = transport._model()
                recorder.load_seconds = time.perf_counter() - started
            arguments = llama_arguments(body)
            recorder.arguments.append(arguments)
            answer, call = timed_completion(recorder.llama, arguments)
            recorder.calls.append(call)
            answer["model"] = body.get("model", answer.get("model"))
            return answer

        LlamaTransport.complete = complete  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *_: object) -> None:
        LlamaTransport.complete = self._original  # type: ignore[method-assign]


def per_pass(calls: list[Call]) -> dict[str, dict[str, Any]]:
    """For each pass, in the order first asked: calls, re-asks (calls after its first), prompt tokens, of
    them reused from llama.cpp's cache, generated tokens and seconds."""
    passes: dict[str, dict[str, Any]] = {}
    for call in calls:
        entry = passes.setdefault(call.name or "?", {"calls": 0, "re_asks": 0, "prompt_tokens": 0,
                                                     "reused_tokens": 0, "generated_tokens": 0, "seconds": 0.0})
        entry["re_asks"] += entry["calls"] > 0
        entry["calls"] += 1
        entry["prompt_tokens"] += call.prompt_tokens
        entry["reused_tokens"] += call.reused_tokens
        entry["generated_tokens"] += call.generated_tokens
        entry["seconds"] = round(entry["seconds"] + call.seconds, 2)
    return passes


def print_passes(label: str, calls: list[Call]) -> None:
    print(f"{label}: pass, calls, re-asks, prompt tokens (reused from cache), generated tokens, seconds")
    for name, entry in per_pass(calls).items():
        print(f"  {name:<14} {entry['calls']:>2} {entry['re_asks']:>2} {entry['prompt_tokens']:>6} "
              f"({entry['reused_tokens']:>5}) {entry['generated_tokens']:>5} {entry['seconds']:>7.2f}")


def totals(calls: list[Call]) -> dict[str, Any]:
    prompt_ms = sum(call.prompt_eval_ms for call in calls)
    generation_ms = sum(call.generation_ms for call in calls)
    evaluated = sum(call.prompt_eval_tokens for call in calls)
    generated = sum(call.generated_tokens for call in calls)
    return {
        "calls": len(calls),
        "seconds": round(sum(call.seconds for call in calls), 2),
        "sampling_and_grammar_seconds": round(sum(call.sampling_and_grammar_seconds for call in calls), 2),
        "prompt_tokens": sum(call.prompt_tokens for call in calls),
        "prompt_tokens_evaluated": evaluated,
        "prompt_eval_seconds": round(prompt_ms / 1000, 2),
        "prompt_tokens_per_second": round(1000 * evaluated / prompt_ms, 1) if prompt_ms else None,
        "completion_tokens": sum(call.completion_tokens for call in calls),
        "generated_tokens": generated,
        "generation_seconds": round(generation_ms / 1000, 2),
        "generation_tokens_per_second": round(1000 * generated / generation_ms, 1) if generation_ms else None,
        "reused_prompt_tokens": sum(call.reused_tokens for call in calls),
        "per_pass": per_pass(calls),
        "per_call": [{**asdict(call), "sampling_and_grammar_seconds": round(call.sampling_and_grammar_seconds, 2)}
                     for call in calls],
    }


def _system_info() -> str:
    """llama.cpp's own list of the CPU features its build uses (AVX2 = 1, AVX512 = 1, AMX_INT8 = 1, ...)."""
    try:
        return bytes(llama_cpp.llama_print_system_info()).decode("utf-8", "replace").strip()
    except (AttributeError, TypeError):
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"where to write the JSON (default {RESULTS})")
    output = parser.parse_args().output
    settings = Settings()
    article = read_article(SEED)
    failure = None
    with Recorder() as recorder:
        started = time.perf_counter()
        try:
            result = summarise_article(article, connect(settings))
        except Exception as error:  # keep the timings of the calls made; say why it failed
            result, failure = None, f"{type(error).__name__}: {error}"
        pipeline_seconds = time.perf_counter() - started - recorder.load_seconds
    ours = totals(recorder.calls)
    print_passes("ours", recorder.calls)
    outcome = failure if result is None else f"{result.unverified} unverified"
    print(f"ours: {pipeline_seconds:.2f} s per article ({ours['calls']} model calls, {ours['seconds']} s inside "
          f"llama.cpp), model load {recorder.load_seconds:.2f} s, {outcome}", flush=True)

    recorder.llama.reset()
    raw_calls = []
    for arguments in recorder.arguments:
        _, call = timed_completion(recorder.llama, arguments)
        raw_calls.append(call)
    raw = totals(raw_calls)
    print_passes("raw", raw_calls)
    print(f"raw llama.cpp: {raw['seconds']} s for the same {raw['calls']} requests; prompt "
          f"{raw['prompt_tokens_evaluated']} tokens at {raw['prompt_tokens_per_second']} tok/s, generation "
          f"{raw['generated_tokens']} tokens at {raw['generation_tokens_per_second']} tok/s", flush=True)

    report = {
        "environment": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "llama_cpp_python": llama_cpp.__version__, "load_average_at_end": os.getloadavg(),
                        "llama_cpp_system_info": _system_info()},
        "model": settings.model_name,
        "strategy": getattr(result.provenance, "strategy", "single") if result else None,
        "model_load_seconds": round(recorder.load_seconds, 2),
        "ours_seconds_per_article": round(pipeline_seconds, 2),
        "ours_inside_llama_seconds": ours["seconds"],
        "ours_overhead_seconds": round(pipeline_seconds - ours["seconds"], 2),
        "raw_llama_seconds": raw["seconds"],
        "ratio_ours_to_raw": round(pipeline_seconds / raw["seconds"], 3),
        "unverified": result.unverified if result else None,
        "failure": failure,
        "ours": ours,
        "raw": raw,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"ours/raw = {report['ratio_ours_to_raw']}; written {output}")


if __name__ == "__main__":
    main()
