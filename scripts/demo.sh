#!/usr/bin/env bash
# First README command: set up, then digest the seed article with the embedded model (no network, no key).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/summarise seeds/000_4cf0f7c4e857d004.txt --format text "$@"
