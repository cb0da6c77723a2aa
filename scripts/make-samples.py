#!/usr/bin/env python3
"""Writes tests/samples/*.jsonl from ../shared/data: real, CC BY 4.0 text that the benchmark
and the tests use without needing ../shared (attribution: tests/samples/ATTRIBUTION.md).

    python3 scripts/make-samples.py [../shared/data]
"""
import csv, json, sys, pathlib

data = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
out = pathlib.Path(__file__).resolve().parent.parent / "tests" / "samples"

with open(out / "youtube-comments.jsonl", "w") as f:
    for path in sorted((data / "youtube_spam").glob("Youtube0*.csv")):
        video = path.stem.split("-", 1)[1]
        for row in csv.DictReader(open(path, encoding="utf-8")):
            f.write(json.dumps({
                "id": row["COMMENT_ID"], "text": row["CONTENT"], "author": row["AUTHOR"],
                "created": row["DATE"] or None, "site": None,
                "label": "spam" if row["CLASS"] == "1" else "legitimate", "video": video,
            }, ensure_ascii=False) + "\n")

with open(out / "sms-messages.jsonl", "w") as f:
    for n, line in enumerate(open(data / "sms_spam" / "SMSSpamCollection.tsv", encoding="utf-8")):
        label, _, text = line.rstrip("\n").partition("\t")
        f.write(json.dumps({"id": f"sms{n + 1}", "text": text, "label": label}, ensure_ascii=False) + "\n")
