#!/usr/bin/env python3
"""Record TP-User-Data octets from independent implementations into tests/data/pdu_oracle.json.

The oracle is `smspdudecoder` 2.2.0 (PyPI, MIT). All three packages the issue names install
here: `gsmcodecs` 1.0.0 has the national tables but no packing; `python-messaging` 0.5.13
builds whole SMS-SUBMIT PDUs (not used); smspdudecoder was chosen because its packer and
UCS-2 encoder work on the user data alone and its decoder reads a TP-UD back. Its `GSM.encode` packs default-alphabet text into
septets (TS 23.038 §6.1.2.1) and `UCS2.encode` writes UTF-16BE; its `UserData.decode` reads a
TP-UD back, header included. smspdudecoder has no national language tables, so for the
Turkish and Portuguese cases the septets come from `gsmcodecs` 1.0.0 (codec
`gsm23.038-<locking>-<single>`, one byte per septet) and are packed by `pack()` below, which
the script first checks against smspdudecoder's packer on every default-alphabet case.

For each message the script splits the text itself (greedy, code-point policy: an escape
pair or a surrogate pair is never split), builds each part's user data header (concatenation
IE 0x00/0x08, then single shift 0x24, then locking shift 0x25) and packs the part after the
header's fill bits: smspdudecoder packs (header septets of zeros + the text), and the header
octets then replace the leading zero octets, which leaves the fill bits zero. The chosen
national tables mirror sms-preflight's documented rule (fewest parts, then fewer IEs, the
default locking table, no single shift table, fewer septets). tests/pdu.rs asserts that
sms_preflight::encode (split: codepoints) gives the same octets, UDL and DCS for every case
(the octets come from the oracle's encoder for every case), and that sms_preflight::decode
reads each oracle segment back to its text. Python is not needed at test time.

    python3 -m venv /tmp/pduv && /tmp/pduv/bin/pip install smspdudecoder==2.2.0 bitstring==4.3.1 gsmcodecs==1.0.0
    /tmp/pduv/bin/python scripts/pdu_oracle_fixture.py [path/to/messages.jsonl]

(bitstring is pinned below 5: version 5 no longer has the BitStream smspdudecoder imports.)

The script also reads every default-alphabet and UCS-2 segment back with smspdudecoder's
decoder. Known bugs of smspdudecoder 2.2.0 make that read-back fail on some cases; they are
recorded per case in `readback_bug` with the reason (the octets, from its encoder, are still
compared; only this script's read-back check fails). Its
`UserData.decode` runs the GSM decoder over the header's bits too and drops the first
header-septets characters afterwards, so a header whose bits happen to form the ESC septet
(0x1B) swallows the next septet and shifts the text; such a case cannot be read back by the
oracle. Its `UserData.decode` also cuts the decoded characters at TP-UDL, which counts
septets, so a text with escape pairs (fewer characters than septets) gets the zero fill bits
after its last septet read as a trailing '@' when they make a whole septet. (Its `GSM.decode`
also shows ESC + an undefined code as a space where TS 23.038 says the default table's
character; the fixture never contains one.)
"""
import json
import sys
from io import StringIO
from pathlib import Path

import gsmcodecs  # noqa: F401  (registers the gsm23.038-* codecs)
from smspdudecoder.codecs import GSM, UCS2
from smspdudecoder.fields import UserData

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "pdu_oracle.json"
NATIONAL = {"tr": 1, "pt": 3}
PER_KIND = {"gsm": 150, "gsm_ext": 60, "ucs2": 80, "ucs2_astral": 60, "tr": 40, "pt": 40}
MAX_CHARS = 700


def default_septets(text):
    """Septets of text in the default alphabet, one list per character, or None."""
    out = []
    for c in text:
        if c in GSM.ALPHABET and c != "\x1b":
            out.append([GSM.ALPHABET.index(c)])
        elif c in GSM.ALPHABET_EXT_INV:
            out.append([0x1B, GSM.ALPHABET_EXT_INV[c]])
        else:
            return None
    return out


