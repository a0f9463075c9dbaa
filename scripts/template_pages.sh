#!/usr/bin/env bash
# Renders every built-in template over the bundled samples (note date 2026-11-26, fixed clock)
# and writes the first page of each as assets/templates/<template>.png for the README.
# Usage: scripts/template_pages.sh [BRIEFING_BINARY]   (needs poppler-utils' pdftoppm)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/briefing}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p assets/templates
for t in $("$bin" --library "$tmp/lib.sqlite" templates | awk '{print $1}'); do
  SOURCE_DATE_EPOCH=1795651200 "$bin" --library "$tmp/lib.sqlite" render --template "$t" \
    --title "Deadlines and actors this week" --drafter "J. Analyst" --date 2026-11-26 \
    --output "$tmp/$t.pdf" assets/samples/* 2>/dev/null
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/$t.pdf" "assets/templates/$t"
  echo "assets/templates/$t.png ($(pdfinfo "$tmp/$t.pdf" | awk '/^Pages:/ {print $2}') pages)"
done
