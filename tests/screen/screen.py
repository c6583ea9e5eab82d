#!/usr/bin/env python3
"""Screen tests, as tig does them: the UI reads a key script
(cases/NAME.keys: "# size COLSxROWS", then "type TEXT", "key NAME",
"resize COLS ROWS" lines), draws at that size over a database of the sample
decks, and dumps the screen, which must equal cases/NAME.screen. Cases run
in C.UTF-8 unless they name a locale ("# lang nb_NO.UTF-8"). Also checks
that NO_COLOR draws the same text with attributes only.

usage: screen.py VEDTAK SAMPLES_DIR CASES_DIR [--update]    (prints TAP)"""
import csv
import difflib, os, re, shutil, subprocess, sys, tempfile


def run_case(vedtak, db, keys, tmp, extra_env=None):
    """Header lines: "# size COLSxROWS", "# empty-db" (first start), "# args ARG...", "# lang LOCALE"."""
    size, empty, args, lang = "80x24", False, [], "C.UTF-8"
    for line in open(keys, encoding="utf-8"):
        if line.startswith("# size "):
            size = line.split()[2]
        elif line.startswith("# lang "):
            lang = line.split()[2]
        elif line.startswith("# empty-db"):
            empty = True
        elif line.startswith("# args "):
            args = line.split()[2:]
    script = os.path.join(tmp, "script.keys")
    with open(script, "w", encoding="utf-8") as f:
        f.writelines(l for l in open(keys, encoding="utf-8") if not l.startswith("#"))
    dump, attrs = os.path.join(tmp, "screen.txt"), os.path.join(tmp, "attrs.txt")
    for p in (dump, attrs):
        if os.path.exists(p):
            os.remove(p)
    env = dict(os.environ, LANG=lang, LC_ALL=lang, LANGUAGE="", TERM="xterm-256color", VEDTAK_USER="tester",
               XDG_DATA_HOME=os.path.join(tmp, "data"), VEDTAK_UI_SCRIPT=script, VEDTAK_UI_SIZE=size,
               VEDTAK_UI_DUMP=dump, VEDTAK_UI_DUMP_ATTRS=attrs)
    env.pop("NO_COLOR", None)
    env.pop("VEDTAK_THEME", None)
    # An "editor" that writes the note, as a person would in $EDITOR.
    editor = os.path.join(tmp, "editor.sh")
    with open(editor, "w") as f:
        f.write("#!/bin/sh\nprintf 'En lengre merknad\\nover to linjer\\n' > \"$1\"\n")
    os.chmod(editor, 0o755)
    env["EDITOR"] = editor
    env.pop("VISUAL", None)
    # A "pager" that notes what it was asked to show, shown in the status line after.
    pager = os.path.join(tmp, "pager.sh")
    with open(pager, "w") as f:
        f.write("#!/bin/sh\nprintf '%s %s\\n' \"$1\" \"$(basename \"$2\")\" > \"$(dirname \"$0\")/paged.txt\"\n")
    os.chmod(pager, 0o755)
    env["PAGER"] = pager
    env.update(extra_env or {})
    # A copy per case: history and the database stay as the samples left them.
    case_db = os.path.join(tmp, "case.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(case_db + suffix):
            os.remove(case_db + suffix)
    if not empty:
        shutil.copy(db, case_db)
    r = subprocess.run([vedtak, "--db", case_db] + args, env=env, capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL, cwd=tmp)
    if r.returncode != 0 or not os.path.exists(dump):
        raise RuntimeError(f"exit {r.returncode}: {r.stderr.strip()[-500:]}")
    text = open(dump, encoding="utf-8").read()
    exported = os.path.join(tmp, "treff.csv")
    if os.path.exists(exported):
        with open(exported, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        text += f"EXPORT: {len(rows) - 1} rows, first {rows[1][:2] if len(rows) > 1 else None}\n"
        os.remove(exported)
    paged = os.path.join(tmp, "paged.txt")
    if os.path.exists(paged):
        text += "PAGER: " + open(paged, encoding="utf-8").read()
        os.remove(paged)
    # The case's own folder (where an export goes) changes from run to run.
    text = text.replace(os.path.realpath(tmp), "TMP")
    # The bundled samples' folder depends on the checkout.
    text = re.sub(r"sample decks from \S+", "sample decks from ASSETS", text)
    text = re.sub(r"eksempelfiler fra \S+", "eksempelfiler fra ASSETS", text)


    # Notes and undo say when: times change from run to run.
    text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?", "YYYY-MM-DDTHH:MM", text)
    return text, open(attrs, encoding="utf-8").read()


def report(n, name, problems):
    """Prints test n's TAP line; returns 1 if it failed."""
    print(f"{'not ok' if problems else 'ok'} {n} - {name}")
    for p in problems:
        print("#   " + p)
    return 1 if problems else 0


def main():
    vedtak, samples, cases = sys.argv[1:4]
    vedtak = os.path.abspath(vedtak)
    update = "--update" in sys.argv
    n, failed = 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "data", "vedtak"))
        db = os.path.join(tmp, "samples.db")
        decks = sorted(os.path.join(samples, f) for f in os.listdir(samples) if f.endswith(".txt"))
        subprocess.run([vedtak, "--db", db, "import"] + decks, check=True, capture_output=True)
        subprocess.run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE)"], capture_output=True)
        for name in sorted(f[:-5] for f in os.listdir(cases) if f.endswith(".keys")):
            n += 1
            want_path = os.path.join(cases, name + ".screen")
            try:
                got, _ = run_case(vedtak, db, os.path.join(cases, name + ".keys"), tmp)
            except RuntimeError as e:
                failed += 1
                print(f"not ok {n} - {name}: {e}")
                continue
            if update:
                with open(want_path, "w", encoding="utf-8") as f:
                    f.write(got)
            want = open(want_path, encoding="utf-8").read() if os.path.exists(want_path) else ""
            if got == want:
                print(f"ok {n} - {name}")
            else:
                failed += 1
                print(f"not ok {n} - {name}: screen differs from {want_path}")
                for line in list(difflib.unified_diff(want.splitlines(), got.splitlines(), "expected", "got",
                                                      lineterm=""))[:40]:
                    print("# " + line)
        # NO_COLOR: the same text, attributes only.
        n += 1
        keys = os.path.join(cases, "live_search.keys")
        text_c, attrs_c = run_case(vedtak, db, keys, tmp)
        text_p, attrs_p = run_case(vedtak, db, keys, tmp, {"NO_COLOR": "1"})
        problems = []
        if text_c != text_p:
            problems.append("NO_COLOR changes the text")
        if "c" not in attrs_c:
            problems.append("no colour drawn without NO_COLOR")
        if "c" in attrs_p:
            problems.append("colour drawn with NO_COLOR")
        if "r" not in attrs_p:
            problems.append("NO_COLOR shows no selection or status (reverse video)")
        failed += report(n, "NO_COLOR draws attributes only", problems)
        # In colour, a person sees the selected row, the badges and the bars coloured
        # across their text, not only in the padding after it (issue 14, part 2.1).
        n += 1
        problems = []
        lines, marks = text_c.splitlines(), attrs_c.splitlines()
        rows = [i for i, l in enumerate(lines) if re.match(r"^ \d+/\d\d ", l)]
        if not rows:
            problems.append("no result rows on the screen")
        else:
            cur = rows[0]
            end = len(lines[cur].split("│")[0].rstrip())
            if set(marks[cur][1:end]) != {"c"}:
                problems.append(f"the selected row is not coloured across its text: {marks[cur][:end]}")
            for i in rows[1:]:
                badge = re.match(r"^ \S+\s+\S+ \S+ ([GOD]) ", lines[i])
                if badge and marks[i][badge.start(1)] != "c":
                    problems.append(f"badge {badge.group(1)} of row {i} drawn without colour: {marks[i][:40]}")
                if badge and set(marks[i][1:badge.start(1)]) != {"."}:
                    problems.append(f"an unselected row is coloured: {marks[i][:40]}")
        # A hit in the preview: the word the query found is coloured, the words around it are not.
        hit_rows = [i for i, l in enumerate(lines) if "│ Api-ene: Datadeling og Basis" in l]
        if not hit_rows:
            problems.append("the preview shows no 'Api-ene: Datadeling og Basis' line")
        else:
            i = hit_rows[0]
            at = lines[i].index("Api-ene")
            word = lines[i].index("Datadeling")
            if set(marks[i][at:at + 3]) != {"c"}:
                problems.append(f"the hit 'Api' is not coloured across its text: {marks[i][at:at + 10]}")
            if set(marks[i][word:word + 10]) != {"."}:
                problems.append(f"a word that is no hit is coloured: {marks[i][word:word + 10]}")
        title = lines[0].rstrip()
        if set(marks[0][:len(title)]) != {"c"}:
            problems.append(f"the title bar's text is not coloured: {marks[0][:len(title)]}")
        failed += report(n, "colour on the text of the cursor row, the badges, a hit and the title bar", problems)
        # Themes: the bundled ones by name, a broken one named in the status line.
        n += 1
        problems = []
        text_m, attrs_m = run_case(vedtak, db, keys, tmp, {"VEDTAK_THEME": "mono"})
        text_l, attrs_l = run_case(vedtak, db, keys, tmp, {"VEDTAK_THEME": "light"})
        if text_m != text_c or text_l != text_c:
            problems.append("a theme changes the text")
        if "c" in attrs_m or "r" not in attrs_m:
            problems.append("theme mono draws colours, or no reverse video")
        if "c" not in attrs_l:
            problems.append("theme light draws no colours")
        bad = os.path.join(tmp, "bad.theme")
        with open(bad, "w") as f:
            f.write("# a theme with a mistake\ntitle = blue bold\nhit = purple\n")
        empty_keys = os.path.join(tmp, "empty.keys")
        with open(empty_keys, "w") as f:
            f.write("# size 100x10\n")
        text_b, _ = run_case(vedtak, db, empty_keys, tmp, {"VEDTAK_THEME": bad})
        if "TMP/bad.theme:3: not 'STYLE = COLOUR" not in text_b:
            problems.append("the bad theme line is not named in the status line: " + text_b.splitlines()[-1])
        text_n, _ = run_case(vedtak, db, empty_keys, tmp, {"VEDTAK_THEME": "nosuch"})
        if "cannot read theme" not in text_n:
            problems.append("a missing theme is not reported")
        failed += report(n, "themes: mono without colours, light with, a bad line named", problems)
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
