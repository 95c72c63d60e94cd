"""The reading layer (summarise.reading) reads an article by rule; the LLM seam and everything after it
(grounding, rendering, batches) read through it, never the reverse."""

from __future__ import annotations

from pathlib import Path

from tests.test_extract_seam import imports_of

READING = Path(__file__).resolve().parents[1] / "summarise" / "reading"
SEAM = ("summarise.llm", "summarise.extract", "summarise.plan", "summarise.strategy", "summarise.passes",
        "summarise.transports", "summarise.settings", "instructor", "openai", "httpx")
DOWNSTREAM = ("summarise.pipeline", "summarise.ground", "summarise.render", "summarise.store", "summarise.batch",
              "summarise.cli", "summarise.evaluation")


def test_reading_imports_nothing_of_the_llm_seam_or_what_comes_after_it() -> None:
    crossing = sorted(f"{module.name} imports {name}" for module in READING.glob("*.py")
                      for name in imports_of(module) if name.startswith(SEAM + DOWNSTREAM))
    assert crossing == []
