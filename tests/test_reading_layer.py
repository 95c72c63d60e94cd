"""The reading layer (summarise.reading) reads an article by rule; the LLM seam reads through it, never
the reverse."""

from __future__ import annotations

from pathlib import Path

from tests.test_extract_seam import imports_of

READING = Path(__file__).resolve().parents[1] / "summarise" / "reading"
SEAM = ("summarise.llm", "summarise.extract", "summarise.plan", "summarise.strategy", "summarise.passes",
        "instructor", "openai")


def test_reading_imports_nothing_of_the_llm_seam() -> None:
    crossing = sorted(f"{module.name} imports {name}" for module in READING.glob("*.py")
                      for name in imports_of(module) if name.startswith(SEAM))
    assert crossing == []
