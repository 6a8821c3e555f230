#!/bin/sh
# nlp basics: version, help, unknown command.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }

# The version the header states (one place to change at a release).
header=$(dirname "$0")/../../include/nlp/nlp.h
want=$(sed -n 's/^#define NLP_VERSION_STRING "\(.*\)"$/\1/p' "$header")
[ -n "$want" ] || fail "no NLP_VERSION_STRING in $header"
[ "$($nlp --version)" = "nlp $want" ] || fail "--version: $($nlp --version), want nlp $want"
$nlp --help | grep -q 'commands:' || fail "--help"
set +e; $nlp no-such-command 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "unknown command exit code $rc"
echo "ok: cli basics"
