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

# The long benchmarks show what they are doing on a terminal (stderr),
# not with --quiet, not on a pipe; the figures stay on stdout.
on_tty() { python3 "$(dirname "$0")/pty_stderr.py" "$@"; }
train="$build/bench/train --only tiny --steps 2"
out=$(OMP_NUM_THREADS=1 on_tty $train) || fail "bench/train on a tty: exit $?"
echo "$out" | grep -q 'bench/train: tiny, 1 rank: step [0-9]*/4 .*ETA' \
  || fail "bench/train: no progress line in: $out"
out=$(OMP_NUM_THREADS=1 on_tty $train --quiet) || fail "bench/train --quiet: exit $?"
[ -z "$out" ] || fail "bench/train --quiet still shows: $out"
out=$(OMP_NUM_THREADS=1 $train 2>&1 >/dev/null) || fail "bench/train on a pipe: exit $?"
[ -z "$out" ] || fail "bench/train shows progress on a pipe: $out"
echo "ok: bench progress on a terminal only"
