#!/usr/bin/env bash
# Installs vanban into a scratch prefix, builds examples/ as an outside project against the
# installed CMake package, checks pkg-config, and runs both examples.
# usage: outside_project.sh BUILD_DIR EXAMPLES_DIR
set -euo pipefail
build=$1
examples=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null
cmake -S "$examples" -B "$prefix/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/build" >/dev/null

PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$(ls -d "$prefix"/lib/*/pkgconfig 2>/dev/null | tr '\n' ':')" \
  pkg-config --exists vanban || { echo "pkg-config does not find vanban" >&2; exit 1; }

# No VANBAN_DATA_DIR: the library must find the models installed beside it.
unset VANBAN_DATA_DIR
restored=$(echo "Chi thi so 28-CT/TW cua Bo Chinh tri" | "$prefix/build/restore_c")
echo "restore_c: $restored"
[ "$restored" = "Chỉ thị số 28-CT/TW của Bộ Chính trị" ] || { echo "unexpected restore output" >&2; exit 1; }

fields=$(printf 'Số: 299/UBND-TTHC\nQuảng Ngãi, ngày 15 tháng 01 năm 2025\n' | "$prefix/build/extract_cpp")
echo "$fields"
grep -q "number: 299/UBND-TTHC" <<<"$fields" || { echo "unexpected extract output" >&2; exit 1; }
grep -q "date: 2025-01-15" <<<"$fields" || { echo "unexpected extract output" >&2; exit 1; }
