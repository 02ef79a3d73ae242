#!/usr/bin/env bash
# Installs what is missing, builds vanban, and converts the scans in samples/scans into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j "$(nproc)" --target vanban_cli
build/pipeline/cli/vanban ocr samples/scans -o out "$@"
echo "vanban: outputs in out/:" >&2
ls -1 out >&2
