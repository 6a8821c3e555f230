#!/bin/sh
# --threads N sets the library's threads once (nlp_set_num_threads) in
# every command that loads a model; the results do not depend on it.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }
bert=$shared/fixtures/bert-tiny-ner t5=$shared/fixtures/t5-tiny
for cmd in "ner run --model $bert" "ner tag --model $bert --jsonl" \
           "toxic classify --model $t5" "t5 generate --model $t5 --max-new-tokens 3"; do
  case $cmd in
    *--jsonl*) input='{"tokens": ["EU", "rejects", "German", "call"]}' ;;
    *) input='EU rejects German call' ;;
  esac
  plain=$(echo "$input" | $nlp $cmd) || fail "$cmd: exit $?"
  for n in 1 2; do
    got=$(echo "$input" | $nlp $cmd --threads $n) || fail "$cmd --threads $n: exit $?"
    [ "$got" = "$plain" ] || fail "$cmd --threads $n: $got != $plain"
  done
done
set +e; $nlp ner run --model "$bert" --threads -1 x 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "--threads -1: exit $rc"
echo "ok: --threads"
