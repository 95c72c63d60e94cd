"""Narrow passes for small models: casualty sentences, then claim sentences, then summary and parties.

Each pass shows the model a few numbered sentences chosen deterministically (summarise.sentences) and
asks for short fields only; quotes are the sentences themselves. The answers are assembled into the
same :class:`summarise.schema.Digest` the single-call strategy asks for.
"""

from summarise.passes.run import run_passes, run_passes_async

__all__ = ["run_passes", "run_passes_async"]
