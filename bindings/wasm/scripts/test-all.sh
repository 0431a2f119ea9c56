#!/usr/bin/env bash
# Every test of the npm package, on a fresh machine too: installs what is missing (the
# wasm32 target and wasm-bindgen-cli through build.sh, npm devDependencies from the
# lockfile, Debian's chromium), builds both entries, then runs the size check, the node:test
# tests, the type check, the packed-tarball smoke test and the browser test.
#   bash bindings/wasm/scripts/test-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> wasm: %s\n' "$*"; }
timed() { local t0=$SECONDS; "$@"; echo "    ($(( SECONDS - t0 )) s)"; }

command -v node >/dev/null || { echo "test-all.sh: node (20+) is required" >&2; exit 1; }
if [ ! -x /usr/bin/chromium ]; then
  step "apt-get install chromium"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
if [ ! -d node_modules ] || ! npm ls --silent >/dev/null 2>&1; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "build both entries (npm run build)"
timed bash build.sh
step "node:test tests"
timed node --test test/*.test.js test/*.test.cjs
step "type check (tsc --noEmit)"
timed npm run --silent typecheck
step "packed tarball, installed outside the repository"
timed bash scripts/pack-smoke.sh
step "browser test (headless Chromium)"
timed node test/browser/run.mjs
