"""The PyPI peer of benches/compare/run.sh: smsutil==1.1.3 (with `future`), installed by
run.sh into a virtual environment in the scratch directory, outside the repository.

    python peer_smsutil.py answers CORPUS OUT.jsonl     per-message answers
    python peer_smsutil.py time CORPUS PASSES [WARMUP]  timing, one JSON line

The corpus is parsed into a list of str before any clock starts. A timed pass calls
`smsutil.split(text)` on every message (parts with their content, the full result) and adds
up `len(result.parts)`; WARMUP passes (default 1) run first, untimed.
"""

import json
import platform
import sys
import time
from importlib.metadata import version

import smsutil


def load(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if line.strip():
                o = json.loads(line)
                if isinstance(o.get("text"), str):
                    out.append((o.get("id", f"line{n + 1}"), o["text"]))
    return out


def answer(text):
    r = smsutil.split(text)
    gsm = r.encoding == "gsm0338"
    return {
        "parts": len(r.parts),
        "encoding": "GSM-7" if gsm else "UCS-2",
        "units": r.total_bytes if gsm else r.total_bytes // 2,
    }


def main():
    mode, corpus, arg = sys.argv[1:4]
    msgs = load(corpus)
    if mode == "answers":
        with open(arg, "w", encoding="utf-8") as f:
            for mid, text in msgs:
                f.write(json.dumps({"id": mid, "smsutil": answer(text)}) + "\n")
        return
    texts = [t for _, t in msgs]
    passes = int(arg)
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    split = smsutil.split

    def one_pass():
        s = 0
        for t in texts:
            s += len(split(t).parts)
        return s

    checksum = 0
    for _ in range(warmup):
        checksum = one_pass()
    secs = []
    for _ in range(passes):
        t0 = time.perf_counter()
        s = one_pass()
        secs.append(time.perf_counter() - t0)
        if warmup and s != checksum:
            raise SystemExit("answers changed between passes")
        checksum = s
    print(json.dumps({
        "peer": f"smsutil {version('smsutil')}",
        "runtime": f"CPython {platform.python_version()}",
        "includes": "smsutil.split(text) per message",
        "passes": secs,
        "checksum": checksum,
    }))


if __name__ == "__main__":
    main()
