#!/usr/bin/env python3
"""Import benchmark (a program that prints figures, not a test).

Generates synthetic corpora of decks from the sample decks (corpus.py:
renumbered cases, shifted dates, shuffled slides) and measures, side by side
in one run:
  - vedtak import --check: parse only;
  - vedtak import: parse and store, one transaction per deck, into a fresh
    database; throughput in MB/s of deck text and peak memory (max RSS);
  - the bare sqlite3 shell loading the same slide texts (the decks split at
    blank-line runs) into a one-table database in one transaction, with the
    same journal settings as vedtak (WAL, synchronous=NORMAL);
  - the same load followed by a plain FTS5 index over those texts (the
    default unicode61 tokenizer), in the same transaction: the floor that
    issue 15 measures vedtak's import with its index against;
  - vedtak import of the last 30% of the decks into a database that holds
    the first 70%: an archive that grows, whose frequent words' sets are
    read from the whole index at the end (not counted by the import).
Each figure is the median of RUNS runs.

usage: bench_import.py VEDTAK SAMPLES_DIR [--sizes 10,100] [--runs 3] [--keep DIR]"""
import csv, os, re, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def timed(cmd, stdin=None):
    """Wall time and peak RSS (bytes) of one command, via GNU time."""
    with tempfile.NamedTemporaryFile("r") as out:
        t0 = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name] + cmd, stdin=stdin,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - t0
        if r.returncode not in (0,):
            raise SystemExit(f"{cmd[0]} failed ({r.returncode}): {r.stderr[-500:]}")
        return elapsed, int(out.read().split()[-1]) * 1024


def fresh(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def slide_csv(paths, out):
    split = re.compile(r"\n(?:[ \t]*\n){2,}")
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        for p in paths:
            with open(p, encoding="utf-8") as d:
                for sl in split.split(d.read()):
                    if sl.strip():
                        w.writerow([os.path.basename(p), sl])
                        n += 1
    return n


def main():
    vedtak, samples = os.path.abspath(sys.argv[1]), sys.argv[2]
    sizes = [float(s) for s in arg("--sizes", "10,100").split(",")]
    runs = int(arg("--runs", "3"))
    keep = arg("--keep", None)
    work = keep or tempfile.mkdtemp(prefix="vedtak-bench-")
    print(f"vedtak import benchmark: median of {runs} runs, {os.cpu_count()} cores")
    print(f"{'corpus':>8} {'decks':>6} {'check s':>8} {'import s':>9} {'MB/s':>7} {'peak MB':>8}"
          f" {'sqlite3 s':>10} {'ratio':>6} {'sqlite3 MB':>10} {'+fts5 s':>8} {'ratio':>6} {'add 30% s':>9}")
    spreads = []
    try:
        for size in sizes:
            cdir = os.path.join(work, f"corpus-{size:g}MB")
            if not os.path.isdir(cdir):
                corpus.generate(samples, cdir, size)
            paths = sorted(os.path.join(cdir, f) for f in os.listdir(cdir) if f.endswith(".txt"))
            mb = sum(os.path.getsize(p) for p in paths) / 1e6
            csv_path = os.path.join(work, f"slides-{size:g}.csv")
            slide_csv(paths, csv_path)
            db = os.path.join(work, "bench.db")
            checks, imports, peaks, bares, bare_peaks, ftss, adds = [], [], [], [], [], [], []
            split = len(paths) * 7 // 10
            for _ in range(runs):
                t, _m = timed([vedtak, "import", "--check"] + paths)
                checks.append(t)
                fresh(db)
                t, m = timed([vedtak, "--db", db, "import"] + paths)
                imports.append(t)
                peaks.append(m)
                fresh(db)
                script = ("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n"
                          "CREATE TABLE slides(deck TEXT, text TEXT);\nBEGIN;\n"
                          f".import --csv {csv_path} slides\nCOMMIT;\n")
                with tempfile.TemporaryFile("w+") as f:
                    f.write(script)
                    f.seek(0)
                    t, m = timed(["sqlite3", db], stdin=f)
                bares.append(t)
                bare_peaks.append(m)
                fresh(db)
                with tempfile.TemporaryFile("w+") as f:
                    f.write(script.replace("COMMIT;", "CREATE VIRTUAL TABLE slides_fts USING fts5(text, content='slides');\n"
                                           "INSERT INTO slides_fts(rowid, text) SELECT rowid, text FROM slides;\nCOMMIT;"))
                    f.seek(0)
                    t, m = timed(["sqlite3", db], stdin=f)
                ftss.append(t)
                fresh(db)
                subprocess.run([vedtak, "--db", db, "import"] + paths[:split], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=True)
                t, _m = timed([vedtak, "--db", db, "import"] + paths[split:])
                adds.append(t)
            imp, bare = statistics.median(imports), statistics.median(bares)
            # A round's two figures are taken a second apart, a ratio of medians minutes apart:
            # on a machine whose speed drifts, the spread of the rounds' own ratios says how sure it is.
            rounds = sorted(a / b for a, b in zip(imports, ftss))
            spreads.append((mb, statistics.median(rounds), rounds))
            print(f"{mb:6.1f}MB {len(paths):6d} {statistics.median(checks):8.2f} {imp:9.2f} {mb / imp:7.1f}"
                  f" {max(peaks) / 1e6:8.0f} {bare:10.2f} {imp / bare:6.2f} {max(bare_peaks) / 1e6:10.0f}"
                  f" {statistics.median(ftss):8.2f} {imp / statistics.median(ftss):6.2f}"
                  f" {statistics.median(adds):9.2f}")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    for mb, med, rounds in spreads:
        q = statistics.quantiles(rounds, n=4) if len(rounds) > 1 else [med, med, med]
        print(f"{mb:6.1f}MB: each round's import / (sqlite3 + fts5): median {med:.2f},"
              f" quartiles {q[0]:.2f} to {q[2]:.2f}, {rounds[0]:.2f} to {rounds[-1]:.2f} in {len(rounds)} rounds")
    print("check s: 'vedtak import --check' (parse only, nothing stored);")
    print("MB/s: deck megabytes per second of 'vedtak import' (parse, store and build the search index);")
    print("ratio: vedtak import time / sqlite3 shell load time of the same slide texts;")
    print("+fts5 s: that load and a plain FTS5 index over the texts; its ratio: vedtak import time / it;")
    print("add 30% s: 'vedtak import' of the last 30% of the decks into a database with the first 70%.")


if __name__ == "__main__":
    main()
