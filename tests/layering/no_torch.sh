#!/bin/sh
# The C rooms' test programs (core, text, io, metrics) link without
# libtorch: none of them NEEDs a libtorch or c10 library.
set -eu
[ $# -gt 0 ] || { echo "usage: no_torch.sh PROGRAM..."; exit 2; }
status=0
for prog in "$@"; do
    needed=$(readelf -d "$prog" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    [ -n "$needed" ] || { echo "FAIL: $prog: no NEEDED entries read"; status=1; continue; }
    torch=$(printf '%s\n' "$needed" | grep -E '^lib(torch|c10|gloo|caffe2)' || true)
    if [ -n "$torch" ]; then
        echo "FAIL: $prog needs" $torch; status=1
    else
        echo "ok: $(basename "$prog") needs no libtorch"
    fi
done
exit $status
