#!/usr/bin/env bash
# Cold start to the end of the first frame, in release, under Xvfb, with a library of the
# bundled samples (created on the first of the runs). Prints each run's figure.
# Usage: scripts/cold_start.sh [RUNS]   (needs xvfb; BRIEFING_BIN overrides the binary)
set -euo pipefail
runs=${1:-5}
bin=${BRIEFING_BIN:-target/release/briefing}
data=$(mktemp -d)
export BRIEFING_DATA_DIR=$data XDG_RUNTIME_DIR=$data HOME=$data BRIEFING_FIRST_FRAME=exit
display=:79
Xvfb $display -screen 0 1360x860x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  line=$(DISPLAY=$display "$bin" 2>/dev/null | grep "first frame" || echo "no frame")
  end=$(date +%s%N)
  echo "$line; whole process including shutdown $(( (end - start) / 1000000 )) ms"
done
