#!/bin/sh
# The ABI baseline of libnlp (abi/<soname>.abi, libabigail's abidw XML).
#
#   scripts/abi-baseline.sh [BUILD_DIR]          regenerate it, on purpose
#   scripts/abi-baseline.sh --check [BUILD_DIR]  compare the build with it
#
# --check fails (exit 1) on an incompatible change (a removed function, a
# changed struct layout or parameter type), unless the soname's major
# changed too; compatible additions pass with the report shown. It exits 77
# (ctest: skipped) when the library has no debug info to read.
# The build must be RelWithDebInfo or Debug (types come from DWARF).
set -eu
cd "$(dirname "$0")/.."
mode=write
if [ "${1:-}" = --check ]; then mode=check; shift; fi
build=${1:-build}
lib=$(ls "$build"/lib/libnlp.so.[0-9]* 2>/dev/null | grep -E 'libnlp\.so\.[0-9]+$' | head -1 || true)
[ -n "$lib" ] || { echo "abi-baseline: no libnlp.so.N in $build/lib: build first" >&2; exit 1; }
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
baseline=${NLP_ABI_BASELINE:-abi/$soname.abi}

dump() {
    abidw --exported-interfaces-only --headers-dir include/nlp --drop-private-types \
        --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed \
        --type-id-style hash --out-file "$2" "$1"
}

if ! readelf -S "$lib" | grep -q '\.debug_info'; then
    echo "abi-baseline: $lib has no debug info (configure with RelWithDebInfo)" >&2
    exit 77
fi

if [ $mode = write ]; then
    mkdir -p abi
    dump "$lib" "$baseline"
    echo "wrote $baseline ($(grep -c '<elf-symbol ' "$baseline") symbols); commit it with the change that needs it"
    exit 0
fi

if [ ! -f "$baseline" ]; then
    old=$(ls abi/libnlp.so.*.abi 2>/dev/null | head -1 || true)
    if [ -n "$old" ]; then
        echo "ok: soname is now $soname (baseline $old): the major changed, so the ABI may break;"
        echo "    run scripts/abi-baseline.sh to record $baseline and git rm $old"
        exit 0
    fi
    echo "abi-baseline: no baseline in abi/: run scripts/abi-baseline.sh" >&2
    exit 1
fi
current=$(mktemp "${TMPDIR:-/tmp}/nlp-abi.XXXXXX")
trap 'rm -f "$current"' EXIT
dump "$lib" "$current"
set +e
abidiff --no-show-locs "$baseline" "$current"
rc=$?
set -e
if [ $((rc & 3)) -ne 0 ]; then
    echo "abi-baseline: abidiff failed (exit $rc)" >&2
    exit 1
fi
if [ $((rc & 8)) -ne 0 ]; then
    echo "FAIL: incompatible ABI change against $baseline (see above). Either undo it, or" >&2
    echo "bump NLP_SOVERSION (soname major) in CMakeLists.txt; a change made on purpose in" >&2
    echo "0.x is recorded with scripts/abi-baseline.sh (docs/abi.md, \"ABI baseline\")." >&2
    exit 1
fi
if [ $((rc & 4)) -ne 0 ]; then
    echo "ok: compatible ABI changes (additions) against $baseline; record them with scripts/abi-baseline.sh"
else
    echo "ok: the ABI equals $baseline"
fi