def national_septets(text, locking, single):
    """Per-character septet lists under a table pair (gsmcodecs), or None."""
    out = []
    for c in text:
        try:
            out.append(list(c.encode(f"gsm23.038-{locking}-{single}")))
        except UnicodeEncodeError:
            return None
    return out


def split(atoms, single, multi):
    """Greedy split of per-character unit lists; returns lists of characters' indices."""
    total = sum(len(a) for a in atoms)
    if total <= single:
        return [list(range(len(atoms)))] if atoms else []
    parts, cur, fill = [], [], 0
    for k, a in enumerate(atoms):
        if fill + len(a) > multi:
            parts.append(cur)
            cur, fill = [], 0
        cur.append(k)
        fill += len(a)
    parts.append(cur)
    return parts


def header_septets(octets):
    return (octets * 8 + 6) // 7


def pack(septets):
    """Pack septets LSB first (TS 23.038 §6.1.2.1.1)."""
    out = bytearray((len(septets) * 7 + 7) // 8)
    for n, s in enumerate(septets):
        bit = n * 7
        v = s << (bit % 8)
        out[bit // 8] |= v & 0xFF
        if v >> 8:
            out[bit // 8 + 1] |= v >> 8
    return bytes(out)


def udh(ref, ref16, total, seq, single, locking):
    ies = b""
    if total > 1:
        ies += bytes([0x08, 4, ref >> 8, ref & 0xFF, total, seq]) if ref16 else bytes([0x00, 3, ref, total, seq])
    if single:
        ies += bytes([0x24, 1, single])
    if locking:
        ies += bytes([0x25, 1, locking])
    return bytes([len(ies)]) + ies if ies else b""


def gsm_caps(ref16, ies):
    concat = 7 if ref16 else 6  # UDHL + concatenation IE
    shift = 3 * ies
    single = 160 - header_septets(1 + shift) if shift else 160
    return single, 160 - header_septets(concat + shift)


def gsm_segments(text, atoms, ref, ref16, single_nli, locking_nli, check_packer):
    ies = (single_nli != 0) + (locking_nli != 0)
    cap1, capn = gsm_caps(ref16, ies)
    parts = split(atoms, cap1, capn)
    segs = []
    for seq, idx in enumerate(parts, 1):
        h = udh(ref, ref16, len(parts), seq, single_nli, locking_nli)
        hs = header_septets(len(h)) if h else 0
        body = [s for k in idx for s in atoms[k]]
        septets = [0] * hs + body
        if check_packer:
            chars = "@" * hs + "".join(text[k] for k in idx)  # '@' is septet 0
            oracle = bytes.fromhex(GSM.encode(chars))
            assert oracle == pack(septets), (text, seq)
            ud = oracle
        else:
            ud = pack(septets)
        ud = h + ud[len(h):]
        segs.append({"text": "".join(text[k] for k in idx), "udh": h.hex().upper() or None,
                     "user_data": ud.hex().upper(), "udl": hs + len(body), "dcs": 0})
    return segs


def ucs2_segments(text, ref, ref16):
    atoms = [[0] * len(c.encode("utf-16-be")) for c in text]
    atoms = [[0] * (len(a) // 2) for a in atoms]
    parts = split(atoms, 70, 66 if ref16 else 67)
    segs = []
    for seq, idx in enumerate(parts, 1):
        h = udh(ref, ref16, len(parts), seq, 0, 0)
        part = "".join(text[k] for k in idx)
        ud = h + bytes.fromhex(UCS2.encode(part))
        segs.append({"text": part, "udh": h.hex().upper() or None, "user_data": ud.hex().upper(),
                     "udl": len(ud), "dcs": 8})
    return segs


def choose_national(text, nli):
    best = None
    lockings = [0, nli]
    for lk in lockings:
        for sg in (0, nli):
            atoms = national_septets(text, lk, sg)
            if atoms is None:
                continue
            ies = (lk != 0) + (sg != 0)
            cap1, capn = gsm_caps(False, ies)
            n = len(split(atoms, cap1, capn))
            septets = sum(len(a) for a in atoms)
            key = (n, ies, lk != 0, sg != 0, septets)
            if best is None or key < best[0]:
                best = (key, lk, sg, atoms)
    return best


def oracle_readback(seg):
    """smspdudecoder's own decoder on the TP-UD: the text, or None when it fails."""
    data = f"{seg['udl']:02X}{seg['user_data']}"
    ctx = {"header": {"udhi": seg["udh"] is not None},
           "dcs": {"encoding": "gsm" if seg["dcs"] == 0 else "ucs2"}}
    try:
        return UserData.decode(StringIO(data), ctx)["data"]
    except Exception:  # noqa: BLE001  (any failure is recorded as a disagreement)
        return None


def header_has_esc(seg):
    if seg["udh"] is None or seg["dcs"] != 0:
        return False
    hs = header_septets(len(seg["udh"]) // 2)
    bits = int.from_bytes(bytes.fromhex(seg["user_data"]), "little")
    return any(((bits >> (7 * k)) & 0x7F) == 0x1B for k in range(hs))


def main():
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "messages.jsonl"
    picked = {k: [] for k in PER_KIND}
    for line in corpus.open(encoding="utf-8"):
        m = json.loads(line)
        t = m["text"]
        if not t or len(t) > MAX_CHARS:
            continue
        d = default_septets(t)
        if d is not None:
            kind = "gsm_ext" if any(len(a) == 2 for a in d) else "gsm"
        elif m["lang"] in NATIONAL and choose_national(t, NATIONAL[m["lang"]]) is not None:
            kind = m["lang"]
        elif any(ord(c) > 0xFFFF for c in t):
            kind = "ucs2_astral"
        else:
            kind = "ucs2"
        if len(picked[kind]) < PER_KIND[kind]:
            picked[kind].append(m)
    cases = []
    for kind, msgs in picked.items():
        for k, m in enumerate(msgs):
            t = m["text"]
            ref16 = k % 2 == 1
            ref = (k * 7919 + 13) % (65536 if ref16 else 256)
            national = []
            if kind in ("gsm", "gsm_ext"):
                segs = gsm_segments(t, default_septets(t), ref, ref16, 0, 0, True)
            elif kind in NATIONAL:
                ref16 = False  # the mirrored chooser assumes the 8-bit layout
                ref = ref % 256
                _, lk, sg, atoms = choose_national(t, NATIONAL[kind])
                segs = gsm_segments(t, atoms, ref, ref16, sg, lk, False)
                national = [kind]
            else:
                segs = ucs2_segments(t, ref, ref16)
            excluded = None
            if kind not in NATIONAL:
                back = "".join(oracle_readback(s) or "\0" for s in segs)
                if back != t:
                    if any(header_has_esc(s) for s in segs):
                        excluded = "smspdudecoder 2.2.0: a header septet reads as ESC in its UserData.decode"
                    elif all((oracle_readback(s) or "").rstrip("@") == s["text"].rstrip("@") for s in segs):
                        excluded = ("smspdudecoder 2.2.0: UserData.decode cuts the decoded characters at "
                                    "TP-UDL (a septet count), so with escape pairs the fill bits after the "
                                    "last septet read as a trailing '@'")
                    else:
                        excluded = f"smspdudecoder 2.2.0 reads back {back!r}"
            cases.append({"id": m["id"], "kind": kind, "text": t, "ref16": ref16, "ref": ref,
                          "national": national, "segments": segs, "readback_bug": excluded})
    doc = {
        "oracle": "smspdudecoder 2.2.0 (PyPI, MIT): GSM.encode / UCS2.encode, read back with "
                  "UserData.decode; national septets from gsmcodecs 1.0.0",
        "generator": "scripts/pdu_oracle_fixture.py",
        "split": "codepoints",
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    ex = sum(1 for c in cases if c["readback_bug"])
    nseg = sum(len(c["segments"]) for c in cases)
    by = {k: len(v) for k, v in picked.items()}
    print(f"wrote {OUT.relative_to(ROOT)}: {len(cases)} messages {by}, {nseg} segments, {ex} with a readback bug")


if __name__ == "__main__":
    main()
