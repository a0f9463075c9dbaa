#!/usr/bin/env bash
# How analysis time and peak memory grow with an article's length, for the two shapes that
# used to be superlinear: one line of plain words with a dated sentence every 400 words (the
# hostile suite's 50 MB case), and text crowded with distinct capitalised names, acronyms and
# deadlines (thousands of actors). Prints one Markdown table row per size; linear growth shows
# as a steady seconds-per-MB column.
# Usage: scripts/scale.sh [SIZES_MB...]   (default 1 2 4 8 16 50; BRIEFING_BIN overrides
# target/release/briefing; needs python3 and GNU time)
set -euo pipefail
bin=${BRIEFING_BIN:-target/release/briefing}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 2 4 8 16 50)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BRIEFING_DATA_DIR=$work/data

# Generates SHAPE text of about MB megabytes on stdout (fixed seeds, so runs compare).
gen() {
  python3 - "$1" "$2" <<'PY'
import random, sys
shape, mb = sys.argv[1], float(sys.argv[2])
size = int(mb * 1_000_000)
out, length, n = [], 0, 0
if shape == "line":
    random.seed(5)
    words = ["the", "ministry", "said", "talks", "would", "continue", "while", "officials", "in", "Kestrel", "Bay"]
    while length < size:
        n += 1
        if n % 400 == 0:
            s = "Minister Alva Reyes said the fund must be repaid by 4 December 2026. "
        else:
            s = random.choice(words) + (". " if n % 17 == 0 else " ")
        out.append(s)
        length += len(s)
else:
    random.seed(7)
    syl = ["ka", "ro", "ve", "lin", "mar", "to", "su", "den", "bri", "gal", "ost", "er", "qui", "fen", "dor", "al", "mi", "sha"]
    name = lambda: "".join(random.choice(syl) for _ in range(random.randint(2, 3))).capitalize()
    while length < size:
        r = random.random()
        if r < 0.3:
            s = f"{name()} {name()} said the {name()} Group must pay by 4 December 2026. "
        elif r < 0.5:
            s = f"The {name()} Ministry of {name()} told {name()} to respond. "
        elif r < 0.6:
            s = f"{name()} Corp. (GC) joined the case as a plaintiff. "
        else:
            s = f"officials in {name()} met {name()} officials on Monday. "
        out.append(s)
        length += len(s)
sys.stdout.write("".join(out))
PY
}

echo "| shape | MB | seconds | s per MB | peak RSS MB | actors | times |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for shape in line names; do
  for mb in "${sizes[@]}"; do
    file=$work/$shape-$mb.txt
    gen "$shape" "$mb" >"$file"
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" extract "$file" >"$work/out.json"
    read -r secs kb <"$work/time"
    counts=$(python3 -c 'import json,sys; v=json.loads(open(sys.argv[1]).readline()); print(len(v["actors"]), len(v["times"]))' "$work/out.json")
    read -r actors times <<<"$counts"
    awk -v s="$shape" -v mb="$mb" -v t="$secs" -v kb="$kb" -v a="$actors" -v n="$times" \
      'BEGIN { printf "| %s | %s | %.2f | %.3f | %.0f | %s | %s |\n", s, mb, t, t / mb, kb / 1024, a, n }'
    rm -f "$file"
  done
done
