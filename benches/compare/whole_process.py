#!/usr/bin/env python3
"""Whole-process comparison: our CLI's batch against Twilio's calculator run as a script.

    python3 benches/compare/whole_process.py --scratch DIR --corpus FILE --cli BIN [--messages 5000] [--runs 5]

(`bash benches/compare/run.sh` runs it after the in-process comparison; `WHOLE_PROCESS_ONLY=1`
runs only this.) The first MESSAGES lines of the corpus go to one file; each command reads it
and writes one JSON line per message to a file, as a user's batch would:
  - `sms-preflight count --jsonl FILE` (the summary: encoding, units, parts, remaining, chars)
  - `sms-preflight count --jsonl FILE --jobs 1`
  - `sms-preflight analyze --jsonl FILE` (the full analysis: parts with offsets, non-GSM list)
  - `node peers.js batch twilio FILE`: Node starts, loads sms-segments-calculator 1.3.0, reads the
    file and writes {encoding, units, parts, chars} per message (smart encoding off).
Each is timed as a whole process (start-up, reading, parsing, answering, writing), best of RUNS
wall times; the ratios are Twilio's time over ours, from the same run.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def best(cmd, out, runs, env=None):
    times = []
    for _ in range(runs):
        with open(out, "wb") as f:
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=f, check=True, env=env)
            times.append(time.perf_counter() - t0)
    return min(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--scratch", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--messages", type=int, default=5000)
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    scratch = Path(a.scratch)
    lines = Path(a.corpus).read_text(encoding="utf-8").splitlines()[: a.messages]
    batch = scratch / f"whole-{len(lines)}.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(os.environ, PEERS_DIR=str(scratch))
    out = scratch / "whole-out.jsonl"
    cmds = {
        "sms-preflight count --jsonl": [a.cli, "count", "--jsonl", str(batch)],
        "sms-preflight count --jsonl --jobs 1": [a.cli, "count", "--jsonl", str(batch), "--jobs", "1"],
        "sms-preflight analyze --jsonl": [a.cli, "analyze", "--jsonl", str(batch)],
        "sms-preflight analyze --jsonl --jobs 1": [a.cli, "analyze", "--jsonl", str(batch), "--jobs", "1"],
        "Twilio 1.3.0 (node peers.js batch twilio)": ["node", str(HERE / "peers.js"), "batch", "twilio", str(batch)],
    }
    load = os.getloadavg()[0]
    print(f"whole process, {len(lines)} messages ({batch.stat().st_size} bytes), best of {a.runs}, "
          f"load average {load:.1f} at the start, {os.cpu_count()} cores", flush=True)
    res = {}
    for name, cmd in cmds.items():
        res[name] = best(cmd, out, a.runs if "Twilio" not in name else max(1, min(a.runs, 3)), env)
        print(f"  {name:45s} {res[name]*1000:9.1f} ms", flush=True)
    tw = res["Twilio 1.3.0 (node peers.js batch twilio)"]
    for name in list(cmds)[:4]:
        r = tw / res[name]
        print(f"  Twilio ÷ {name:36s} {r:7.1f}×")
    target = tw / res["sms-preflight count --jsonl"]
    print(f"  target ≥ 200× for the summary batch: {'MET' if target >= 200 else 'NOT MET'} ({target:.0f}×)")


if __name__ == "__main__":
    sys.exit(main())
