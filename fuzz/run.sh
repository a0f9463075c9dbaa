#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time, one after another, with its corpus seeded
# from the bundled samples and the test fixtures; prints one summary line per target.
#
#   fuzz/run.sh SECONDS [TARGET ...]      (default: every target)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Crashes are saved
# in fuzz/artifacts/TARGET/ (reproduce with `cargo +nightly fuzz run TARGET FILE`); the script
# exits 1 if any target found one. FUZZ_JOBS=2 runs two targets at a time. Extra libFuzzer
# flags can be passed in FUZZ_FLAGS (e.g. -max_len=100000).
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:?usage: fuzz/run.sh SECONDS [TARGET ...]}"
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(ingest analyze template markdown_pdf)
fi
jobs="${FUZZ_JOBS:-1}"
root=..
samples=("$root"/assets/samples/* "$root"/tests/data/ingest/* "$root"/tests/data/layout/*.md)

# Seeds: the samples as they are; for `ingest` behind a first byte naming the matching format
# (see fuzz_targets/ingest.rs), so the detectors start from real files of every kind.
seed() {
  local target=$1 dir=corpus/seed-$1
  rm -rf "$dir"
  mkdir -p "$dir" "corpus/$target"
  for f in "${samples[@]}"; do
    [ -f "$f" ] || continue
    local base; base=$(basename "$f")
    if [ "$target" = ingest ]; then
      local mode
      case "$base" in
        *.txt) mode='\000' ;; *.md) mode='\001' ;; *.html) mode='\002' ;; *.xml) mode='\003' ;;
        *.atom) mode='\004' ;; *.eml) mode='\005' ;; *.gz) mode='\006' ;; *) mode='\007' ;;
      esac
      { printf "$mode"; cat "$f"; } > "$dir/$base"
    else
      cp "$f" "$dir/$base"
    fi
  done
}

# FUZZ_TARGET_DIR: a build cache kept outside the checkout, so fresh clones on the same
# machine (CI) reuse the sanitizer build of the dependencies (a cold build takes many minutes).
target_dir="${FUZZ_TARGET_DIR:-$HOME/.cache/briefing/fuzz-target}"
bin_dir="$target_dir/x86_64-unknown-linux-gnu/release"
echo "== building the fuzz targets (target dir $target_dir)"
for t in "${targets[@]}"; do
  if ! cargo +nightly fuzz build --target-dir "$target_dir" "$t" >corpus-build.log 2>&1; then
    tail -n 20 corpus-build.log >&2
    echo "fuzz build failed" >&2
    exit 2
  fi
done
rm -f corpus-build.log

run_one() {
  local target=$1 log=corpus/$1.log
  seed "$target"
  mkdir -p "artifacts/$target"
  # The binary built above, run directly (so source edits during a long run do not rebuild).
  # -timeout: an input taking more than 30 s counts as a hang; -rss_limit_mb: more than 2 GB
  # counts as unbounded memory. Both are findings.
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_odr_violation=0}" "$bin_dir/$target" \
    -artifact_prefix="artifacts/$target/" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 ${FUZZ_FLAGS:-} "corpus/$target" "corpus/seed-$target" >"$log" 2>&1
  local rc=$?
  local runs secs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' | tail -n 1)
  local corpus; corpus=$(find "corpus/$target" -type f | wc -l)
  if [ $rc -eq 0 ]; then
    printf '%-14s ok       %8s execs in %4s s, corpus %5s\n' "$target" "${runs:-?}" "${secs:-$seconds}" "$corpus"
  else
    printf '%-14s FINDING  %8s execs; see fuzz/%s and fuzz/artifacts/%s/\n' "$target" "${runs:-?}" "$log" "$target"
  fi
  return $rc
}

echo "== fuzzing ${targets[*]} for ${seconds} s each"
failed=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do
  wait "$p" || failed=1
done
exit $failed
