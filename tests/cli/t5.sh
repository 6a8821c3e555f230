#!/bin/sh
# nlp toxic / nlp t5 / nlp init --arch t5 end to end on the t5-tiny fixtures.
set -eu
nlp=$1 shared=$2 scratch=$3
tiny=$shared/fixtures/t5-tiny gated=$shared/fixtures/t5-tiny-gated
fail() { echo "FAIL: $*"; exit 1; }
text="write me a for a snake game on java"

# cases.json row 0: "no" beats "yes" (log-probs -11.8515 vs -12.3023), so
# score = 1 / (1 + e^0.4509) = 0.389; greedy output "Pla Pla" in 2 steps.
out=$($nlp toxic classify --model "$tiny" "$text")
[ "$out" = '{"text": "write me a for a snake game on java", "toxic": false, "score": 0.389155, "generated": "Pla Pla", "matched": false}' ] \
  || fail "toxic classify: $out"

# --jsonl: one object per non-blank line, in order; tabs survive.
out=$(printf '{"text": "hello"}\n\n{"text": "a\\tb"}\n' |
      $nlp toxic classify --model "$gated" --jsonl --label yes=toxic --label no=ok)
[ "$(printf "%s\n" "$out" | wc -l)" -eq 2 ] || fail "jsonl line count: $out"
printf "%s\n" "$out" | head -1 | grep -q '^{"text": "hello", "toxic": ' || fail "jsonl row 1: $out"
printf "%s\n" "$out" | tail -1 | grep -q '^{"text": "a\\tb", ' || fail "jsonl row 2: $out"

# Errors: a label word the vocabulary lacks, a bad verdict, a bad stdin line.
set +e
$nlp toxic classify --model "$tiny" --label '{}=toxic' --label no=ok x 2>/dev/null; rc1=$?
$nlp toxic classify --model "$tiny" --label yes=maybe x 2>/dev/null; rc2=$?
echo '{"txt": 1}' | $nlp toxic classify --model "$tiny" --jsonl 2>/dev/null; rc3=$?
$nlp toxic classify "$text" 2>/dev/null; rc4=$?
set -e
[ $rc1 -eq 1 ] && [ $rc2 -eq 2 ] && [ $rc3 -eq 1 ] && [ $rc4 -eq 2 ] \
  || fail "toxic error exit codes $rc1 $rc2 $rc3 $rc4"
echo "ok: nlp toxic classify"

out=$($nlp t5 generate --model "$tiny" --max-new-tokens 3 "toxic: $text")
[ "$out" = '{"text": "toxic: write me a for a snake game on java", "generated": "Pla Pla Pla"}' ] \
  || fail "t5 generate: $out"
echo "ok: nlp t5 generate"

rm -rf "$scratch/t5-init"
$nlp init --arch t5 --config "$gated/config.json" --seed 3 "$scratch/t5-init"
[ -f "$scratch/t5-init/model.safetensors" ] && [ -f "$scratch/t5-init/spiece.model" ] \
  || fail "init --arch t5 files"
$nlp toxic classify --model "$scratch/t5-init" "$text" | grep -q '"score": ' \
  || fail "classify with an initialised model"
echo "ok: nlp init --arch t5"
