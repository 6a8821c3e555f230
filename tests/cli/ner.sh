#!/bin/sh
# nlp ner run / tag and nlp init --arch bert.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }

# ---- nlp ner / nlp init ----
TMPDIR_NER=$(mktemp -d)
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
printf '{"tokens": ["EU", "rejects", "German", "call"]}\n' \
  | $nlp ner tag --model "$model" --jsonl | awk 'NF != 0 && NF != 2 { exit 1 }' \
  || fail "ner tag --jsonl"
$nlp init --arch bert --config "$model/config.json" --seed 3 "$TMPDIR_NER/init" || fail "init"
[ -f "$TMPDIR_NER/init/model.safetensors" ] || fail "init wrote no weights"
$nlp ner run --model "$TMPDIR_NER/init" "Paris" > /dev/null || fail "run on init model"
rm -rf "$TMPDIR_NER"
echo "ok: cli ner"
