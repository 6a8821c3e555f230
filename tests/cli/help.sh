#!/bin/sh
# One --help per command, printed from the option tables: never needs a
# value, exit 0; usage errors exit 2 and name the argument; man pages and
# bash completion generated from the same tables agree with --help.
set -eu
nlp=$1 shared=$2 build=$3
fail() { echo "FAIL: $*"; exit 1; }
commands="info init tokenize ner.run ner.tag ner.eval ner.compare ner.score ner.train
t5.generate toxic.classify toxic.eval toxic.compare toxic.train"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$($nlp --help)
for c in $commands; do
  c=$(echo "$c" | tr . ' ')
  echo "$out" | grep -q "^  $c  " || fail "nlp --help does not list '$c'"
  # --help wins even where it would be a flag's value, and needs no model.
  $nlp $c --help > "$tmp/help" || fail "nlp $c --help exit $?"
  grep -q "^usage: nlp $c " "$tmp/help" || fail "nlp $c --help: $(head -2 "$tmp/help")"
  $nlp $c --model --help > /dev/null || fail "nlp $c --model --help exit $?"
  set +e; $nlp $c --no-such-flag 2> "$tmp/err" >/dev/null; rc=$?; set -e
  [ $rc -eq 2 ] || fail "nlp $c --no-such-flag: exit $rc"
  grep -q "unknown option '--no-such-flag'" "$tmp/err" || fail "nlp $c: $(cat "$tmp/err")"
  # The man page lists exactly the options --help lists.
  page=$build/tools/nlp/man/nlp-$(echo "$c" | tr ' ' -).1
  [ -f "$page" ] || fail "no man page $page"
  grep -o '^  --[a-z-]*' "$tmp/help" | sed 's/^  //' | grep -v '^--help$' | sort > "$tmp/h"
  grep -A1 '^\.TP' "$page" | sed -n 's/^\.B \\-\\-\([a-z\\-]*\).*/--\1/p' | sed 's/\\//g' \
    | grep -v '^--help$' | sort > "$tmp/m"
  [ -s "$tmp/h" ] || [ "$c" = "info" ] || fail "no options in nlp $c --help"
  cmp -s "$tmp/h" "$tmp/m" || fail "man page and --help differ for $c: $(diff "$tmp/h" "$tmp/m")"
done
for g in ner toxic t5; do
  $nlp $g --help | grep -q "^usage: nlp $g <subcommand>" || fail "nlp $g --help"
  set +e; $nlp $g 2>/dev/null; rc=$?; $nlp $g bogus 2>/dev/null; rc2=$?; set -e
  [ $rc -eq 2 ] && [ $rc2 -eq 2 ] || fail "nlp $g without/with a bad subcommand: $rc $rc2"
done
[ -f "$build/tools/nlp/man/nlp.1" ] || fail "no nlp(1)"
grep -q 'nlp\\-ner\\-run' "$build/tools/nlp/man/nlp.1" || grep -q 'nlp-ner-run' "$build/tools/nlp/man/nlp.1" \
  || fail "nlp(1) does not point to nlp-ner-run(1)"
echo "ok: --help everywhere, man pages match"

# Training help: each trainer lists its own metrics only; init's --seed is optional.
$nlp ner train --help | grep -q 'overall_f1' || fail "ner train metrics"
$nlp ner train --help | grep -q 'auprc' && fail "ner train help lists auprc"
$nlp toxic train --help | grep -q 'auprc' || fail "toxic train metrics"
$nlp toxic train --help | grep -q 'overall_f1' && fail "toxic train help lists overall_f1"
$nlp init --help | grep -- '--seed' | grep -q required && fail "init shows --seed as required"

# Usage errors: exit 2, naming the one missing or bad thing.
expect2() { # expect2 'grep pattern' args...
  want=$1; shift
  set +e; $nlp "$@" > /dev/null 2> "$tmp/err"; rc=$?; set -e
  [ $rc -eq 2 ] || fail "nlp $*: exit $rc, want 2 ($(cat "$tmp/err"))"
  grep -q -- "$want" "$tmp/err" || fail "nlp $*: message '$(cat "$tmp/err")' lacks '$want'"
}
expect2 'missing --model DIR' ner run "Paris"
expect2 'missing --model DIR' toxic classify "hi"
expect2 'missing --data FILE' ner eval --model x
expect2 "--seed wants a whole number" ner train --model x --train y --out z --seed 1.5
expect2 "--seed wants a whole number" init --arch bert --config x --seed 1e3 out
expect2 "--batch-size wants a whole number from 1" ner run --model x --batch-size 0 a
expect2 "--epochs wants a number" ner train --model x --train y --out z --epochs many
expect2 "--aggregation wants one of first, average, max" ner run --model x --aggregation mean a
expect2 "--max-steps needs a value" toxic train --max-steps
expect2 "--max-steps given twice" ner train --max-steps 1 --max-steps 2
expect2 "unexpected argument 'extra'" ner eval --model x --data y extra
expect2 "missing the second --model" ner compare --model a --data y
expect2 "missing OUT_DIR" init --arch bert --config x
$nlp ner train --model x --train y --out z --epochs=1.5 --seed=18446744073709551615 --help \
  > /dev/null || fail "--name=value and a 64-bit seed"
echo "ok: usage errors exit 2 and name the argument"

# Bash completion, generated from the same tables.
comp=$build/tools/nlp/nlp.bash
[ -f "$comp" ] || fail "no completion script"
command -v bash > /dev/null || { echo "ok: (no bash: completion not exercised)"; exit 0; }
complete_words() { # complete_words word...: what TAB offers after them
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _nlp; echo "${COMPREPLY[*]}"' \
    sh "$comp" "$@"
}
complete_words nlp '' | grep -qw toxic || fail "completion of commands: $(complete_words nlp '')"
complete_words nlp ner '' | grep -qw compare || fail "completion of ner subcommands"
complete_words nlp ner run --agg | grep -q -- '--aggregation' || fail "completion of options"
[ "$(complete_words nlp ner run --aggregation m)" = "max" ] || fail "completion of choices"
complete_words nlp toxic train --met | grep -q -- '--metric' || fail "completion toxic train"
echo "ok: bash completion"
