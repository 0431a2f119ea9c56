#!/usr/bin/env bash
# Seeds the fuzz corpora from the shared message corpus (the seeds are not committed).
#   bash fuzz/seed.sh [--stride N] [CORPUS_JSONL]
# CORPUS_JSONL defaults to ../shared/corpus/messages.jsonl beside the repository. --stride N
# keeps every Nth message only (default 1: all 26,640, for long runs; scripts/fuzz-short.sh
# uses 40, so that loading the seeds takes seconds, not most of its 30 s).
# Writes fuzz/corpus/<target>/<id> for every message, in each target's input format:
#   analyze_bytes     0x00 (default options) + the UTF-8 text
#   analyze_utf16     0x00 + the UTF-16LE text; every 8th seed also gets a lone surrogate
#   count_vs_analyze  0x00 (raw mode, default options) + the UTF-8 text
#   graphemes         the UTF-8 text
#   encode_roundtrip  0x00 (default options) or 0x20 (every national table) + the UTF-8 text
#   decode            hand-made segments only (flags, TP-DCS, TP-UDL + TP-UD)
#   read_json         hand-made policies and rate cards (examples/rate_card.json among them)
#   timestamp         hand-made RFC 3339 times, valid and nearly valid
# plus a few hand-made boundary seeds. Without the shared corpus only those are written.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stride=1
if [ "${1:-}" = "--stride" ]; then stride="$2"; shift 2; fi
# An argument is relative to the caller's directory; the default to the repository root.
if [ $# -ge 1 ]; then src="$(realpath -m "$1")"; else src="$(realpath -m "$here/../../shared/corpus/messages.jsonl")"; fi
cd "$here"
python3 - "$src" "$stride" <<'PY'
import json, os, struct, sys

src = sys.argv[1]
stride = int(sys.argv[2])
targets = ["analyze_bytes", "analyze_utf16", "count_vs_analyze", "national", "smart_encode", "phone", "graphemes", "decode", "encode_roundtrip", "validate", "read_json", "timestamp"]
for t in targets:
    os.makedirs(os.path.join("corpus", t), exist_ok=True)

def utf16le(s):
    return s.encode("utf-16-le", "surrogatepass")

def write(target, name, data):
    with open(os.path.join("corpus", target, name), "wb") as f:
        f.write(data)

msgs = []
if os.path.exists(src):
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f):
            o = json.loads(line)
            if n % stride == 0:
                msgs.append((o.get("id", f"line{n+1}"), o["text"]))
else:
    print(f"seed.sh: {src} not found; writing the hand-made seeds only", file=sys.stderr)

hand = [
    ("h_escape_153", "a" * 152 + "€" + "a" * 152),
    ("h_brackets", "]" * 153),
    ("h_emoji_67", "a" * 66 + "😀" + "a" * 66),
    ("h_zwj_family", "a" * 60 + "👨\u200d👩\u200d👧\u200d👦" + "a" * 60),
    ("h_flag", "a" * 65 + "🇫🇷" + "a" * 65),
    ("h_crlf", "a" * 152 + "\r\n" + "a" * 100),
    ("h_ff", "a" * 152 + "\f" + "a" * 10),
    ("h_combining", "e\u0301" * 120),
]
for i, (name, text) in enumerate(msgs + hand):
    b = text.encode("utf-8", "surrogatepass")
    write("analyze_bytes", name, b"\x00" + b)
    write("count_vs_analyze", name, b"\x00" + b)
    u = utf16le(text)
    if i % 8 == 0:
        u += struct.pack("<H", 0xD800) + utf16le("tail")
    write("analyze_utf16", name, b"\x00" + u)
    # national: every language allowed, 8-bit reference, grapheme policy.
    write("national", name, b"\xff\x1f\x00" + b)
    write("smart_encode", name, b"\x01" + b)
    write("graphemes", name, b)
    # encode_roundtrip: default options, or (every other seed) every national table allowed.
    write("encode_roundtrip", name, (b"\x20" if i % 2 else b"\x00") + b)
