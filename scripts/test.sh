#!/usr/bin/env bash
# Installs what is missing, builds vanban with its tests, and runs them all with ctest.
# VANBAN_SANITIZE=1 builds with AddressSanitizer + UndefinedBehaviorSanitizer (in build-asan/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

build=build
flags=()
if [ "${VANBAN_SANITIZE:-0}" = 1 ]; then
  build=build-asan
  flags=(-DVANBAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo)
  export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi
cmake -S . -B "$build" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)"
cd "$build"
ctest --output-on-failure -j "$(nproc)" ${CTEST_ARGS:-}
