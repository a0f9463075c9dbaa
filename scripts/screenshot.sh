#!/usr/bin/env bash
# Screenshots of the window's main states under Xvfb, with a fresh library seeded from the
# samples: library, preview (two articles ticked), article view, analysis view.
# Usage: scripts/screenshot.sh [OUT_DIR]   (default assets/screenshots; needs xvfb, xdotool,
# imagemagick; BRIEFING_BIN overrides target/release/briefing)
set -euo pipefail
out=${1:-assets/screenshots}
bin=${BRIEFING_BIN:-target/release/briefing}
mkdir -p "$out"
data=$(mktemp -d)
export BRIEFING_DATA_DIR=$data XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$data} HOME=$data
display=:77
Xvfb $display -screen 0 1360x860x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
DISPLAY=$display "$bin" &
app=$!
sleep 3
click() { DISPLAY=$display xdotool mousemove "$1" "$2" click 1; sleep "${3:-0.8}"; }
shot() { DISPLAY=$display import -window root "$out/$1.png"; echo "wrote $out/$1.png"; }
shot library
# Tick the first two articles (checkboxes on the left), then the preview shows the note.
click 14 132
click 14 184 1.5
shot preview
# "Read" on the first article: its text with highlights.
click 30 155 1.5
shot article
# The Analysis tab.
click 531 18 1.5
shot analysis
