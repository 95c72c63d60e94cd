"""Shell access to summarise.native for scripts/setup.sh and the test answer's child process.

    python -m summarise.native_tool cmake-args     # CMake arguments for llama.cpp on this machine (portable)
    python -m summarise.native_tool cmake-args --native  # the same for this CPU only, minus AMX
    python -m summarise.native_tool requirement    # the pinned llama-cpp-python requirement
    python -m summarise.native_tool check          # exit 1 when the installed build holds AMX code
    python -m summarise.native_tool generate MODEL # load MODEL and generate a few tokens
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from summarise.errors import ConfigurationError
from summarise.native import check_native_build, cmake_args, cpu_flags, pinned_requirement


def _generate_a_few_tokens(model_path: str) -> None:
    from summarise.embedded import LlamaTransport

    transport = LlamaTransport(Path(model_path), n_ctx=512)
    answer = transport.complete({"messages": [{"role": "user", "content": "Say OK."}], "max_tokens": 4})
    print(answer["choices"][0]["message"]["content"] or "")


def _main(arguments: list[str]) -> int:
    command = arguments[0] if arguments else ""
    if command == "cmake-args":
        cpuinfo = Path("/proc/cpuinfo")
        text = cpuinfo.read_text(errors="replace") if cpuinfo.exists() else ""
        print(cmake_args(platform.machine(), cpu_flags(text), native="--native" in arguments[1:]))
        return 0
    if command == "check":
        try:
            check_native_build()
        except ConfigurationError as error:
            print(error, file=sys.stderr)
            return 1
        return 0
    if command == "requirement":
        print(pinned_requirement())
        return 0
    if command == "generate" and len(arguments) == 2:
        _generate_a_few_tokens(arguments[1])
        return 0
    print("usage: python -m summarise.native_tool cmake-args|check|requirement|generate MODEL", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
