#!/usr/bin/env bash
# Renders every built-in template over the bundled samples and (when present) the eval dev
# articles, then checks each PDF as issue #7 asks: `qpdf --check` passes; `pdffonts` lists only
# embedded subset fonts; `pdftotext` finds the classification on every page, "Page N of M" on
# every page, and every non-ASCII word of the actor names the note carries (accents, Cyrillic)
# exactly.
# Usage: scripts/check_pdfs.sh [BRIEFING_BINARY] [OUT_DIR]   (needs qpdf and poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/briefing}
out=${2:-target/pdf-check}
mkdir -p "$out"
lib="$out/library.sqlite"
rm -f "$lib"
sets=("samples:assets/samples")
if [ -d ../shared/eval/briefing/dev ]; then
  sets+=("dev:../shared/eval/briefing/dev")
else
  echo "(../shared/eval/briefing/dev not found: checking the samples only)"
fi
fail=0
templates=$("$bin" --library "$lib" templates | awk '{print $1}' | grep -v '^$')
for t in $templates; do
  for s in "${sets[@]}"; do
    name=${s%%:*}; dir=${s#*:}
    pdf="$out/$t-$name.pdf"; md="$out/$t-$name.md"
    files=$(ls "$dir"/*.txt "$dir"/*.md "$dir"/*.html 2>/dev/null | grep -v '\.html$' || true)
    [ "$name" = samples ] && files=$(ls "$dir"/*)
    # shellcheck disable=SC2086
    "$bin" --library "$lib" render --template "$t" --title "$t for Élodie Marchand, Тарас Мельник and Ελένη Παππά" --date 2026-11-26 \
      --output "$pdf" --markdown "$md" $files 2>/dev/null
    problems=()
    qpdf --check "$pdf" >/dev/null 2>&1 || problems+=("qpdf --check fails")
    if pdffonts "$pdf" | tail -n +3 | awk '$(NF-4)!="yes" || $(NF-3)!="yes" {bad=1} END {exit bad}'; then :; else
      problems+=("a font is not an embedded subset")
    fi
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    class=$(awk '/^classification:/ {sub(/^classification: */, ""); print; exit}' "templates/$t.md.j2")
    for ((p = 1; p <= pages; p++)); do
      text=$(pdftotext -f "$p" -l "$p" "$pdf" - | tr -s ' \n' ' ')
      grep -qF "$class" <<<"$text" || problems+=("page $p lacks the marking '$class'")
      grep -qF "Page $p of $pages" <<<"$text" || problems+=("page $p lacks 'Page $p of $pages'")
    done
    all=$(pdftotext "$pdf" - | tr -s ' \n' ' ')
    names=0
    while IFS= read -r word; do
      [ -z "$word" ] && continue
      names=$((names + 1))
      grep -qF -- "$word" <<<"$all" || problems+=("name word '$word' is missing from the text")
    done < <("$bin" --library "$lib" brief --template "$t" --date 2026-11-26 --json $files 2>/dev/null |
      python3 scripts/note_words.py "$md")
    if [ ${#problems[@]} -eq 0 ]; then
      echo "ok    $t $name: $pages pages, $names non-ASCII capitalised words and names found, fonts embedded+subset, qpdf clean"
    else
      fail=1
      printf 'FAIL  %s %s: %s\n' "$t" "$name" "$(IFS=';'; echo "${problems[*]}")"
    fi
  done
done
exit $fail
