#!/usr/bin/env python3
"""Run a tokenizer golden file through `nlp tokenize` and compare every row.

usage: tokenize_diff.py NLP MODEL_DIR FIXTURE.jsonl
Exit status 1 and the first differences on stderr when a row differs."""
import json
import subprocess
import sys

FIELDS = ("input_ids", "tokens", "offsets", "byte_offsets", "word_ids")
# The T5 golden file calls the token strings "pieces".
RENAMED = {"pieces": "tokens"}


def main():
    nlp, model, fixture = sys.argv[1:4]
    with open(fixture, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    inputs = "".join(
        json.dumps({"words": r["words"]} if "words" in r else {"text": r["text"]}) + "\n"
        for r in rows)
    out = subprocess.run([nlp, "tokenize", "--model", model], input=inputs.encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    got = [json.loads(line) for line in out.splitlines()]
    if len(got) != len(rows):
        print(f"{fixture}: {len(got)} output lines for {len(rows)} rows", file=sys.stderr)
        return 1
    bad = 0
    for i, (r, g) in enumerate(zip(rows, got), 1):
        for old, new in RENAMED.items():
            if old in r:
                r[new] = r[old]
        diff = [k for k in FIELDS if k in r and r[k] != g[k]]
        if diff:
            bad += 1
            if bad <= 5:
                print(f"{fixture}:{i}: {diff} differ", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
