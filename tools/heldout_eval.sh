#!/bin/sh
# Held-out OCR evaluation on pages nothing was tuned on: the born-digital PDFs of
# ../shared/samples/born-digital (exact text per page from their text layer), rasterised at
# 300 dpi and damaged reproducibly by tools/degrade_page.py, plus two phone photos of
# ../shared/samples/other whose references are machine-made and unverified. Each image is read
# by `vanban ocr` (restore on and --no-restore) and by bare `tesseract -l vie`; every page is
# scored with vnscore.py (miss, ser, cer) and a table per variant gives pages, mean and worst.
#
#   tools/heldout_eval.sh
# Variants:  clean     the page as rendered
#            degraded  skew 0.5-2°, blur, grain, uneven light, JPEG q60 (seeded)
#            curled    a smooth page curl bowing lines by 20-34 px (seeded)
#            photo     4_1.jpg, 4_2.jpg (references machine-made, NOT verified)
# Systems:   vanban (restore on), vanban-raw (--no-restore), tesseract (bare, PSM 3), and
#            driver: bench/preprocess_ocr_eval with $HELDOUT_DRIVER_FLAGS (no restore), for
#            ablating one preprocessing step, e.g. HELDOUT_DRIVER_FLAGS=--no-dewarp.
# Environment: HELDOUT_BIN       vanban CLI (default build-heldout/pipeline/cli/vanban)
#              HELDOUT_DRIVER    preprocess_ocr_eval (default build-heldout/bench/preprocess_ocr_eval)
#              HELDOUT_SYSTEMS   default "vanban vanban-raw tesseract"
#              HELDOUT_VARIANTS  default "clean degraded curled photo"
#              HELDOUT_OUT       work folder (default /tmp/vanban-heldout); images are kept there
#              HELDOUT_SEED      degrader seed (default 1)
#              HELDOUT_SCORE_ONLY=1  score the texts already in HELDOUT_OUT without OCR
# OCR runs one page at a time (the machine is shared); expect ~6 minutes for everything.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${VANBAN_SHARED_DIR:-$root/../shared}
. "$root/tools/eval_common.sh"
bin=${HELDOUT_BIN:-$root/build-heldout/pipeline/cli/vanban}
driver=${HELDOUT_DRIVER:-$root/build-heldout/bench/preprocess_ocr_eval}
systems=${HELDOUT_SYSTEMS:-vanban vanban-raw tesseract}
variants=${HELDOUT_VARIANTS:-clean degraded curled photo}
out=${HELDOUT_OUT:-/tmp/vanban-heldout}
seed=${HELDOUT_SEED:-1}
flags=${HELDOUT_DRIVER_FLAGS:-}
born=$shared/samples/born-digital
other=$shared/samples/other

# --- reference texts and images: $out/gt/<page>.txt, $out/img/<variant>/<page>.{png,jpg} ---
mkdir -p "$out/gt" "$out/img/clean"
for gt in "$born"/*.p*.gt_layout.txt; do
  doc=$(basename "$gt" | sed 's/\.signed\.p[0-9]*\.gt_layout\.txt$//')
  n=$(basename "$gt" | sed 's/.*\.p\([0-9]*\)\.gt_layout\.txt$/\1/')
  page=$(echo "$doc" | sed 's/[._].*//')-p$n  # 05-p1, bnt-p1, vht507-p2 ...
  ln -sf "$gt" "$out/gt/$page.txt"
  raster_page "$born/$doc.signed.pdf" "$n" "$out/img/clean/$page.png"
