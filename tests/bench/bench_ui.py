#!/usr/bin/env python3
"""UI benchmark (a program that prints figures, not a test).

On a database of about 10,000 cases (corpus.py), measures:
  - start to first complete screen: the whole run of `vedtak` with an empty
    key script (start, open the database, draw, dump, exit), median of 10;
  - keystroke to redrawn result list: 100 keys typed into the search
    prompt (letters, spaces, backspaces), each timed inside the UI from
    reading the key to the finished redraw with the new results
    (VEDTAK_UI_TIMING); median and worst.

With --db PATH, an existing database (the search benchmark's 1 GB one,
say) instead of a generated one.

usage: bench_ui.py VEDTAK SAMPLES_DIR [--cases 10000] [--keep DIR] [--db PATH]"""
import os, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

# What a person might type: words, fields, corrections. Some states on the way are
# malformed ("type:", "/API[") and show an error, as they would for a person.
TYPED = ["hjemmeoppfølging", " fhir", "\b" * 5, " type:drøfting", " samhandling", "\b" * 12,
         " strategi", " year:2022", "\b" * 10, " helse*", "\b" * 7, " presenter:aksnes", "\b" * 17,
         " /API[- ]?(håndtering|forvaltning)/"]


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    vedtak, samples = os.path.abspath(sys.argv[1]), sys.argv[2]
    cases = int(arg("--cases", "10000"))
    keep = arg("--keep", None)
    work = keep or tempfile.mkdtemp(prefix="vedtak-bench-")
    try:
        db = os.path.abspath(arg("--db", os.path.join(work, f"ui-{cases}.db")))
        if not os.path.exists(db):
            cdir = os.path.join(work, f"ui-corpus-{cases}")
            corpus.generate(samples, cdir, cases / 7 * 0.0445)  # 7 cases and about 44.5 kB a deck
            paths = sorted(os.path.join(cdir, f) for f in os.listdir(cdir))
            subprocess.run([vedtak, "--db", db, "import"] + paths, check=True, capture_output=True)
        n = subprocess.run([vedtak, "--db", db, "search", "--count", ""], capture_output=True, text=True).stdout
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", LANGUAGE="", TERM="xterm-256color", VEDTAK_UI_SIZE="120x40",
                   XDG_DATA_HOME=work)
        empty = os.path.join(work, "empty.keys")
        open(empty, "w").close()
        starts = []
        for _ in range(10):
            t0 = time.perf_counter()
            subprocess.run([vedtak, "--db", db], env=dict(env, VEDTAK_UI_SCRIPT=empty,
                           VEDTAK_UI_DUMP=os.path.join(work, "d.txt")), check=True, stdin=subprocess.DEVNULL)
            starts.append((time.perf_counter() - t0) * 1000)
        keys = os.path.join(work, "typing.keys")
        nkeys = 0
        with open(keys, "w", encoding="utf-8") as f:
            f.write("key /\n")
            for chunk in TYPED:
                for ch in chunk:
                    if nkeys == 100:
                        break
                    f.write("key Backspace\n" if ch == "\b" else "key Space\n" if ch == " " else f"key {ch}\n")
                    nkeys += 1
        timing = os.path.join(work, "timing.txt")
        subprocess.run([vedtak, "--db", db], env=dict(env, VEDTAK_UI_SCRIPT=keys, VEDTAK_UI_TIMING=timing,
                       VEDTAK_UI_DUMP=os.path.join(work, "d.txt")), check=True, stdin=subprocess.DEVNULL)
        t = [float(x) for x in open(timing)][1:]  # the first line is the "/" that opens the prompt
        print(f"UI benchmark on {n.strip()} cases, 120x40")
        print(f"start to first screen (whole run, empty script): median {statistics.median(starts):.0f} ms,"
              f" worst {max(starts):.0f} ms")
        print(f"keystroke to redrawn result list, {len(t)} keys: median {statistics.median(t):.1f} ms,"
              f" worst {max(t):.1f} ms")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
