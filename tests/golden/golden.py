#!/usr/bin/env python3
"""Golden test: import each sample deck into a fresh database with the real
binary, export it as JSON and compare with tests/golden/expected/NAME.json.
Volatile fields (imported_at) are scrubbed first, as notmuch's tests do.

usage: golden.py VEDTAK SAMPLES_DIR EXPECTED_DIR [--update]
Prints TAP; exits 1 on any difference."""
import difflib, json, os, shlex, subprocess, sys, tempfile


def scrub(data):
    for m in data["meetings"]:
        m["imported_at"] = "SCRUBBED"
    return data


def export_deck(vedtak, deck, tmp):
    db = os.path.join(tmp, "golden.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    r = subprocess.run(vedtak + ["--db", db, "import", deck], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"import failed ({r.returncode}): {r.stderr}")
    r = subprocess.run(vedtak + ["--db", db, "export", "--format", "json"], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"export failed ({r.returncode}): {r.stderr}")
    return scrub(json.loads(r.stdout))


def main():
    # VEDTAK_WRAPPER (e.g. valgrind) runs every vedtak command under a tool.
    vedtak = shlex.split(os.environ.get("VEDTAK_WRAPPER", "")) + [sys.argv[1]]
    samples, expected = sys.argv[2:4]
    update = "--update" in sys.argv[4:]
    decks = sorted(f for f in os.listdir(samples) if f.endswith(".txt"))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(decks, 1):
            want_path = os.path.join(expected, name[:-4] + ".json")
            try:
                got = export_deck(vedtak, os.path.join(samples, name), tmp)
            except RuntimeError as e:
                print(f"not ok {i} - {name}: {e}")
                failed += 1
                continue
            got_text = json.dumps(got, ensure_ascii=False, indent=2) + "\n"
            if update:
                with open(want_path, "w", encoding="utf-8") as f:
                    f.write(got_text)
            with open(want_path, encoding="utf-8") as f:
                want_text = f.read()
            if got_text == want_text:
                print(f"ok {i} - {name} exports as expected")
            else:
                failed += 1
                print(f"not ok {i} - {name} differs from {want_path}")
                for line in list(difflib.unified_diff(want_text.splitlines(), got_text.splitlines(),
                                                      "expected", "got", lineterm=""))[:60]:
                    print("# " + line)
    print(f"1..{len(decks)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
