#!/usr/bin/env python3
"""Runs ../shared/tools/score-import (the answer keys for the sample decks)
against the built binary when ../shared sits beside the project; skips
(exit 77) in a clone without it. Every field must be right."""
import os, subprocess, sys

vedtak, root = sys.argv[1], sys.argv[2]
tool = os.path.join(root, "..", "shared", "tools", "score-import")
if not os.path.exists(tool):
    print("../shared/tools/score-import not found: skipped")
    sys.exit(77)
r = subprocess.run([sys.executable, tool, "--bin", os.path.abspath(vedtak)], cwd=root, text=True,
                   capture_output=True)
print(r.stdout + r.stderr)
sys.exit(r.returncode)
