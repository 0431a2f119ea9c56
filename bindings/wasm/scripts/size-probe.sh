#!/usr/bin/env bash
# What each export and each serialization path costs in the main entry's .wasm (gzip -9,
# after wasm-bindgen and wasm-opt -Oz, without JS glue). Builds into a scratch target
# directory so the package's dist/ is untouched. Takes a few minutes.
#   bash scripts/size-probe.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${TMPDIR:-/tmp}/sms-preflight-size-probe}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
probe() { # label, cargo features
  cargo build -q --locked -p sms-preflight-wasm --target wasm32-unknown-unknown --profile wasm ${2:+--features "$2"}
  wasm-bindgen --target web --no-typescript --out-dir "$out/$1" --out-name s \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/sms_preflight_wasm.wasm"
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-multivalue --enable-reference-types "$out/$1/s_bg.wasm" -o "$out/$1/o.wasm"
  printf '%-48s %8d bytes gzip\n' "$1" "$(gzip -9c "$out/$1/o.wasm" | wc -c)"
}
probe "main entry (analyze: hand-built objects)" ""
probe "analyze through serde_json text" "probe-serde-json"
probe "analyze through serde-wasm-bindgen" "probe-serde-wasm-bindgen"
