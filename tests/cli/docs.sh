#!/bin/sh
# Every command in README.md and docs/*.md that uses shipped files runs as
# written from the repository root (see doc_commands.py for the rules).
set -eu
nlp=$1 shared=$2
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/doc_commands.py" "$nlp" "$here/../.." "$shared"
