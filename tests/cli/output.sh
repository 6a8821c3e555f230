#!/bin/sh
# Output: --format json|jsonl|table|conll, --hf entities, one JSON object
# per line unless --pretty, no "-0.0000".
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }
bert=$shared/fixtures/bert-tiny-ner t5=$shared/fixtures/t5-tiny
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
text="Mike Tyson met Angela Merkel in New York City ."

jsonl=$($nlp ner run --model "$bert" "$text" "Paris")
[ "$(echo "$jsonl" | wc -l)" -eq 2 ] || fail "jsonl: one line per text"
json=$($nlp ner run --model "$bert" --format json "$text" "Paris")
[ "$(echo "$json" | wc -l)" -eq 1 ] || fail "--format json is one line"
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); assert isinstance(a, list) and len(a) == 2' \
  "$json" || fail "--format json is an array of the rows: $json"
pretty=$($nlp ner run --model "$bert" --format json --pretty "$text")
[ "$(echo "$pretty" | wc -l)" -gt 3 ] || fail "--pretty indents"
python3 - "$jsonl" "$($nlp ner run --model "$bert" --hf "$text")" <<'PY' || fail "--hf shape"
import json, sys
ours = json.loads(sys.argv[1].splitlines()[0])["entities"]
hf = json.loads(sys.argv[2])["entities"]
assert len(ours) == len(hf) and hf, (ours, hf)
for o, h in zip(ours, hf):
    assert list(h) == ["entity_group", "score", "word", "start", "end"], h
    assert (h["entity_group"], h["word"], h["start"], h["end"]) == (o["class"], o["text"], o["start"], o["end"])
PY
$nlp ner run --model "$bert" --format table "$text" | head -1 | grep -q '^type *start *end *score *text' \
  || fail "ner run table"
$nlp ner run --model "$bert" --aggregation average "$text" > /dev/null || fail "HF name average"
$nlp toxic classify --model "$t5" --format table "hello" | grep -q '^ok \|^toxic ' || fail "classify table"

# Reports: one line of JSON unless --pretty.
conll=$shared/data/conll2003/valid.txt
head -80 "$conll" > "$tmp/v.conll"
for cmd in "ner eval --model $bert --data $tmp/v.conll" \
           "ner compare --model $bert --model $bert --data $tmp/v.conll" \
           "ner score $tmp/v.conll $tmp/v.conll" \
           "toxic eval --model $t5 --data $shared/data/toxic-chat/toxicchat0124-human/test.csv --max-examples 4 --score-only" \
           "info $bert"; do
  [ "$($nlp $cmd --json | wc -l)" -eq 1 ] || fail "$cmd --json: not one line"
  [ "$($nlp $cmd --json --pretty | wc -l)" -gt 3 ] || fail "$cmd --json --pretty: not indented"
  $nlp $cmd --json | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "$cmd --json parses"
done
$nlp ner tag --model "$bert" --format jsonl "$tmp/v.conll" | head -1 \
  | grep -q '^{"tokens": \[.*\], "ner_tags": \[.*\], "predictions": \[' || fail "ner tag jsonl"

# Same model twice: every difference is zero and printed as +0.0000.
$nlp ner compare --model "$bert" --model "$bert" --data "$tmp/v.conll" | grep -q -- '-0\.0000' \
  && fail "ner compare prints -0.0000"
$nlp toxic compare --model "$t5" --model "$t5" --max-examples 4 --score-only \
  --data "$shared/data/toxic-chat/toxicchat0124-human/test.csv" | grep -q -- '-0\.0000' \
  && fail "toxic compare prints -0.0000"
echo "ok: output formats"
