#!/usr/bin/env python3
"""Record septet counts from the independent oracle `gsmcodecs` (PyPI) into a test fixture.

gsmcodecs implements the 3GPP TS 23.038 national language tables as Python codecs named
`gsm23.038-<locking NLI>-<single NLI>`; encoding gives one byte per septet (ESC included), so
len(encoded) is the septet count. This script picks corpus messages deterministically, asks
gsmcodecs for the septets of each under the message language's own tables and the default
ones, and writes tests/data/gsmcodecs_septets.json. tests/national.rs asserts that
sms_preflight::national_septets gives the same counts. Python is not needed at test time.

    python3 -m venv /tmp/gsmv && /tmp/gsmv/bin/pip install gsmcodecs==1.0.0
    /tmp/gsmv/bin/python scripts/gsmcodecs_fixture.py [path/to/messages.jsonl]

Known data errors in gsmcodecs 1.0.0 (data/README.md, shared/reference/gsm_tables.md) make
some cases meaningless; they are kept in the fixture with an `excluded` reason:
- locking 0x2C of the Indic and Urdu tables (NLI 4-13) holds an apostrophe in gsmcodecs where
  every other source has a comma: any text with ',' or "'" under those locking tables;
- Telugu single shift 0x65 lacks the euro sign: any text with '€' under single shift 12;
- Kannada locking 0x24 is U+0CAA in gsmcodecs (the spec text) but U+0CA1 in our data (every
  shipping implementation): any text with U+0CA1 or U+0CAA under locking 7.
"""
import json
import sys
from pathlib import Path

import gsmcodecs  # noqa: F401  (registers the codecs)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "gsmcodecs_septets.json"
# Corpus language -> NLI of its national tables (Marathi and Nepali use Devanagari: Hindi).
LANGS = {"tr": 1, "es": 2, "pt": 3, "bn": 4, "gu": 5, "hi": 6, "mr": 6, "ne": 6, "kn": 7,
         "ml": 8, "pa": 10, "ta": 11, "te": 12, "ur": 13, "en": 0, "fr": 0, "de": 0}
PER_LANG = 20
MAX_CHARS = 480


def exclusion(text, locking, single):
    if 4 <= locking <= 13 and ("," in text or "'" in text):
        return "gsmcodecs: apostrophe instead of comma at locking 0x2C (NLI 4-13)"
    if single == 12 and "\u20ac" in text:
        return "gsmcodecs: no euro sign at Telugu single shift 0x65"
    if locking == 7 and ("\u0ca1" in text or "\u0caa" in text):
        return "Kannada locking 0x24: U+0CAA in gsmcodecs (spec text), U+0CA1 in our data"
    return None


def septets(text, locking, single):
    try:
        return len(text.encode(f"gsm23.038-{locking}-{single}"))
    except UnicodeEncodeError:
        return None


def main():
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "messages.jsonl"
    picked = {lang: [] for lang in LANGS}
    for line in corpus.open(encoding="utf-8"):
        m = json.loads(line)
        lang = m["lang"]
        if lang in picked and len(picked[lang]) < PER_LANG and len(m["text"]) <= MAX_CHARS:
            picked[lang].append(m)
    cases = []
    for lang, msgs in picked.items():
        nli = LANGS[lang]
        lockings = [0] + ([nli] if nli not in (0, 2) else [])
        singles = [0] + ([nli] if nli else [])
        for m in msgs:
            results = []
            for lk in lockings:
                for sg in singles:
                    results.append({"locking": lk, "single": sg,
                                    "septets": septets(m["text"], lk, sg),
                                    "excluded": exclusion(m["text"], lk, sg)})
            cases.append({"id": m["id"], "lang": lang, "text": m["text"], "results": results})
    doc = {
        "oracle": "gsmcodecs 1.0.0 (PyPI, MIT): codec gsm23.038-<locking>-<single>, len(encoded)",
        "generator": "scripts/gsmcodecs_fixture.py",
        "septets_null_means": "gsmcodecs cannot encode the text with these tables",
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    n = sum(len(c["results"]) for c in cases)
    ex = sum(1 for c in cases for r in c["results"] if r["excluded"])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(cases)} messages, {n} table pairs, {ex} excluded")


if __name__ == "__main__":
    main()
