#!/usr/bin/env bash
# Build the libFuzzer targets with clang and fuzz each for a while
# (docs/robustness.md). CI runs it with --seconds 60 --seed 1.
#
#   scripts/fuzz.sh [--seconds N] [--runs N] [--seed N] [--jobs K] [--build DIR]
#                   [--libnlp-a FILE] [--work DIR] [--no-build] [TARGET...]
#
# --seconds  time per target (default 60)
# --runs     also stop each target after N inputs (default: no limit)
# --seed     libFuzzer's random seed (default 0: a new one each run). CI
#            passes a fixed seed so that its run is a prefix of one known
#            sequence, which a longer local run with that seed has covered.
# --jobs     targets fuzzed at once (default 2), each at nice 19
# --build    the clang build folder (default build-fuzz)
# --libnlp-a a normal build's lib/libnlp.a, for the NER and toxicity targets
#            (default build/lib/libnlp.a when it exists)
# --work     corpora, logs and crash artifacts (default <build>/fuzz-work)
# TARGETS    default: every fuzz_* target the build made
#
# Each target starts from its checked-in seeds (tests/fuzz/corpus/<target>)
# and regressions (tests/fuzz/regressions/<target>), which it only reads; new
# inputs go to <work>/corpus/<target>. A crash, leak, sanitizer report or
# timeout fails the script, leaving the input in <work>/artifacts (add it
# under tests/fuzz/regressions/<target>/ once the library is fixed). A
# target whose fixture is absent exits 77 and is reported as skipped. The
# summary line per target gives libFuzzer's figures: runs, cov, ft, corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60 runs=-1 seed=0 jobs=2 build=build-fuzz libnlp_a="" work="" do_build=1
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --libnlp-a) libnlp_a=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --no-build) do_build=0; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ -n "$libnlp_a" ] || { [ -f build/lib/libnlp.a ] && libnlp_a=$PWD/build/lib/libnlp.a; } || true
work=${work:-$build/fuzz-work}

if [ "$do_build" = 1 ]; then
    CC=${FUZZ_CC:-clang} CXX=${FUZZ_CXX:-clang++} cmake -S . -B "$build" -G Ninja \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNLP_BUILD_FUZZ=ON -DNLP_BUILD_TESTS=OFF \
        -DNLP_BUILD_TOOLS=OFF -DNLP_BUILD_BENCH=OFF -DNLP_FUZZ_LIBNLP_A="$libnlp_a" >/dev/null
    nice cmake --build "$build" --target fuzz
fi
if [ ${#targets[@]} -eq 0 ]; then
    for f in "$build"/tests/fuzz/fuzz_*; do
        [ -x "$f" ] && targets+=("$(basename "$f")")
    done
fi
mkdir -p "$work/corpus" "$work/artifacts" "$work/logs"

# Leaks are checked for the C targets; libtorch keeps per-process caches
# (thread pools, allocator state) that LeakSanitizer cannot tell from a leak
# in the targets that run libtorch code, so those run with detect_leaks=0
# (the asan preset and valgrind cover the library's own frees there).
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_odr_violation=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export OMP_NUM_THREADS=1 OMP_WAIT_POLICY=passive

fuzz_one() {
    local t=$1 leaks=1
    case "$t" in fuzz_pickle|fuzz_ner_run|fuzz_toxic_classify) leaks=0 ;; esac
    mkdir -p "$work/corpus/$t" tests/fuzz/regressions/"$t"
    local rc=0
    # libFuzzer's own failure codes are moved off 77, which means "skipped".
    nice -n 19 "$build/tests/fuzz/$t" -max_total_time="$seconds" -runs="$runs" -seed="$seed" \
        -timeout=30 \
        -error_exitcode=1 -timeout_exitcode=2 \
        -rss_limit_mb=4096 -detect_leaks=$leaks -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$t-" \
        "$work/corpus/$t" tests/fuzz/corpus/"$t" tests/fuzz/regressions/"$t" \
        >"$work/logs/$t.log" 2>&1 || rc=$?
    local done_line runs corpus
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/logs/$t.log" | tail -1 || true)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/logs/$t.log" | tail -1)
    corpus=$(find "$work/corpus/$t" -type f | wc -l)
    if [ "$rc" = 77 ]; then
        echo "$t: SKIPPED ($(grep -m1 SKIP "$work/logs/$t.log" || true))"
        return 0
    fi
    echo "$t: rc=$rc runs=${runs:-?} corpus_files=$corpus ${done_line:-no DONE line}"
    [ "$rc" = 0 ] || { tail -40 "$work/logs/$t.log" >&2; return 1; }
}

failed=0
running=0
pids=()
for t in "${targets[@]}"; do
    fuzz_one "$t" &
    pids+=($!)
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done
[ "$failed" = 0 ] || { echo "fuzz.sh: a target failed; inputs in $work/artifacts" >&2; exit 1; }
echo "fuzz.sh: ${#targets[@]} targets, ${seconds}s each: no finding"
