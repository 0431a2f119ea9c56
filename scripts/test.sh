#!/usr/bin/env bash
# Runs every test of the project. Safe on a fresh machine: it installs what it needs first.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

step "unit, integration, property, corpus, CLI and doc tests (all features)"
cargo test --workspace --locked

step "core without the phone feature"
cargo test --locked -p sms-preflight --no-default-features --lib --test boundaries --test national

# The workspace run above builds the fast phone engine everywhere, the CLI included (the
# library's default `phone` applies to every member). The small engine: the library with
# `--no-default-features --features phone-lite`, and the CLI as `cargo build -p
# sms-preflight-cli --features phone-lite` (its default) builds it, which the batch tests check.
step "phone tests with the small engine (phone-lite)"
cargo test --locked -p sms-preflight --no-default-features --features phone-lite --lib --test phone_oracle --test phone_props
SMS_PREFLIGHT_EXPECT_ENGINE=regex-lite cargo test --locked -p sms-preflight-cli --features phone-lite --test batch

step "phone tests with the slim metadata of the npm package (--features slim-phone-metadata)"
if command -v python3 >/dev/null; then python3 scripts/gen_phone_metadata.py --check; fi
cargo test --locked -p sms-preflight --no-default-features --features slim-phone-metadata --lib --test phone_oracle --test phone_props

step "the npm package's bindings natively, with the full entry's code (--features full)"
cargo test --locked -p sms-preflight-wasm --features full --lib

step "npm package (WASM): build, size, node tests, type check, packed tarball, browser"
bash bindings/wasm/scripts/test-all.sh
