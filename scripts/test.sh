#!/usr/bin/env bash
# Second README command: set up, then run the whole test suite offline (recorded responses only),
# then the linters. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest "$@"
.venv/bin/ruff check summarise tests bench
.venv/bin/mypy
