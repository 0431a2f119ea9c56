#!/usr/bin/env bash
# A short fuzz run of every target (about 30 s each), for CI and before a commit. Fails on
# the first crash, leaving the input in fuzz/artifacts/<target>/. Safe on a fresh machine:
# it installs the nightly toolchain and cargo-fuzz when they are missing.
#   bash scripts/fuzz-short.sh                  # every target, 30 s each
#   FUZZ_SECONDS=600 bash scripts/fuzz-short.sh analyze_bytes   # one target, longer
# Environment: FUZZ_SECONDS (per target, default 30), FUZZ_SANITIZER (default none: the
# crate forbids unsafe code, so AddressSanitizer only slows the run; use `address` to
# check anyway). Debug assertions and overflow checks are always on (cargo-fuzz's default).
# The seeds come from the shared corpus (fuzz/seed.sh --stride 40) when fuzz/corpus/<target> is
# empty; without the shared corpus, from hand-made inputs only. Long runs: see fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-30}"
sanitizer="${FUZZ_SANITIZER:-none}"
all_targets=(analyze_bytes analyze_utf16 count_vs_analyze national smart_encode phone graphemes decode encode_roundtrip validate read_json timestamp)
targets=("${@:-${all_targets[@]}}")

step() { printf '\n==> %s\n' "$*"; }

step "toolchain: nightly and cargo-fuzz"
command -v rustup >/dev/null || { echo "rustup not found: install Rust with rustup first" >&2; exit 1; }
rustup run nightly rustc --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

step "invariant checker self-test"
(cd fuzz && cargo +nightly test --lib --quiet)

for t in "${targets[@]}"; do
  if [ ! -d "fuzz/corpus/$t" ] || [ -z "$(ls -A "fuzz/corpus/$t" 2>/dev/null)" ]; then
    step "seeding fuzz/corpus/ (every 40th corpus message)"
    bash fuzz/seed.sh --stride 40
  fi
  step "fuzz $t for ${seconds}s (sanitizer: $sanitizer)"
  log="${TMPDIR:-/tmp}/fuzz-$t.log"
  # -max_total_time counts from the start, seed loading included.
  status=0
  (cd fuzz && cargo +nightly fuzz run --sanitizer "$sanitizer" "$t" -- \
      -max_total_time="$seconds" -print_final_stats=1) >"$log" 2>&1 || status=$?
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|peak_rss_mb)|^Done ' "$log" || true
  if [ "$status" -ne 0 ] || grep -qE 'panicked|deadly signal|(crash|timeout|oom|leak)-[0-9a-f]{40}' "$log"; then
    grep -E 'panicked|Test unit written|deadly signal|error' "$log" | head -20 >&2 || true
    echo "fuzz-short: $t FAILED (exit $status); full log: $log; input in fuzz/artifacts/$t/" >&2
    exit 1
  fi
  # A slow unit (> 10 s for one input) is not a crash, but it is worth a look: report it.
  if grep -qE 'slow-unit-[0-9a-f]{40}' "$log"; then
    echo "fuzz-short: WARNING: $t wrote slow inputs (more than 10 s for one input: a performance bug worth a look):" >&2
    grep -oE "[^ ']*slow-unit-[0-9a-f]{40}" "$log" | sort -u >&2
  fi
done
echo "fuzz-short: every target ran ${seconds}s without a crash"
