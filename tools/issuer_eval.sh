#!/bin/sh
# Field accuracy per issuer kind on the generated multi-issuer set (samples/truth3, written by
# tools/make_issuer_docs.py): renders the pages into $VANBAN_OUT/pages when missing, reads them
# all with one `vanban ocr -j 2` run, then prints tools/extract_eval.sh's table for each kind of
# the split (tune: tuned on; report: never looked at while tuning) and the share over the split.
# Usage: VANBAN_OUT=DIR [GREY=1] tools/issuer_eval.sh [BUILD_DIR] [tune|report] [--mismatches]
# GREY=1 renders the pages in grey, as a grey scanner gives a red seal back: as dark as the print.
# Skips when ../shared is absent (the specs are committed, but the pages need no corpus: only the
# check of the build and truth). HOCR=1 re-extracts from saved word boxes as extract_eval.sh does.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
split=${2:-report}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
: "${VANBAN_OUT:?set VANBAN_OUT to an output folder}"
pages="$VANBAN_OUT/pages"
if [ ! -d "$pages" ]; then
  /usr/bin/python3 "$root/tools/make_issuer_docs.py" render --out "$root/samples/truth3" --images "$pages" \
    ${GREY:+--grey}
fi
missing=0
for spec in "$root/samples/truth3/$split"/*/*/spec.json; do
  doc=$(basename "$(dirname "$spec")")
  [ -f "$VANBAN_OUT/$doc.json" ] || missing=1
done
if [ "$missing" = 1 ]; then
  "$build/pipeline/cli/vanban" ocr "$pages" -o "$VANBAN_OUT" -j 2 --format txt,json,hocr --progress none --resume
fi
for kind_dir in "$root/samples/truth3/$split"/*/; do
  kind=$(basename "$kind_dir")
  echo "### $split / $kind"
  TRUTH=$kind_dir SCANS=$pages "$root/tools/extract_eval.sh" "$build" "$@" | tee "$VANBAN_OUT/$split-$kind.txt"
done
# The summary sums the printed-field rows of each kind's last table: this build's extractor on the
# saved word boxes when there are any, else the fields of <DOC>.json.
echo "### $split: printed fields exact per kind"
for kind_dir in "$root/samples/truth3/$split"/*/; do
  kind=$(basename "$kind_dir")
  awk -v kind="$kind" '/^## vanban ocr word boxes/ { exact = 0; printed = 0 }
    /^\| [a-z_]+ \| [0-9]+\/[0-9]+ \|/ { split($4, ratio, "/"); exact += ratio[1]; printed += ratio[2] }
    END { printf "%s %d/%d\n", kind, exact, printed }' "$VANBAN_OUT/$split-$kind.txt"
done | awk '{ print; split($2, ratio, "/"); exact += ratio[1]; printed += ratio[2] }
  END { printf "all %d/%d = %.1f %%\n", exact, printed, 100 * exact / printed }'
