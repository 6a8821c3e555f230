#!/bin/sh
# Install libnlp into a scratch prefix, then build and run a small C program
# against it twice: with pkg-config and with find_package(nlp CONFIG).
set -eu
build=$1 src=$2
prefix=$build/test-scratch/install-prefix
out=$build/test-scratch/consumer
rm -rf "$prefix" "$out"
mkdir -p "$out"
cmake --install "$build" --prefix "$prefix" >/dev/null
pcdir=$(dirname "$(find "$prefix" -name nlp.pc | head -1)")
libdir=$(pkg-config --variable=libdir "$pcdir/nlp.pc")
export PKG_CONFIG_PATH="$pcdir"
cc -std=c99 -Wall -Werror -o "$out/consumer_pc" "$src/consumer.c" $(pkg-config --cflags --libs nlp)
LD_LIBRARY_PATH=$libdir "$out/consumer_pc"
cmake -S "$src" -B "$out/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$out/cmake" >/dev/null
LD_LIBRARY_PATH=$libdir "$out/cmake/consumer"
echo "ok: pkg-config and find_package(nlp CONFIG) consumers built and ran"
