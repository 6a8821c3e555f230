#!/bin/sh
# nlp ner train|eval|compare and nlp toxic train|eval|compare on the fixtures.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }

# ---- nlp ner train / eval / compare ----
fx_ner=$shared/fixtures/bert-tiny-ner
if [ -d "$fx_ner" ]; then
  tt=$(mktemp -d)
  conll=$shared/data/conll2003
  $nlp ner train --model "$fx_ner" --train "$conll/train.txt" --eval "$conll/valid.txt" \
      --out "$tt/run" --max-train-examples 32 --max-eval-examples 16 --batch-size 8 \
      --epochs 1 --lr 1e-3 --logging-steps 2 > "$tt/report.json" 2> "$tt/progress.txt" \
    || fail "ner train"
  grep -q '"steps": 4,' "$tt/report.json" || fail "ner train report: $(cat "$tt/report.json")"
  grep -q '^step 2/4 epoch' "$tt/progress.txt" || fail "ner train plain progress lines"
  grep -q '^eval step 4 ' "$tt/progress.txt" || fail "ner train eval line"
  for f in config.json model.safetensors vocab.txt trainer_state.json log.jsonl curves.svg \
           checkpoint-4/optimizer.safetensors; do
    [ -f "$tt/run/$f" ] || fail "ner train wrote no $f"
  done
  grep -q '"eval_overall_f1"' "$tt/run/log.jsonl" || fail "log.jsonl has no evaluation"
  head -60 "$conll/test.txt" > "$tt/small.conll"
  $nlp ner eval --model "$tt/run" --data "$tt/small.conll" --json > "$tt/eval.json" \
    || fail "ner eval"
  for key in '"micro avg"' '"macro avg"' '"weighted avg"' '"accuracy"' '"f1-score"'; do
    grep -q -- "$key" "$tt/eval.json" || fail "ner eval --json lacks $key"
  done
  $nlp ner eval --model "$tt/run" --data "$tt/small.conll" | grep -q 'token accuracy' \
    || fail "ner eval table"
  $nlp ner compare --model "$fx_ner" --model "$tt/run" --data "$tt/small.conll" \
    | grep -q '^micro avg' || fail "ner compare table"
  $nlp ner compare --model "$fx_ner" --model "$tt/run" --data "$tt/small.conll" --json \
    | grep -q '"f1_diff"' || fail "ner compare --json"
  # --resume with a larger --max-steps trains on to it, and says so.
  $nlp ner train --model "$fx_ner" --train "$conll/train.txt" --out "$tt/run" \
      --max-train-examples 32 --batch-size 8 --epochs 1 --lr 1e-3 --logging-steps 1 \
      --resume "$tt/run/checkpoint-4" --max-steps 6 > "$tt/report2.json" 2> "$tt/progress2.txt" \
    || fail "ner train --resume: $(cat "$tt/progress2.txt")"
  grep -q '"steps": 6,' "$tt/report2.json" || fail "resume to --max-steps: $(cat "$tt/report2.json")"
  grep -q "^resumed from $tt/run/checkpoint-4: training to step 6 (--max-steps)" \
    "$tt/progress2.txt" || fail "resume line: $(cat "$tt/progress2.txt")"
  set +e; $nlp ner train --model "$fx_ner" 2>/dev/null; rc=$?; set -e
  [ $rc -eq 2 ] || fail "ner train without --train/--out: exit $rc"
  rm -rf "$tt"
  echo "ok: ner train/eval/compare"
fi

# ---- nlp toxic eval / compare ----
fx_t5=$shared/fixtures/t5-tiny
tc=$shared/data/toxic-chat/toxicchat0124-human
if [ -d "$fx_t5" ] && [ -f "$tc/test.csv" ]; then
  out=$($nlp toxic eval --model "$fx_t5" --data "$tc/test.csv" --max-examples 20 --score-only --json) \
    || fail "toxic eval"
  for key in '"accuracy"' '"precision"' '"recall"' '"f1"' '"auprc"' '"confusion": \[\[' \
             '"support"'; do
    echo "$out" | grep -q -- "$key" || fail "toxic eval --json lacks $key: $out"
  done
  # CSV and JSON Lines of the same split give the same scores.
  out2=$($nlp toxic eval --model "$fx_t5" --data "$tc/test.jsonl" --max-examples 20 --score-only --json)
  [ "$out" = "$out2" ] || fail "toxic eval csv vs jsonl: $out / $out2"
  $nlp toxic compare --model "$fx_t5" --model "$fx_t5" --data "$tc/test.csv" --max-examples 8 \
      --score-only | grep -q '^f1 .*+0.0000$' || fail "toxic compare of a model with itself"
  set +e; $nlp toxic eval --model "$fx_t5" 2>/dev/null; rc=$?; set -e
  [ $rc -eq 2 ] || fail "toxic eval without --data: exit $rc"
  echo "ok: toxic eval/compare"

  # ---- nlp toxic train, then eval of what it wrote ----
  tt=$(mktemp -d)
  $nlp toxic train --model "$fx_t5" --train "$tc/train.csv" --eval "$tc/test.jsonl" \
      --out "$tt/run" --max-train-examples 32 --max-eval-examples 16 --batch-size 8 \
      --epochs 1 --lr 1e-2 --max-length 48 --logging-steps 2 --balance oversample \
      --prefix 'ToxicChat: ' --labels positive,negative \
      > "$tt/report.json" 2> "$tt/progress.txt" || fail "toxic train: $(cat "$tt/progress.txt")"
  grep -q '"steps": ' "$tt/report.json" || fail "toxic train report: $(cat "$tt/report.json")"
  grep -q '^eval step ' "$tt/progress.txt" || fail "toxic train eval line"
  for f in config.json model.safetensors spiece.model trainer_state.json log.jsonl curves.svg; do
    [ -f "$tt/run/$f" ] || fail "toxic train wrote no $f"
  done
  grep -q '"eval_auprc"' "$tt/run/log.jsonl" || fail "log.jsonl has no toxicity evaluation"
  grep -q '"prefix": "ToxicChat: "' "$tt/run/config.json" || fail "config.json lacks the prefix"
  grep -q '"word": "positive"' "$tt/run/config.json" || fail "config.json lacks the label words"
  # Prefix and label words come from config.json.
  $nlp toxic eval --model "$tt/run" --data "$tc/test.csv" --max-examples 8 --json \
    | grep -q '"auprc"' || fail "toxic eval of the trained model"
  set +e; $nlp toxic train --model "$fx_t5" --train "$tc/train.csv" --out "$tt/x" \
      --balance sometimes 2>/dev/null; rc=$?; set -e
  [ $rc -eq 2 ] || fail "toxic train --balance sometimes: exit $rc"
  rm -rf "$tt"
  echo "ok: toxic train"
fi
