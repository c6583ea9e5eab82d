#!/usr/bin/env python3
"""Language: the catalogues hold every message of the code (a message added
without its Norwegian translation fails here), and vedtak speaks the
language the locale asks for: --help, import summaries and warnings, dates,
query errors and `show` in Norwegian with LANG=nb_NO.UTF-8, also when that
locale is not installed; English in C.UTF-8. The UI's screens and status
line in Norwegian are the screen suite's bokmal_* cases and a tmux run.

usage: i18n_test.py VEDTAK SOURCE_ROOT SAMPLES_DIR      (prints TAP)"""
import json, os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap  # noqa: E402

VEDTAK = ROOT = SAMPLES = None


def run(*args, lang="C.UTF-8", db=None, **env):
    """vedtak with LANG (and LC_ALL) set to `lang`; env adds or, with None, removes variables."""
    e = dict(os.environ, LANG=lang, LC_ALL=lang, LANGUAGE="")
    for k, v in env.items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    cmd = [VEDTAK] + (["--db", db] if db else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, env=e, stdin=subprocess.DEVNULL, timeout=120)


def main():
    global VEDTAK, ROOT, SAMPLES
    VEDTAK, ROOT, SAMPLES = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    tap = Tap(lines=30)
    check = tap.check
    tmp = tempfile.mkdtemp(prefix="vedtak-i18n-")
    db = os.path.join(tmp, "v.db")
    decks = sorted(os.path.join(SAMPLES, f) for f in os.listdir(SAMPLES) if f.endswith(".txt"))

    def catalogues_hold_every_message():
        if not shutil.which("xgettext"):
            raise AssertionError("xgettext is missing (scripts/deps installs gettext)")
        # The same extraction the build's vedtak-pot target runs: its arguments from po/meson.build.
        build = open(os.path.join(ROOT, "po", "meson.build"), encoding="utf-8").read()
        args = re.findall(r"'(--[^']+)'", re.search(r"args : \[(.*?)\]", build, re.S).group(1))
        listed = open(os.path.join(ROOT, "po", "POTFILES")).read().split()
        sources = sorted(f"{d}/{f}" for d in ("core", "db", "tui") for f in os.listdir(os.path.join(ROOT, d))
                         if f.endswith(".c"))
        assert sorted(listed) == sources, f"po/POTFILES differs from the sources: {set(sources) ^ set(listed)}"
        pot = os.path.join(tmp, "now.pot")
        subprocess.run(["xgettext", *args, "-o", pot, *listed], cwd=ROOT, check=True, capture_output=True)
        for lang in ("nb", "en"):
            po = os.path.join(ROOT, "po", lang + ".po")
            # msgcmp: every message of the code has a translation, not a fuzzy or empty one.
            r = subprocess.run(["msgcmp", po, pot], capture_output=True, text=True)
            assert r.returncode == 0, f"po/{lang}.po lacks messages (run po/refresh and translate):\n{r.stderr[-1500:]}"
            r = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null", po], capture_output=True, text=True)
            assert r.returncode == 0 and "fuzzy" not in r.stderr and "untranslated" not in r.stderr, r.stderr

    def help_follows_the_locale():
        en = run("--help")
        assert en.returncode == 0 and "Commands:" in en.stdout and "Exit status:" in en.stdout, en.stdout
        commands = re.findall(r"^  (\w+) ", en.stdout.split("Commands:")[1].split("Options:")[0], re.M)
        nb = run("--help", lang="nb_NO.UTF-8")
        assert nb.returncode == 0 and "Kommandoer:" in nb.stdout and "Valg:" in nb.stdout, nb.stdout
        assert "Avslutningsstatus: 0 når alt gikk bra" in nb.stdout, nb.stdout
        assert re.findall(r"^  (\w+) ", nb.stdout.split("Kommandoer:")[1].split("Valg:")[0], re.M) == commands
        assert "  search   søk i sakene" in nb.stdout, nb.stdout
        sub = run("search", "--help", lang="nb_NO.UTF-8")
        assert sub.stdout.startswith("bruk: vedtak [--db PATH] search") and "Felt: sakstype:" in sub.stdout, sub.stdout
        # gettext's order: LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
        assert "Kommandoer:" in run("--help", LC_ALL=None, LANG="C.UTF-8", LC_MESSAGES="nb_NO.UTF-8").stdout
        assert "Kommandoer:" in run("--help", LANGUAGE="nb").stdout
        assert "Commands:" in run("--help", lang="nb_NO.UTF-8", LANGUAGE="en").stdout

    def norwegian_without_the_locale_installed():
        # A locale that exists nowhere: vedtak still speaks Norwegian, and æøå come out whole.
        r = run("--help", lang="nb_NO.UTF-8@uninstalled")
        assert r.returncode == 0 and "Kommandoer:" in r.stdout and "åpne databasen skrivebeskyttet" in r.stdout, \
            r.stdout + r.stderr

    def import_and_dates_in_norwegian():
        r = run("import", *decks, lang="nb_NO.UTF-8", db=db)
        assert r.returncode == 0, r.stderr
        assert f"{decks[0]}: NUFA 21.–22. april 2021, Webinar: 7 saker, 1 advarsel (ny)" in r.stdout, r.stdout
        assert "31. august–1. september 2022, Radisson Blu, Gardermoen: 7 saker, 0 advarsler (ny)" in r.stdout
        assert re.search(re.escape(decks[0]) + r":\d+: advarsel: sak 12/21: sakstypen Drøfting", r.stderr), r.stderr
        one = os.path.join(tmp, "en-dag.txt")
        with open(one, "w", encoding="utf-8") as f:
            f.write("NUFA - Oslo\n\n21. april 2021\n\n\n\nSak 5/21: Første sak\n\nForslag til vedtak\n\n"
                    "NUFA godkjenner planen.\n")
        single = os.path.join(tmp, "single.db")
        r = run("import", one, lang="nb_NO.UTF-8", db=single)
        assert ": NUFA 21. april 2021, Oslo: 1 sak, 0 advarsler (ny)" in r.stdout, r.stdout + r.stderr
        assert run("list", lang="nb_NO.UTF-8", db=single).stdout.startswith("21. april 2021  NUFA  Oslo  1 sak  ")
        # English keeps ISO 8601; a range leaves out what both days share.
        assert run("list", db=single).stdout.startswith("2021-04-21  NUFA  Oslo  1 case  ")
        assert run("list", db=db).stdout.startswith("2024-04-24–25  NUFA  Scandic Ishavshotel, Tromsø  7 cases")
        # Across a new year a range shares nothing.
        newyear = os.path.join(tmp, "nyttår.txt")
        with open(newyear, "w", encoding="utf-8") as f:
            f.write("NUIT - Bergen\n\n30. des. 2021 - 2. jan. 2022\n\n\n\nSak 9/21: Årsskiftet\n\n"
                    "Forslag til vedtak\n\nNUIT tar saken til orientering.\n")
        r = run("import", newyear, lang="nb_NO.UTF-8", db=single)
        assert ": NUIT 30. desember 2021–2. januar 2022, Bergen: 1 sak" in r.stdout, r.stdout + r.stderr
        assert "2021-12-30–2022-01-02  NUIT  Bergen  1 case" in run("list", db=single).stdout

    def search_show_and_errors_in_norwegian():
        r = run("search", "fhir", "api", lang="nb_NO.UTF-8", db=db)
        assert r.returncode == 0 and r.stdout.startswith("4 saker passer\n"), r.stdout
        assert re.search(r"^14/21  21\.04\.2021  NUFA  Orientering  Sentral forskrivningsmodul", r.stdout, re.M), r.stdout
        assert run("search", "case:14/21", lang="nb_NO.UTF-8", db=db).stdout.startswith("1 sak passer\n")
        r = run("search", "fhir", "type:x", lang="nb_NO.UTF-8", db=db)
        assert r.returncode == 2, r.returncode
        assert r.stderr.splitlines() == ["vedtak search: ukjent sakstype «x» (godkjenning, orientering eller drøfting)"
                                         " (kolonne 11)", "  fhir type:x", "            ^"], r.stderr
        r = run("show", "11/21", lang="nb_NO.UTF-8", db=db)
        lines = r.stdout.splitlines()
        assert lines[1].startswith("Møte:      NUFA, 21.–22. april 2021, Webinar  [") and "linje 312–763]" in lines[1], lines
        # The labels line up on the widest one, whatever the language.
        for label, value in (("Type:", "Drøfting (fra agendaen)"), ("Innledere:", "Bjarte Aksnes"),
                             ("Nøkkel:", "NUFA|11/21|1")):
            assert f"{label:<11}{value}" in lines, (label, lines[:8])
        assert "--- lysark 1 (Side 27), linje 317 ---" in r.stdout, r.stdout[:2000]
        r = run("import", os.path.join(tmp, "finnes-ikke.txt"), lang="nb_NO.UTF-8", db=db)
        assert r.returncode == 1 and "finnes-ikke.txt: feil: kan ikke åpne: " in r.stderr, r.stderr
        assert "vedtak import: 1 av 1 fil mislyktes" in r.stderr, r.stderr

    def exports_stay_machine_readable():
        # Exports are data, not prose: the same bytes in every language.
        for fmt in ("json", "jsonl", "csv", "ics"):
            assert run("export", "--format", fmt, db=db).stdout == \
                run("export", "--format", fmt, lang="nb_NO.UTF-8", db=db).stdout, fmt
        # search --json too: scores with a decimal point, and how words were read in the query's terms.
        en = run("search", "--json", "drøfting 2024", db=db).stdout
        nb = run("search", "--json", "drøfting 2024", lang="nb_NO.UTF-8", db=db).stdout
        assert en == nb and json.loads(nb)["read_as"][1] == {"word": "2024", "field": "year", "value": "2024"}, nb[:300]

    check("po/nb.po and po/en.po translate every message in the code", catalogues_hold_every_message)
    check("--help in English in C.UTF-8 and in Norwegian with LANG=nb_NO.UTF-8", help_follows_the_locale)
    check("Norwegian also when the locale asked for is not installed", norwegian_without_the_locale_installed)
    check("import summaries, warnings and dates in Norwegian; ISO dates in English", import_and_dates_in_norwegian)
    check("search, query errors and show in Norwegian", search_show_and_errors_in_norwegian)
    check("exports and search --json are the same in every language", exports_stay_machine_readable)
    shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
