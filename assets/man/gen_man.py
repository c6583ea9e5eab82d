#!/usr/bin/env python3
"""Builds the man page: the template's @COMMANDS@ and @KEYS@ come from the
program itself (`vedtak man-section commands|keys`), so the page cannot
drift from the command table and the UI's key table.

usage: gen_man.py VEDTAK TEMPLATE OUTPUT VERSION DATADIR"""
import os, subprocess, sys

vedtak, template, output, version, datadir = sys.argv[1:6]
# The page is English, whatever the locale of whoever builds it.
english = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
sections = {name: subprocess.run([vedtak, "--db", ":memory:", "man-section", name], capture_output=True,
                                 text=True, check=True, env=english).stdout.rstrip("\n")

            for name in ("commands", "keys")}
page = open(template, encoding="utf-8").read()
page = page.replace("@COMMANDS@", sections["commands"]).replace("@KEYS@", sections["keys"])
page = page.replace("@VERSION@", version).replace("@DATADIR@", datadir)
open(output, "w", encoding="utf-8").write(page)
