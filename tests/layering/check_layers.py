#!/usr/bin/env python3
"""check_layers.py - the library's layering, read from the objects' symbol
tables (nm), not from #include lines.

Usage: check_layers.py [--nm NM] DIR...

Every object file (*.o) under DIR whose path holds <target>.dir/<room>/
belongs to <room> (core < text < io < metrics < model < task < train < api).
Fails (exit 1), naming each offender, when
  - an object of a room references a symbol that an object of a higher room
    defines (weak and common definitions, such as inline C++ code, belong
    to no room), or
  - an exported symbol (nlp_ but not nlp__) is defined outside lib/api.
Finding no objects is a failure too, so the check cannot pass vacuously."""
import os
import subprocess
import sys

ROOMS = ["core", "text", "io", "metrics", "model", "task", "train", "api"]
OWNED = set("TDBR")  # global definitions that belong to an object


def room_of(path):
    parts = path.split(os.sep)
    for i, p in enumerate(parts[:-1]):
        if p.endswith(".dir") and parts[i + 1] in ROOMS and i + 2 < len(parts):
            return parts[i + 1]
    return None


def objects(dirs):
    found = []
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith(".o"):
                    path = os.path.join(root, f)
                    room = room_of(path)
                    if room:
                        found.append((room, path))
    return found


def symbols(nm, path):
    """(defined, undefined) global symbol names of one object."""
    out = subprocess.run([nm, "-P", path], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) < 2:
            continue
        name, kind = f[0], f[1]
        if kind == "U":
            undefined.add(name)
        elif kind in OWNED:
            defined.add(name)
    return defined, undefined


def main(argv):
    nm = "nm"
    if len(argv) > 2 and argv[1] == "--nm":
        nm, argv = argv[2], argv[2:]
    dirs = argv[1:]
    if not dirs:
        print(__doc__)
        return 2
    objs = objects(dirs)
    if not objs:
        print("FAIL: no room objects (<target>.dir/<room>/*.o) under " + " ".join(dirs))
        return 1
    owner = {}
    refs = []
    for room, path in objs:
        defined, undefined = symbols(nm, path)
        for s in defined:
            owner[s] = (room, path)
        refs.append((room, path, undefined))
    bad = []
    for room, path, undefined in refs:
        for s in sorted(undefined):
            if s in owner and ROOMS.index(owner[s][0]) > ROOMS.index(room):
                bad.append("%s/%s references %s, defined in the higher room %s (%s)" % (
                    room, os.path.basename(path), s, owner[s][0],
                    os.path.basename(owner[s][1])))
    for s, (room, path) in sorted(owner.items()):
        if s.startswith("nlp_") and not s.startswith("nlp__") and room != "api":
            bad.append("%s/%s defines the exported %s outside lib/api" % (
                room, os.path.basename(path), s))
    for b in bad:
        print("FAIL: " + b)
    rooms = sorted({r for r, _ in objs}, key=ROOMS.index)
    print("%d objects in %s; %d layering violation(s)" % (len(objs), ", ".join(rooms), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
