"""Exceptions raised by summarise.

The hierarchy::

    SummariseError
    ├── InputError            bad input file: unreadable, empty, binary, unsupported
    ├── OutputError           an output folder or file cannot be written
    ├── ConfigurationError    options that cannot work together, a missing model file
    │   └── ModelWeightsError the embedded model's weights cannot be assembled or verified
    ├── FixtureMissingError   replay mode met a request that has no recorded response
    ├── ExtractionError       the model gave no usable answer after all retries
    │   └── BackendUnreachableError  no connection to the server, after the transport's retries
    └── GroundingError        grounding a digest in its article broke; ``cause`` is what went wrong
"""

from __future__ import annotations

from pathlib import Path


class SummariseError(Exception):
    """Base class of every error summarise raises on purpose."""


class InputError(SummariseError):
    """An input article cannot be read; the message names the file and the problem."""

    def __init__(self, source: str | Path, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class OutputError(SummariseError):
    """An output cannot be written; the message names the folder or file and the problem."""

    def __init__(self, target: str | Path, problem: str) -> None:
        self.target = str(target)
        self.problem = problem
        super().__init__(f"{self.target}: {problem}")


class ConfigurationError(SummariseError):
    """The chosen options, backend or model file cannot work."""


class ModelWeightsError(ConfigurationError):
    """The embedded model's weights are missing, incomplete or fail their checksum."""


class FixtureMissingError(SummariseError):
    """Replay mode found no recorded response for a request."""

    def __init__(self, key: str, summary: str, fixtures_dir: Path) -> None:
        self.key = key
        super().__init__(
            f"no recorded response for request {key} ({summary}) in {fixtures_dir}. "
            "Record it with a real model: rerun the same command with --fixtures record "
            "(or SUMMARISE_FIXTURES=record), or --fixtures auto to record only what is missing."
        )


class ExtractionError(SummariseError):
    """The model's answers could not be parsed into a digest, even after re-asking."""


class BackendUnreachableError(ExtractionError):
    """The model server could not be connected to (refused, unknown host, connect timeout), even after the
    transport's retries: no request reached a model."""


class GroundingError(SummariseError):
    """Grounding a digest in its article raised ``cause``: the step after the model failed, not the model."""

    def __init__(self, cause: Exception) -> None:
        self.cause = cause
        super().__init__(f"grounding the digest failed: {type(cause).__name__}: {cause}")
