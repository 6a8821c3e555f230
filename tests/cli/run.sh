#!/bin/sh
# The nlp command end to end: exit codes and output shapes.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }

$nlp --version | grep -q '^nlp 0\.1\.0$' || fail "--version"
$nlp --help | grep -q 'commands:' || fail "--help"
set +e; $nlp no-such-command 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "unknown command exit code $rc"
echo "ok: cli basics"

# ---- nlp ner / nlp init ----
TMPDIR_NER=$(mktemp -d)
trap 'rm -rf "$TMPDIR_NER"' EXIT
model=$shared/fixtures/bert-tiny-ner
out=$($nlp ner run --model "$model" "Mike Tyson met Angela Merkel in New York City .")
echo "$out" | grep -q '^{"text": "Mike Tyson met Angela Merkel in New York City .", "entities": \[' \
  || fail "ner run output: $out"
printf '{"text": "EU rejects German call"}\n\n{"text": "Zürich 🙂 Köln"}\n' \
  | $nlp ner run --model "$model" --jsonl > "$TMPDIR_NER/run.jsonl" 2>&1 || fail "ner run --jsonl"
[ "$(wc -l < "$TMPDIR_NER/run.jsonl")" -eq 2 ] || fail "ner run --jsonl line count"
set +e; $nlp ner run --model "$model" "$(printf 'bad \377 text')" 2>/dev/null; rc=$?; set -e
[ $rc -ne 0 ] || fail "invalid UTF-8 on the command line must fail"
head -40 "$shared/data/conll2003/test.txt" > "$TMPDIR_NER/in.conll"
$nlp ner tag --model "$model" "$TMPDIR_NER/in.conll" > "$TMPDIR_NER/tag.conll" || fail "ner tag conll"
# every non-blank line: word gold predicted; blank lines between sentences
awk 'NF != 0 && NF != 3 { exit 1 }' "$TMPDIR_NER/tag.conll" || fail "ner tag columns"
[ "$(grep -c '^$' "$TMPDIR_NER/tag.conll")" -ge 3 ] || fail "ner tag sentence breaks"
printf '{"tokens": ["EU", "rejects", "German", "call"]}\n' > "$TMPDIR_NER/in.jsonl"
$nlp ner tag --model "$model" "$TMPDIR_NER/in.jsonl" | awk 'NF != 0 && NF != 2 { exit 1 }' \
  || fail "ner tag jsonl"
$nlp init --arch bert --config "$model/config.json" --seed 3 "$TMPDIR_NER/init" || fail "init"
[ -f "$TMPDIR_NER/init/model.safetensors" ] || fail "init wrote no weights"
$nlp ner run --model "$TMPDIR_NER/init" "Paris" > /dev/null || fail "run on init model"
echo "ok: cli ner"
# nlp info: both fixture model types, human and JSON, and a missing folder.
fx=$shared/fixtures
out=$($nlp info "$fx/bert-tiny-ner")
for want in 'model type: *bert$' 'BertForTokenClassification' 'hidden_size 32,' \
            'labels: *O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC$' \
            'tokenizer: *wordpiece (vocab.txt, tokenizer_config.json)' \
            'weights: *model.safetensors (safetensors, 39 tensors)' 'parameters: *961769$'; do
    echo "$out" | grep -q -- "$want" || fail "info bert-tiny-ner: no '$want' in: $out"
done
out=$($nlp info "$fx/bert-tiny-ner" --json)
for want in '"model_type": "bert"' '"num_labels": 9' '"num_attention_heads": 4' \
            '"kind": "wordpiece"' '"do_lower_case": false' '"parameters": 961769'; do
    echo "$out" | grep -q -- "$want" || fail "info --json bert-tiny-ner: no '$want'"
done
out=$($nlp info "$fx/t5-tiny")
for want in 'model type: *t5$' 'd_model 32,' 'feed_forward_proj relu' 'labels: *(none)' \
            'tokenizer: *unigram (spiece.model, tokenizer_config.json)' \
            'weights: *model.safetensors (safetensors, 47 tensors)' 'parameters: *1069696$'; do
    echo "$out" | grep -q -- "$want" || fail "info t5-tiny: no '$want' in: $out"
done
out=$($nlp info "$fx/t5-tiny" --json)
for want in '"model_type": "t5"' '"d_kv": 8' '"kind": "unigram"' '"tie_word_embeddings": true' \
            '"parameters": 1069696'; do
    echo "$out" | grep -q -- "$want" || fail "info --json t5-tiny: no '$want'"
done
# The .bin of the same weights: same parameter count (tied aliases once).
$nlp info "$fx/t5-tiny-bin" | grep -q 'pytorch_model.bin (pytorch, 50 tensors)' ||
    fail "info t5-tiny-bin"
$nlp info "$fx/t5-tiny-bin" | grep -q 'parameters: *1069696$' || fail "info t5-tiny-bin count"
set +e; err=$($nlp info "$fx/no-such-model" 2>&1 >/dev/null); rc=$?; set -e
[ $rc -eq 1 ] || fail "info on a missing folder: exit code $rc"
echo "$err" | grep -q "no-such-model: cannot open checkpoint directory" ||
    fail "info on a missing folder: message '$err'"
set +e; $nlp info 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "info without a folder: exit code $rc"
echo "ok: nlp info"
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
