"""What decides which model answers and how: options and environment, checked once.

Backends:

- ``server``: any OpenAI-compatible endpoint, when ``base_url`` (or ``OPENAI_BASE_URL``) or
  ``OPENAI_API_KEY`` is given; ``model`` names the served model.
- ``embedded``: otherwise, llama.cpp in-process with the default GGUF (or ``model_path``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from summarise.errors import ConfigurationError
from summarise.fixtures import FixtureMode
from summarise.retrying import RetryPolicy
from summarise.weights import DEFAULT_MODEL

__all__ = ["DEFAULT_TIMEOUT", "MODES", "Settings", "settings_from_env"]

DEFAULT_TIMEOUT = 300.0  # seconds a server may take for one answer: a long generation on a slow server
# How the model is held to the response schema; summarise.llm maps each name onto an instructor mode and
# summarise.structured says which server honours which.
MODES = ("json_schema", "json_schema_strict", "json_object_schema", "tools", "json")


@dataclass(frozen=True)
class Settings:
    """Everything that decides which model answers and how.

    ``timeout`` is how long a server may take for one answer; ``retry`` how often and how long in all the
    transport retries a request. The retry budget is never shorter than ``timeout``: it grows to hold one
    whole attempt.
    """

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model_path: Path | None = None
    fixtures: FixtureMode = FixtureMode.OFF
    fixtures_dir: Path = Path("fixtures")
    mode: str | None = None
    # Whether the server is known to hold decoding to the response schema in ``mode``: what the probe of its kind
    # says (summarise.structured); None when its kind is not known. Recorded in each digest's provenance.
    constrained: bool | None = None
    strategy: str | None = None  # a name in summarise.strategy.STRATEGIES; None: the backend's default
    temperature: float = 0.0
    max_tokens: int = 2048
    n_ctx: int = 8192
    timeout: float = DEFAULT_TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    def __post_init__(self) -> None:
        # Accept plain strings for the enum and path fields (Settings(fixtures="replay") from Python).
        object.__setattr__(self, "fixtures", FixtureMode(self.fixtures))
        object.__setattr__(self, "fixtures_dir", Path(self.fixtures_dir))
        # One answer may take ``timeout`` seconds; the retries of a request get at least that long in all.
        if self.timeout > self.retry.budget_seconds:
            object.__setattr__(self, "retry", RetryPolicy(self.retry.attempts, self.timeout, self.retry.max_wait))

    @property
    def backend(self) -> str:
        return "server" if self.base_url or self.api_key else "embedded"

    @property
    def model_name(self) -> str:
        if self.backend == "server":
            if not self.model:
                raise ConfigurationError("a server backend needs --model (the name the server serves)")
            return self.model
        if self.model and self.model_path is None and self.model != DEFAULT_MODEL.name:
            raise ConfigurationError(
                f"--model {self.model} needs a server: give --base-url (or OPENAI_BASE_URL) or OPENAI_API_KEY; "
                "for a local GGUF file use --model-path"
            )
        if self.model_path is not None:
            return Path(self.model_path).stem
        return DEFAULT_MODEL.name

    @property
    def effective_mode(self) -> str:
        """How the model is held to the schema: ``mode``, else json_schema embedded and tools on a server (the
        command line first asks the server which mode it honours: summarise.structured)."""
        name = self.mode or ("json_schema" if self.backend == "embedded" else "tools")
        if name not in MODES:
            raise ConfigurationError(f"unknown mode {name!r}; choose one of {', '.join(MODES)}")
        if self.backend == "embedded" and name != "json_schema":
            raise ConfigurationError("the embedded model supports --mode json_schema only")
        return name


def settings_from_env(**options: object) -> Settings:
    """Settings from explicit options, falling back to OPENAI_* and SUMMARISE_* environment variables."""
    given = {name: value for name, value in options.items() if value is not None}
    given.setdefault("base_url", os.environ.get("OPENAI_BASE_URL") or None)
    given.setdefault("api_key", os.environ.get("OPENAI_API_KEY") or None)
    given.setdefault("fixtures", os.environ.get("SUMMARISE_FIXTURES") or FixtureMode.OFF)
    given.setdefault("fixtures_dir", os.environ.get("SUMMARISE_FIXTURES_DIR") or "fixtures")
    if given.get("model_path") and given.get("base_url"):
        raise ConfigurationError("--model-path is for the embedded model; it cannot be combined with --base-url")
    try:
        given["fixtures"] = FixtureMode(given["fixtures"])
    except ValueError as error:
        raise ConfigurationError(f"fixture mode must be one of off, record, replay, auto: {error}") from error
    given["fixtures_dir"] = Path(str(given["fixtures_dir"]))
    if given.get("model_path") is not None:
        given["model_path"] = Path(str(given["model_path"]))
    return Settings(**given)  # type: ignore[arg-type]
