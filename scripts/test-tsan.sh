#!/usr/bin/env bash
# ThreadSanitizer run of the threaded scenario (docs/robustness.md): a clang
# build (build-tsan, NLP_BUILD_TSAN=ON) of tests/sanitizers/threads.c with
# our C code instrumented and the C++ half from the normal build's libnlp.a;
# one tokenizer, one NER and one toxicity model shared by 4 threads.
#   scripts/test-tsan.sh [NORMAL_BUILD_DIR]   (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
normal=${1:-build}
build=${NLP_TSAN_BUILD_DIR:-build-tsan}
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNLP_BUILD_TSAN=ON -DNLP_BUILD_TESTS=OFF -DNLP_BUILD_TOOLS=OFF -DNLP_BUILD_BENCH=OFF \
    -DNLP_TSAN_LIBNLP_A="$PWD/$normal/lib/libnlp.a" >/dev/null
nice cmake --build "$build" --target tsan_threads
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=passive
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
"$build/tests/sanitizers/tsan_threads" "$PWD/../shared"
