#!/usr/bin/env bash
# Where the time goes: instruction counts of count() and analyze() on the corpus, per
# function, with callgrind (hardware counters are not available on every machine; callgrind
# counts instructions exactly and is not disturbed by other load).
#   bash scripts/profile.sh [MODE...]     modes: count analyze analyze-cp count-long
#                                          analyze-long count-ascii (default: count analyze count-ascii)
# Writes target/profile/<mode>.callgrind and prints each mode's top functions (inclusive).
# Open a file with `callgrind_annotate --inclusive=yes FILE` or kcachegrind for more.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "profile.sh: valgrind is required (apt-get install valgrind)" >&2; exit 2; }
modes=("${@:-count analyze count-ascii}")
# shellcheck disable=SC2206
modes=(${modes[@]})
bin="$(cargo bench --bench profile --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "profile" and m.get("executable"):
        print(m["executable"])')"
mkdir -p target/profile
for mode in "${modes[@]}"; do
  passes=1; case "$mode" in *-long|count-ascii) passes=10 ;; esac
  out="target/profile/$mode.callgrind"
  "$bin" "$mode" 0 >/dev/null   # fail fast on a bad mode
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$mode" "$passes" 2>&1 | grep -E 'refs|passes' || true
  # The same binary with 0 passes measures loading the corpus, to subtract.
  base="$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$mode" 0 2>&1 | awk '/refs/ {gsub(",", "", $NF); print $NF}')"
  echo "== $mode: $passes pass(es); instructions spent loading the input (subtract): $base"
  callgrind_annotate --inclusive=yes "$out" 2>/dev/null \
    | grep -E 'sms_preflight|unicode_segmentation|alloc::fmt|malloc|free' | grep -F '[' | head -25 | cut -c1-170
done
