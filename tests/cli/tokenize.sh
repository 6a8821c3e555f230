#!/bin/sh
# nlp tokenize: known lines, then every golden row through the CLI.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }

# nlp tokenize: known lines, then every golden BERT row through the CLI.
bert=$shared/data/bert-base-cased/save_pretrained_copy
if [ -d "$bert" ]; then
  got=$(printf '%s\n' '{"text": "Peter Blackburn"}' '{"words": ["EU", "Zürich"]}' |
        $nlp tokenize --model "$bert")
  want='{"input_ids":[101,1943,14428,102],"tokens":["[CLS]","Peter","Blackburn","[SEP]"],"offsets":[[0,0],[0,5],[6,15],[0,0]],"byte_offsets":[[0,0],[0,5],[6,15],[0,0]],"word_ids":[null,0,1,null]}
{"input_ids":[101,7270,16592,102],"tokens":["[CLS]","EU","Zürich","[SEP]"],"offsets":[[0,0],[0,2],[0,6],[0,0]],"byte_offsets":[[0,0],[0,2],[0,7],[0,0]],"word_ids":[null,0,1,null]}'
  [ "$got" = "$want" ] || fail "tokenize output: $got"
  set +e; echo '{"text": 5}' | $nlp tokenize --model "$bert" 2>/dev/null; rc=$?; set -e
  [ $rc -eq 1 ] || fail "tokenize bad input exit code $rc"
  set +e; $nlp tokenize 2>/dev/null </dev/null; rc=$?; set -e
  [ $rc -eq 2 ] || fail "tokenize without --model exit code $rc"
  echo "ok: nlp tokenize"
  if command -v python3 >/dev/null; then
    for f in bert_text bert_words; do
      python3 "$(dirname "$0")/tokenize_diff.py" "$nlp" "$bert" \
        "$shared/fixtures/tokenizers/$f.jsonl" || fail "nlp tokenize differs on $f.jsonl"
    done
    echo "ok: nlp tokenize matches every golden BERT row"
  fi
fi
t5=$shared/data/t5-small
if [ -d "$t5" ] && command -v python3 >/dev/null &&
   $nlp tokenize --model "$t5" </dev/null 2>/dev/null; then
  python3 "$(dirname "$0")/tokenize_diff.py" "$nlp" "$t5" \
    "$shared/fixtures/tokenizers/t5_text.jsonl" || fail "nlp tokenize differs on t5_text.jsonl"
  echo "ok: nlp tokenize matches every golden T5 row"
fi
