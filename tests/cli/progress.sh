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
echo "ok: progress bars"
