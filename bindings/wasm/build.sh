#!/usr/bin/env bash
# Builds the npm package's two entries into dist/ (never committed):
#   dist/main/  the text engine only (the core without the phone feature)
#   dist/full/  + phone numbers and addresses (cargo feature `full`)
# Each is: cargo build (profile `wasm`: opt-level z, LTO, panic=abort) -> wasm-bindgen
# --target web -> wasm-opt (npm's binaryen; the passes and why are below) -> the browser module
# dist/ENTRY/web.js:
# js/web.js (or js/web-full.js) with wasm-bindgen's glue and our wrappers, bundled and
# minified by esbuild (the Node entries load the unbundled files). Then prints the gzip
# sizes (scripts/size.mjs).
# Installs what is missing first: the wasm32 target, wasm-bindgen-cli of Cargo.lock's
# wasm-bindgen version (cargo install --locked), and the npm devDependencies (npm ci).
#   npm run build        (or: bash bindings/wasm/build.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"
step() { printf '==> %s\n' "$*" >&2; }

rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || { step "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }

want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$repo/Cargo.lock")"
[ -n "$want" ] || { echo "build.sh: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  step "cargo install --locked wasm-bindgen-cli --version $want (have: ${have:-none}; takes a few minutes)"
  cargo install --locked wasm-bindgen-cli --version "$want"
fi

[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] \
  || { step "npm ci"; npm ci --no-audit --no-fund; }

target_dir="${CARGO_TARGET_DIR:-$repo/target}"
build() { # entry, cargo features, browser module source
  local entry="$1" features="$2" web="$3" wasm="$target_dir/wasm32-unknown-unknown/wasm/sms_preflight_wasm.wasm"
  step "$entry: cargo build --profile wasm ${features:+--features $features}"
  cargo build --locked -p sms-preflight-wasm --target wasm32-unknown-unknown --profile wasm \
    ${features:+--features "$features"}
  rm -rf "dist/$entry"
  wasm-bindgen --target web --no-typescript --out-dir "dist/$entry" --out-name sms_preflight "$wasm"
  # Chosen for the gzip size, not the raw size: -Oz makes the .wasm smaller but its gzip
  # larger. Node gzip -9 of the .wasm on one build (main, full): -Oz 33,098 / 205,672 B;
  # -O1 --converge 32,887 / 200,833; with
  # --dae-optimizing 32,675 / 199,789; + --precompute-propagate 32,623 / 199,653; + --rse
  # 32,463 / 198,977. -O2, -Os, --merge-similar-functions and --local-cse measured larger.
  passes="-O1 --dae-optimizing --precompute-propagate --rse --converge"
  step "$entry: wasm-opt $passes"
  # shellcheck disable=SC2086
  node_modules/.bin/wasm-opt $passes --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-multivalue --enable-reference-types \
    "dist/$entry/sms_preflight_bg.wasm" -o "dist/$entry/sms_preflight_bg.wasm"
  step "$entry: esbuild $web -> dist/$entry/web.js (bundled, minified)"
  node_modules/.bin/esbuild "$web" --bundle --minify --format=esm --log-level=warning \
    --outfile="dist/$entry/web.js"
}
build main "" js/web.js
build full full js/web-full.js
node scripts/size.mjs
