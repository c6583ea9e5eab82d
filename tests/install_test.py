#!/usr/bin/env python3
"""The install tree: `meson install --destdir` into a temporary folder, then
the installed binary runs on its bundled samples (found next to its prefix),
the man page covers every command in --help and every key of the UI, the
bash completion offers commands and the database's tags, and the installed
catalogues make it speak Norwegian with LANG=nb_NO.UTF-8.

usage: install_test.py BUILD_DIR      (prints TAP)"""
import os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap  # noqa: E402


def main():
    build = sys.argv[1]
    tap = Tap()
    check = tap.check
    with tempfile.TemporaryDirectory() as tmp:
        dest = os.path.join(tmp, "dest")
        r = subprocess.run(["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print(f"not ok 1 - meson install\n#   {r.stderr.strip()[-400:]}\n1..1")
            return 1
        found = {}
        for root, _dirs, files in os.walk(dest):
            for f in files:
                found.setdefault(f, os.path.join(root, f))
        vedtak = next(os.path.join(root, "vedtak") for root, _d, files in os.walk(dest)
                      if "vedtak" in files and root.endswith("/bin"))
        db = os.path.join(tmp, "v.db")
        env = dict(os.environ, VEDTAK_ASSETS="")

        def installed_runs_on_its_samples():
            r = subprocess.run([vedtak, "--db", db], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
            assert r.returncode == 0, r.stderr
            m = re.search(r"imported 4 sample decks from (\S+)", r.stdout)
            assert m and m.group(1).startswith(dest), r.stdout[:300]
            assert "Scandic Ishavshotel" in r.stdout

        def man_page_covers_commands_and_keys():
            man = open(found["vedtak.1"], encoding="utf-8").read()
            helptext = subprocess.run([vedtak, "--help"], capture_output=True, text=True).stdout
            commands = re.findall(r"^  (\w+) ", helptext.split("Commands:")[1].split("Options:")[0], re.M)
            assert len(commands) >= 10, commands
            missing = [c for c in commands if f".B vedtak {c}\\fR" not in man]
            assert not missing, f"commands missing from the man page: {missing}"
            for key in ("Ctrl-C", "n", "PgDn", "Tab completes"):
                assert key in man, key
            if shutil.which("man"):
                r = subprocess.run(["man", "-l", found["vedtak.1"]], capture_output=True, text=True,
                                   env=dict(os.environ, MANWIDTH="80", LANG="C.UTF-8"))
                assert r.returncode == 0 and "QUERY LANGUAGE" in r.stdout, r.stderr

        def bash_completion():
            comp = next(os.path.join(root, "vedtak") for root, _d, files in os.walk(dest)
                        if root.endswith("bash-completion/completions"))
            subprocess.run([vedtak, "--db", db, "tag", "+oppfølging", "--", "fhir"], check=True, capture_output=True)
            path = os.path.dirname(vedtak)
            script = (f'PATH="{path}:$PATH"; source "{comp}"; '
                      'COMP_WORDS=(vedtak ta); COMP_CWORD=1; _vedtak; echo "${COMPREPLY[@]}"; '
                      f'COMP_WORDS=(vedtak --db "{db}" tag +o); COMP_CWORD=4; _vedtak; echo "${{COMPREPLY[@]}}"')
            r = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
            lines = r.stdout.splitlines()
            assert len(lines) == 2, (r.stdout, r.stderr)
            assert lines[0].split() == ["tag", "tags"], lines[0]
            assert lines[1].split() == ["+oppfølging"], lines[1]
            assert "_vedtak" in found, "the zsh completion is installed"

        def installed_themes():
            keys, dump, attrs = (os.path.join(tmp, n) for n in ("k.keys", "screen.txt", "attrs.txt"))
            with open(keys, "w") as f:
                f.write("key /\ntype fhir\nkey Enter\n")
            r = subprocess.run([vedtak, "--db", db], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                               env=dict(env, VEDTAK_THEME="mono", VEDTAK_UI_SCRIPT=keys, VEDTAK_UI_DUMP=dump,
                                        VEDTAK_UI_DUMP_ATTRS=attrs, TERM="xterm-256color"))
            assert r.returncode == 0, r.stderr
            screen = open(dump, encoding="utf-8").read()
            assert "cases match" in screen, screen[-300:]
            assert "c" not in open(attrs).read(), "the installed mono theme was not applied"

        def installed_speaks_norwegian():
            catalogues = [os.path.join(root, "vedtak.mo") for root, _d, files in os.walk(dest) if "vedtak.mo" in files]
            assert any(c.endswith("/share/locale/nb/LC_MESSAGES/vedtak.mo") for c in catalogues), catalogues

            nb = dict(env, LANG="nb_NO.UTF-8", LC_ALL="nb_NO.UTF-8", LANGUAGE="")
            r = subprocess.run([vedtak, "--db", db, "list"], capture_output=True, text=True, env=nb)
            assert r.returncode == 0 and "24.–25. april 2024  NUFA" in r.stdout and "7 saker" in r.stdout, r.stdout
            r = subprocess.run([vedtak, "--help"], capture_output=True, text=True, env=nb)
            assert "Kommandoer:" in r.stdout, r.stdout

        check("the installed vedtak finds its bundled samples next to its prefix", installed_runs_on_its_samples)
        check("the installed vedtak speaks Norwegian from its installed catalogue", installed_speaks_norwegian)

        check("the installed vedtak finds its bundled themes (theme = mono)", installed_themes)
        check("the man page has every command of --help and the UI's keys", man_page_covers_commands_and_keys)
        check("bash completion offers commands and the database's tags", bash_completion)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
