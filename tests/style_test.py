#!/usr/bin/env python3
"""The house style, checked (STYLE.md): every C file is as .clang-format
lays it out, and the files of tui/ (and of db/, and core/'s strbuf and
util) never call each other: the tui/ files a file includes form no cycle.

usage: style_test.py SOURCE_ROOT      (prints TAP)"""
import glob, os, re, shutil, subprocess, sys

root = sys.argv[1]
n = 0


def report(ok, name, detail=""):
    global n
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {name}")
    for line in ([] if ok else detail.splitlines()[:40]):
        print("#   " + line)
    return ok


sources = sorted(p for pat in ("core/*.[ch]", "db/*.[ch]", "tui/*.[ch]", "tests/unit/*.[ch]", "tests/fuzz/*.c",
                               "tests/bench/*.c") for p in glob.glob(os.path.join(root, pat)))
fmt = shutil.which("clang-format")
if not fmt:
    report(False, "clang-format is installed (scripts/deps installs it)")
else:
    r = subprocess.run([fmt, "--dry-run", "--Werror", *sources], capture_output=True, text=True, cwd=root)
    bad = sorted(set(re.findall(r"^(\S+?):\d+:\d+: error", r.stderr, re.M)))
    report(r.returncode == 0, f"{len(sources)} C files are formatted as .clang-format says",
           "not formatted (run clang-format -i on them):\n" + "\n".join(os.path.relpath(b, root) for b in bad))


def cycles(layer):
    """The cycles among a layer's .c files, a file depending on X.c when it includes "layer/X.h"."""
    files = {os.path.basename(p)[:-2] for p in glob.glob(os.path.join(root, layer, "*.c"))}
    dep = {}
    for f in files:
        text = open(os.path.join(root, layer, f + ".c"), encoding="utf-8").read()
        dep[f] = {h for h in re.findall(r'#include "' + layer + r'/([^"]+)\.h"', text) if h in files and h != f}
    found, state = [], {}

    def visit(f, path):
        if state.get(f) == 1:
            found.append(" -> ".join(path[path.index(f):] + [f]))
            return
        if state.get(f) == 2:
            return
        state[f] = 1
        for g in sorted(dep[f]):
            visit(g, path + [f])
        state[f] = 2

    for f in sorted(files):
        visit(f, [])
    return found


for layer in ("tui", "db", "core"):
    c = cycles(layer)
    report(not c, f"no two files of {layer}/ call each other (no include cycle)", "\n".join(c))
print(f"1..{n}")
