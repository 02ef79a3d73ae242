#!/usr/bin/env bash
# Builds the libFuzzer targets with clang under ASan + UBSan (in build-fuzz/) and runs each for
# SECONDS (default 60), seeded from the repository. A crash, leak or failed check stops that
# target, leaves its input in build-fuzz/fuzz-crashes/ and fails the script; each target's
# corpus grows in build-fuzz/fuzz-corpus/ from run to run. .ci/run runs it with 60 s.
# usage: tests/fuzz/run.sh [SECONDS] [TARGET...]   (targets: restore_fuzz extract_fuzz serve_fuzz)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(restore_fuzz extract_fuzz serve_fuzz)

CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVANBAN_FUZZ=ON \
  -DVANBAN_SANITIZE=ON -DVANBAN_BUILD_TESTS=OFF -DVANBAN_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# The seeds and the longest input of each target: restoring is slow per byte, a document's
# fields need a page of text, a request a line.
seeds_of() {
  case $1 in
    restore_fuzz) echo "samples/kiengiang-2577-UBND-KGVX.eng-ocr.txt samples/kiengiang-2577-UBND-KGVX.gt.txt" ;;
    extract_fuzz) echo "samples/kiengiang-2577-UBND-KGVX.gt.txt samples/truth/H14.1999.1180.ND.001.020.p1.gt.txt" ;;
    serve_fuzz) echo tests/fuzz/seeds/serve/* ;;
  esac
}
max_len_of() {
  case $1 in
    restore_fuzz) echo 128 ;;
    extract_fuzz) echo 4096 ;;
    serve_fuzz) echo 1024 ;;
  esac
}

mkdir -p build-fuzz/fuzz-crashes
for target in "${targets[@]}"; do
  corpus=build-fuzz/fuzz-corpus/$target
  mkdir -p "$corpus"
  # shellcheck disable=SC2046 # seeds_of lists files
  cp $(seeds_of "$target") "$corpus"/
  echo "fuzz: $target for $seconds s" >&2
  log=build-fuzz/fuzz-$target.log
  rc=0
  "build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len="$(max_len_of "$target")" -timeout=60 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="build-fuzz/fuzz-crashes/$target-" "$corpus" >"$log" 2>&1 ||
    rc=$?
  grep -E "^(stat::number_of_executed_units|Done [0-9]+ runs)" "$log" >&2 || true
  if [ "$rc" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz: $target failed (exit $rc), input in build-fuzz/fuzz-crashes/, log in $log" >&2
    exit 1
  fi
done
