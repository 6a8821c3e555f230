#!/bin/sh
# One input model: texts as arguments, '-' or nothing for stdin (one text a
# line), --jsonl rows with --text-field and their other fields kept,
# --on-error skip|stop; data files read by the library's readers, told
# apart by content and name identically by tag, eval and train.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }
bert=$shared/fixtures/bert-tiny-ner t5=$shared/fixtures/t5-tiny
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- text commands: arguments, '-', stdin, --jsonl ----
for cmd in "ner run --model $bert" "toxic classify --model $t5" \
           "t5 generate --model $t5 --max-new-tokens 2"; do
  a=$($nlp $cmd "EU rejects German call" "Peter Blackburn")
  [ "$(echo "$a" | wc -l)" -eq 2 ] || fail "$cmd: two texts, two lines: $a"
  b=$(printf 'EU rejects German call\n\nPeter Blackburn\n' | $nlp $cmd -)
  [ "$a" = "$b" ] || fail "$cmd: '-' reads one text a line: $b"
  c=$(printf 'EU rejects German call\nPeter Blackburn\n' | $nlp $cmd)
  [ "$a" = "$c" ] || fail "$cmd: no argument reads stdin: $c"
  d=$(printf '{"id": 7, "text": "EU rejects German call"}\n{"id": 8, "text": "Peter Blackburn"}\n' \
      | $nlp $cmd --jsonl)
  echo "$d" | head -1 | grep -q '^{"id": 7, "text": "EU rejects German call", ' \
    || fail "$cmd --jsonl keeps the other fields: $d"
  [ "$(echo "$d" | sed 's/^{"id": [0-9]*, /{/')" = "$a" ] || fail "$cmd --jsonl results: $d"
  e=$(echo '{"user_input": "Peter Blackburn", "toxicity": 0}' | $nlp $cmd --jsonl)
  echo "$e" | grep -q '^{"user_input": "Peter Blackburn", "toxicity": 0, ' \
    || fail "$cmd: toxic-chat's user_input is found: $e"
  f=$(echo '{"prompt": "Peter Blackburn"}' | $nlp $cmd --jsonl --text-field prompt)
  echo "$f" | grep -q '^{"prompt": "Peter Blackburn", ' || fail "$cmd --text-field: $f"
  # A bad line: stop (exit 1, its line named) or skip (reported, exit 0).
  printf '{"text": "Paris"}\nnot json\n{"txt": 1}\n{"text": "Rome"}\n' > "$tmp/bad.jsonl"
  set +e; $nlp $cmd --jsonl < "$tmp/bad.jsonl" > "$tmp/out" 2> "$tmp/err"; rc=$?; set -e
  [ $rc -eq 1 ] || fail "$cmd: a bad line stops with exit 1, got $rc"
  grep -q 'stdin:2: ' "$tmp/err" || fail "$cmd: stop names the line: $(cat "$tmp/err")"
  [ "$(wc -l < "$tmp/out")" -eq 1 ] || fail "$cmd: stop after the good first line"
  $nlp $cmd --jsonl --on-error skip < "$tmp/bad.jsonl" > "$tmp/out" 2> "$tmp/err" \
    || fail "$cmd --on-error skip: exit $?"
  [ "$(wc -l < "$tmp/out")" -eq 2 ] || fail "$cmd: skip keeps the two good lines"
  grep -q 'skipped line 2' "$tmp/err" && grep -q 'skipped line 3' "$tmp/err" \
    && grep -q '2 inputs skipped' "$tmp/err" || fail "$cmd: skip report: $(cat "$tmp/err")"
  set +e; $nlp $cmd --jsonl "text" 2> /dev/null; rc=$?; set -e
  [ $rc -eq 2 ] || fail "$cmd: --jsonl with texts is a usage error, got $rc"
done
# tokenize takes the same --on-error.
printf '{"text": "Paris"}\n{"bad": 1}\n{"text": "Rome"}\n' > "$tmp/tok.jsonl"
set +e; $nlp tokenize --model "$bert" < "$tmp/tok.jsonl" > /dev/null 2>&1; rc=$?; set -e
[ $rc -eq 1 ] || fail "tokenize stop: exit $rc"
[ "$($nlp tokenize --model "$bert" --on-error skip < "$tmp/tok.jsonl" 2>/dev/null | wc -l)" -eq 2 ] \
  || fail "tokenize --on-error skip"
echo "ok: one input model for run, classify, generate, tokenize"

