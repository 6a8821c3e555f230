#!/usr/bin/env python3
"""Check a binding guide's example: the code block after
`<!-- example: PATH -->` in the Markdown file must equal PATH (relative to
the repository), and the block after `<!-- output -->` must equal the
standard output of COMMAND (which runs that file).

    doc_example.py REPO DOC.md -- COMMAND...
"""
import pathlib
import re
import subprocess
import sys


def blocks_after(text, marker):
    """The fenced code block that follows marker."""
    at = text.find(marker)
    if at < 0:
        sys.exit(f"doc_example: no {marker!r} in the guide")
    m = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M).search(text, at)
    if not m:
        sys.exit(f"doc_example: no code block after {marker!r}")
    return m.group(1)


def main():
    repo, doc = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    text = doc.read_text(encoding="utf-8")
    m = re.search(r"<!-- example: (\S+) -->", text)
    if not m:
        sys.exit(f"doc_example: {doc}: no <!-- example: PATH --> marker")
    code = blocks_after(text, m.group(0))
    source = (repo / m.group(1)).read_text(encoding="utf-8")
    if code != source:
        sys.exit(f"doc_example: {doc}: the example differs from {m.group(1)}: copy the file into the guide")
    want = blocks_after(text, "<!-- output -->")
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.exit(f"doc_example: {' '.join(command)} failed ({run.returncode}):\n{run.stderr}")
    if run.stdout != want:
        sys.exit(f"doc_example: {doc}: output differs.\n--- guide\n{want}--- actual\n{run.stdout}")
    print(f"ok: {doc.name}: the example equals {m.group(1)} and prints what the guide shows")


if __name__ == "__main__":
    main()
