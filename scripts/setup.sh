#!/usr/bin/env bash
# Fresh Debian 12 machine: install the packages, build libnlp and the nlp
# command. Prints where the command is.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
$sudo_cmd apt-get update
$sudo_cmd apt-get install -y --no-install-recommends $(grep -v '^#' .ci/packages.txt)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
echo "built: build/tools/nlp/nlp"
