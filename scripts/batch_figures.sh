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
#        international spellings) with the CLI's two engines, --jobs 1, 2, 8, 16: the small
#        one (`cargo build --release -p sms-preflight-cli --features phone-lite`, the
#        default) and the fast one (`--features phone`); then examples/phone_all_regions
#        (parse, validate, full = with formatting) at 1 and 8 threads with both engines,
#        ROUNDS (default 20) rounds each: speed and peak RSS.
#
# Inputs: CORPUS_JSONL (default ../shared/corpus/messages.jsonl beside the repository, else
# the committed tests/data/corpus_sample.jsonl). CLI=PATH measures that binary in rss and
# jobs instead of building one (for a before/after). Work files go to
# ${TMPDIR:-/tmp}/sms-preflight-batch. Needs /usr/bin/time (Debian: apt-get install time),
# python3 and bc. Peak RSS is GNU time's "Maximum resident set size"; wall times are taken
# with `date +%s%N` (GNU time's have 10 ms steps). The machine's load changes wall times:
# the script prints the load average with each group and each pair.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
work="${TMPDIR:-/tmp}/sms-preflight-batch"
mkdir -p "$work"
corpus="${CORPUS_JSONL:-../shared/corpus/messages.jsonl}"
[ -f "$corpus" ] || corpus="tests/data/corpus_sample.jsonl"
repeat="${REPEAT:-3}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

cli="${CLI:-target/release/sms-preflight}" # rss and jobs
lite="$work/sms-preflight-lite" fast="$work/sms-preflight-fast" # phone
build() { # the fast-engine CLI, copied aside; then the default one (small engine)
  if [ "$what" = phone ] || [ "$what" = all ]; then
    cargo build --quiet --release --locked -p sms-preflight-cli --features phone
    cp target/release/sms-preflight "$fast"
  fi
  if [ -z "${CLI:-}" ] || [ "$what" = phone ] || [ "$what" = all ]; then
    cargo build --quiet --release --locked -p sms-preflight-cli --features phone-lite
    cp target/release/sms-preflight "$lite"
  fi
  [ "$what" = phone ] || echo "== $cli: $("$cli" --version)"
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
    measure "analyze --json, ${mb} MB" "$cli" analyze --json < "$f"
    measure "analyze (report), ${mb} MB" "$cli" analyze < "$f"
    measure "analyze --json --smart telnyx, ${mb} MB" "$cli" analyze --json --smart telnyx < "$f"
    measure "count --json, ${mb} MB" "$cli" count --json < "$f"
  done
}

jobs() { # COPIES (default 4) copies of the corpus; REPEAT pairs of runs, one after the other
  local f="$work/corpus_x${COPIES:-4}.jsonl"
  for _ in $(seq "${COPIES:-4}"); do cat "$corpus"; done > "$f"
  echo "== jobs: $corpus x ${COPIES:-4} ($(wc -l < "$f") lines; $(uptime | sed 's/.*load/load/'))"
  local mode a b c t1 t2 best1 best2
  for mode in analyze count; do
    best1=999 best2=999
    for _ in $(seq "$repeat"); do
      a=$(date +%s%N); "$cli" "$mode" --jsonl "$f" --jobs 1 > /dev/null
      b=$(date +%s%N); "$cli" "$mode" --jsonl "$f" --jobs 2 > /dev/null
      c=$(date +%s%N)
      t1=$(echo "($b - $a) / 10^9" | bc -l); t2=$(echo "($c - $b) / 10^9" | bc -l)
      printf '%-8s --jobs 1 %6.3f s   --jobs 2 %6.3f s   speed-up %.2fx   (load %s)\n' "$mode" "$t1" "$t2" \
        "$(echo "$t1/$t2" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
      best1=$(echo "if ($t1 < $best1) $t1 else $best1" | bc -l)
      best2=$(echo "if ($t2 < $best2) $t2 else $best2" | bc -l)
    done
    # Another process only ever adds time: the best runs are the least disturbed.
    printf '%-8s best of %s: --jobs 1 %6.3f s   --jobs 2 %6.3f s   speed-up %.2fx\n' "$mode" "$repeat" \
      "$best1" "$best2" "$(echo "$best1/$best2" | bc -l)"
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
  echo "   $("$lite" --version); $("$fast" --version)"
  for jobs in 1 2 8 16; do
    measure "phone-lite (small engine, the default), --jobs $jobs" "$lite" phone --jsonl "$n" --jobs "$jobs"
    measure "phone (fast engine), --jobs $jobs" "$fast" phone --jsonl "$n" --jobs "$jobs"
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
