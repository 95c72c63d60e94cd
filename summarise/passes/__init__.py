"""Narrow passes for small models: who reports each casualty sentence, the claims, and a summary.

Casualty figures are read by rule (summarise.reading.figures); the model is shown a few numbered sentences
chosen deterministically (summarise.reading.sentences) and asked for short fields only; quotes are the sentences
themselves. The answers are assembled into the same :class:`summarise.schema.Digest` the single-call
strategy asks for.
"""

from summarise.passes.run import plan_passes

__all__ = ["plan_passes"]
