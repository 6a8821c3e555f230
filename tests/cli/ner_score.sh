#!/bin/sh
# nlp ner score against the seqeval fixture.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }

# nlp ner score: the seqeval-metrics fixture's sequences written as tag
# files; --json numbers within 1e-9 of seqeval's, the table byte for byte.
fx=$shared/fixtures/seqeval-metrics
if [ -d "$fx" ] && command -v python3 >/dev/null; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  python3 - "$fx" "$tmp" <<'PY'
import json, sys
fx, tmp = sys.argv[1:]
for split in ("iob2", "iob1"):
    seq = json.load(open(f"{fx}/sequences_{split}.json"))
    for side, key in (("gold", "y_true"), ("pred", "y_pred")):
        with open(f"{tmp}/{split}.{side}", "w") as f:
            f.write("-DOCSTART- O\n\n")
            for sent in seq[key]:
                for i, tag in enumerate(sent):
                    f.write(f"w{i} X {tag}\n" if side == "gold" else f"w{i} {tag}\n")
                f.write("\n")
PY
  for split in iob2 iob1; do
    scheme=$(echo $split | tr a-z A-Z)
    $nlp ner score $tmp/$split.gold $tmp/$split.pred --json > $tmp/$split.default.json
    $nlp ner score $tmp/$split.gold $tmp/$split.pred --strict --scheme $scheme --json > $tmp/$split.strict.json
    $nlp ner score $tmp/$split.gold $tmp/$split.pred > $tmp/$split.default.txt
    $nlp ner score $tmp/$split.gold $tmp/$split.pred --strict --scheme $scheme > $tmp/$split.strict.txt
  done
  python3 - "$fx" "$tmp" <<'PY' || fail "ner score vs seqeval fixture"
import json, sys
fx, tmp = sys.argv[1:]
want_all = json.load(open(f"{fx}/metrics.json"))
bad = 0
for split in ("iob2", "iob1"):
    want = want_all[split]
    for mode in ("default", "strict"):
        got = json.load(open(f"{tmp}/{split}.{mode}.json"))
        expect = dict(want[mode], accuracy=want["accuracy"])
        if list(got) != list(expect):
            print(split, mode, "keys", list(got)); bad += 1
        for key, row in expect.items():
            if key == "accuracy":
                bad += abs(got[key] - row) > 1e-9
                continue
            for field, v in row.items():
                if abs(got[key][field] - v) > 1e-9:
                    print(split, mode, key, field, got[key][field], v); bad += 1
        text = open(f"{tmp}/{split}.{mode}.txt").read()
        if want[f"{mode}_text_digits4"] not in text:
            print(split, mode, "table differs:\n" + text); bad += 1
        if "token accuracy %.4f" % want["accuracy"] not in text:
            print(split, mode, "no token accuracy line"); bad += 1
sys.exit(1 if bad else 0)
PY
  # Misaligned files and bad options fail with a message, not a crash.
  head -n 20 $tmp/iob2.pred > $tmp/short.pred
  set +e
  $nlp ner score $tmp/iob2.gold $tmp/short.pred 2>$tmp/err; rc=$?
  $nlp ner score $tmp/iob2.gold $tmp/iob2.pred --scheme BIO 2>/dev/null; rc2=$?
  printf 'w0 X B-PER\nw1 X Q-PER\n' > $tmp/bad.gold
  $nlp ner score $tmp/bad.gold $tmp/bad.gold 2>$tmp/err3; rc3=$?
  set -e
  [ $rc -eq 1 ] && grep -q 'sentences' $tmp/err || fail "ner score misaligned ($rc)"
  [ $rc2 -eq 2 ] || fail "ner score bad scheme exit $rc2"
  [ $rc3 -eq 1 ] && grep -q 'bad.gold:2: bad NER tag' $tmp/err3 || fail "ner score bad tag ($rc3)"
  $nlp ner --help | grep -q 'score' || fail "ner --help"
  echo "ok: ner score matches seqeval"
else
  echo "skip: ner score (no fixture or python3)"
fi
