#!/usr/bin/env python3
"""Synthetic deck corpus for benchmarks: N decks made from the sample decks,
each with renumbered cases, a shifted meeting date, a rotating committee,
its slides shuffled within each case (the heading stays first and the
proposed decision last), one reference code of its own (a rare word:
rare_code(i)) and, in each case, a line naming a contact person and a
project with invented names: half of them new, the rest drawn again from
the names seen so far, so the vocabulary has the long tail of names and
project names a real archive has. The text stays the kind of text real
decks hold.

usage: corpus.py SAMPLES_DIR OUT_DIR SIZE_MB [--seed N]
Writes OUT_DIR/deck_00000.txt ... until SIZE_MB megabytes are written."""
import datetime, os, random, re, sys

HEADING = re.compile(r"^\s*Sak (\d{1,3})/(\d{2})\b", re.M)
BREAK = re.compile(r"\n(?:[ \t]*\n){2,}")
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]
DATE_LINE = re.compile(r"^.*\d{1,2}\.\s*(?:\w+\s*)?[–-]\s*\d{1,2}\.\s*\w+\s+\d{4}.*$", re.M)
BODIES = ["NUFA", "Nasjonalt e-helsestyre", "NUIT"]


def load(samples):
    decks = []
    for name in sorted(os.listdir(samples)):
        if name.endswith(".txt"):
            with open(os.path.join(samples, name), encoding="utf-8") as f:
                decks.append(f.read())
    return decks


def split_cases(text):
    starts = [m.start() for m in HEADING.finditer(text)]
    return text[:starts[0]], [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def shuffle_case(case, rng):
    """Shuffles the slides between the heading and the proposed decision."""
    slides = BREAK.split(case)
    last = max((i for i, sl in enumerate(slides) if "orslag til vedtak" in sl), default=len(slides))
    last = max(last, 1)
    middle = slides[1:last]
    rng.shuffle(middle)
    return "\n\n\n\n".join(slides[:1] + middle + slides[last:])


def rare_code(i):
    """A word found in deck i only, as real vocabularies have a long tail of rare words."""
    return f"saksref{i * 7919 % 1000003:x}"


SYLLABLES = ["ka", "ri", "vest", "lun", "dal", "mo", "sk", "jor", "ne", "bak", "ken", "ha", "vik",
             "sol", "berg", "ta", "li", "nor", "ås", "ø", "strand", "fjell", "rud", "gard", "el",
             "vin", "tor", "sæ", "ter", "bø", "hus", "il", "an", "sen", "mar", "ud", "en", "kval"]


def invented(rng, seen):
    """A name: new half the time, else one seen before (earlier ones more often)."""
    if seen and rng.random() < 0.5:
        return seen[int(len(seen) * rng.random() ** 2)]
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    seen.append(name)
    return name


def with_slide(case, text):
    """The case with a slide of `text` after its heading, before any proposed decision."""
    m = BREAK.search(case, HEADING.match(case).end())
    return case + "\n\n\n" + text if not m else case[:m.start()] + "\n\n\n\n" + text + case[m.start():]


def own_words(rng, names):
    person = f"{invented(rng, names['first'])} {invented(rng, names['last'])}"
    return f"Kontaktperson: {person}, prosjekt {invented(rng, names['project'])}"


def make_deck(template, i, rng, numbering, names=None):
    date = datetime.date(2000, 1, 3) + datetime.timedelta(days=i)
    yy = date.year % 100
    body = BODIES[i % len(BODIES)]
    pre, cases = split_cases(template)
    if names is not None:
        cases = [with_slide(c, own_words(rng, names)) for c in cases]
    mapping = {}
    for c in cases:
        m = HEADING.match(c)
        old = f"{int(m.group(1))}/{m.group(2)}"
        if old not in mapping:
            key = (body, date.year)
            numbering[key] = numbering.get(key, 0) + 1
            mapping[old] = f"{numbering[key] % 999 + 1}/{yy:02d}"
    cases[-1] = cases[-1].rstrip("\n ") + f"\n\n\n\nReferanse {rare_code(i)}\n"
    text = pre + "".join(shuffle_case(c, rng) for c in cases)
    text = re.sub(r"(?<![\d/])(\d{1,3}/\d{2})(?![\d/])", lambda m: mapping.get(m.group(1), m.group(1)), text)
    end = date + datetime.timedelta(days=1)
    when = f"{date.day}. – {end.day}. {MONTHS[end.month - 1]} {end.year}" if date.month == end.month else \
        f"{date.day}. {MONTHS[date.month - 1]} – {end.day}. {MONTHS[end.month - 1]} {end.year}"
    text = DATE_LINE.sub(lambda m: when, text, count=1)
    return text.replace("NUFA", body)


def generate(samples, out, size_mb, seed=1):
    rng = random.Random(seed)
    templates = load(samples)
    os.makedirs(out, exist_ok=True)
    total, i, numbering, paths = 0, 0, {}, []
    names = {"first": [], "last": [], "project": []}
    while total < size_mb * 1024 * 1024:
        text = make_deck(templates[i % len(templates)], i, rng, numbering, names)
        path = os.path.join(out, f"deck_{i:05d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
        paths.append(path)
        i += 1
    return paths, total


if __name__ == "__main__":
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    paths, total = generate(sys.argv[1], sys.argv[2], float(sys.argv[3]), seed)
    print(f"{len(paths)} decks, {total / 1e6:.1f} MB in {sys.argv[2]}")
