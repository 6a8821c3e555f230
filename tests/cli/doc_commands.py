"""Run the nlp commands shown in README.md and docs/*.md that use only
shipped files (paths under ../shared), as a reader would type them from
the repository root. Commands with placeholders (DIR, FILE, ...) or that
train (minutes) are listed as skipped. usage: doc_commands.py NLP REPO SHARED"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

nlp, repo, shared = (os.path.abspath(a) for a in sys.argv[1:4])
PLACEHOLDERS = {"DIR", "FILE", "OUT", "OUT_DIR", "BASE_DIR", "GOLD", "PRED", "N", "X",
                "TEXT", "CONFIG", "A", "B", "P", "C"}


def commands(path):
    """Shell lines of ```sh blocks that start with nlp or pipe into it."""
    block, pending = False, ""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("```"):
            block = line.strip() in ("```sh", "```bash", "```console") and not block
            pending = ""
            continue
        if not block:
            continue
        pending += line
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
            continue
        cmd, pending = pending.strip(), ""
        cmd = re.sub(r"^scripts/setup\.sh && ", "", cmd)  # README's one-liner
        cmd = re.sub(r"^build/tools/nlp/nlp ", "nlp ", cmd)
        if re.match(r"^(\S+=\S+ )*nlp ", cmd) or "| nlp " in cmd:
            yield cmd


def runnable(cmd):
    try:
        words = shlex.split(cmd)
    except ValueError:
        return False, "unparsable"
    if any(w in PLACEHOLDERS or re.fullmatch(r"[A-Z_]+\.[a-z]+", w) for w in words):
        return False, "placeholder"
    if re.search(r"\bnlp (ner|toxic) train\b", cmd):
        return False, "trains for minutes"
    if "../shared/" not in cmd:
        return False, "uses files not shipped"
    for flag, value in zip(words, words[1:]):
        if flag in ("--model", "--data", "--config", "--vocab", "--train", "--eval") and \
                not value.startswith("../shared/"):
            return False, "uses files not shipped"
    for w in words:
        for path in re.findall(r"\.\./shared/[^\s'\"]*", w):
            if not os.path.exists(os.path.join(shared, path[len("../shared/"):])):
                return False, "missing " + path
    return True, ""


def main():
    docs = [os.path.join(repo, "README.md")] + sorted(
        os.path.join(repo, "docs", f) for f in os.listdir(os.path.join(repo, "docs"))
        if f.endswith(".md"))
    tmp = tempfile.mkdtemp()
    root = os.path.join(tmp, "repo")
    os.mkdir(root)
    os.symlink(shared, os.path.join(tmp, "shared"))  # ../shared from the "root"
    env = dict(os.environ, PATH=os.path.dirname(nlp) + os.pathsep + os.environ["PATH"])
    ran = failed = skipped = 0
    for doc in docs:
        for cmd in commands(doc):
            ok, why = runnable(cmd)
            name = os.path.relpath(doc, repo)
            if not ok:
                skipped += 1
                print(f"skip ({why}): {name}: {cmd}")
                continue
            run = subprocess.run(cmd, shell=True, cwd=root, env=env,
                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
            ran += 1
            if run.returncode != 0:
                failed += 1
                print(f"FAIL (exit {run.returncode}): {name}: {cmd}\n{run.stderr}")
            else:
                print(f"ok: {name}: {cmd}")
    print(f"{ran} doc commands run, {failed} failed, {skipped} skipped")
    sys.exit(1 if failed or ran < 5 else 0)


main()
