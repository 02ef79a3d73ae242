#!/usr/bin/env bash
# Installs the Debian packages vanban needs to build, test and run; installs only what is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libtesseract-dev libleptonica-dev libpng-dev libjpeg-dev libtiff-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  libopencv-dev libicu-dev libpoppler-cpp-dev poppler-utils
  # The searchable PDF: qpdf assembles it, icc-profiles-free has the sRGB profile of PDF/A's
  # output intent, OpenSSL reads the signers of signed inputs.
  libqpdf-dev icc-profiles-free libssl-dev
  nlohmann-json3-dev libcli11-dev
  # vanban review's local web server, and the browser its page is tested in (tests/python/test_review.py).
  libcpp-httplib-dev chromium chromium-driver python3-selenium
  # vanban.1, generated from the CLI's own --help at build time.
  help2man
  libgtest-dev libgmock-dev libbenchmark-dev libxml2-dev
  # Test fixtures and scoring: the page renderer, ../shared/tools/vnscore.py, encrypted PDFs.
  python3 python3-pil python3-numpy python3-levenshtein fonts-liberation2 qpdf libxml2-utils python3-jsonschema
  # Ghostscript's fonts, on most desktops and servers: the suite must pass with them installed
  # (they replace Liberation Sans as the machine's Helvetica).
  fonts-urw-base35
  # The libFuzzer targets (tests/fuzz/run.sh, run by CI): clang and its sanitizer runtimes.
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "vanban: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
