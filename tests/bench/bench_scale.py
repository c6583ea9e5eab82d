#!/usr/bin/env python3
"""Scale benchmark for one huge meeting (a program that prints figures, not a
test): a deck of N cases (10,000, 20,000 and 100,000 by default), imported
once, then list, show, search --limit 0 and export, each the median of RUNS
runs, side by side in one run. Every command must grow linearly with the
meeting: the last columns give the time per 10,000 cases and its ratio to
the smallest meeting's (1.0 is linear; the README states the bound).

usage: bench_scale.py VEDTAK [--runs 3] [--sizes 10000,20000,100000]"""
import os, statistics, subprocess, sys, tempfile, time


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def meeting(path, n):
    """N cases of one meeting: numbers 1/00 to 999/99, so that no two are alike."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("NUFA\nMøte i NUFA 21. april 2021\nWebinar\n\n\n")
        for i in range(n):
            f.write(f"Sak {i % 999 + 1}/{i // 999:02d}: Tittel nummer {i} om helse og fhir\n\n"
                    f"Bakgrunn for sak {i}: tekst om samhandling og kodeverk.\n\n"
                    f"Forslag til vedtak:\nNUFA tar sak {i} til orientering.\n\n\n")


def median_seconds(cmd, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    vedtak = os.path.abspath(sys.argv[1])
    runs = int(arg("--runs", "3"))
    sizes = [int(x) for x in arg("--sizes", "10000,20000,100000").split(",")]
    commands = {
        "import": None,
        "list": ["list"],
        "show": ["show", "5/03"],
        "search --limit 0": ["search", "--limit", "0", "--timeout", "0", "fhir"],
        "export": ["export"],
    }
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            deck, db = os.path.join(tmp, f"m{n}.txt"), os.path.join(tmp, f"m{n}.db")
            meeting(deck, n)
            t0 = time.perf_counter()
            subprocess.run([vedtak, "--db", db, "import", "--quiet", deck], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=True)
            rows[(n, "import")] = time.perf_counter() - t0
            for name, args in commands.items():
                if args:
                    rows[(n, name)] = median_seconds([vedtak, "--db", db] + args, runs)
    print(f"{'command':<18}" + "".join(f"{n:>12,}" for n in sizes) + "   s per 10k cases (ratio to first)")
    for name in commands:
        per = [rows[(n, name)] / n * 1e4 for n in sizes]
        print(f"{name:<18}" + "".join(f"{rows[(n, name)]:>11.2f}s" for n in sizes) + "   " +
              "  ".join(f"{p:.2f} ({p / per[0]:.1f}x)" for p in per))


if __name__ == "__main__":
    main()
