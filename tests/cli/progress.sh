#!/bin/sh
# Progress bars: on stderr when it is a terminal (a pty here), with count,
# rate and ETA; none with --quiet, none when stderr is not a terminal.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }
here=$(dirname "$0")
bert=$shared/fixtures/bert-tiny-ner t5=$shared/fixtures/t5-tiny
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -400 "$shared/data/conll2003/valid.txt" > "$tmp/v.conll"
tc=$shared/data/toxic-chat/toxicchat0124-human/test.csv
on_tty() { python3 "$here/pty_stderr.py" "$@"; }

for cmd in "ner eval --model $bert --data $tmp/v.conll" \
           "ner compare --model $bert --model $bert --data $tmp/v.conll" \
           "ner tag --model $bert $tmp/v.conll" \
           "toxic eval --model $t5 --data $tc --max-examples 64 --score-only" \
           "toxic compare --model $t5 --model $t5 --data $tc --max-examples 64 --score-only"; do
  out=$(on_tty $nlp $cmd) || fail "$cmd on a tty: exit $?"
  echo "$out" | grep -q '\[#*\.*\] [0-9]*/[0-9]* [0-9.]*/s ETA' || fail "$cmd: no bar in: $out"
  [ -z "$(on_tty $nlp $cmd --quiet)" ] || fail "$cmd --quiet still draws"
  [ -z "$($nlp $cmd 2>&1 >/dev/null)" ] || fail "$cmd draws on a pipe"
done
# Streams of unknown length: a count and a rate.
seq 1 40 | sed 's/.*/Text number &/' > "$tmp/texts"
for cmd in "ner run --model $bert" "toxic classify --model $t5" \
           "t5 generate --model $t5 --max-new-tokens 1"; do
  out=$(on_tty $nlp $cmd < "$tmp/texts") || fail "$cmd on a tty: exit $?"
  echo "$out" | grep -q '[0-9]* done [0-9.]*/s' || fail "$cmd: no progress in: $out"
  [ -z "$(on_tty $nlp $cmd --quiet < "$tmp/texts")" ] || fail "$cmd --quiet still draws"
done
# Training: the evaluations inside it draw their own bar (eval batches of
# 4 over 12 examples), then the eval line follows.
for task in ner toxic; do
  if [ $task = ner ]; then
    cmd="ner train --model $bert --train $shared/data/conll2003/train.txt --eval $tmp/v.conll"
    cmd="$cmd --max-train-examples 8 --max-eval-examples 12 --batch-size 8"
  else
    tdir=$shared/data/toxic-chat/toxicchat0124-human
    cmd="toxic train --model $t5 --train $tdir/train.csv --eval $tdir/test.jsonl"
    cmd="$cmd --max-train-examples 8 --max-eval-examples 12 --batch-size 8"
  fi
  cmd="$cmd --eval-batch-size 4 --max-steps 1 --no-cache"
  out=$(on_tty $nlp $cmd --out "$tmp/$task-tty") || fail "$cmd on a tty: exit $?"
  echo "$out" | grep -q 'eval \[#*\.*\] 12/12 [0-9.]*/s ETA' || fail "$task train: no eval bar in: $out"
  echo "$out" | grep -q 'eval \[#*\.*\] 4/12 ' || fail "$task train: eval bar not per batch: $out"
  echo "$out" | grep -q 'eval step 1 ' || fail "$task train: no eval line after the bar: $out"
  out=$(on_tty $nlp $cmd --out "$tmp/$task-quiet" --quiet)
  [ -z "$out" ] || fail "$task train --quiet still draws: $out"
  out=$($nlp $cmd --out "$tmp/$task-pipe" 2>&1 >/dev/null) || fail "$cmd on a pipe: exit $?"
  ! echo "$out" | grep -q 'eval \[' || fail "$task train draws the eval bar on a pipe: $out"
  echo "$out" | grep -q '^eval step 1 ' || fail "$task train: no eval line on a pipe: $out"
done
echo "ok: progress bars"
