#!/usr/bin/env python3
"""PDF import benchmark (a program that prints figures, not a test).

Makes PDFs with Debian's python3-reportlab from the sample decks (one slide
a page) and from a notice built of many case sections (500 pages), then
measures side by side in one run, each figure the median of RUNS runs:
  - vedtak import FILE.pdf: poppler in-process, layout, reading, storing;
  - pdftotext -layout FILE.pdf plus vedtak import of its text: the two-step
    way vedtak would otherwise be used;
  - pdftotext -layout alone, to show what the text layer costs;
and the peak memory (max RSS) of vedtak on the 500-page PDF against the same
document as text, so that memory is seen to grow with the text, not with
the pages.

usage: bench_pdf.py VEDTAK SAMPLES_DIR [--runs 5] [--pages 500]"""
import os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_PDF = os.path.join(HERE, "..", "documents", "make_pdf.py")
PDF_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def timed(cmd):
    with tempfile.NamedTemporaryFile("r") as out:
        t0 = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name] + cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        took = time.perf_counter() - t0
        if r.returncode:
            raise SystemExit(f"{' '.join(cmd)} failed: {r.stderr[-400:]}")
        return took, int(out.read().split()[-1]) * 1024


def fresh(db):
    for s in ("", "-wal", "-shm"):
        if os.path.exists(db + s):
            os.remove(db + s)


def notice_text(pages):
    """A notice with one case section a page: header, agenda, then sections."""
    head = ["Møteinnkalling", "", "Møte i NUFA", "", "Møte      9/2030", "Dato      3. mars 2030",
            "Sted      Oslo", "", "Sak      Tema                                   Sakstype"]
    n = pages - 1
    rows = [f"{i}/30    Sak nummer {i} om deling av helseopplysninger     Drøfting" for i in range(1, n + 1)]
    secs = []
    for i in range(1, n + 1):
        secs.append("\f" + "\n".join([
            "Sak      Tema                                                  Sakstype",
            f"{i}/30    Sak nummer {i} om deling av helseopplysninger            Drøfting", "",
            *[f"         Bakgrunn for saken, avsnitt {k}: kommunene og helseforetakene deler data." for k in range(30)],
            "", "         Forslag til vedtak:                                   Ingen vedlegg",
            f"         NUFA drøfter sak {i} og gir innspill.", "",
            f"         Møteinnkalling NUFA 3. mars 2030                      side {i + 1}"]))
    return "\n".join(head + rows) + "\n" + "\n".join(secs) + "\n"


def main():
    vedtak, samples = os.path.abspath(sys.argv[1]), sys.argv[2]
    runs, pages = int(arg("--runs", "5")), int(arg("--pages", "500"))
    with tempfile.TemporaryDirectory() as tmp:
        docs = []
        for f in sorted(os.listdir(samples)):
            if f.endswith(".txt"):
                pdf = os.path.join(tmp, f[:-4] + ".pdf")
                subprocess.run([PDF_PYTHON, MAKE_PDF, pdf, os.path.join(samples, f), "--slides"], check=True)
                docs.append(pdf)
        big_txt = os.path.join(tmp, "notice-500.txt")
        open(big_txt, "w", encoding="utf-8").write(notice_text(pages))
        big = os.path.join(tmp, "notice-500.pdf")
        subprocess.run([PDF_PYTHON, MAKE_PDF, big, big_txt], check=True)
        docs.append(big)
        db = os.path.join(tmp, "b.db")
        print(f"{'document':<28} {'pages':>5} {'MB':>6} {'vedtak pdf':>11} {'pdftotext+import':>17} "
              f"{'pdftotext':>10} {'ratio':>6}")
        for pdf in docs:
            txt = pdf[:-4] + ".layout.txt"
            subprocess.run(["pdftotext", "-layout", pdf, txt], check=True)
            npages = open(txt, encoding="utf-8").read().count("\f")
            a, b, c = [], [], []
            for _ in range(runs):
                fresh(db)
                a.append(timed([vedtak, "--db", db, "import", pdf])[0])
                fresh(db)
                t1 = timed(["pdftotext", "-layout", pdf, txt])[0]
                t2 = timed([vedtak, "--db", db, "import", txt])[0]
                b.append(t1 + t2)
                c.append(t1)
            ma, mb, mc = statistics.median(a), statistics.median(b), statistics.median(c)
            mb_size = os.path.getsize(pdf) / 1e6
            print(f"{os.path.basename(pdf):<28} {npages:>5} {mb_size:>6.2f} {ma * 1000:>9.0f}ms "
                  f"{mb * 1000:>15.0f}ms {mc * 1000:>8.0f}ms {mb / ma:>5.2f}x")
        # Memory: the 500-page PDF against its text.
        mem_pdf, mem_txt = [], []
        for _ in range(runs):
            fresh(db)
            mem_pdf.append(timed([vedtak, "--db", db, "import", big])[1])
            fresh(db)
            mem_txt.append(timed([vedtak, "--db", db, "import", big_txt])[1])
        print(f"\npeak memory, {pages}-page notice: PDF {statistics.median(mem_pdf) / 1e6:.1f} MB, "
              f"its text ({os.path.getsize(big_txt) / 1e6:.2f} MB) {statistics.median(mem_txt) / 1e6:.1f} MB "
              f"(PDF file {os.path.getsize(big) / 1e6:.2f} MB); medians of {runs} runs")
        print("ratio: (pdftotext -layout + import of its text) / vedtak's own PDF import; above 1 is faster")


if __name__ == "__main__":
    main()
