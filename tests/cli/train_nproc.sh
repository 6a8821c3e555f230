#!/bin/sh
# nlp ner|toxic train --nproc 2: two local ranks (Gloo on 127.0.0.1, a free
# port), one report from rank 0, a checkpoint that records the world size.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }
tt=$(mktemp -d)
trap 'rm -rf "$tt"' EXIT

fx_ner=$shared/fixtures/bert-tiny-ner
if [ -d "$fx_ner" ]; then
  conll=$shared/data/conll2003
  timeout 300 $nlp ner train --nproc 2 --model "$fx_ner" --train "$conll/train.txt" \
      --eval "$conll/valid.txt" --out "$tt/ner" --max-train-examples 32 \
      --max-eval-examples 16 --batch-size 4 --max-steps 4 --lr 1e-3 --logging-steps 2 \
      > "$tt/ner.json" 2> "$tt/ner.err" || fail "ner train --nproc 2: $(cat "$tt/ner.err")"
  [ "$(grep -c '"steps": 4,' "$tt/ner.json")" = 1 ] \
    || fail "one report (rank 0) with 4 steps: $(cat "$tt/ner.json")"
  grep -q '"world_size": 2' "$tt/ner/checkpoint-4/trainer_state.json" \
    || fail "the checkpoint records 2 ranks"
  grep -q '"eval_overall_f1"' "$tt/ner/log.jsonl" || fail "rank 0 logged the evaluation"
  $nlp ner train --nproc 0 --model "$fx_ner" --train x --out "$tt/bad" 2> "$tt/bad.err" \
    && fail "--nproc 0 accepted"
  grep -q -- '--nproc' "$tt/bad.err" || fail "the error names --nproc: $(cat "$tt/bad.err")"
  $nlp ner train --nproc 2 --help | grep -q -- '--nproc-per-node' || fail "--nproc 2 --help"
fi

fx_t5=$shared/fixtures/t5-tiny
train_csv=$shared/data/toxic-chat/toxicchat0124-human/train.csv
if [ -d "$fx_t5" ] && [ -f "$train_csv" ]; then
  timeout 300 $nlp toxic train --nproc 2 --model "$fx_t5" --train "$train_csv" \
      --eval "$train_csv" --out "$tt/toxic" --max-train-examples 16 --max-eval-examples 8 \
      --batch-size 2 --max-steps 2 --lr 1e-3 --max-length 32 \
      > "$tt/toxic.json" 2> "$tt/toxic.err" \
    || fail "toxic train --nproc 2: $(cat "$tt/toxic.err")"
  grep -q '"steps": 2,' "$tt/toxic.json" || fail "toxic report: $(cat "$tt/toxic.json")"
fi
echo ok
