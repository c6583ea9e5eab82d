#!/usr/bin/python3
"""Writes text as a PDF with reportlab (Debian's python3-reportlab), as the
tests need PDFs made from text they know: make_pdf.py OUT.pdf IN.txt
[--slides] [--encrypt PASSWORD] [--image-only].

--slides: one page per slide (slides are separated by two or more blank
lines), landscape, as presentation software exports a deck. Otherwise A4
pages of 60 lines, a form feed starting a new page. --image-only: pages
with drawings and no text, as a scan has."""
import re, sys
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

out, src = sys.argv[1], sys.argv[2]
args = sys.argv[3:]
slides = "--slides" in args
enc = args[args.index("--encrypt") + 1] if "--encrypt" in args else None
font = "Courier"
for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",):
    try:
        pdfmetrics.registerFont(TTFont("Mono", path))
        font = "Mono"
    except Exception:
        pass
text = open(src, encoding="utf-8").read()
if slides:
    pages = [p.strip("\n") for p in re.split(r"\n(?:[ \t]*\n){2,}", text) if p.strip()]
else:
    pages = []
    for part in text.split("\f"):
        lines = part.split("\n")
        pages += ["\n".join(lines[i:i + 60]) for i in range(0, max(len(lines), 1), 60)]
size = landscape(A4) if slides else A4
c = canvas.Canvas(out, pagesize=size, encrypt=enc)
for page in pages:
    if "--image-only" in args:
        c.rect(50, 50, 200, 100, fill=1)
    else:
        # Every line on the page: a long slide gets a smaller font, as a deck shrinks text to fit.
        lines = page.split("\n")
        pitch = min(10.0, (size[1] - 60) / max(len(lines), 1))
        c.setFont(font, pitch * 0.8)
        y = size[1] - 40
        for line in lines:
            c.drawString(30, y, line.rstrip())
            y -= pitch
    c.showPage()
c.save()
