#!/bin/sh
# Build the Debian packages libnlp0, libnlp-dev and nlp-tools:
#   scripts/package-deb.sh [BUILD_DIR]       (default: build-deb)
# Configures a /usr-prefix build (no runpath, as Debian wants), builds the
# library and the nlp command, and runs `cpack -G DEB`; the .deb files land
# in BUILD_DIR. Depends come from dpkg-shlibdeps.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-deb}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
    -DNLP_BUILD_TESTS=OFF -DNLP_BUILD_BENCH=OFF >/dev/null
cmake --build "$build"
rm -f "$build"/*.deb
(cd "$build" && cpack -G DEB >/dev/null)
ls "$build"/*.deb
