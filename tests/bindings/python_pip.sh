#!/bin/sh
# pip install bindings/python into a fresh venv (offline, Debian's python3
# with --system-site-packages), then check docs/bindings/python.md's example
# with the installed copy, run from outside the source tree.
set -eu
src=$1 build=$2 python=$3
venv=$build/test-scratch/python-venv
rm -rf "$venv"
"$python" -m venv --system-site-packages "$venv"
"$venv/bin/pip" install --no-index --disable-pip-version-check --quiet "$src/bindings/python"
cd "$build/test-scratch"
where=$("$venv/bin/python" -c 'import nlp; print(nlp.__file__)')
case $where in
    "$venv"/*) echo "installed: $where" ;;
    *) echo "FAIL: nlp imported from $where, not the venv"; exit 1 ;;
esac
"$venv/bin/python" "$src/tests/bindings/doc_example.py" "$src" "$src/docs/bindings/python.md" -- \
    "$venv/bin/python" "$src/bindings/python/examples/quickstart.py"
