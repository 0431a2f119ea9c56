#!/usr/bin/env python3
"""Generate src/grapheme/generated.rs from data/grapheme_props.txt.

The data file holds the Unicode properties that extended grapheme clusters (UAX #29) depend
on: Grapheme_Cluster_Break, Extended_Pictographic and Indic_Conjunct_Break (see
data/README.md for where it comes from). This script folds the three into one *class* per
code point (the 18 combinations that occur) and writes a two-level lookup table. It is the
only writer of the generated file; edit the data or this script, never the output.

    python3 scripts/gen_graphemes.py          # rewrite src/grapheme/generated.rs
    python3 scripts/gen_graphemes.py --check  # exit 1 if the file is out of date

Layout: code points below U+20000 and those in U+E0000..U+E0FFF go through a block index
(BLOCK code points a block, one byte per code point); every other code point is Other (the
script asserts that). tests/graphemes.rs checks every code point
against the unicode-segmentation crate.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "grapheme_props.txt"
OUT = ROOT / "src" / "grapheme" / "generated.rs"

BLOCK = 64
LOW_LIMIT = 0x20000
TAGS = (0xE0000, 0xE1000)
HANGUL = (0xAC00, 0xD7A3)

# (Grapheme_Cluster_Break, Extended_Pictographic, Indic_Conjunct_Break) -> class. Every
# combination that occurs must be listed; the engine in src/grapheme/mod.rs gives each class
# its meaning, so a new combination in a later Unicode version fails here, loudly.
CLASSES = [
    ("OTHER", ("Other", False, "None"), "no special behaviour"),
    ("CR", ("CR", False, "None"), "carriage return"),
    ("LF", ("LF", False, "None"), "line feed"),
    ("CONTROL", ("Control", False, "None"), "other controls, separators, default ignorables"),
    ("EXTEND", ("Extend", False, "None"), "Extend outside the Indic conjunct rules (U+200C)"),
    ("INCB_EXTEND", ("Extend", False, "Extend"), "Extend that may sit inside a conjunct"),
    ("LINKER", ("Extend", False, "Linker"), "a virama that links conjuncts (InCB=Linker)"),
    ("ZWJ", ("ZWJ", False, "Extend"), "zero width joiner"),
    ("RI", ("Regional_Indicator", False, "None"), "regional indicator (flag halves)"),
    ("PREPEND", ("Prepend", False, "None"), "prepended concatenation marks"),
    ("SPACING_MARK", ("SpacingMark", False, "None"), "spacing combining marks"),
    ("L", ("L", False, "None"), "Hangul leading jamo"),
    ("V", ("V", False, "None"), "Hangul vowel jamo"),
    ("T", ("T", False, "None"), "Hangul trailing jamo"),
    ("LV", ("LV", False, "None"), "Hangul LV syllable"),
    ("LVT", ("LVT", False, "None"), "Hangul LVT syllable"),
    ("EXT_PICT", ("Other", True, "None"), "Extended_Pictographic (emoji and the like)"),
    ("CONSONANT", ("Other", False, "Consonant"), "InCB=Consonant"),
]


def load():
    gcb = ["Other"] * 0x110000
    pict = [False] * 0x110000
    incb = ["None"] * 0x110000
    version = None
    for raw in DATA.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# Grapheme cluster properties of Unicode "):
            version = raw.split("Unicode ")[1].split(",")[0]
        line = raw.split("#")[0].strip()
        if not line:
            continue
        span, prop, value = (x.strip() for x in line.split(";"))
        lo, _, hi = span.partition("..")
        lo = int(lo, 16)
        hi = int(hi, 16) if hi else lo
        for cp in range(lo, hi + 1):
            if prop == "GCB":
                assert gcb[cp] == "Other", hex(cp)
                gcb[cp] = value
            elif prop == "ExtPict":
                pict[cp] = True
            elif prop == "InCB":
                assert incb[cp] == "None", hex(cp)
                incb[cp] = value
            else:
                raise SystemExit(f"unknown property {prop!r}")
    assert version, "no version line"
    by_key = {key: i for i, (_, key, _) in enumerate(CLASSES)}
    classes = []
    for cp in range(0x110000):
        key = (gcb[cp], pict[cp], incb[cp])
        if key not in by_key:
            raise SystemExit(f"U+{cp:04X}: {key} has no class; extend CLASSES and the engine")
        classes.append(by_key[key])
    return version, classes


def generate():
    version, classes = load()
    other, lv, lvt = (next(i for i, c in enumerate(CLASSES) if c[0] == n) for n in ("OTHER", "LV", "LVT"))
    # The syllables repeat LV + 27 LVT; 64-code-point blocks see only 7 phases of that
    # pattern, so storing them costs 7 blocks and saves the engine a range test.
    for cp in range(HANGUL[0], HANGUL[1] + 1):
        assert classes[cp] == (lv if (cp - HANGUL[0]) % 28 == 0 else lvt), hex(cp)
    for cp in range(LOW_LIMIT, 0x110000):
        if not TAGS[0] <= cp < TAGS[1]:
            assert classes[cp] == other, hex(cp)

    blocks = {}
    def index_of(start):
        key = tuple(classes[start:start + BLOCK])
        return blocks.setdefault(key, len(blocks))
    low = [index_of(b) for b in range(0, LOW_LIMIT, BLOCK)]
    tags = [index_of(b) for b in range(TAGS[0], TAGS[1], BLOCK)]
    assert len(blocks) <= 256, len(blocks)

    major, minor, update = (int(x) for x in version.split("."))
    out = []
    w = out.append
    w("// @generated by scripts/gen_graphemes.py from data/grapheme_props.txt. Do not edit.")
    w("//")
    w(f"// {len(blocks)} distinct blocks of {BLOCK} code points; "
      f"{len(low) + len(tags) + len(blocks) * BLOCK} bytes in all.")
    w("")
    w("/// The Unicode version of the data the tables were generated from.")
    w(f"pub(crate) const UNICODE_VERSION: (u8, u8, u8) = ({major}, {minor}, {update});")
    w("")
    w(f"/// The number of classes.")
    w(f"pub(crate) const CLASSES: usize = {len(CLASSES)};")
    for i, (name, key, what) in enumerate(CLASSES):
        w(f"/// {what}: GCB={key[0]}, Extended_Pictographic={'Yes' if key[1] else 'No'}, InCB={key[2]}.")
        w(f"pub(crate) const {name}: u8 = {i};")
    w("")
    w(f"/// Code points per block.")
    w(f"pub(crate) const BLOCK_SHIFT: u32 = {BLOCK.bit_length() - 1};")
    w(f"/// Code points below this go through [`LOW_INDEX`].")
    w(f"pub(crate) const LOW_LIMIT: u32 = 0x{LOW_LIMIT:X};")
    w(f"/// Code points in this range go through [`TAG_INDEX`].")
    w(f"pub(crate) const TAG_RANGE: (u32, u32) = (0x{TAGS[0]:X}, 0x{TAGS[1]:X});")
    w("")
    def array(name, doc, typ, values, per_line):
        w(f"/// {doc}")
        w(f"pub(crate) static {name}: [{typ}; {len(values)}] = [")
        for i in range(0, len(values), per_line):
            w("    " + ",".join(str(v) for v in values[i:i + per_line]) + ",")
        w("];")
    array("LOW_INDEX", f"Block of each {BLOCK} code points below [`LOW_LIMIT`].", "u8", low, 32)
    array("TAG_INDEX", f"Block of each {BLOCK} code points of [`TAG_RANGE`].", "u8", tags, 32)
    flat = [c for key in blocks for c in key]
    array("BLOCKS", "The class of each code point, block by block.", "u8", flat, BLOCK)
    return "\n".join(out) + "\n"


def main():
    text = generate()
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python3 scripts/gen_graphemes.py", file=sys.stderr)
            sys.exit(1)
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
