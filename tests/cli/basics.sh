#!/bin/sh
# nlp basics: version, help, unknown command.
set -eu
nlp=$1 shared=$2
fail() { echo "FAIL: $*"; exit 1; }

$nlp --version | grep -q '^nlp 0\.1\.0$' || fail "--version"
$nlp --help | grep -q 'commands:' || fail "--help"
set +e; $nlp no-such-command 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "unknown command exit code $rc"
echo "ok: cli basics"
