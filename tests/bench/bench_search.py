#!/usr/bin/env python3
"""Search benchmark (a program that prints figures, not a test).

Builds a corpus of SIZE megabytes of decks (corpus.py), imports it, then
runs a fixed query mix through `vedtak search --json --limit 20` (the first
20 results with snippets, as the UI needs them), RUNS times each, warm
cache, and times `rg -c` over the same deck files for the same words side
by side (and `grep -E -c -r` and `pcre2grep -c -r` for the patterns).
Prints medians and worst times of both in milliseconds and the ratio rg / vedtak
(whole processes), and the same runs' time inside vedtak, as the UI sees a
search on its open database: from the query handed to the store to the
page written (VEDTAK_SEARCH_TIMING).

With --before OLD_VEDTAK OLD_DB, another version is timed on its own copy
of the database in the same run, query by query and run by run in turn
with this one (a copy at its schema: see README, "Search at scale").

usage: bench_search.py VEDTAK SAMPLES_DIR [--size 1000] [--runs 5] [--keep DIR]
                       [--before OLD_VEDTAK OLD_DB]"""
import os, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

# (label, vedtak query, rg pattern, rg flags, grep -E pattern or None)
MIX = [
    ("rare word", corpus.rare_code(1234), corpus.rare_code(1234), [], None),
    ("uncommon word", "NILAR", r"\bNILAR\b", [], None),
    ("common word", "helse", r"\bhelse\b", ["-i"], None),
    ("phrase", '"digital hjemmeoppfølging"', r"digital\s+hjemmeoppfølging", ["-i"], None),
    ("short prefix", "hel*", r"\bhel", ["-i"], None),
    ("two words", "fhir api", r"\bfhir\b", ["-i"], None),
    ("word+year+type", "samhandling year:2021 type:drøfting", r"\bsamhandling\b", ["-i"], None),
    ("fields only", "type:orientering body:nufa", r"til orientering", ["-i"], None),
    ("infix word", "strategi", r"strategi", ["-i"], None),
    ("no æøå", "hjemmeoppfolging", r"hjemmeoppf(o|ø)lging", ["-i"], None),
    ("regex, literal", "/fhir[- ]api/", r"fhir[- ]api", ["-i"], "fhir[- ]api"),
    ("regex, no literal", r"/\b[A-Z]{3}[0-9]{2}\b/", r"\b[A-Z]{3}[0-9]{2}\b", [], r"\b[A-Z]{3}[0-9]{2}\b"),
    # Beyond the search issue's mix (stop 34): what members type besides, over common words.
    ("two common words", "nasjonal helse", r"\bhelse\b", ["-i"], None),
    ("word OR word", "helse OR digital", r"\b(helse|digital)\b", ["-i"], None),
    ("word NOT word", "helse -digital", r"\bhelse\b", ["-i"], None),
    ("word NOT year", "helse -year:2021", r"\bhelse\b", ["-i"], None),
    ("title: word", "title:helse", r"\bhelse\b", ["-i"], None),
    ("presenter:", "presenter:ranhoff", r"Ranhoff", [], None),
    # Patterns that keep inside words (stop 39): one that fits a few words of the vocabulary,
    # and one that fits too many of them (the rare codes) to be narrowed, which reads every text.
    ("regex, in words", r"/\b[0-9]{8}\b/", r"\b[0-9]{8}\b", [], r"\b[0-9]{8}\b"),
    ("regex, many words", r"/[A-Z]{3}[0-9]{2}/", r"[A-Z]{3}[0-9]{2}", [], r"[A-Z]{3}[0-9]{2}"),
]


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def wall(cmd, ok=(0, 1), env=None):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    t = (time.perf_counter() - t0) * 1000
    if r.returncode not in ok:
        raise SystemExit(f"{cmd[:3]} failed ({r.returncode}): {r.stderr[-300:]}")
    return t


