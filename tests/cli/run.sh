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