# Phone seeds: the shapes people type (phone_oracle.jsonl beside this repository's tests).
oracle = os.path.join("..", "tests", "data", "phone_oracle.jsonl")
if os.path.exists(oracle):
    with open(oracle, encoding="utf-8") as f:
        for n, line in enumerate(f):
            o = json.loads(line)
            region = {None: 0, "US": 1, "GB": 2, "DE": 3, "IN": 4, "BR": 5}.get(o.get("region"), 0)
            write("phone", f"o{n}", bytes([region]) + o["input"].encode("utf-8"))
write("phone", "h_phone_context", b"\x00+1;phone-context=a;tel:")
# Validator seeds: the request bodies of the rule tests (long texts built short).
rules = os.path.join("..", "tests", "data", "request_rules.jsonl")
if os.path.exists(rules):
    with open(rules, encoding="utf-8") as f:
        for n, line in enumerate(f):
            o = json.loads(line)
            body = o.get("json") or json.dumps(dict(o["request"], text=o["request"].get("text", "x" * 200)))
            write("validate", f"r{n}", body.encode("utf-8"))
# decode: (flags, TP-DCS, TP-UDL) + TP-UD, from the spec and the CLI tests.
write("decode", "d_hellohello", bytes([0, 0x00, 10]) + bytes.fromhex("E8329BFD4697D9EC37"))
write("decode", "d_concat_ucs2", bytes([1, 0x08, 8]) + bytes.fromhex("0500034202020436"))
write("decode", "d_turkish", bytes([1, 0x00, 9]) + bytes.fromhex("03240101D8CC3767"))
write("decode", "d_unknown_ie", bytes([1, 0x08, 14]) + bytes.fromhex("097002AABB000305020100480069"))
write("decode", "d_concat16", bytes([1, 0x00, 9]) + bytes.fromhex("060804123402016100"))
# read_json: policies and rate cards, as the npm package and the CLI take them.
card = os.path.join("..", "examples", "rate_card.json")
if os.path.exists(card):
    with open(card, "rb") as f:
        write("read_json", "j_rate_card", f.read())
for n, doc in enumerate([
    '{}',
    '{"max_parts": 6, "auto_detect_max_parts": 2, "auto_detect_is_error": true}',
    '{"mms_regions": ["US", "CA"], "alphanumeric_blocked_regions": ["US"], "us_long_code_fallback": true, "default_region": "GB"}',
    '{"smart_encoding": {"custom": {"base": "telnyx", "map": {"U+2026": "..", "x": null}}}}',
    '{"text": {"charset": "telnyx", "split": "codepoints"}, "length_warning_chars": 1600}',
    '{"rate_card": {"entries": [{"country": "*", "sender": "*", "type": "*", "rate": "0.0025", "carrier_fee": "0.003", "currency": "USD"}]}}',
    '{"entries": [{"country": "US", "sender": "long_code", "type": "SMS", "rate": "0.004", "carrier_fee": "0", "currency": "USD"}]}',
]):
    write("read_json", f"j{n}", doc.encode("utf-8"))
# timestamp: RFC 3339 times, valid and nearly valid.
for n, t in enumerate([
    "2026-12-24T09:00:00Z", "2026-12-24t09:00:00z", "2026-12-24T10:00:00+01:00",
    "2026-12-24T09:00:00.123456789-00:00", "2016-12-31T23:59:60Z", "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999+23:59", "2026-02-29T00:00:00Z", "2026-12-24 09:00:00Z",
]):
    write("timestamp", f"t{n}", t.encode("utf-8"))
# Structured (recipe) seeds for count_vs_analyze: odd first byte, (piece, repeat) pairs.
write("count_vs_analyze", "r_escape", bytes([1, 0, 151, 2, 0, 0, 151]))
write("count_vs_analyze", "r_family", bytes([1, 0, 59, 16, 0, 0, 59]))
print(f"seed.sh: {len(msgs) + len(hand)} seeds per target in fuzz/corpus/")
PY