done
for v in $variants; do
  case $v in
    degraded | curled)
      mkdir -p "$out/img/$v"
      ext=png; [ "$v" = degraded ] && ext=jpg
      for img in "$out"/img/clean/*.png; do
        page=$(basename "$img" .png)
        [ -f "$out/img/$v/$page.$ext" ] ||
          /usr/bin/python3 "$root/tools/degrade_page.py" "$img" "$out/img/$v/$page.$ext" --mode "$v" --seed "$seed"
      done ;;
    photo)
      mkdir -p "$out/img/photo"
      for p in 4_1 4_2; do
        # A copy, not a link: `vanban ocr DIR` names outputs by the resolved path of each input,
        # so a symlink to another folder would be written outside OUTDIR.
        rm -f "$out/img/photo/$p.jpg"; cp "$other/$p.jpg" "$out/img/photo/$p.jpg"
        ln -sf "$other/${p}_gt.txt" "$out/gt/$p.txt"
      done ;;
  esac
done

# --- OCR: $out/hyp/<system>/<variant>/<page>.txt, seconds per run in $out/hyp/<system>/<variant>.secs ---
system_dir() { if [ "$1" = driver ]; then echo "driver$(echo "$flags" | tr -d ' ')"; else echo "$1"; fi; }
run_system() {  # SYSTEM VARIANT
  dir=$out/hyp/$(system_dir "$1")/$2
  rm -rf "$dir"; mkdir -p "$dir"
  start=$(date +%s)
  case $1 in
    vanban) "$bin" ocr "$out/img/$2" -o "$dir" -j 1 --format txt --progress none ;;
    vanban-raw) "$bin" ocr "$out/img/$2" -o "$dir" -j 1 --format txt --progress none --no-restore ;;
    tesseract | driver)
      for img in "$out/img/$2"/*; do
        page=$(basename "$img"); page=${page%.*}
        if [ "$1" = tesseract ]; then
          OMP_THREAD_LIMIT=1 tesseract "$img" "$dir/$page" -l vie > /dev/null 2>&1
        else
          # shellcheck disable=SC2086  # the flags are words
          "$driver" "$img" $flags > "$dir/$page.txt" 2> "$dir/$page.log"
        fi
      done ;;
    *) echo "unknown system $1" >&2; exit 2 ;;
  esac
  echo $(($(date +%s) - start)) > "$out/hyp/$(system_dir "$1")/$2.secs"
}
if [ -z "${HELDOUT_SCORE_ONLY:-}" ]; then
  for s in $systems; do
    case $s in vanban*) [ -x "$bin" ] || { echo "build vanban first: $bin" >&2; exit 2; } ;; esac
    [ "$s" != driver ] || [ -x "$driver" ] || { echo "build the driver first: $driver" >&2; exit 2; }
    for v in $variants; do run_system "$s" "$v"; done
  done
fi

# --- scores: one "variant system page miss ser cer" line each, then the tables ---
scores=$out/scores.txt
: > "$scores"
for v in $variants; do
  for s in $systems; do
    d=$(system_dir "$s")
    for img in "$out/img/$v"/*; do
      page=$(basename "$img"); page=${page%.*}
      hyp=$out/hyp/$d/$v/$page.txt
      [ -f "$hyp" ] || { echo "$hyp missing: run without HELDOUT_SCORE_ONLY" >&2; exit 2; }
      echo "$v $d $page $(vnscore "$out/gt/$page.txt" "$hyp")" >> "$scores"
    done
  done
done
awk -v out="$out" '
  function pct(x) { return sprintf("%6.2f", 100 * x) }
  {
    v = $1; s = $2; p = $3
    if (!(v in seen_v)) { seen_v[v] = 1; vs[++nv] = v }
    if (!((v, s) in seen_s)) { seen_s[v, s] = 1; ss[v, ++ns[v]] = s }
    if (!((v, p) in seen_p)) { seen_p[v, p] = 1; ps[v, ++np[v]] = p }
    miss[v, s, p] = $4; ser[v, s, p] = $5; cer[v, s, p] = $6
  }
  END {
    for (i = 1; i <= nv; i++) {
      v = vs[i]
      note = v == "photo" ? " -- references machine-made, NOT verified" : ""
      printf "\n== %s (%d pages)%s ==\n%-12s", v, np[v], note, ""
      for (j = 1; j <= ns[v]; j++) printf " | %-20s", ss[v, j]
      printf "\n%-12s", "page"
      for (j = 1; j <= ns[v]; j++) printf " |   miss    ser    cer"
      printf "\n"
      for (k = 1; k <= np[v]; k++) {
        p = ps[v, k]; printf "%-12s", p
        for (j = 1; j <= ns[v]; j++) { s = ss[v, j]; printf " | %s %s %s", pct(miss[v, s, p]), pct(ser[v, s, p]), pct(cer[v, s, p]) }
        printf "\n"
      }
      for (row = 1; row <= 2; row++) {
        printf "%-12s", row == 1 ? "mean" : "worst"
        for (j = 1; j <= ns[v]; j++) {
          s = ss[v, j]; am = as = ac = 0; wm = ws = wc = 0
          for (k = 1; k <= np[v]; k++) {
            p = ps[v, k]; am += miss[v, s, p]; as += ser[v, s, p]; ac += cer[v, s, p]
            if (miss[v, s, p] > wm) wm = miss[v, s, p]
            if (ser[v, s, p] > ws) ws = ser[v, s, p]
            if (cer[v, s, p] > wc) wc = cer[v, s, p]
          }
          n = np[v]
          if (row == 1) printf " | %s %s %s", pct(am / n), pct(as / n), pct(ac / n)
          else printf " | %s %s %s", pct(wm), pct(ws), pct(wc)
        }
        printf "\n"
      }
      printf "%-12s", "s/page"
      for (j = 1; j <= ns[v]; j++) {
        f = out "/hyp/" ss[v, j] "/" v ".secs"; secs = ""
        if ((getline secs < f) > 0) printf " | %20.1f", secs / np[v]; else printf " | %20s", "?"
        close(f)
      }
      printf "\n"
    }
  }' "$scores"
