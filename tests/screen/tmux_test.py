#!/usr/bin/env python3
"""End-to-end test in a real terminal: vedtak runs in tmux at 120x40, a
person's keystrokes go in with send-keys, and the screen comes back with
capture-pane. Checks live search, opening a case, that q and Ctrl-C leave
the program, and that a Norwegian user gets a Norwegian screen. scripts/deps
installs tmux; without it the test skips.

usage: tmux_test.py VEDTAK SAMPLES_DIR      (prints TAP)"""
import os, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import Tap  # noqa: E402

SOCK = f"vedtak-test-{os.getpid()}"


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCK] + list(args), capture_output=True, text=True, check=check)


def screen():
    return tmux("capture-pane", "-p", "-t", "t").stdout


def wait_for(text, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        s = screen()
        if text in s:
            return s
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared; the screen:\n{screen()}")


def wait_gone(timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        if tmux("has-session", "-t", "t", check=False).returncode != 0:
            return
        time.sleep(0.05)
    raise AssertionError("vedtak did not quit")


def main():
    vedtak, samples = os.path.abspath(sys.argv[1]), sys.argv[2]
    if not shutil.which("tmux"):
        print("1..0 # SKIP tmux is not installed (scripts/deps installs it)")
        return 0
    tap = Tap(cleanup=lambda: tmux("kill-server", check=False), lines=40)
    check = tap.check
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "v.db")
        decks = sorted(os.path.join(samples, f) for f in os.listdir(samples) if f.endswith(".txt"))
        subprocess.run([vedtak, "--db", db, "import"] + decks, check=True, capture_output=True)
        cmd = f"env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= XDG_DATA_HOME={tmp} {vedtak} --db {db}"

        def start(lang="C.UTF-8", title="vedtak · Meetings", database=db):
            # The server of the check before may still be exiting (its last session ended): try again.
            for _ in range(50):
                r = tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "t",
                         cmd.replace("C.UTF-8", lang).replace(db, database), check=False)
                if r.returncode == 0:
                    break
                time.sleep(0.1)
            assert r.returncode == 0, f"tmux new-session: {r.stderr}"
            wait_for(title)


        def keys(*names):
            for k in names:
                tmux("send-keys", "-t", "t", k)

        def start_search(text):
            """Starts vedtak and types a query at the search prompt, as a person would."""
            start()
            keys("/")
            tmux("send-keys", "-t", "t", "-l", text)

        def search_and_open():
            start_search("fhir api")
            s = wait_for("4 cases match")
            assert "14/21" in s and "Sentral forskrivningsmodul SFM" in s, s
            assert "Search: fhir api" in s, s
            keys("Enter", "Enter")                      # leave the prompt, open the first case
            s = wait_for("Forslag til vedtak")
            assert "Sak 14/21 · NUFA" in s and "Presenters: Dag Hammer; Ida Nordmann" in s, s
            keys("q")
            wait_for("4 cases match")
            keys("q")
            wait_for("vedtak · Meetings")
            keys("q")
            wait_gone()

        def pasted_query_error_shows():
            # Pasted at once, the text ends in an open quote: the error shows, and the search still
            # running for the text before it does not wipe it when it ends.
            start_search('fhir "api')
            s = wait_for("unbalanced quote: no closing")
            time.sleep(0.5)
            s = screen()
            assert "unbalanced quote: no closing" in s, s
            keys("C-c")
            wait_gone()

        def ctrl_c_quits():
            start_search("samhandling")
            wait_for("cases match")
            keys("C-c")
            wait_gone()

        def narrow_and_resize():
            start_search("hjemmeoppfolging")
            wait_for("6 cases match")
            tmux("resize-window", "-t", "t", "-x", "60", "-y", "20")
            s = wait_for("Search: hjemmeoppfolging")
            assert "│" not in s, "no preview pane below 100 columns:\n" + s
            tmux("resize-window", "-t", "t", "-x", "30", "-y", "8")
            wait_for("Too small (30x8)")
            tmux("resize-window", "-t", "t", "-x", "120", "-y", "40")
            s = wait_for("6 cases match")
            assert "Search: hjemmeoppfolging" in s, "the query survived the resizes:\n" + s

        def a_case_keeps_its_place_across_a_resize():
            # A case read halfway down, the terminal made narrower: the passage at the top stays at
            # the top, and made as wide again the screen is as it was. It stayed on the same line
            # number, which the narrower wrapping puts pages earlier in the text.
            start_search("hjemmeoppfolging")
            wait_for("6 cases match")
            keys("Enter", "Enter")
            wait_for("Forslag til vedtak")
            for _ in range(6):
                keys("NPage")
            time.sleep(0.5)
            before = screen().splitlines()
            words = lambda l: [w for w in l.split() if w.isalpha()]
            top = next(l for l in before[1:6] if len(words(l)) >= 3 and "──" not in l)
            tmux("resize-window", "-t", "t", "-x", "60", "-y", "40")
            time.sleep(0.8)
            narrow = screen().splitlines()
            assert " ".join(words(top)[:3]) in " ".join(" ".join(words(l)) for l in narrow[1:4]), \
                f"{top!r} is not at the top:\n" + "\n".join(narrow)
            tmux("resize-window", "-t", "t", "-x", "120", "-y", "40")
            time.sleep(0.8)
            again = screen().splitlines()
            assert again[1:-1] == before[1:-1], "\n".join(before) + "\n----\n" + "\n".join(again)
            # At the end of the case, narrow: wider, the end shows fewer lines down, and narrow again
            # it is the end as it was.
            tmux("resize-window", "-t", "t", "-x", "60", "-y", "40")
            time.sleep(0.5)
            keys("End")
            time.sleep(0.5)
            end = screen().splitlines()
            tmux("resize-window", "-t", "t", "-x", "120", "-y", "40")
            time.sleep(0.5)
            tmux("resize-window", "-t", "t", "-x", "60", "-y", "40")
            time.sleep(0.8)
            again = screen().splitlines()
            assert again[1:-1] == end[1:-1], "\n".join(end) + "\n----\n" + "\n".join(again)
            keys("C-c")
            wait_gone()

        def quitting_while_another_vedtak_writes():
            # On the way out vedtak notes what was seen; while another vedtak held the write lock,
            # that write waited, told the UI's screen of it after a second, and the screen was
            # gone: the program crashed (exit 139) and the note was lost.
            done = os.path.join(tmp, "quit-rc.txt")
            err = os.path.join(tmp, "quit-err.txt")
            for _ in range(50):
                r = tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "t",
                         f"sh -c '{cmd} 2>{err}; echo $? > {done}'", check=False)
                if r.returncode == 0:
                    break
                time.sleep(0.1)
            wait_for("vedtak · Meetings")
            holder = subprocess.Popen([sys.executable, "-c",
                                       "import sqlite3, sys, time\n"
                                       "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                                       "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True)\n"
                                       "time.sleep(2.5); c.execute('COMMIT')\n", db],
                                      stdout=subprocess.PIPE, text=True)
            assert holder.stdout.readline().strip() == "locked"
            keys("q")
            wait_gone(15)
            holder.wait(10)
            assert open(done).read().strip() == "0", open(done).read() + open(err).read()
            assert "waiting for another vedtak to finish writing" in open(err).read(), open(err).read()

        def norwegian():
            start("nb_NO.UTF-8", "vedtak · Møter")
            s = wait_for("? hjelp  q avslutt")
            assert "24.–25.04.2024" in s and "7 saker" in s, s
            keys("/")
            tmux("send-keys", "-t", "t", "-l", "fhir api")
            s = wait_for("4 saker passer · sortert etter relevans")
            assert "Søk: fhir api" in s and "21.04.2021" in s, s
            keys("Enter", "Enter")
            # The status line is drawn last: once it is there, the whole case view is.
            s = wait_for("linje 1 av")
            assert "Sak 14/21 · NUFA · 21.–22. april 2021" in s and "Innledere: Dag Hammer" in s, s
            assert "Forslag til vedtak" in s, s

            keys("C-c")
            wait_gone()

        def marks_drawn_as_written():
            import unicodedata
            nfd = os.path.join(tmp, "nfd.db")
            text = open(decks[0], encoding="utf-8").read().replace(
                "Sak 11/21: Program helhetlig samhandling",
                "Sak 11/21: " + unicodedata.normalize("NFD", "Samhandling på tvers") + " q\u0303 x", 1)
            with open(os.path.join(tmp, "nfd.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            subprocess.run([vedtak, "--db", nfd, "import", os.path.join(tmp, "nfd.txt")], check=True,
                           capture_output=True)
            start(database=nfd)
            keys("/")
            tmux("send-keys", "-t", "t", "-l", "tvers")
            wait_for("Search: tvers")
            # å is one letter on the screen, and q with its tilde one cell, before the x.
            s = wait_for("Samhandling på tvers")
            assert "Samhandling på tvers q\u0303 x" in s, s
            keys("C-c")
            wait_gone()

        def c_locale():
            # LANG=C, as a bare container or an ssh session without a locale gives, in a terminal
            # that shows UTF-8: the letters and the UI's own marks are drawn, and typed, as written.
            start("C", "vedtak · Meetings")
            keys("/")
            tmux("send-keys", "-t", "t", "-l", "innføring kjernejournal")
            s = wait_for("Search: innføring kjernejournal")
            s = wait_for("Innføring av dokumentdeling gjennom kjernejournal")
            assert "20/21" in s, s
            keys("C-c")
            wait_gone()

        check("live search in a real terminal, open a case, q back out", search_and_open)
        check("LANG=C: æøå and the UI's marks drawn and typed as written", c_locale)
        check("text written with combining marks is drawn as written", marks_drawn_as_written)
        check("LANG=nb_NO.UTF-8: the screens and the status line in Norwegian", norwegian)

        def other_processes_changes_appear():
            # A tag and a saved search made on the command line while the UI is open show on its
            # start screen without a restart (SQLite's data_version, read each second).
            start()
            env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", VEDTAK_USER="tester")
            subprocess.run([vedtak, "--db", db, "tag", "+fra-cli", "--", "case:14/21"], check=True,
                           capture_output=True, env=env)
            subprocess.run([vedtak, "--db", db, "saved", "add", "lagret-utenfra", "fhir"], check=True,
                           capture_output=True, env=env)
            wait_for("lagret-utenfra", timeout=5)
            # The screen may be caught between two lines of one redraw: wait for the tag too.
            s = wait_for("fra-cli", timeout=5)
            assert "lagret-utenfra" in s and "Saved searches" in s, s
            keys("q")
            wait_gone()

        def undo_asks_about_a_later_tagging_from_elsewhere():
            # Tagged here, then on the command line: u must ask about the command line's tagging,
            # not take it for this UI's own.
            start_search("nilar")
            wait_for("2 cases match")
            keys("Enter", "t")
            tmux("send-keys", "-t", "t", "-l", "her")
            keys("Enter")
            wait_for("her added to 1 case")
            env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", VEDTAK_USER="tester")
            subprocess.run([vedtak, "--db", db, "tag", "+fra-cli-etterpå", "--", "case:14/21"], check=True,
                           capture_output=True, env=env)
            keys("u")
            s = wait_for("outside this UI)? (y/n)")
            assert "Undo +fra-cli-etterpå on 1 case" in s, s
            keys("n")
            wait_for("nothing done")
            keys("C-c")
            wait_gone()

        def ctrl_z_suspends_and_fg_resumes():
            # In a shell with job control, as a person runs it.
            for _ in range(50):
                r = tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "t",
                         "env PS1='$ ' bash --norc --noprofile -i", check=False)
                if r.returncode == 0:
                    break
                time.sleep(0.1)
            wait_for("$")
            tmux("send-keys", "-t", "t", "-l", cmd)
            keys("Enter")
            wait_for("vedtak · Meetings")
            keys("C-z")
            s = wait_for("Stopped")
            assert "vedtak · Meetings" not in s.split("Stopped")[-1], s
            tmux("send-keys", "-t", "t", "-l", "fg")
            keys("Enter")
            wait_for("q quit")
            keys("q")
            wait_for("$ ")
            tmux("send-keys", "-t", "t", "-l", "exit")
            keys("Enter")
            wait_gone()

        check("a pasted query's error shows and stays", pasted_query_error_shows)
        check("Ctrl-C quits from the search prompt", ctrl_c_quits)
        check("a tag and a saved search made by another process appear on the start screen",
              other_processes_changes_appear)
        check("Ctrl-Z suspends to the shell, fg brings the screen back", ctrl_z_suspends_and_fg_resumes)
        check("u asks about a tagging made elsewhere after this UI's own", undo_asks_about_a_later_tagging_from_elsewhere)
        check("resize to narrow, too small and back keeps the query", narrow_and_resize)
        check("a case read halfway keeps its place across a resize", a_case_keeps_its_place_across_a_resize)
        check("quitting while another vedtak writes waits, says so and exits cleanly",
              quitting_while_another_vedtak_writes)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
