#!/usr/bin/env python3
"""Golden search tests: the sample decks imported into a fresh database,
then every query in search.tsv run through `vedtak search --json`, its
case numbers compared with the expected set, and its order checks applied.
Malformed queries must exit with status 2 and a message with a caret.

usage: search.py VEDTAK SAMPLES_DIR TSV       (prints TAP)"""
import json, os, shlex, subprocess, sys, tempfile


def main():
    # VEDTAK_WRAPPER (e.g. valgrind) runs every vedtak command under a tool.
    vedtak = shlex.split(os.environ.get("VEDTAK_WRAPPER", "")) + [sys.argv[1]]
    samples, tsv = sys.argv[2:4]
    rows = []
    for line in open(tsv, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            parts = line.split("\t")
            rows.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "s.db")
        decks = sorted(os.path.join(samples, f) for f in os.listdir(samples) if f.endswith(".txt"))
        subprocess.run(vedtak + ["--db", db, "import"] + decks, check=True, capture_output=True)
        for i, (query, want, order) in enumerate(rows, 1):
            r = subprocess.run(vedtak + ["--db", db, "search", "--json", "--limit", "0", "--", query],
                               capture_output=True, text=True)
            problems = []
            if want.startswith("error "):
                if r.returncode != 2:
                    problems.append(f"exit {r.returncode}, want 2")
                if want[6:] not in r.stderr or "^" not in r.stderr:
                    problems.append(f"stderr {r.stderr!r} lacks {want[6:]!r} and a caret")
            elif r.returncode != 0:
                problems.append(f"exit {r.returncode}: {r.stderr.strip()}")
            else:
                data = json.loads(r.stdout)
                got = [x["number"] for x in data["results"]]
                if sorted(got) != sorted(want.split()):
                    problems.append(f"got {sorted(got)} want {sorted(want.split())}")
                if data["total"] != len(got):
                    problems.append(f"total {data['total']} but {len(got)} results")
                for check in order.split():
                    a, b = check.split("<")
                    if a in got and b in got and got.index(a) > got.index(b):
                        problems.append(f"{a} should rank above {b}: {got}")
            if problems:
                failed += 1
                print(f"not ok {i} - {query}")
                for p in problems:
                    print("#   " + p)
            else:
                print(f"ok {i} - {query}")
    print(f"1..{len(rows)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
