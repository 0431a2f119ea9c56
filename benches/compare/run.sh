#!/usr/bin/env bash
# Same-run comparison of sms-preflight with its peers (issue 5). One command:
#   bash benches/compare/run.sh [CORPUS_JSONL]
# CORPUS_JSONL defaults to ../shared/corpus/messages.jsonl beside the repository; without it,
# the generated substitute of benches/support/corpus.rs is written and used.
#
# It installs the pinned peers into a scratch directory OUTSIDE the repository,
# ${SMS_PREFLIGHT_COMPARE_DIR:-${TMPDIR:-/tmp}/sms-preflight-compare}:
#   npm   sms-segments-calculator@1.3.0 (Twilio), split-sms@0.1.7, sms-length@0.2.2
#   PyPI  smsutil==1.1.3 with future==1.0.0, in a virtual environment
#   crates.io sms_splitter =0.1.9, in a small cargo project that also depends on this crate
#         by path (benches/compare/rust/), built in release mode
# then runs compare.py: agreement with Twilio and the code-point peers first, every
# disagreement classified, and only then the timing table.
# Environment: PASSES (timed passes per peer, default 5), TWILIO_PASSES (default 3; one pass
# of Twilio's calculator over the corpus takes about half a minute), COMPARE_NO_TIMING=1
# (agreement only), WASM=0 (skip the npm package's same-process comparison, which adds
# about 4 minutes), WHOLE_PROCESS_ONLY=1 (only the whole-process comparison of
# whole_process.py: the CLI's batch against Twilio's calculator as a script, 5,000 messages).
# Needs node + npm, python3 with venv, cargo. Runs for about 5 minutes.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/benches/compare"
scratch="${SMS_PREFLIGHT_COMPARE_DIR:-${TMPDIR:-/tmp}/sms-preflight-compare}"
case "$scratch/" in "$repo"/*) echo "run.sh: the scratch directory must be outside the repository" >&2; exit 2 ;; esac
if [ $# -ge 1 ]; then corpus="$(realpath -m "$1")"; else corpus="$repo/../shared/corpus/messages.jsonl"; fi

step() { printf '==> %s\n' "$*" >&2; }
for tool in node npm python3 cargo; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done
mkdir -p "$scratch/node" "$scratch/rs"

step "npm peers (pinned) in $scratch/node"
want='sms-segments-calculator@1.3.0 split-sms@0.1.7 sms-length@0.2.2'
have="$(cd "$scratch/node" && node -e '
  const v = (p) => { try { return require(p + "/package.json").version } catch { return "none" } };
  console.log(`sms-segments-calculator@${v("sms-segments-calculator")} split-sms@${v("split-sms")} sms-length@${v("sms-length")}`)' 2>/dev/null || true)"
if [ "$have" != "$want" ]; then
  (cd "$scratch/node" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund --save-exact $want >&2)
fi

step "PyPI peer (pinned) in $scratch/py"
[ -x "$scratch/py/bin/python" ] || python3 -m venv "$scratch/py"
"$scratch/py/bin/python" -c 'import importlib.metadata as m; assert m.version("smsutil") == "1.1.3"' 2>/dev/null \
  || "$scratch/py/bin/pip" install --quiet 'smsutil==1.1.3' 'future==1.0.0' >&2

step "Rust side: sms-preflight (by path) + sms_splitter =0.1.9 in $scratch/rs"
sed "s#@REPO@#$repo#g" "$here/rust/Cargo.toml.in" > "$scratch/rs/Cargo.toml"
# Start from this repository's lock file so that shared dependencies match the crate's tests.
[ -f "$scratch/rs/Cargo.lock" ] || cp "$repo/Cargo.lock" "$scratch/rs/Cargo.lock"
COMPARE_RUSTC="$(rustc --version | cut -d' ' -f2)" \
  cargo build --release --quiet --manifest-path "$scratch/rs/Cargo.toml" --target-dir "$scratch/rs/target" >&2
bin="$scratch/rs/target/release/compare-rs"

if [ ! -f "$corpus" ]; then
  step "no corpus at $corpus: writing the generated substitute"
  corpus="$scratch/generated-corpus.jsonl"
  "$bin" gen-corpus "$corpus"
fi

# WASM in Node (issue 10): count() and analyze() through the npm package against Twilio's
# calculator in the same process, agreement first (benches/compare/wasm.mjs). It needs the
# package built; WASM=0 skips it.
if [ "${WASM:-1}" = 1 ]; then
  step "npm package (WASM): build, then agreement and timing in one Node process"
  bash "$repo/bindings/wasm/build.sh" >&2
  PEERS_DIR="$scratch" node "$here/wasm.mjs" "$corpus" "${PASSES:-5}" "${TWILIO_PASSES:-3}"
fi

if [ "${WHOLE_PROCESS_ONLY:-0}" != 1 ]; then
  step "agreement, then timing (this takes a few minutes; keep the machine otherwise idle)"
  args=(--scratch "$scratch" --corpus "$corpus" --rust-bin "$bin" --python "$scratch/py/bin/python"
        --passes "${PASSES:-5}" --twilio-passes "${TWILIO_PASSES:-3}")
  [ "${COMPARE_NO_TIMING:-0}" = 1 ] && args+=(--no-timing)
  python3 "$here/compare.py" "${args[@]}"
fi
[ "${COMPARE_NO_TIMING:-0}" = 1 ] && exit 0

step "whole process: the CLI's batch against Twilio's calculator as a script"
cargo build --release --quiet --locked --manifest-path "$repo/Cargo.toml" -p sms-preflight-cli >&2
python3 "$here/whole_process.py" --scratch "$scratch" --corpus "$corpus" \
  --cli "$repo/target/release/sms-preflight" --runs "${PASSES:-5}"
