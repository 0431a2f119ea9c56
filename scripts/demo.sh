#!/usr/bin/env bash
# The main job: builds the CLI and analyzes a sample message (or the text you pass).
#   bash scripts/demo.sh ["your message"]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
echo "building the CLI (release; the first build takes a minute or two, cargo shows its progress)" >&2
cargo build --release --locked -p sms-preflight-cli
sample="Your code is 482913 (valid 10 min). Total 12,50€, ref [A-77]. Reply STOP to opt out."
text="${1:-$sample}"
./target/release/sms-preflight analyze -- "$text"
echo
./target/release/sms-preflight analyze --telnyx -- "$text"
