#!/usr/bin/env python3
"""Relevance benchmark (issue 13): how well vedtak's search answers the needs
members have, against a naive SQLite FTS5 index built from the same export.

    tests/bench/bench_relevance.py VEDTAK [SHARED]

The needs and their judgements (tests/bench/relevance/needs.tsv) were written
by reading every case before any search code was run; grades 3 (about it),
2 (treats it), 1 (mentions it). The documents are ../shared/seeds and
../shared/formats. Prints P@5, R@10 and nDCG@10 per need and on average for
vedtak and for the baseline (unicode61 tokenizer, every word ANDed, plain
bm25), and the needs vedtak answers worst. A benchmark, not a test: it fails
only when it cannot run."""
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def read_needs(path):
    needs = []
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        nid, query, judged, note = line.rstrip('\n').split('\t')
        grades = {}
        for item in judged.split(','):
            key, grade = item.strip().rsplit('=', 1)
            grades[key.strip()] = int(grade)
        needs.append((nid, query, grades, note))
    return needs


def dcg(gains):
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def measure(ranked, grades):
    """P@5, R@10, nDCG@10 of a ranked list of case keys ("NUFA 11/21")."""
    got = [grades.get(k, 0) for k in ranked[:10]]
    relevant = sum(1 for g in grades.values() if g > 0)
    p5 = sum(1 for g in got[:5] if g > 0) / 5
    r10 = sum(1 for g in got if g > 0) / relevant if relevant else 0
    ideal = dcg(sorted(grades.values(), reverse=True)[:10])
    return p5, r10, (dcg(got) / ideal if ideal else 0)


def vedtak_ranked(vedtak, db, query):
    out = subprocess.run([vedtak, '--db', db, 'search', '--json', '--limit', '10', query],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return []
    return ['%s %s' % (r['body'], r['number']) for r in json.loads(out.stdout)['results']]


def baseline_index(export):
    """The naive index: one row a case, unicode61, bm25 as SQLite gives it."""
    con = sqlite3.connect(':memory:')
    con.execute("CREATE VIRTUAL TABLE b USING fts5(key UNINDEXED, title, decision, people, slides)")
    for m in export['meetings']:
        for c in m['cases']:
            people = '\n'.join(p['name'] + (' (%s)' % p['organization'] if p.get('organization') else '')
                               for p in c['presenters'])
            con.execute("INSERT INTO b VALUES (?, ?, ?, ?, ?)",
                        ('%s %s' % (m['body'], c['number']),
                         (c['title'] or '') + '\n' + (c.get('agenda_title') or ''),
                         (c.get('proposed_decision') or '') + '\n' + (c.get('recorded_decision') or ''),
                         people, '\n'.join(s['text'] for s in c['slides'])))
    return con


def baseline_ranked(con, query):
    words = re.findall(r'\w+', query)
    if not words:
        return []
    expr = ' AND '.join('"%s"' % w for w in words)
    try:
        return [r[0] for r in con.execute("SELECT key FROM b WHERE b MATCH ? ORDER BY bm25(b) LIMIT 10",
                                          (expr,))]
    except sqlite3.OperationalError:
        return []


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    vedtak = os.path.abspath(sys.argv[1])
    shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '..', '..', '..', 'shared')
    needs = read_needs(os.path.join(HERE, 'relevance', 'needs.tsv'))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'bench.db')
        subprocess.run([vedtak, '--db', db, 'import', os.path.join(shared, 'seeds'),
                        os.path.join(shared, 'formats')], check=True, capture_output=True)
        export = json.loads(subprocess.run([vedtak, '--db', db, 'export', '--format', 'json'],
                                           check=True, capture_output=True, text=True).stdout)
        base = baseline_index(export)
        rows = []
        for nid, query, grades, note in needs:
            v = measure(vedtak_ranked(vedtak, db, query), grades)
            b = measure(baseline_ranked(base, query), grades)
            rows.append((nid, query, v, b, note))
    print('%-4s %-34s %18s  %18s' % ('need', 'query', 'vedtak P5 R10 nDCG', 'naive P5 R10 nDCG'))
    for nid, query, v, b, _ in rows:
        print('%-4s %-34s %5.2f %4.2f %5.2f   %5.2f %4.2f %5.2f' % ((nid, query[:34]) + v + b))
    n = len(rows)
    mean = lambda i, j: sum(r[i][j] for r in rows) / n
    print('\n%d needs          %10s %10s %10s' % (n, 'P@5', 'R@10', 'nDCG@10'))
    print('vedtak           %10.3f %10.3f %10.3f' % (mean(2, 0), mean(2, 1), mean(2, 2)))
    print('naive FTS5       %10.3f %10.3f %10.3f' % (mean(3, 0), mean(3, 1), mean(3, 2)))
    tags = {}
    for r in rows:
        tag = r[4].split(':')[0].split(' ')[0].split('/')[0]
        tags.setdefault(tag, []).append(r)
    print('\nby kind of need (nDCG@10, vedtak / naive):')
    for tag, rs in sorted(tags.items()):
        print('  %-14s %3d  %.3f / %.3f' % (tag, len(rs), sum(r[2][2] for r in rs) / len(rs),
                                             sum(r[3][2] for r in rs) / len(rs)))
    print('\nworst for vedtak:')
    for nid, query, v, b, note in sorted(rows, key=lambda r: r[2][2])[:10]:
        print('  %s %-32s nDCG %.2f (naive %.2f)  %s' % (nid, query, v[2], b[2], note[:70]))


if __name__ == '__main__':
    main()
