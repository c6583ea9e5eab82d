#!/usr/bin/env python3
"""Runs ../shared/tools/score-import (the answer keys for the sample decks)
and the notices, minutes and PDFs of ../shared/formats,
against the built binary when ../shared sits beside the project; skips
(exit 77) in a clone without it. Every field must be right."""
import os, subprocess, sys

vedtak, root = sys.argv[1], sys.argv[2]
tool = os.path.join(root, "..", "shared", "tools", "score-import")
if not os.path.exists(tool):
    print("../shared/tools/score-import not found: skipped")
    sys.exit(77)
rc = 0
formats = os.path.join(root, "..", "shared", "formats")
# The sample decks, then the notices, minutes and PDFs with their keys.
for extra in ([], ["--truth", formats, "--decks", formats]):
    r = subprocess.run([sys.executable, tool, "--bin", os.path.abspath(vedtak), *extra], cwd=root, text=True,
                       capture_output=True)
    print(r.stdout + r.stderr)
    rc = rc or r.returncode
sys.exit(rc)
