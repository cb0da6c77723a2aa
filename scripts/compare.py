#!/usr/bin/env python3
"""Side by side, in one run: whole-process time and peak memory of `chaff score` against the
near-duplicate detection alone of rensa (MinHash + LSH, Rust behind Python) and datasketch
(MinHashLSH, pure Python), on one corpus of real posts with evaded copies.

    python3 scripts/compare.py [--data ../shared/data] [--posts 100000] [--copies 0.3]
                               [--venv /tmp/chaff-compare-venv] [--chaff target/release/chaff]

The corpus (JSON Lines in the `chaff score` format) is built from the real texts of
../shared/data (TweepFake, GriD, L2R, SMS spam, YouTube spam, janitr): (1 - copies) x posts
originals, drawn in a fixed order and repeated when the data holds fewer distinct texts, plus
copies x posts evaded copies of earlier originals (random suffix or prefix, look-alike letters,
zero-width characters, case and punctuation, one word swapped). Fixed seed: the same corpus on
every run.

datasketch and rensa are installed into a throwaway virtualenv (`python3 -m venv`, then pip) the
first time; both run the same thing, as their READMEs show it: read the file post by post, MinHash
each post's distinct lowercased words with 128 permutations, insert it into an LSH index at
threshold 0.5 (rensa: 32 bands of 4 rows), then query every post for its candidates. That is dedup alone: no normalization against evasions, no verification, no
clustering facts, no AI assessment, no output of verdicts. chaff runs its whole pipeline and
writes every verdict. Each tool runs as its own process; wall time, CPU time (user + system)
and peak RSS come from wait4()'s rusage of that child.

Times are reported, never asserted.
"""

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# --- the corpus ---------------------------------------------------------------------------


