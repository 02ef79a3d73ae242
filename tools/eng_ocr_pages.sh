#!/bin/sh
# English-model OCR of real archive scans beside their page transcriptions, as the legacy text
# layers of an archive were made: page 1 of ../shared/samples/scans/<DOC>.pdf at 300 dpi colour
# (raster_page), `tesseract -l eng`, written as OUT/<DOC>.eng-ocr.txt next to OUT/<DOC>.gt.txt (the dev set's or
# samples/truth2's page1.gt.txt). The pairs feed tools/restore_learn_channel.py --pairs (the tune
# split) and tools/restore_ocr_eval.sh (the report split); models/README.md names the splits.
# Usage: tools/eng_ocr_pages.sh OUT DOC...
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared"
. "$root/tools/eval_common.sh"
out=$1
shift
mkdir -p "$out"
for doc in "$@"; do
  truth="$shared/samples/devset/$doc/page1.gt.txt"
  [ -f "$truth" ] || truth="$root/samples/truth2/$doc/page1.gt.txt"
  [ -f "$truth" ] || { echo "no page transcription of $doc" >&2; exit 1; }
  raster_page "$shared/samples/scans/$doc.pdf" 1 "$out/$doc.png"
  OMP_THREAD_LIMIT=1 tesseract "$out/$doc.png" - -l eng 2>/dev/null > "$out/$doc.eng-ocr.txt"
  cp "$truth" "$out/$doc.gt.txt"
  rm "$out/$doc.png"
done
