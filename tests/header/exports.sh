#!/bin/sh
# Fails when libnlp.so's exported symbols differ from the checked-in list
# (lib/nlp.symbols) in any way, or the soname is wrong.
set -eu
lib=$1 soname=$2 list=$3
want=$(mktemp) got=$(mktemp)
trap 'rm -f "$want" "$got"' EXIT
grep -v '^#' "$list" | grep -v '^$' | LC_ALL=C sort > "$want"
nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | grep -v '^NLP_0$' \
    | LC_ALL=C sort > "$got"
if ! cmp -s "$want" "$got"; then
    echo "exported symbols differ from $list (< listed only, > exported only):"
    diff "$want" "$got" | grep '^[<>]' || true
    exit 1
fi
echo "exported symbols: $(wc -l < "$got"), exactly as listed in $list"
objdump -p "$lib" | grep -q "SONAME *$soname\$" || { echo "soname is not $soname"; objdump -p "$lib" | grep SONAME; exit 1; }
echo "ok: soname $soname"
