#!/usr/bin/env bash
# valgrind memcheck over the C test programs and a program using libnlp.so
# (docs/robustness.md; the tests are tests/sanitizers/valgrind.cmake): every
# process must end with no memory error and 0 bytes definitely lost.
#   scripts/test-valgrind.sh [BUILD_DIR]   (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake -S . -B "$build" -G Ninja -DNLP_VALGRIND_TESTS=ON >/dev/null
# Leave the folder as it was: a plain ctest there should not run valgrind.
trap 'cmake -S . -B "$build" -DNLP_VALGRIND_TESTS=OFF >/dev/null' EXIT
nice cmake --build "$build"
rm -f "$build"/valgrind/*.log
status=0
ctest --test-dir "$build" -L valgrind -j "${NLP_TEST_JOBS:-2}" --output-on-failure || status=$?
# The figures: processes checked and what they lost.
for name in core text io metrics api_roundtrip; do
    logs=("$build"/valgrind/"$name".*.log)
    [ -e "${logs[0]}" ] || continue
    echo "valgrind $name: ${#logs[@]} processes;" \
        "$(grep -h 'definitely lost:' "${logs[@]}" | sed 's/^==[0-9]*== *//' | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
        "$(grep -h 'ERROR SUMMARY:' "${logs[@]}" | sed 's/^==[0-9]*== *//; s/ (suppressed.*//' | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
done
exit $status
