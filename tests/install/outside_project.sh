#!/usr/bin/env bash
# Installs vanban into a scratch prefix, builds examples/ as an outside project against the
# installed CMake package, checks pkg-config, runs the examples (C, C++, Python) and checks the
# installed man page.
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

# A scan through the C ABI (in memory, progress, ALTO) and through the Python module.
scan=$(cd "$examples/.." && pwd)/samples/scans/kiengiang-2577-clean.tif
"$prefix/build/ocr_alto" "$scan" >"$prefix/scan.xml" 2>"$prefix/ocr_alto.err"
grep -q "page 2 of 2 read" "$prefix/ocr_alto.err" || { echo "ocr_alto reported no progress" >&2; exit 1; }
xmllint --noout "$prefix/scan.xml"
grep -q "2577" "$prefix/scan.xml" || { echo "ocr_alto: the number is not in the ALTO" >&2; exit 1; }
cp "$scan" "$prefix/scan.tif"
python_fields=$(PYTHONPATH="$prefix/lib/python3/dist-packages" python3 "$examples/ocr.py" "$prefix/scan.tif" 2>/dev/null)
echo "$python_fields"
grep -q "number: 2577/UBND-KGVX" <<<"$python_fields" || { echo "unexpected ocr.py output" >&2; exit 1; }
qpdf --check "$prefix/scan.tif.vanban.pdf" >/dev/null

# The Python module, from the prefix's dist-packages, finds the library installed beside it.
python_restored=$(PYTHONPATH="$prefix/lib/python3/dist-packages" python3 -c \
  'import vanban; print(vanban.Engine().restore("Chi thi so 28-CT/TW cua Bo Chinh tri"))')
echo "python: $python_restored"
[ "$python_restored" = "Chỉ thị số 28-CT/TW của Bộ Chính trị" ] || { echo "unexpected python output" >&2; exit 1; }

# The man page, generated from the CLI's help, is installed and names every subcommand's options.
man_page="$prefix/share/man/man1/vanban.1"
for option in --no-restore --resume --format --mode --max-request-bytes --dublin-core --no-browser "EXIT STATUS"; do
  grep -q -- "$option" "$man_page" || { echo "vanban.1 lacks $option" >&2; exit 1; }
done

# The review page's files are installed with the models, where `vanban review` looks for them.
for file in index.html review.js review.css; do
  [ -f "$prefix/share/vanban/review/$file" ] || { echo "review/$file is not installed" >&2; exit 1; }
done
