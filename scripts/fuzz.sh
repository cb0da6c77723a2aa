#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (cargo-fuzz, libFuzzer, nightly) one after another, for
# FUZZ_SECONDS each (default 60), starting from the committed seeds (fuzz/seeds/<target>) and
# the corpus grown by earlier runs (fuzz/corpus/<target>, not committed). One target at a time:
# each uses one core. Prints executions and crashes per target; logs in fuzz/target/fuzz-logs.
# Exit status 1 when any target crashed (the input is in fuzz/artifacts/<target>/).
#   make fuzz FUZZ_SECONDS=600
#   FUZZ_TARGETS="jsonl extract" scripts/fuzz.sh
# FUZZ_SANITIZER=none (cargo fuzz's --sanitizer) drops AddressSanitizer, about twice as fast; the
# crates fuzzed are safe Rust apart from their dependencies.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-normalize engine_add jsonl extract annotate}
# Long enough for a thread's worth of markup or JSON lines; longer inputs only slow the search.
max_len=${FUZZ_MAX_LEN:-8192}
sanitizer=${FUZZ_SANITIZER:-address}
logs=target/fuzz-logs
mkdir -p "$logs"
cargo +nightly fuzz build -O --sanitizer "$sanitizer"
failed=0
printf '%-12s %14s %10s %8s\n' target executions exec/s crashes
for target in $targets; do
  mkdir -p "corpus/$target"
  before=$(ls "artifacts/$target" 2>/dev/null | grep -c '^crash-\|^oom-\|^timeout-' || true)
  status=0
  cargo +nightly fuzz run -O --sanitizer "$sanitizer" "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -print_final_stats=1 \
    >"$logs/$target.log" 2>&1 || status=$?
  after=$(ls "artifacts/$target" 2>/dev/null | grep -c '^crash-\|^oom-\|^timeout-' || true)
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$target.log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logs/$target.log" | tail -1)
  crashes=$((after - before))
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes="failed (see $logs/$target.log)"; fi
  printf '%-12s %14s %10s %8s\n' "$target" "${executions:-?}" "${speed:-?}" "$crashes"
  [ "$status" -eq 0 ] || failed=1
done
exit "$failed"
