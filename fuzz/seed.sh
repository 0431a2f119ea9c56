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
targets = ["analyze_bytes", "analyze_utf16", "count_vs_analyze", "national", "smart_encode", "phone", "graphemes", "validate"]
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
# Structured (recipe) seeds for count_vs_analyze: odd first byte, (piece, repeat) pairs.
write("count_vs_analyze", "r_escape", bytes([1, 0, 151, 2, 0, 0, 151]))
write("count_vs_analyze", "r_family", bytes([1, 0, 59, 16, 0, 0, 59]))
print(f"seed.sh: {len(msgs) + len(hand)} seeds per target in fuzz/corpus/")
PY