def main():
    vedtak, samples = os.path.abspath(sys.argv[1]), sys.argv[2]
    size, runs = float(arg("--size", "1000")), int(arg("--runs", "5"))
    keep = arg("--keep", None)
    before = None
    if "--before" in sys.argv:
        i = sys.argv.index("--before")
        before = (os.path.abspath(sys.argv[i + 1]), os.path.abspath(sys.argv[i + 2]))
        if not os.path.exists(before[1]):
            raise SystemExit(f"bench_search.py: no database at {before[1]} for --before")
    work = keep or tempfile.mkdtemp(prefix="vedtak-bench-")
    have = {p: shutil.which(p) for p in ("rg", "pcre2grep", "grep")}
    try:
        cdir = os.path.join(work, f"corpus-{size:g}MB")
        if not os.path.isdir(cdir):
            corpus.generate(samples, cdir, size)
        paths = sorted(os.path.join(cdir, f) for f in os.listdir(cdir) if f.endswith(".txt"))
        text_mb = sum(os.path.getsize(p) for p in paths) / 1e6
        db = os.path.join(work, f"search-{size:g}MB.db")
        if not os.path.exists(db):
            t0 = time.perf_counter()
            # One run over the folder, as a bulk load is done: it ends by merging the index.
            subprocess.run([vedtak, "--db", db, "import", cdir],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            print(f"import: {len(paths)} decks, {text_mb:.0f} MB in {time.perf_counter() - t0:.1f} s")
        db_mb = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 1e6
        print(f"database: {db_mb:.0f} MB for {text_mb:.0f} MB of deck text ({db_mb / text_mb:.2f}x)")
        print(f"median/worst of {runs} runs, ms; vedtak = search --json --limit 20 with snippets,"
              " whole process; in-process = the same runs inside vedtak, the store open")
        print(f"{'query':<18} {'vedtak':>8} {'worst':>8} {'in-proc':>8} {'worst':>8} {'rg -c':>8} {'worst':>8}"
              f" {'rg/vedtak':>9}" + (f" {'before':>8} {'worst':>8}" if before else "") + "  others")
        timing = os.path.join(work, "search-timing.txt")
        timed = dict(os.environ, VEDTAK_SEARCH_TIMING=timing)
        for label, q, rgpat, rgflags, egrep in MIX:
            cmd = [vedtak, "--db", db, "search", "--json", "--limit", "20", "--", q]
            old = before and [before[0], "--db", before[1], "search", "--json", "--limit", "20", "--", q]
            vt, bt, inside = [], [], []
            wall(cmd)  # warm
            if old:
                wall(old)
            for _ in range(runs):
                if os.path.exists(timing):
                    os.unlink(timing)
                vt.append(wall(cmd, env=timed))
                with open(timing) as f:
                    inside.append(float(f.read().split()[-1]))
                if old:
                    bt.append(wall(old))
            rg = []
            if have["rg"]:
                rcmd = ["rg", "-c"] + rgflags + ["--", rgpat, cdir]
                wall(rcmd)
                rg = [wall(rcmd) for _ in range(runs)]
            others = ""
            if egrep:
                for tool, tcmd in (("grep -E", ["grep", "-E", "-c", "-r", "--", egrep, cdir]),
                                   ("pcre2grep", ["pcre2grep", "-c", "-r", "--", egrep, cdir])):
                    if have[tool.split()[0]]:
                        others += f" {tool} {statistics.median(wall(tcmd) for _ in range(max(1, runs // 2))):.0f}"
            med = statistics.median(vt)
            rgm = statistics.median(rg) if rg else float("nan")
            rgw = max(rg) if rg else float("nan")
            was = f" {statistics.median(bt):8.0f} {max(bt):8.0f}" if bt else ""
            print(f"{label:<18} {med:8.0f} {max(vt):8.0f} {statistics.median(inside):8.1f} {max(inside):8.1f}"
                  f" {rgm:8.0f} {rgw:8.0f} {rgm / med:9.1f}{was} {others}")
        # A process that opens the database and finds nothing (target: under 10 ms), 11 runs each.
        print("finding nothing, median/worst of 11 runs, ms (target under 10)")
        for label, args in (("--version", ["--version"]), ("search --count", ["search", "--count"]),
                            ("search --literal", ["search", "--literal"]), ("search", ["search"])):
            word = [] if label == "--version" else ["qqqzzzxx"]
            times = {}
            for name, exe, path in (("now", vedtak, db),) + ((("before",) + before,) if before else ()):
                cmd = [exe, "--db", path] + args + word
                wall(cmd)
                times[name] = [wall(cmd) for _ in range(11)]
            print(f"{label:<18} " + "  ".join(f"{k} {statistics.median(v):6.1f} {max(v):6.1f}"
                                              for k, v in times.items()))
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