# ---- data files: the library's reader, by content and name ----
head -60 "$shared/data/conll2003/valid.txt" > "$tmp/valid.conll"
# The same sentences as conll2003 JSON Lines with integer tags, in a file
# whose name says nothing: found by content.
awk 'BEGIN { split("O B-PER I-PER B-ORG I-ORG B-LOC I-LOC B-MISC I-MISC", n, " ");
             for (i in n) id[n[i]] = i - 1 }
     function flush() { if (w != "") print "{\"tokens\": [" w "], \"ner_tags\": [" t "]}"; w = t = "" }
     /^-DOCSTART-/ { next }
     NF == 0 { flush(); next }
     { gsub(/\\/, "\\\\", $1); gsub(/"/, "\\\"", $1)
       w = w (w == "" ? "" : ", ") "\"" $1 "\""; t = t (t == "" ? "" : ", ") id[$NF] }
     END { flush() }' "$tmp/valid.conll" > "$tmp/valid.data"
head -c 1 "$tmp/valid.data" | grep -q '{' || fail "jsonl conversion"
$nlp ner eval --model "$bert" --data "$tmp/valid.conll" --json > "$tmp/a.json"
$nlp ner eval --model "$bert" --data "$tmp/valid.data" --json > "$tmp/b.json" \
  || fail "ner eval reads conll2003 JSON Lines"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "ner eval: CoNLL and JSON Lines differ"
$nlp ner tag --model "$bert" "$tmp/valid.conll" > "$tmp/a.tag"
$nlp ner tag --model "$bert" "$tmp/valid.data" > "$tmp/b.tag"
cmp -s "$tmp/a.tag" "$tmp/b.tag" || fail "ner tag: CoNLL and JSON Lines differ"
awk 'NF != 0 && NF != 3 { exit 1 }' "$tmp/a.tag" || fail "ner tag: word gold predicted"
# ner tag --jsonl: untagged rows from stdin, other fields kept.
echo '{"id": "s1", "tokens": ["EU", "rejects", "German", "call"]}' \
  | $nlp ner tag --model "$bert" --jsonl --format jsonl \
  | grep -q '^{"id": "s1", "tokens": \["EU", "rejects", "German", "call"\], "predictions": \[' \
  || fail "ner tag --jsonl"
# One reader, one verdict: a ragged line fails tag and eval alike, naming it.
{ head -5 "$tmp/valid.conll"; echo "ragged line"; } > "$tmp/ragged.conll"
for cmd in "ner tag --model $bert $tmp/ragged.conll" \
           "ner eval --model $bert --data $tmp/ragged.conll"; do
  set +e; $nlp $cmd > /dev/null 2> "$tmp/err"; rc=$?; set -e
  [ $rc -eq 1 ] || fail "$cmd: exit $rc"
  grep -q "ragged.conll:6: 2 columns, expected 4" "$tmp/err" || fail "$cmd: $(cat "$tmp/err")"
done
# An empty file is an error, not a perfect score of nothing.
: > "$tmp/empty.conll"
set +e; $nlp ner eval --model "$bert" --data "$tmp/empty.conll" > /dev/null 2> "$tmp/err"; rc=$?; set -e
[ $rc -eq 1 ] && grep -q 'empty.conll: empty file' "$tmp/err" || fail "ner eval empty: $rc $(cat "$tmp/err")"
# Classification data by content too: JSON Lines named .txt.
tc=$shared/data/toxic-chat/toxicchat0124-human
cp "$tc/test.jsonl" "$tmp/rows.txt"
$nlp toxic eval --model "$t5" --data "$tmp/rows.txt" --max-examples 8 --score-only --json > "$tmp/c.json"
$nlp toxic eval --model "$t5" --data "$tc/test.jsonl" --max-examples 8 --score-only --json > "$tmp/d.json"
cmp -s "$tmp/c.json" "$tmp/d.json" || fail "toxic eval: data found by content"
set +e; $nlp toxic eval --model "$t5" --data "$tmp/valid.conll" > /dev/null 2> "$tmp/err"; rc=$?; set -e
[ $rc -eq 1 ] && grep -q 'looks like CoNLL columns' "$tmp/err" || fail "toxic eval of CoNLL: $(cat "$tmp/err")"
echo "ok: data files detected alike by tag, eval and train"

# tokenize takes texts as arguments too, as {"text": ...} lines would give.
a=$($nlp tokenize --model "$bert" "Peter Blackburn")
b=$(echo '{"text": "Peter Blackburn"}' | $nlp tokenize --model "$bert" -)
[ -n "$a" ] && [ "$a" = "$b" ] || fail "tokenize TEXT: $a vs $b"
echo "ok: tokenize arguments"
