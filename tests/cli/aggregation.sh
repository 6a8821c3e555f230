#!/bin/sh
# Hugging Face's aggregation names on `nlp ner run --hf`: "none" (one
# entity per token: entity, score, index, word, start, end) and "simple"
# (adjacent tokens grouped: entity_group, score, word, start, end), each
# against what transformers' TokenClassificationPipeline gives for the
# fixture's predictions (cases.json: its tokens and argmax labels).
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }
bert=$shared/fixtures/bert-tiny-ner
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cases=$bert/cases.json
# the fixture's first 4 sentences, one text per line
python3 - "$cases" > "$tmp/texts" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for c in (doc.get("cases") or doc)[:4]:
    print(" ".join(c["words"]))
PY
for agg in none simple; do
  $nlp ner run --model "$bert" --device cpu --hf --aggregation $agg < "$tmp/texts" \
      > "$tmp/$agg.jsonl" || fail "ner run --aggregation $agg: exit $?"
done
python3 - "$cases" "$tmp" <<'PY' || fail "aggregation none/simple differ from transformers"
import json, sys
doc = json.load(open(sys.argv[1]))
cases = (doc.get("cases") or doc)[:4]
id2label = {int(k): v for k, v in doc["id2label"].items()}
def rows(name):
    return [json.loads(l) for l in open(f"{sys.argv[2]}/{name}.jsonl")]
def tag(e):  # transformers' get_tag
    if e.startswith("B-") or e.startswith("I-"):
        return e[0], e[2:]
    return "I", e
bad, multi = [], 0
for c, none, simple in zip(cases, rows("none"), rows("simple")):
    text, toks, pred = none["text"], c["tokens"], c["pred_label_ids"]
    # none: every token but [CLS]/[SEP] whose label is not O
    want = [(id2label[p], i, toks[i]) for i, p in enumerate(pred)
            if 0 < i < len(toks) - 1 and id2label[p] != "O"]
    got = [(e["entity"], e["index"], e["word"]) for e in none["entities"]]
    if got != want:
        bad.append(f"none: {text!r}: {got} != {want}")
    for e in none["entities"]:
        if set(e) != {"entity", "score", "index", "word", "start", "end"}:
            bad.append(f"none keys {sorted(e)}")
        if text[e["start"]:e["end"]] != e["word"].removeprefix("##"):
            bad.append(f"none span {e}")
    # simple: group_entities over the tokens, O groups dropped
    groups, cur = [], []
    for i in range(1, len(toks) - 1):
        ent = id2label[pred[i]]
        if cur:
            bi, t = tag(ent)
            _, last_t = tag(id2label[pred[cur[-1]]])
            if t == last_t and bi != "B":
                cur.append(i)
                continue
            groups.append(cur)
        cur = [i]
    if cur:
        groups.append(cur)
    want = [(tag(id2label[pred[g[0]]])[1], len(g)) for g in groups
            if tag(id2label[pred[g[0]]])[1] != "O"]
    got = simple["entities"]
    if [e["entity_group"] for e in got] != [w[0] for w in want]:
        bad.append(f"simple: {text!r}: {[e['entity_group'] for e in got]} != {want}")
    multi += sum(n > 1 for _, n in want)
    for e in got:
        if set(e) != {"entity_group", "score", "word", "start", "end"}:
            bad.append(f"simple keys {sorted(e)}")
        if text[e["start"]:e["end"]] != e["word"]:
            bad.append(f"simple span {e}")
if multi == 0:
    bad.append("simple: no group of several tokens to test")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
# The non-HF shape and the table take the names too; a wrong one is a usage error.
$nlp ner run --model "$bert" --device cpu --aggregation none --format table "EU rejects German call" \
  > /dev/null || fail "--aggregation none --format table"
set +e; $nlp ner run --model "$bert" --aggregation median x 2> "$tmp/err"; rc=$?; set -e
[ $rc -eq 2 ] || fail "--aggregation median: exit $rc"
grep -q 'none' "$tmp/err" || fail "--aggregation median: the message lists no choices: $(cat "$tmp/err")"
echo "ok: aggregation none/simple as Hugging Face"
