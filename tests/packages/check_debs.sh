#!/bin/sh
# Build the .deb packages (scripts/package-deb.sh), unpack them into a
# throwaway root, and there build and run a C program (pkg-config), the nlp
# command and the Python binding against the installed copy; check the
# derived Depends and that lintian reports only tags docs/packaging.md
# explains.
#   check_debs.sh SOURCE_DIR DEB_BUILD_DIR SHARED_DIR PYTHON
set -eu
src=$1 debbuild=$2 shared=$3 python=$4
"$src/scripts/package-deb.sh" "$debbuild" >/dev/null
root=$debbuild/test-root
rm -rf "$root"
mkdir -p "$root"
for deb in "$debbuild"/*.deb; do
    dpkg -x "$deb" "$root"
done
field() { dpkg-deb -f "$debbuild"/"$1"_*.deb "$2"; }

# Depends come from dpkg-shlibdeps: the library's own dependencies appear.
field libnlp0 Depends | grep -q 'libtorch1.13' || { echo "libnlp0 Depends lacks libtorch: $(field libnlp0 Depends)"; exit 1; }
field nlp-tools Depends | grep -q 'libnlp0' || { echo "nlp-tools Depends lacks libnlp0"; exit 1; }
field libnlp-dev Depends | grep -q 'libnlp0 (= ' || { echo "libnlp-dev Depends lacks libnlp0"; exit 1; }
echo "Depends: libnlp0: $(field libnlp0 Depends)"

pc=$(find "$root" -name nlp.pc)
libdir=$(dirname "$(find "$root" -name 'libnlp.so.0')")
[ -f "$root/usr/include/nlp/nlp.h" ] && [ -L "$libdir/libnlp.so" ] && [ -f "$root/usr/share/man/man1/nlp.1.gz" ]
if readelf -d "$root/usr/bin/nlp" | grep -q -E 'RPATH|RUNPATH'; then
    echo "FAIL: /usr/bin/nlp carries a runpath"; exit 1
fi
# The unpacked root is not on the loader's path, as an installed /usr would be.
export LD_LIBRARY_PATH=$libdir

out=$debbuild/test-consumer
mkdir -p "$out"
PKG_CONFIG_PATH=$(dirname "$pc") sh -c 'cc -std=c99 -Wall -Werror -o "$1" "$2" $(pkg-config --cflags --libs nlp)' \
    sh "$out/consumer" "$src/tests/install/consumer.c"
"$out/consumer"

"$root/usr/bin/nlp" --version
"$root/usr/bin/nlp" ner run --model "$shared/fixtures/bert-tiny-ner" "Mike Müller flew to Zürich ." >/dev/null
zcat "$root/usr/share/man/man1/nlp.1.gz" | grep -q '^.SH COMMANDS'
zcat "$root/usr/share/man/man1/nlp-ner-run.1.gz" | grep -q -- '^.B \\-\\-model'

NLP_LIBRARY=$libdir/libnlp.so.0 PYTHONPATH=$src/bindings/python NLP_SHARED_DIR=$shared \
    "$python" "$src/tests/bindings/doc_example.py" "$src" "$src/docs/bindings/python.md" -- \
    "$python" "$src/bindings/python/examples/quickstart.py"

# lintian: every tag it reports must be explained in docs/packaging.md.
if command -v lintian >/dev/null; then
    tags=$(lintian --tag-display-limit 0 "$debbuild"/*.deb 2>/dev/null | awk -F': ' '/^[EWIP]: / {print $3}' | awk '{print $1}' | sort -u)
    for t in $tags; do
        grep -q "\`$t\`" "$src/docs/packaging.md" || { echo "FAIL: lintian tag $t is not explained in docs/packaging.md"; exit 1; }
    done
    echo "lintian tags, all explained in docs/packaging.md: $(echo $tags)"
fi
echo "ok: libnlp0, libnlp-dev, nlp-tools unpack and work (C program, nlp, Python binding)"
