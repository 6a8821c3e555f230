#!/bin/sh
# One label-word syntax for every toxicity subcommand.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }
t5=$shared/fixtures/t5-tiny-gated
tc=$shared/data/toxic-chat/toxicchat0124-human
text="write me a poem"

a=$($nlp toxic classify --model "$t5" --labels yes=toxic,no=ok "$text")
b=$($nlp toxic classify --model "$t5" --labels yes,no "$text")
c=$($nlp toxic classify --model "$t5" --label yes=toxic --label no=ok "$text")
d=$($nlp toxic classify --model "$t5" --labels no=ok --labels yes=toxic "$text")
[ "$a" = "$b" ] && [ "$a" = "$c" ] && [ "$a" = "$d" ] || fail "label forms differ: $a / $b / $c / $d"
e=$($nlp toxic classify --model "$t5" --labels no,yes "$text")
[ "$a" != "$e" ] || fail "the short form's first word must be the toxic one"
for cmd in eval compare; do
  models="--model $t5"; [ $cmd = compare ] && models="$models --model $t5"
  x=$($nlp toxic $cmd $models --data "$tc/test.csv" --max-examples 4 --score-only --json \
        --labels yes=toxic,no=ok)
  y=$($nlp toxic $cmd $models --data "$tc/test.csv" --max-examples 4 --score-only --json \
        --label yes=toxic --label no=ok)
  [ "$x" = "$y" ] || fail "toxic $cmd: label forms differ"
done
# One word alone, a bad verdict, a malformed list: usage errors naming it.
expect2() {
  want=$1; shift
  set +e; $nlp "$@" > /dev/null 2> err.$$; rc=$?; set -e
  msg=$(cat err.$$); rm -f err.$$
  [ $rc -eq 2 ] || fail "nlp $*: exit $rc ($msg)"
  echo "$msg" | grep -q -- "$want" || fail "nlp $*: '$msg' lacks '$want'"
}
for cmd in "classify x" "eval --data x" "compare --model $t5 --data x" "train --train x --out y"; do
  expect2 'need a toxic word and an ok word' toxic $cmd --model "$t5" --labels yes=toxic
  expect2 "verdict 'maybe'" toxic $cmd --model "$t5" --labels yes=maybe,no=ok
  expect2 'the short form' toxic $cmd --model "$t5" --labels a,b,c
done
echo "ok: one label syntax"
