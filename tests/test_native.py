"""The embedded runtime's native build: portable flags, never AMX, and a crash caught as a clear error."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarise import native
from summarise.cli import main
from summarise.errors import ConfigurationError
from summarise.native import (
    REBUILD_COMMAND,
    amx_code_in,
    check_native_build,
    cmake_args,
    cpu_flags,
    native_libraries,
    smoke_test,
)

SAPPHIRE_RAPIDS = (
    "sse4_2", "avx", "f16c", "avx2", "fma", "bmi2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_int8",
    "amx_bf16",
)
# AMX tile instructions, as objdump names them.
TILE_INSTRUCTIONS = ("ldtilecfg", "sttilecfg", "tileloadd", "tilestored", "tilezero", "tdpbssd", "tdpbf16ps")


def _options(arguments: str) -> dict[str, str]:
    return dict(setting.removeprefix("-D").split("=") for setting in arguments.split())


def test_cpuinfo_flags_are_read_from_the_flags_line() -> None:
    cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse4_2 avx2\n\nprocessor\t: 1\n"
    assert cpu_flags(cpuinfo) == frozenset({"fpu", "sse4_2", "avx2"})


def test_an_amx_cpu_gets_a_portable_avx2_build_with_amx_and_avx512_off() -> None:
    options = _options(cmake_args("x86_64", SAPPHIRE_RAPIDS))
    assert options["GGML_NATIVE"] == "OFF"
    assert [options[name] for name in ("GGML_AVX2", "GGML_FMA", "GGML_F16C", "GGML_BMI2")] == ["ON"] * 4
    off = ("GGML_AMX_TILE", "GGML_AMX_INT8", "GGML_AMX_BF16", "GGML_AVX512", "GGML_AVX512_VNNI", "GGML_AVX_VNNI")
    assert [options[name] for name in off] == ["OFF"] * len(off)


def test_a_cpu_without_avx2_gets_avx_only() -> None:
    options = _options(cmake_args("x86_64", ["sse4_2", "avx", "f16c"]))
    assert (options["GGML_AVX"], options["GGML_F16C"], options["GGML_AVX2"], options["GGML_FMA"]) == (
        "ON", "ON", "OFF", "OFF",
    )


def test_each_level_needs_the_ones_below_it() -> None:
    options = _options(cmake_args("x86_64", ["avx2", "fma", "bmi2"]))
    assert {options[name] for name in ("GGML_SSE42", "GGML_AVX", "GGML_AVX2")} == {"OFF"}


def test_other_architectures_keep_llama_cpp_defaults() -> None:
    assert cmake_args("aarch64", ["asimd"]) == ""


def test_amx_symbols_are_found_in_a_library_image() -> None:
    image = b"\x7fELF\0...ggml_backend_cpu_init\0ggml_backend_amx_buffer_type\0ggml_amx_init\0"
    assert amx_code_in(image) == ["ggml_amx_init", "ggml_backend_amx_"]
    assert amx_code_in(b"\x7fELF\0ggml_backend_cpu_init\0ggml_vec_dot_q4_K_q8_K\0") == []


def test_a_build_with_amx_code_is_refused_naming_the_library_and_the_fix(tmp_path: Path) -> None:
    library = tmp_path / "libggml-cpu.so"
    library.write_bytes(b"\x7fELF\0ggml_backend_amx_buffer_type\0")
    with pytest.raises(ConfigurationError) as raised:
        check_native_build([library])
    assert str(library) in str(raised.value) and REBUILD_COMMAND in str(raised.value)


def _crashing_child(model_path: Path) -> list[str]:
    """A fake native library: a child process that dies of SIGSEGV, as an AMX build does on such a CPU."""
    return [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"]


def test_a_crash_in_the_test_answer_becomes_a_one_line_error_with_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(native, "check_native_build", lambda: None)
    monkeypatch.setattr(native, "generate_command", _crashing_child)
    with pytest.raises(ConfigurationError, match=f"crashed with SIGSEGV.*{REBUILD_COMMAND}"):
        smoke_test(tmp_path / "model.gguf")


def test_summarise_model_exits_1_with_the_fix_when_the_test_answer_crashes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model_file = tmp_path / "model.gguf"
    monkeypatch.setattr("summarise.cli.model.default_model_path", lambda: model_file)
    monkeypatch.setattr(native, "check_native_build", lambda: None)
    monkeypatch.setattr(native, "generate_command", _crashing_child)
    outcome = CliRunner().invoke(main, ["model"])
    assert outcome.exit_code == 1
    assert outcome.output.splitlines()[-1] == (
        "Error: the embedded model's native library (llama.cpp) crashed with SIGSEGV while generating a test "
        f"answer: its build does not run on this CPU; rebuild it: {REBUILD_COMMAND}"
    )


def _installed_libraries() -> list[Path]:
    libraries = native_libraries()
    if not libraries:
        pytest.skip("llama-cpp-python (the embedded extra) is not installed: there is no native build to check")
    return libraries


def test_the_installed_llama_cpp_build_holds_no_amx_symbols() -> None:
    for library in _installed_libraries():
        assert amx_code_in(library.read_bytes()) == [], library


def test_the_installed_llama_cpp_build_holds_no_amx_tile_instructions() -> None:
    libraries = _installed_libraries()
    objdump = shutil.which("objdump")
    if objdump is None:
        pytest.skip("objdump (binutils) is absent: the instruction scan needs it; the symbol scan still ran")
    for library in libraries:
        listing = subprocess.run([objdump, "-d", "--no-show-raw-insn", str(library)], capture_output=True,
                                 text=True, check=True).stdout
        found = sorted(set(re.findall(rf"\t({'|'.join(TILE_INSTRUCTIONS)})\b", listing)))
        assert found == [], library


def test_the_native_opt_in_compiles_for_this_cpu_with_every_amx_extension_off() -> None:
    arguments = cmake_args("x86_64", SAPPHIRE_RAPIDS, native=True)
    assert "-DCMAKE_C_FLAGS='-march=native -mno-amx-tile -mno-amx-int8 -mno-amx-bf16'" in arguments
    assert "-DCMAKE_CXX_FLAGS='-march=native -mno-amx-tile -mno-amx-int8 -mno-amx-bf16'" in arguments
    assert {"-DGGML_NATIVE=OFF", "-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF"} <= set(
        arguments.split()
    )
