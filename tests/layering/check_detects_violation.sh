#!/bin/sh
# check_layers.py must fail on a crafted violation and pass the same objects
# once the violation is gone: core/bad.o calls a function of api/high.o, and
# task/export.o defines an exported nlp_ function outside lib/api.
set -eu
python=$1 cc=$2 checker=$3 scratch=$4
rm -rf "$scratch"
mkdir -p "$scratch/bad/x.dir/core" "$scratch/bad/x.dir/api" "$scratch/bad/x.dir/task" \
         "$scratch/good/x.dir/core" "$scratch/good/x.dir/api"
cat > "$scratch/high.c" <<'C'
int nlp__high_room_helper(void) { return 1; }
C
cat > "$scratch/low_bad.c" <<'C'
int nlp__high_room_helper(void);
int nlp__low_room_caller(void) { return nlp__high_room_helper(); }
C
cat > "$scratch/low_good.c" <<'C'
int nlp__low_room_caller(void) { return 0; }
C
cat > "$scratch/export.c" <<'C'
int nlp_exported_in_task(void) { return 2; }
C
"$cc" -c "$scratch/high.c" -o "$scratch/bad/x.dir/api/high.o"
"$cc" -c "$scratch/low_bad.c" -o "$scratch/bad/x.dir/core/bad.o"
"$cc" -c "$scratch/export.c" -o "$scratch/bad/x.dir/task/export.o"
"$cc" -c "$scratch/high.c" -o "$scratch/good/x.dir/api/high.o"
"$cc" -c "$scratch/low_good.c" -o "$scratch/good/x.dir/core/good.o"

rc=0
"$python" "$checker" "$scratch/bad" > "$scratch/bad.out" 2>&1 || rc=$?
if [ $rc -eq 0 ]; then
    cat "$scratch/bad.out"; echo "FAIL: a crafted layering violation passed"; exit 1
fi
grep -q "core/bad.o references nlp__high_room_helper, defined in the higher room api" \
    "$scratch/bad.out" || { cat "$scratch/bad.out"; echo "FAIL: upward call not named"; exit 1; }
grep -q "task/export.o defines the exported nlp_exported_in_task outside lib/api" \
    "$scratch/bad.out" || { cat "$scratch/bad.out"; echo "FAIL: stray export not named"; exit 1; }
"$python" "$checker" "$scratch/good" > "$scratch/good.out" 2>&1 || {
    cat "$scratch/good.out"; echo "FAIL: objects without a violation were refused"; exit 1; }
echo "ok: the layering check names an upward call and a stray export, and passes clean objects"
