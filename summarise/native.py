"""The embedded runtime's native build: how llama.cpp is compiled, and whether an installed build is safe.

llama-cpp-python compiles llama.cpp on install, by default with ``-march=native``. On an Intel CPU with
AMX (Sapphire Rapids and later) that compiles ggml's AMX kernels in, and inside many virtual machines the
first matrix multiply then dies with a segmentation fault on ``ldtilecfg`` (llama.cpp issue 20824). So we
build with ``GGML_NATIVE=OFF`` and name the instruction sets ourselves: at most AVX2, never AVX-512 or
AMX. The result is portable across x86-64 machines of the same baseline and cannot hold AMX code.

``python -m summarise.native_tool`` gives scripts/setup.sh these answers from the shell.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from summarise.errors import ConfigurationError

__all__ = [
    "REBUILD_COMMAND",
    "amx_code_in",
    "check_native_build",
    "cmake_args",
    "cpu_flags",
    "native_libraries",
    "generate_command",
    "pinned_requirement",
    "smoke_test",
]

REBUILD_COMMAND = "bash scripts/setup.sh --rebuild"

# Names that only ggml's AMX backend defines (amx/amx.cpp, amx/mmq.cpp); a build without AMX has none.
_AMX_SYMBOLS = (b"ggml_backend_amx_", b"ggml_amx_init", b"ggml_backend_amx_mul_mat")

# The instruction sets of the portable baseline, in the order a CPU gains them, as
# (/proc/cpuinfo flags needed, CMake options they allow). Each level needs every flag of the ones before.
_LEVELS: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset({"sse4_2"}), ("GGML_SSE42",)),
    (frozenset({"avx"}), ("GGML_AVX",)),
    (frozenset({"f16c"}), ("GGML_F16C",)),
    (frozenset({"avx2", "fma", "bmi2"}), ("GGML_AVX2", "GGML_FMA", "GGML_BMI2")),
)
_ALL_OPTIONS = tuple(option for _, options in _LEVELS for option in options) + (
    "GGML_AVX_VNNI", "GGML_AVX512", "GGML_AVX512_VBMI", "GGML_AVX512_VNNI", "GGML_AVX512_BF16",
    "GGML_AMX_TILE", "GGML_AMX_INT8", "GGML_AMX_BF16",
)


def cpu_flags(cpuinfo: str) -> frozenset[str]:
    """The feature flags of the first processor listed in a /proc/cpuinfo text."""
    for line in cpuinfo.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == "flags":
            return frozenset(value.split())
    return frozenset()


_NO_AMX = "-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"


def cmake_args(machine: str, flags: Iterable[str], *, native: bool = False) -> str:
    """CMake arguments for llama.cpp on this machine: native off on x86-64, up to AVX2, AMX always off.

    ``native`` (opt-in) compiles for this CPU minus AMX instead: ``-march=native`` with every AMX extension
    switched off. It is faster where the CPU has AVX-512 (bench/README.md), but the build then runs only
    on CPUs like this one. Other architectures keep llama.cpp's own default (there is no AMX to leave out).
    """
    if machine.lower() not in {"x86_64", "amd64"}:
        return ""
    have = frozenset(flags)
    enabled: set[str] = set()
    for needed, options in _LEVELS:
        if not needed <= have:
            break
        enabled.update(options)
    settings = ["-DGGML_NATIVE=OFF"]
    if native:
        compiler_flags = f"-march=native {_NO_AMX}"
        settings += [f"-DCMAKE_C_FLAGS='{compiler_flags}'", f"-DCMAKE_CXX_FLAGS='{compiler_flags}'"]
    settings += [f"-D{option}={'ON' if option in enabled else 'OFF'}" for option in _ALL_OPTIONS]
    return " ".join(settings)


def native_libraries() -> list[Path]:
    """The shared libraries llama-cpp-python installed (``llama_cpp/lib/*.so*``), or [] when it is absent."""
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        return []
    found: list[Path] = []
    for location in spec.submodule_search_locations:
        for folder in (Path(location) / "lib", Path(location)):
            found.extend(sorted(path for path in folder.glob("lib*.so*") if path.is_file()))
    return found


def amx_code_in(data: bytes) -> list[str]:
    """The AMX backend's symbol names present in a library's bytes (its symbol and string tables)."""
    return sorted({symbol.decode() for symbol in _AMX_SYMBOLS if symbol in data})


def _cpu_backends() -> list[Path]:
    """The installed libraries that can hold AMX code: ggml's CPU backend (``libggml-cpu*``), where the AMX
    kernels are compiled in. Reading only these keeps the check at connect time to one library's bytes."""
    return [library for library in native_libraries() if library.name.startswith("libggml-cpu")]


def check_native_build(libraries: Iterable[Path] | None = None) -> None:
    """Raise ConfigurationError, naming the library and the fix, when an installed build holds AMX code."""
    for library in _cpu_backends() if libraries is None else libraries:
        symbols = amx_code_in(library.read_bytes())
        if symbols:
            raise ConfigurationError(
                f"the embedded model's llama.cpp build ({library}) holds AMX code ({', '.join(symbols)}), "
                f"which crashes on many machines; rebuild it without AMX: {REBUILD_COMMAND}"
            )


def pinned_requirement(project: str = "summarise") -> str:
    """The llama-cpp-python requirement of the project's ``embedded`` extra, e.g. ``llama-cpp-python==0.3.36``."""
    for requirement in importlib.metadata.requires(project) or ():
        name, _, marker = requirement.partition(";")
        if name.strip().startswith("llama-cpp-python") and "embedded" in marker:
            return name.strip()
    raise ConfigurationError(f"{project} declares no llama-cpp-python requirement in its embedded extra")


def generate_command(model_path: Path) -> list[str]:
    """The child process that loads the model and generates a few tokens."""
    return [sys.executable, "-m", "summarise.native_tool", "generate", str(model_path)]


def smoke_test(model_path: Path, *, timeout: float = 600) -> None:
    """Load the model and generate a few tokens in a child process, so a crash of the native library
    becomes a ConfigurationError with the fix instead of killing this process."""
    check_native_build()
    command = generate_command(model_path)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as error:
        raise ConfigurationError(f"the embedded model gave no answer within {timeout:.0f} s") from error
    if done.returncode == 0:
        return
    if done.returncode < 0:
        name = signal.Signals(-done.returncode).name
        raise ConfigurationError(
            f"the embedded model's native library (llama.cpp) crashed with {name} while generating a test "
            f"answer: its build does not run on this CPU; rebuild it: {REBUILD_COMMAND}"
        )
    last_line = (done.stderr.strip().splitlines() or ["no message"])[-1]
    raise ConfigurationError(f"the embedded model failed its test answer (exit {done.returncode}): {last_line}")
