# Shell pieces shared by the OCR evaluation scripts (tools/ocr_eval.sh, tools/heldout_eval.sh):
# sourced, not run. POSIX sh. Expects $shared (the ../shared reference folder) to be set.

# vnscore REF HYP → "miss ser cer" (fractions), from ../shared/tools/vnscore.py.
vnscore() {
  /usr/bin/python3 "$shared/tools/vnscore.py" "$1" "$2" |
    sed -n 's/.* cer=\([0-9.]*\) ser=\([0-9.]*\).*miss=\([0-9.]*\).*/\3 \2 \1/p'
}

# raster_page PDF PAGE OUT.png: page PAGE (1-based) of PDF as a 300 dpi colour PNG. Rasterising
# costs a second or two per page, so an existing OUT.png is kept across runs.
raster_page() {
  [ -f "$3" ] || pdftoppm -r 300 -f "$2" -l "$2" -png -singlefile "$1" "${3%.png}"
}
