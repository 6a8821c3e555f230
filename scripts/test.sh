#!/usr/bin/env bash
# Configure, build and run every test. The one test command of README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${NLP_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j 2
