#!/bin/sh
# Error messages: the path once, the one missing thing named, no complaint
# about options the user never set, nlp init never overwrites silently.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }
bert=$shared/fixtures/bert-tiny-ner t5=$shared/fixtures/t5-tiny
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect1() { # expect1 'pattern' args...: exit 1, message matches
  want=$1; shift
  set +e; $nlp "$@" > /dev/null 2> "$tmp/err"; rc=$?; set -e
  [ $rc -eq 1 ] || fail "nlp $*: exit $rc, want 1 ($(cat "$tmp/err"))"
  grep -q -- "$want" "$tmp/err" || fail "nlp $*: '$(cat "$tmp/err")' lacks '$want'"
}
for cmd in "ner run --model $tmp/nope x" "toxic classify --model $tmp/nope x" \
           "t5 generate --model $tmp/nope x" "ner eval --model $bert --data $tmp/nope.conll" \
           "ner tag --model $bert $tmp/nope.conll" "info $tmp/nope"; do
  expect1 "$tmp/nope" $cmd
  n=$(grep -o "$tmp/nope" "$tmp/err" | wc -l)
  [ "$n" -eq 1 ] || fail "nlp $cmd names the path $n times: $(cat "$tmp/err")"
done
# --max-length alone: the default stride shrinks to fit; no stride message.
$nlp ner run --model "$bert" --max-length 3 "Angela Merkel visited Paris" > /dev/null 2> "$tmp/err" \
  || fail "--max-length 3: $(cat "$tmp/err")"
$nlp ner run --model "$bert" --max-length 8 "Angela Merkel visited Paris" > /dev/null \
  || fail "--max-length 8"
# nlp init refuses a folder with files unless --force.
mkdir "$tmp/out"; echo keep > "$tmp/out/notes.txt"
expect1 "not empty; give --force" init --arch bert --config "$bert/config.json" "$tmp/out"
[ "$(cat "$tmp/out/notes.txt")" = keep ] || fail "init touched the folder"
$nlp init --arch bert --config "$bert/config.json" --force "$tmp/out" || fail "init --force"
$nlp init --arch bert --config "$bert/config.json" "$tmp/new" || fail "init into a new folder"
echo "ok: error messages"