def real_texts(data):
    """Distinct real texts of ../shared/data, in a fixed order."""
    texts = []
    csv.field_size_limit(1 << 24)
    for name in ["train.csv", "validation.csv"]:
        with open(data / "tweepfake" / name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter=";"):
                texts.append(row["text"])
    with open(data / "grid" / "reddit_human_vs_gpt35.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            texts.append(row["Data"])
    for folder in sorted((data / "l2r").iterdir()):
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.json")):
            texts.extend(t for t in json.load(open(file, encoding="utf-8")) if isinstance(t, str))
    with open(data / "sms_spam" / "SMSSpamCollection.tsv", encoding="utf-8") as f:
        for line in f:
            if "\t" in line:
                texts.append(line.split("\t", 1)[1].rstrip("\n"))
    for file in sorted((data / "youtube_spam").glob("*.csv")):
        with open(file, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                texts.append(row["CONTENT"])
    with open(data / "janitr" / "sample.jsonl", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
    seen, out = set(), []
    for t in texts:
        t = " ".join(t.split())
        if t and t not in seen:
            seen.add(t)
            out.append(t)
    return out


LOOK_ALIKES = {"a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "s": "ѕ", "x": "х", "y": "у"}
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
FILLER = ["really", "honestly", "totally", "great", "amazing", "today", "now", "here"]


def token(rng):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randint(5, 8)))


def evade(text, rng):
    kind = rng.randrange(6)
    if kind == 0:
        return f"{text} {token(rng)}"
    if kind == 1:
        return f"[{token(rng).upper()}] {text}"
    if kind == 2:
        return "".join(LOOK_ALIKES.get(c, c) if rng.random() < 0.5 else c for c in text)
    if kind == 3:
        return "".join(c + rng.choice(ZERO_WIDTH) if c.isalpha() and rng.random() < 0.3 else c for c in text)
    if kind == 4:
        return "".join(c.upper() if rng.random() < 0.5 else c for c in text) + rng.choice(["!!!", "...", " !!", "?!"])
    words = text.split()
    if len(words) > 1:
        words[rng.randrange(len(words))] = rng.choice(FILLER)
    return " ".join(words)


def build_corpus(data, posts, copies, path):
    texts = real_texts(data)
    rng = random.Random(20240501)
    originals = int(posts * (1 - copies))
    base = 1_700_000_000
    rows = []
    for i in range(originals):
        rows.append({"id": f"p{i}", "text": texts[i % len(texts)], "author": f"user{rng.randrange(50_000)}",
                     "created": base + i * 7})
    for j in range(posts - originals):
        src = rows[rng.randrange(originals)]
        rows.append({"id": f"e{j}", "text": evade(src["text"], rng), "author": f"bot{rng.randrange(5_000)}",
                     "created": src["created"] + rng.randrange(1, 3600)})
    rng.shuffle(rows)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(r["created"]))
            f.write(json.dumps({"id": r["id"], "text": r["text"], "author": r["author"], "created": created},
                               ensure_ascii=False) + "\n")
    return len(texts)


# --- the contenders -----------------------------------------------------------------------

DEDUP = r'''
import json, sys
which, path = sys.argv[1], sys.argv[2]
NUM_PERM, THRESHOLD = 128, 0.5

def tokens(text):
    # As both libraries' READMEs feed them: the distinct lowercased words.
    return set(text.lower().split())

ids, hashes = [], []
if which == "datasketch":
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            m = MinHash(num_perm=NUM_PERM)
            m.update_batch([t.encode("utf-8") for t in tokens(p["text"])])
            lsh.insert(p["id"], m)
            ids.append(p["id"])
            hashes.append(m)
else:
    from rensa import RMinHash, RMinHashLSH
    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=32)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            p = json.loads(line)
            m = RMinHash(num_perm=NUM_PERM, seed=42)
            m.update(list(tokens(p["text"])))
            lsh.insert(n, m)
            ids.append(p["id"])
            hashes.append(m)
pairs = sum(len(lsh.query(m)) - 1 for m in hashes)
print(f"{which}: {len(ids)} posts, {pairs} candidate pairs (both directions)", file=sys.stderr)
'''


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs one child to completion; returns (wall seconds, CPU seconds, peak RSS in MB), the last
    two from its own rusage. CPU time (user + system) is what the tool cost; on a machine shared
    with other work the wall time also holds the time it waited for a core."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed with exit code {proc.returncode}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def venv_python(venv):
    py = venv / "bin" / "python"
    if not py.exists():
        print(f"creating {venv} and installing datasketch and rensa from PyPI ...", file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "datasketch", "rensa"])
    return py


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--posts", type=int, default=100_000)
    ap.add_argument("--copies", type=float, default=0.3)
    ap.add_argument("--venv", default="/tmp/chaff-compare-venv")
    ap.add_argument("--chaff", default=str(ROOT / "target" / "release" / "chaff"))
    ap.add_argument("--corpus", default=None, help="where to write the corpus (default: /tmp)")
    ap.add_argument("--skip", default="", help="comma-separated contenders to leave out")
    args = ap.parse_args()

    data = Path(args.data)
    if not data.is_dir():
        sys.exit(f"compare: {data} is missing; it holds the real texts the corpus is built from")
    corpus = Path(args.corpus or f"/tmp/chaff-compare-{args.posts}.jsonl")
    if not corpus.exists():
        distinct = build_corpus(data, args.posts, args.copies, corpus)
        print(f"corpus: {corpus} ({args.posts} posts, {args.copies:.0%} evaded copies, "
              f"{distinct} distinct real texts)", file=sys.stderr)
    py = venv_python(Path(args.venv))
    skip = set(filter(None, args.skip.split(",")))

    results = {}
    load_before = os.getloadavg()[0]
    if "chaff" not in skip:
        results["chaff score (whole pipeline)"] = run([args.chaff, "score", str(corpus)])
    for which in ["rensa", "datasketch"]:
        if which not in skip:
            results[f"{which} (dedup alone)"] = run([str(py), "-c", DEDUP, which, str(corpus)])

    print(f"\n{args.posts} posts, {args.copies:.0%} evaded copies; {platform.node()}, "
          f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    print(f"load average before and after: {load_before:.2f}, {os.getloadavg()[0]:.2f}")
    print(f"{'':32} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'CPU µs/post':>12}")
    for name, (secs, cpu, mb) in results.items():
        print(f"{name:32} {secs:8.2f} {cpu:8.2f} {mb:8.0f} {cpu * 1e6 / args.posts:12.1f}")
    chaff = results.get("chaff score (whole pipeline)")
    if chaff:
        for name, (secs, cpu, mb) in results.items():
            if not name.startswith("chaff"):
                print(f"chaff score vs {name}: {secs / chaff[0]:.2f}x as fast in wall time, {cpu / chaff[1]:.2f}x in "
                      f"CPU time, {chaff[2] / mb:.2f}x its peak memory")


if __name__ == "__main__":
    main()
