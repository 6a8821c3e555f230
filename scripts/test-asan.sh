#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer:
# the asan preset of CMakePresets.json (build-asan), every report fatal.
# ASAN_OPTIONS, LSAN_OPTIONS and UBSAN_OPTIONS come from the test preset;
# tests/sanitizers/*.supp hold the suppressions, each explained. The tests
# left out are listed below with the reason (docs/robustness.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset asan >/dev/null
nice cmake --build --preset asan
# packages_deb: builds and installs a second, uninstrumented /usr build;
#   nothing of the asan build is under test there.
# install_consumers: programs built against the installed library without
#   -fsanitize cannot start with an ASan libnlp.so ("ASan runtime does not
#   come first in initial library list") unless libasan is preloaded.
# bindings_python, bindings_python_pip, bindings_go, bindings_rust: the same
#   for CPython, go test and cargo test: every process would need libasan
#   preloaded, and LeakSanitizer then reports the interpreters' and
#   toolchains' own exit-time leaks. The C program behind their expected
#   results (bindings_expected) runs here.
excluded='^(packages_deb|install_consumers|bindings_python|bindings_python_pip|bindings_go|bindings_rust)$'
ctest --preset asan -j "${NLP_TEST_JOBS:-2}" -E "$excluded" "$@"
