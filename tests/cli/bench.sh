#!/bin/sh
# Every benchmark answers --help at once (exit 0, a usage line) instead of
# starting a long run.
set -eu
nlp=$1 shared=$2 build=$3
fail() { echo "FAIL: $*"; exit 1; }
n=0
for b in "$build"/bench/*; do
  [ -x "$b" ] && [ -f "$b" ] || continue
  for h in --help -h; do
    out=$(timeout 20 "$b" $h) || fail "$b $h: exit $?"
    echo "$out" | grep -q '^usage: bench/' || fail "$b $h: $out"
  done
  n=$((n + 1))
done
[ $n -ge 6 ] || fail "only $n bench programs under $build/bench"
echo "ok: $n bench programs answer --help"
