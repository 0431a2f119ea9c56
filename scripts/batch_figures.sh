#!/usr/bin/env bash
# Peak memory and wall time of the CLI at scale: the figures of the README's "Batch mode at
# scale" and "Phone engine memory" sections.
#   bash scripts/batch_figures.sh [rss|jobs|phone|all]      (default: all)
#
# rss    analyze --json, the human report and analyze --json --smart telnyx on one 10 MB and
#        one 100 MB mixed text (the corpus's texts joined with spaces).
# jobs   analyze --jsonl and count --jsonl over COPIES (default 4) copies of the corpus with
#        --jobs 1, then 2, REPEAT (default 3) times: wall times and the ratio of each pair.
#        The ratio only means something while no other process holds a core (check top).
# phone  phone --jsonl on the example numbers of every region (their national and
#        international spellings), fast engine and phone-lite, --jobs 1, 2, 8, 16; then
#        examples/phone_all_regions (parse, validate, full = with formatting) at 1 and 8
#        threads with both engines, ROUNDS (default 20) rounds each: speed and peak RSS.
#
# Inputs: CORPUS_JSONL (default ../shared/corpus/messages.jsonl beside the repository, else
# the committed tests/data/corpus_sample.jsonl). Work files go to ${TMPDIR:-/tmp}/sms-preflight-batch.
# Needs /usr/bin/time (Debian: apt-get install time) and python3. Peak RSS is GNU time's
# "Maximum resident set size". The machine's load changes wall times: the script prints
# the load average with each group.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
work="${TMPDIR:-/tmp}/sms-preflight-batch"
mkdir -p "$work"
corpus="${CORPUS_JSONL:-../shared/corpus/messages.jsonl}"
[ -f "$corpus" ] || corpus="tests/data/corpus_sample.jsonl"
repeat="${REPEAT:-3}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

fast="target/release/sms-preflight"
lite="$work/sms-preflight-lite"
build() { # the phone-lite CLI first (copied aside: both builds write the same path)
  if [ "$what" = phone ] || [ "$what" = all ]; then
    cargo build --quiet --release --locked -p sms-preflight-cli --no-default-features \
      --features phone-lite
    cp "$fast" "$lite"
  fi
  cargo build --quiet --release --locked -p sms-preflight-cli
}

# measure LABEL CMD...: runs CMD (stdout to a file) and prints peak RSS and wall time.
measure() {
  local label="$1"; shift
  /usr/bin/time -f '%M %e' -o "$work/time.txt" "$@" > "$work/out.txt" || true
  read -r kb secs < "$work/time.txt"
  printf '%-58s %9.1f MB  %7.2f s  (output %s MB)\n' "$label" "$(echo "$kb/1024" | bc -l)" "$secs" \
    "$(( $(stat -c %s "$work/out.txt") / 1000000 ))"
}

mixed_text() { # SIZE_MB FILE: the corpus texts joined with spaces, cut to SIZE_MB MB
  python3 - "$corpus" "$1" "$2" <<'EOF'
import json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
target = int(sys.argv[2]) * 1_000_000
out, n, i = [], 0, 0
while n < target:
    t = texts[i % len(texts)]; out.append(t); n += len(t.encode()) + 1; i += 1
data = " ".join(out).encode()[:target].decode("utf-8", "ignore")
open(sys.argv[3], "w", encoding="utf-8").write(data)
EOF
}

rss() {
  echo "== rss: one mixed text ($(uptime | sed 's/.*load/load/'))"
  for mb in 10 100; do
    f="$work/mixed_${mb}mb.txt"
    [ -f "$f" ] || mixed_text "$mb" "$f"
    measure "analyze --json, ${mb} MB" "$fast" analyze --json < "$f"
    measure "analyze (report), ${mb} MB" "$fast" analyze < "$f"
    measure "analyze --json --smart telnyx, ${mb} MB" "$fast" analyze --json --smart telnyx < "$f"
    measure "count --json, ${mb} MB" "$fast" count --json < "$f"
  done
}

jobs() { # COPIES (default 4) copies of the corpus; REPEAT pairs of runs, one after the other
  local f="$work/corpus_x${COPIES:-4}.jsonl"
  for _ in $(seq "${COPIES:-4}"); do cat "$corpus"; done > "$f"
  echo "== jobs: $corpus x ${COPIES:-4} ($(wc -l < "$f") lines; $(uptime | sed 's/.*load/load/'))"
  for mode in analyze count; do
    for _ in $(seq "$repeat"); do
      /usr/bin/time -f '%e' -o "$work/t1.txt" "$fast" "$mode" --jsonl "$f" --jobs 1 > /dev/null
      /usr/bin/time -f '%e' -o "$work/t2.txt" "$fast" "$mode" --jsonl "$f" --jobs 2 > /dev/null
      t1=$(cat "$work/t1.txt"); t2=$(cat "$work/t2.txt")
      printf '%-8s --jobs 1 %6.2f s   --jobs 2 %6.2f s   speed-up %.2fx   (load %s)\n' "$mode" "$t1" "$t2" \
        "$(echo "$t1/$t2" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
}

phone() {
  local n="$work/numbers.jsonl"
  if [ ! -f "$n" ]; then
    cargo run --quiet --release --locked --example phone_all_regions dump \
      | python3 -c 'import json,sys
for l in sys.stdin:
    i, _, r = l.rstrip("\n").partition("\t")
    print(json.dumps({"input": i, "region": r or None}))' > "$n"
  fi
  echo "== phone --jsonl: $(wc -l < "$n") example numbers of every region ($(uptime | sed 's/.*load/load/'))"
  for jobs in 1 2 8 16; do
    measure "fast engine (phone), --jobs $jobs" "$fast" phone --jsonl "$n" --jobs "$jobs"
    measure "phone-lite, --jobs $jobs" "$lite" phone --jsonl "$n" --jobs "$jobs"
  done
  local ex="target/release/examples/phone_all_regions"
  cargo build --quiet --release --locked --example phone_all_regions --no-default-features --features phone-lite
  cp "$ex" "$work/phone_all_regions-lite"
  cargo build --quiet --release --locked --example phone_all_regions
  echo "== examples/phone_all_regions, ${ROUNDS:-20} rounds per thread ($(uptime | sed 's/.*load/load/'))"
  for mode in parse validate full; do
    for threads in 1 8; do
      for bin in "$ex" "$work/phone_all_regions-lite"; do
        /usr/bin/time -f '%M' -o "$work/time.txt" "$bin" "$mode" "${ROUNDS:-20}" "$threads"
        printf '    peak RSS %.1f MB\n' "$(echo "$(cat "$work/time.txt")/1024" | bc -l)"
      done
    done
  done
}

build
case "$what" in
  rss) rss ;;
  jobs) jobs ;;
  phone) phone ;;
  all) rss; jobs; phone ;;
  *) echo "usage: $0 [rss|jobs|phone|all]" >&2; exit 2 ;;
esac
