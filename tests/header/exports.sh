#!/bin/sh
# Fails when libnlp.so exports anything but nlp_* or has the wrong soname.
set -eu
lib=$1 soname=$2
bad=$(nm -D --defined-only "$lib" | awk '{print $NF}' | grep -v '^nlp_' | grep -v '^NLP_0$' || true)
if [ -n "$bad" ]; then
    echo "symbols exported that are not nlp_*:"; echo "$bad" | head -20; exit 1
fi
count=$(nm -D --defined-only "$lib" | grep -c ' nlp_')
echo "exported nlp_* symbols: $count"
[ "$count" -gt 0 ] || { echo "no nlp_* symbol exported"; exit 1; }
objdump -p "$lib" | grep -q "SONAME *$soname\$" || { echo "soname is not $soname"; objdump -p "$lib" | grep SONAME; exit 1; }
echo "ok: only nlp_* exported, soname $soname"
