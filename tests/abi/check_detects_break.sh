#!/bin/sh
# The ABI check must fail on a break: a baseline whose library had one more
# function (nlp_version_removed) stands for a library from which this build
# removed it.
set -eu
src=$1 build=$2
tmp=$build/test-scratch/abi-break
mkdir -p "$tmp"
sed -e "s/'nlp_version'/'nlp_version_removed'/g" "$src/abi/libnlp.so.0.abi" > "$tmp/removed.abi"
grep -q nlp_version_removed "$tmp/removed.abi"
rc=0
NLP_ABI_BASELINE=$tmp/removed.abi "$src/scripts/abi-baseline.sh" --check "$build" >"$tmp/out" 2>&1 || rc=$?
[ $rc -ne 77 ] || exit 77
if [ $rc -eq 0 ]; then
    cat "$tmp/out"; echo "FAIL: a removed function passed the ABI check"; exit 1
fi
grep -q "incompatible ABI change" "$tmp/out" || { cat "$tmp/out"; exit 1; }
echo "ok: a removed function fails the ABI check"
