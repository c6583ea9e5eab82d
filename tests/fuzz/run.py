#!/usr/bin/env python3
"""Runs every fuzz target for SECONDS (libFuzzer, with ASan and UBSan)
from seed corpora made from the test fixtures, and prints each target's run
time and executions. An input that makes a target fail is copied to
tests/fuzz/regressions/TARGET/, which the normal test suite replays.

usage: run.py [--seconds 600] [--build build-fuzz]
Exits 1 if any target failed."""
import os, re, shutil, subprocess, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TARGETS = ("deck", "query", "lexicon", "sync", "syncapply", "document", "pdf", "doctext")


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def regressions(corpus, target):
    """The target's corpus folder, holding a copy of its regression inputs."""
    dest = os.path.join(corpus, target)
    os.makedirs(dest, exist_ok=True)
    reg = os.path.join(ROOT, "tests", "fuzz", "regressions", target)
    for f in sorted(os.listdir(reg)):
        shutil.copy(os.path.join(reg, f), os.path.join(dest, f))
    return dest


def seeds(build, corpus):
    samples = os.path.join(ROOT, "assets", "samples")
    d = os.path.join(corpus, "deck")
    os.makedirs(d, exist_ok=True)
    for f in sorted(os.listdir(samples)):
        text = open(os.path.join(samples, f), "rb").read()
        lines = text.split(b"\n")
        for i, part in enumerate((text, b"\n".join(lines[:150]), b"\n".join(lines[150:400]),
                                  b"\n".join(lines[-200:]))):
            open(os.path.join(d, f"{f}.{i}"), "wb").write(part)
    # Documents: the regression inputs (hand-made notices, minutes, PDFs) and the sample decks.
    doc = regressions(corpus, "document")
    for f in sorted(os.listdir(samples)):
        shutil.copy(os.path.join(samples, f), os.path.join(doc, f))
    regressions(corpus, "pdf")
    # A text kept as pieces of its slides: the regression inputs and the sample decks.
    kept = regressions(corpus, "doctext")
    for f in sorted(os.listdir(samples)):
        shutil.copy(os.path.join(samples, f), os.path.join(kept, f))
    q = os.path.join(corpus, "query")
    os.makedirs(q, exist_ok=True)
    tsv = os.path.join(ROOT, "tests", "golden", "search.tsv")
    for i, line in enumerate(open(tsv, encoding="utf-8")):
        if line.strip() and not line.startswith("#"):
            open(os.path.join(q, f"q{i}"), "w", encoding="utf-8").write(line.split("\t")[0])
    # What search understands of words: the regression inputs and the sample decks' text.
    lex = regressions(corpus, "lexicon")
    for f in sorted(os.listdir(samples)):
        open(os.path.join(lex, f), "wb").write(open(os.path.join(samples, f), "rb").read()[:20000])
    s = os.path.join(corpus, "sync")
    os.makedirs(s, exist_ok=True)
    vedtak = os.path.join(build, "tui", "vedtak")
    db = os.path.join(corpus, "seed.db")
    if not os.path.exists(os.path.join(s, "seed.vsync")):
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
        run = lambda *a: subprocess.run([vedtak, "--db", db] + list(a), capture_output=True, env=env, check=True)
        run("import", *[os.path.join(samples, f) for f in os.listdir(samples)])
        run("tag", "+oppfølging", "-x", "--", "type:drøfting")
        run("note", "11/21", "Et notat\tmed tabulator\nog linjeskift")
        run("saved", "add", "fhir", "fhir OR hl7")
        run("sync", "export", os.path.join(s, "seed.vsync"))
    # Structured operations (fuzz_syncapply.c): one per line, empty fields take defaults.
    sa = os.path.join(corpus, "syncapply")
    os.makedirs(sa, exist_ok=True)
    reg = os.path.join(ROOT, "tests", "fuzz", "regressions", "syncapply")
    for f in sorted(os.listdir(reg)):
        shutil.copy(os.path.join(reg, f), os.path.join(sa, f))


def main():
    seconds = int(arg("--seconds", "600"))
    build = os.path.join(ROOT, arg("--build", "build-fuzz"))
    env = dict(os.environ, CC="clang")
    if not os.path.isdir(build):
        subprocess.run(["meson", "setup", build, "-Dfuzz=true", "-Db_sanitize=address,undefined",
                        "-Db_lundef=false"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["meson", "compile", "-C", build], check=True, stdout=subprocess.DEVNULL)
    corpus = os.path.join(build, "fuzz-corpus")
    seeds(build, corpus)
    failed = False
    print(f"{'target':<8} {'seconds':>8} {'executions':>12} {'exec/s':>8}  result")
    for t in TARGETS:
        art = os.path.join(build, f"artifacts-{t}") + "/"
        # Earlier failures are in tests/fuzz/regressions already: start clean.
        shutil.rmtree(art, ignore_errors=True)
        os.makedirs(art)
        r = subprocess.run([os.path.join(build, "tests", "fuzz", f"fuzz_{t}"), f"-max_total_time={seconds}",
                            "-timeout=10", "-rss_limit_mb=2048", f"-artifact_prefix={art}", "-print_final_stats=1",
                            os.path.join(corpus, t)], capture_output=True, text=True, errors="replace")
        execs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", r.stderr)
        secs = re.findall(r"Done \d+ runs in (\d+) second", r.stderr)
        n = int(execs[-1]) if execs else 0
        took = int(secs[-1]) if secs else seconds
        crashes = [f for f in os.listdir(art) if f.startswith(("crash-", "timeout-", "leak-", "oom-"))]
        ok = r.returncode == 0 and not crashes
        for f in crashes:
            shutil.copy(os.path.join(art, f), os.path.join(ROOT, "tests", "fuzz", "regressions", t, f))
        print(f"{t:<8} {took:8d} {n:12d} {n / max(took, 1):8.0f}  {'ok' if ok else 'FAILED: ' + ', '.join(crashes)}")
        if not ok:
            failed = True
            print("\n".join(r.stderr.splitlines()[-30:]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
