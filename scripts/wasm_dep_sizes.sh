#!/usr/bin/env bash
# What each dependency of the validator adds to a wasm32 build, gzip -9, over a serde_json
# baseline (README.md, "Dependencies of the validator"). Builds a throwaway probe crate in
# ${TMPDIR:-/tmp}/sms-preflight-depsize (nothing is written in the repository):
#   bash scripts/wasm_dep_sizes.sh
# Needs the wasm32-unknown-unknown target (installed here when missing).
set -euo pipefail
dir="${TMPDIR:-/tmp}/sms-preflight-depsize"
mkdir -p "$dir/src"
rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cat > "$dir/Cargo.toml" <<'EOF'
[package]
name = "depsize"
version = "0.0.0"
edition = "2021"
publish = false
[lib]
crate-type = ["cdylib"]
[features]
decimal = ["dep:rust_decimal"]
time = ["dep:time"]
jiff = ["dep:jiff"]
url = ["dep:url"]
url_ascii = ["dep:url", "dep:idna_adapter"]
fluent = ["dep:fluent-uri"]
[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
rust_decimal = { version = "1.43", default-features = false, features = ["serde-str"], optional = true }
time = { version = "0.3.41", default-features = false, features = ["parsing", "formatting"], optional = true }
jiff = { version = "0.2", default-features = false, features = ["std"], optional = true }
url = { version = "2", optional = true }
idna_adapter = { version = "=1.0.0", optional = true }
fluent-uri = { version = "0.4", optional = true }
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
strip = true
[workspace]
EOF
cat > "$dir/src/lib.rs" <<'EOF'
// Each feature makes the exported function use one crate on data the optimizer cannot see.
static INPUTS: [&str; 3] = [
    r#"{"a":"1.25","t":"2026-12-01T00:00:00Z","u":"https://example.com/a.png"}"#,
    "{}",
    "x",
];
#[derive(serde::Deserialize)]
struct S {
    a: Option<String>,
    t: Option<String>,
    u: Option<String>,
}
#[no_mangle]
pub extern "C" fn probe(n: usize) -> usize {
    let s: S = match serde_json::from_str(INPUTS[n % 3]) {
        Ok(s) => s,
        Err(e) => return e.to_string().len(),
    };
    #[allow(unused_mut)]
    let mut r = s.a.as_deref().map_or(0, str::len) + s.t.as_deref().map_or(0, str::len);
    let _u = s.u.as_deref().unwrap_or("");
    #[cfg(feature = "decimal")]
    {
        let a: rust_decimal::Decimal = s.a.as_deref().unwrap_or("0").parse().unwrap_or_default();
        r += (a * rust_decimal::Decimal::new(205, 5) + a).normalize().to_string().len();
    }
    #[cfg(feature = "time")]
    if let Ok(t) = time::OffsetDateTime::parse(s.t.as_deref().unwrap_or(""), &time::format_description::well_known::Rfc3339) {
        r += t.unix_timestamp() as usize;
    }
    #[cfg(feature = "jiff")]
    if let Ok(t) = s.t.as_deref().unwrap_or("").parse::<jiff::Timestamp>() {
        r += t.as_second() as usize;
    }
    #[cfg(any(feature = "url", feature = "url_ascii"))]
    if let Ok(u) = url::Url::parse(_u) {
        r += u.scheme().len() + u.host_str().map_or(0, str::len);
    }
    #[cfg(feature = "fluent")]
    if let Ok(u) = fluent_uri::Uri::parse(_u) {
        r += u.scheme().as_str().len() + u.authority().map_or(0, |a| a.host().len());
    }
    r
}
EOF
# Cargo resolves one idna_adapter for the whole lock file, so the full-IDNA build of `url`
# gets a copy of the probe without the pin.
rm -rf "$dir-full" && cp -r "$dir" "$dir-full" && rm -f "$dir-full/Cargo.lock"
sed -i '/^idna_adapter = /d; s/^url_ascii = .*/url_ascii = ["dep:url"]/' "$dir-full/Cargo.toml"
printf '%-34s %10s %10s %10s\n' "build" "raw bytes" "gzip -9" "added"
base=0
for f in "" decimal time fluent url_ascii url jiff; do
  d="$dir"; [ "$f" = url ] && d="$dir-full"
  wasm="$d/target/wasm32-unknown-unknown/release/depsize.wasm"
  (cd "$d" && cargo build -q --release --target wasm32-unknown-unknown ${f:+--features $f})
  raw=$(stat -c %s "$wasm"); gz=$(gzip -9c "$wasm" | wc -c)
  [ -z "$f" ] && base=$gz
  label="${f:-baseline (serde + serde_json)}"
  case "$f" in url_ascii) label="url (idna_adapter 1.0: ASCII only)";; url) label="url (full IDNA)";; esac
  printf '%-34s %10d %10d %+10d\n' "$label" "$raw" "$gz" $((gz - base))
done
