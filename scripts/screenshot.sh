#!/usr/bin/env bash
# Takes a screenshot of the window under Xvfb with a fresh library seeded from the samples.
# Usage: scripts/screenshot.sh OUT.png [--pick N]   (needs xvfb, xdotool, imagemagick)
set -euo pipefail
out=${1:?usage: scripts/screenshot.sh OUT.png}
bin=${BRIEFING_BIN:-target/release/briefing}
data=$(mktemp -d)
export BRIEFING_DATA_DIR=$data XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$data} HOME=$data
display=:77
Xvfb $display -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
DISPLAY=$display "$bin" &
app=$!
sleep 4
# Tick the first two articles in the library list (checkboxes on the left).
for y in 91 146; do
  DISPLAY=$display xdotool mousemove 20 $y click 1
  sleep 0.5
done
sleep 1
DISPLAY=$display import -window root "$out"
echo "wrote $out"
