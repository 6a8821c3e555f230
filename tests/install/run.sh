#!/bin/sh
# Install libnlp into a scratch prefix, then build and run a small C program
# against it twice: with pkg-config and with find_package(nlp CONFIG); and
# run the installed nlp command. With rpath=ON (any prefix but /usr) all of
# them must start without LD_LIBRARY_PATH.
set -eu
build=$1 src=$2 rpath=${3:-ON}
prefix=$build/test-scratch/install-prefix
out=$build/test-scratch/consumer
rm -rf "$prefix" "$out"
mkdir -p "$out"
cmake --install "$build" --prefix "$prefix" >/dev/null
pcdir=$(dirname "$(find "$prefix" -name nlp.pc | head -1)")
libdir=$(pkg-config --variable=libdir "$pcdir/nlp.pc")
export PKG_CONFIG_PATH="$pcdir"
unset LD_LIBRARY_PATH
case $rpath in
    ON|on|1|TRUE|true) run() { "$@"; } ;;
    *) run() { LD_LIBRARY_PATH=$libdir "$@"; } ;;
esac
cc -std=c99 -Wall -Werror -o "$out/consumer_pc" "$src/consumer.c" $(pkg-config --cflags --libs nlp)
run "$out/consumer_pc"
cmake -S "$src" -B "$out/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$out/cmake" >/dev/null
run "$out/cmake/consumer"
if [ -x "$prefix/bin/nlp" ]; then
    if [ "$rpath" = ON ]; then
        rp=$(readelf -d "$prefix/bin/nlp" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
        case $rp in
            '$ORIGIN/../'*) ;;
            *) echo "installed nlp: runpath '$rp', expected \$ORIGIN/../<libdir>"; exit 1 ;;
        esac
    fi
    v=$(run "$prefix/bin/nlp" --version)
    echo "installed command: $v"
    [ -n "$v" ]
fi
echo "ok: pkg-config and find_package(nlp CONFIG) consumers built and ran; installed nlp runs (rpath=$rpath)"
