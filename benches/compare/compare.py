"""Same-run comparison of sms-preflight with its peers: agreement first, then speed.

Run through `bash benches/compare/run.sh`, which installs the pinned peers into a scratch
directory and builds the Rust side first; this script then:

1. collects every peer's answer (parts, encoding, units) for every corpus message;
2. prints the agreement report: Twilio's calculator (smart encoding off) against
   sms-preflight's defaults (grapheme policy, standard charset), with every disagreement
   listed and classified, and the code-point peers (split-sms, smsutil, sms_splitter, and the
   naive sms-length) against `--split codepoints`;
3. only then times every peer on the same messages, one after the other, and prints the speed
   table (median pass), with the ratios against sms-preflight.

It exits 1 when a disagreement with Twilio is left unexplained (class "bug on one side").
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# Code points that link two consonants into one conjunct: the six InCB=Linker viramas of
# UAX #29 GB9c (Devanagari, Bengali, Gujarati, Oriya, Telugu, Malayalam) and others that
# newer segmenters treat alike (Tamil, Kannada, Sinhala virama; Myanmar, Khmer coeng).
LINKERS = {0x094D, 0x09CD, 0x0ACD, 0x0B4D, 0x0C4D, 0x0D4D, 0x0BCD, 0x0CCD, 0x0DCA, 0x1039,
           0x103A, 0x17D2, 0x1A60}
EMOJI_GLUE = {0x200D, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0x1F1E6, 0x1F200))

CLASS_SPLIT = "split policy"
CLASS_TELNYX = "Telnyx charset"
CLASS_CRLF = "CRLF/line-break handling"
CLASS_BUG = "bug on one side (needs review)"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("  $ " + " ".join(cmd))
    return subprocess.run(cmd, check=True, text=True, stdout=subprocess.PIPE, **kw).stdout


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def utf16_slice(text, a, b):
    raw = text.encode("utf-16-le", "surrogatepass")
    return raw[2 * max(a, 0):2 * b].decode("utf-16-le", "surrogatepass")


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs, {model}, {platform.system()} {platform.release()}"


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "n/a"


def collect_answers(a, out):
    """Runs every peer once over the corpus; returns {peer: {id: answer}}."""
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, PEERS_DIR=a.scratch)
    run([a.rust_bin, "answers", a.corpus, f"{out}/rust.jsonl"])
    for peer in ("twilio", "split-sms", "sms-length"):
        run(["node", f"{HERE}/peers.js", "answers", peer, a.corpus, f"{out}/{peer}.jsonl"], env=env)
    run([a.python, f"{HERE}/peer_smsutil.py", "answers", a.corpus, f"{out}/smsutil.jsonl"])
    answers = {}
    for row in load_jsonl(f"{out}/rust.jsonl"):
        for k, v in row.items():
            if k != "id":
                answers.setdefault(k, {})[row["id"]] = v
    for peer in ("twilio", "split-sms", "sms-length", "smsutil"):
        answers[peer] = {r["id"]: r[peer] for r in load_jsonl(f"{out}/{peer}.jsonl")}
    return answers


def key(ans):
    return (ans["parts"], ans["encoding"], ans["units"])


def fmt(ans):
    return f"{ans['parts']} parts, {ans['encoding']}, {ans['units']} units"


def classify_twilio(text, tw, ours, cp, telnyx):
    """The reason ours (defaults) and Twilio disagree, with the evidence."""
    if "\r" in text or "\n" in text:
        return CLASS_CRLF, "the text has a line break"
    if key(telnyx) == key(tw) and key(ours) != key(tw):
        return CLASS_TELNYX, "ours with the Telnyx charset gives Twilio's answer"
    if (ours["encoding"], ours["units"]) == (tw["encoding"], tw["units"]) and cp["parts"] == tw["parts"]:
        # Same encoding and length: only the packing differs. Find the first cut that differs
        # and name what lies between the two cuts.
        oc, tc = ours.get("cuts16", []), tw.get("cuts16", [])
        k = next((i for i in range(min(len(oc), len(tc))) if oc[i] != tc[i]), None)
        if k is None:
            return CLASS_SPLIT, "same cuts?"
        lo, hi = min(oc[k], tc[k]), max(oc[k], tc[k])
        span = utf16_slice(text, lo - 1, hi + 1)
        cps = {ord(c) for c in span}
        where = f"part {k + 1} ends at UTF-16 {oc[k]} (ours) vs {tc[k]} (Twilio), around {span!r}"
        if cps & LINKERS:
            what = ("a conjunct across a virama/coeng: ours keeps the cluster whole (UAX #29 GB9c, "
                    "Unicode 15.1+); Twilio's grapheme-splitter 1.0.4 uses older rules and splits it")
        elif cps & EMOJI_GLUE:
            what = ("an emoji ZWJ/modifier sequence: ours keeps it whole (UAX #29 GB11, Unicode 11+); "
                    "Twilio's grapheme-splitter 1.0.4 splits it")
        else:
            what = "a multi-code-point cluster that the two grapheme segmenters delimit differently"
        return CLASS_SPLIT, f"{what}; {where}; ours with --split codepoints = Twilio"
    return CLASS_BUG, "not explained by the split policy, the charset or line breaks"


def agreement(a, answers, texts, meta):
    """Prints the agreement report; returns (correct peers, unexplained count)."""
    ids = [m["id"] for m in texts]
    text_of = {m["id"]: m["text"] for m in texts}
    ours, cp, telnyx, tw = (answers[k] for k in ("ours", "ours_codepoints", "ours_telnyx", "twilio"))
    print("## Agreement (checked before any timing)\n")
    print(f"{len(ids)} messages. Compared: segments (parts), encoding and units (septets or UTF-16 units).\n")
    print("| peer | compared with sms-preflight | parts agree | parts + encoding + units agree |")
    print("|---|---|---:|---:|")
    rows = [("twilio", "ours", "defaults (graphemes, standard)"),
            ("twilio", "ours_codepoints", "`--split codepoints` (for reference)"),
            ("split-sms", "ours_codepoints", "`--split codepoints`"),
            ("smsutil", "ours_codepoints", "`--split codepoints`"),
            ("sms_splitter", "ours_codepoints", "`--split codepoints`"),
            ("sms-length", "ours_codepoints", "`--split codepoints` (naive counter)")]
    full_agree = {}
    for peer, mine, label in rows:
        p = sum(answers[peer][i]["parts"] == answers[mine][i]["parts"] for i in ids)
        f = sum(key(answers[peer][i]) == key(answers[mine][i]) for i in ids)
        full_agree[(peer, mine)] = f
        print(f"| {meta[peer]} | {label} | {p}/{len(ids)} ({100 * p / len(ids):.2f}%) "
              f"| {f}/{len(ids)} ({100 * f / len(ids):.2f}%) |")

    print("\n### Every disagreement with Twilio (defaults), classified\n")
    counts = {c: 0 for c in (CLASS_SPLIT, CLASS_TELNYX, CLASS_CRLF, CLASS_BUG)}
    lines = []
    for i in ids:
        if key(tw[i]) == key(ours[i]):
            continue
        cls, why = classify_twilio(text_of[i], tw[i], ours[i], cp[i], telnyx[i])
        counts[cls] += 1
        lines.append(f"| {i} | {meta['lang'].get(i, '')} | {fmt(tw[i])} | {fmt(ours[i])} "
                     f"| {cp[i]['parts']} | {cls} | {why} |")
    if lines:
        print("| id | lang | Twilio | sms-preflight | ours `--split codepoints` parts | class | evidence |")
        print("|---|---|---|---|---:|---|---|")
        print("\n".join(lines))
    else:
        print("None.")
    print("\nClasses: " + ", ".join(f"{c}: {n}" for c, n in counts.items()) + "\n")

    print("### Code-point peers against `--split codepoints`\n")
    correct = []
    for peer in ("split-sms", "smsutil", "sms_splitter", "sms-length"):
        bad = [i for i in ids if key(answers[peer][i]) != key(cp[i])]
        if not bad:
            print(f"- {meta[peer]}: agrees on all {len(ids)} messages.")
            if peer != "sms-length":
                correct.append(peer)
            continue
        print(f"- {meta[peer]}: {len(bad)} disagreement(s):")
        for i in bad:
            c = cp[i]
            why = ""
            if peer == "sms-length" and answers[peer][i]["units"] == c["units"] \
                    and answers[peer][i]["parts"] == -(-c["units"] // (153 if c["encoding"] == "GSM-7" else 67)):
                why = (" (bug on the peer's side: naive ceil(units / capacity); a surrogate or "
                       "escape pair cannot straddle the boundary)")
            print(f"  - {i}: {meta[peer]} {fmt(answers[peer][i])}; sms-preflight {fmt(c)}{why}")
    print()
    return correct, counts[CLASS_BUG]


def timing(a, meta):
    """Times every peer, one process after the other; returns the parsed results."""
    env = dict(os.environ, PEERS_DIR=a.scratch)
    results = []
    out = run([a.rust_bin, "time", a.corpus, str(a.passes)])
    results += [json.loads(line) for line in out.splitlines() if line.strip()]
    for peer in ("twilio", "split-sms", "sms-length"):
        passes = a.twilio_passes if peer == "twilio" else a.passes
        out = run(["node", f"{HERE}/peers.js", "time", peer, a.corpus, str(passes), "1"], env=env)
        results.append(json.loads(out))
    out = run([a.python, f"{HERE}/peer_smsutil.py", "time", a.corpus, str(a.passes), "1"])
    results.append(json.loads(out))
    # sms-preflight through WASM in Node is timed by wasm.mjs (run.sh runs it before this
    # script), in one process with Twilio's calculator.
    return results


def speed_table(results, n_msgs, n_bytes, correct, meta, agree):
    med = {r["peer"]: statistics.median(r["passes"]) for r in results}
    ours_a = med["sms-preflight analyze"]
    ours_c = med["sms-preflight count"]
    print("## Speed (same run, median of the timed passes)\n")
    print(f"Input: the {n_msgs} messages above, {n_bytes / 1e6:.2f} MB of UTF-8. MB/s counts those UTF-8 "
          "bytes for every peer, whatever its internal string type.\n")
    print("| peer | runtime | agrees with us | passes | median pass | messages/s | MB/s "
          "| sms-preflight analyze speed ÷ peer speed | sms-preflight count speed ÷ peer speed |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        m = med[r["peer"]]
        own = r["peer"].startswith("sms-preflight")
        ra = "—" if own else f"{m / ours_a:,.2f}×"
        rc = "—" if own else f"{m / ours_c:,.2f}×"
        print(f"| {r['peer']} | {r['runtime']} | {agree.get(r['peer'], '—')} | {len(r['passes'])} "
              f"| {m:.4f} s | {n_msgs / m:,.0f} | {n_bytes / m / 1e6:,.1f} | {ra} | {rc} |")
    print("\nWhat each figure includes:")
    for r in results:
        print(f"- {r['peer']}: {r['includes']}; checksum (total parts) {r['checksum']}.")
    print("- Every peer: texts already in memory as the runtime's native strings; one untimed warm-up "
          "pass first; no I/O, no JSON in the timed passes.\n")

    tw = next(v for k, v in med.items() if k.startswith("twilio"))
    print("### Issue 5 targets (this run)\n")
    ratio_tw = tw / ours_a
    print(f"- analyze >= 200x Twilio: {ratio_tw:,.1f}x -> {'MET' if ratio_tw >= 200 else 'NOT MET'}")
    fastest = None
    for r in results:
        name = r["peer"].split(" ")[0]
        if name in correct and (fastest is None or med[r["peer"]] < med[fastest]):
            fastest = r["peer"]
    if fastest:
        ratio = med[fastest] / ours_a
        print(f"- analyze >= 10x the fastest correct peer ({fastest}): {ratio:,.2f}x -> "
              f"{'MET' if ratio >= 10 else 'NOT MET'}")
    mbs = n_bytes / ours_a / 1e6
    print(f"- analyze >= 300 MB/s on the corpus: {mbs:,.1f} MB/s -> {'MET' if mbs >= 300 else 'NOT MET'}")
    mbs = n_bytes / ours_c / 1e6
    print(f"- count >= 1 GB/s on the corpus: {mbs:,.1f} MB/s -> {'MET' if mbs >= 1000 else 'NOT MET'}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scratch", required=True, help="where run.sh installed the peers")
    p.add_argument("--corpus", required=True)
    p.add_argument("--rust-bin", required=True)
    p.add_argument("--python", required=True, help="the venv's python with smsutil")
    p.add_argument("--passes", type=int, default=5)
    p.add_argument("--twilio-passes", type=int, default=3)
    p.add_argument("--no-timing", action="store_true", help="agreement only")
    a = p.parse_args()

    texts = []
    for n, row in enumerate(load_jsonl(a.corpus)):
        if isinstance(row.get("text"), str):
            texts.append({"id": row.get("id", f"line{n + 1}"), "text": row["text"],
                          "lang": row.get("lang", "")})
    n_bytes = sum(len(m["text"].encode("utf-8", "surrogatepass")) for m in texts)
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    print("# sms-preflight vs peers, same run\n")
    print(f"- date: {started}")
    print(f"- machine: {machine()}")
    print(f"- load average at start: {loadavg()}")
    print(f"- corpus: {a.corpus} ({len(texts)} messages, {n_bytes:,} bytes UTF-8)\n")

    log("collecting answers ...")
    answers = collect_answers(a, os.path.join(a.scratch, "out"))
    meta = {"twilio": "sms-segments-calculator 1.3.0 (Twilio, smart encoding off)",
            "split-sms": "split-sms 0.1.7", "smsutil": "smsutil 1.1.3",
            "sms_splitter": "sms_splitter 0.1.9", "sms-length": "sms-length 0.2.2",
            "lang": {m["id"]: m["lang"] for m in texts}}
    correct, unexplained = agreement(a, answers, texts, meta)
    if a.no_timing:
        return 1 if unexplained else 0

    ids = [m["id"] for m in texts]

    def agree_str(peer, mine):
        f = sum(key(answers[peer][i]) == key(answers[mine][i]) for i in ids)
        return f"{100 * f / len(ids):.2f}%"

    agree = {
        "sms-preflight analyze": "(reference)",
        "sms-preflight count": "= analyze (tested)",
        "sms-preflight analyze --split codepoints": "(reference)",
        "twilio 1.3.0": agree_str("twilio", "ours") + " (defaults)",
        "split-sms 0.1.7": agree_str("split-sms", "ours_codepoints") + " (codepoints)",
        "smsutil 1.1.3": agree_str("smsutil", "ours_codepoints") + " (codepoints)",
        "sms_splitter 0.1.9": agree_str("sms_splitter", "ours_codepoints") + " (codepoints)",
        "sms-length 0.2.2": agree_str("sms-length", "ours_codepoints") + " (naive)",
    }
    log("timing ...")
    results = timing(a, meta)
    speed_table(results, len(texts), n_bytes, correct, meta, agree)
    print(f"\nload average at the end: {loadavg()}")
    if unexplained:
        print(f"\n**{unexplained} disagreement(s) with Twilio are unexplained: see above.**")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
