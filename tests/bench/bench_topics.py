#!/usr/bin/env python3
"""Topic grouping benchmark (issue 16): how well `vedtak history` groups the
cases of the sample documents into topics, against a hand-checked key.

    tests/bench/bench_topics.py VEDTAK [SHARED]

The key (tests/bench/topics/key.tsv, how it was judged in README.md beside
it) was written by reading every case of ../shared/seeds and
../shared/formats before the grouping code was run. Prints pairwise
precision and recall (of the pairs of cases put in one topic), the topics
found and the pairs missed or wrongly joined. A benchmark, not a test: it
fails only when it cannot run."""
import itertools
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def read_key(path):
    topics, standing = {}, set()
    with open(path, encoding='utf-8') as f:
        next(f)
        for i, line in enumerate(f):
            fields = line.rstrip('\n').split('\t')
            for ref in fields[1].split():
                topics[ref] = i
                if fields[2] == 'yes':
                    standing.add(ref)
    return topics, standing


def pairs_of(groups):
    out = set()
    for g in groups:
        out.update(itertools.combinations(sorted(g), 2))
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    vedtak = os.path.abspath(sys.argv[1])
    shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '..', '..', '..', 'shared')
    key, standing = read_key(os.path.join(HERE, 'topics', 'key.tsv'))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'v.db')
        env = dict(os.environ, LANG='C.UTF-8', LANGUAGE='', LC_ALL='C.UTF-8')
        subprocess.run([vedtak, '--db', db, 'import', '--quiet', os.path.join(shared, 'seeds'),
                        os.path.join(shared, 'formats')], env=env, check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        out = subprocess.run([vedtak, '--db', db, 'history', '--json'], env=env, check=True,
                             capture_output=True, text=True).stdout
        found = [['%s|%s' % (c['body'], c['number']) for c in t['cases']] for t in json.loads(out)['topics']]
        standing_found = set()
        for number in sorted({ref.split('|')[1] for ref in key}):
            h = json.loads(subprocess.run([vedtak, '--db', db, 'history', '--json', number], env=env,
                                          check=True, capture_output=True, text=True).stdout)
            standing_found.update('%s|%s' % (c['body'], c['number'])
                                  for t in h['topics'] for c in t['cases'] if c['standing'])
    truth = {}
    for ref, t in key.items():
        truth.setdefault(t, []).append(ref)
    want, got = pairs_of(truth.values()), pairs_of(found)
    tp = len(want & got)
    p = tp / len(got) if got else 1.0
    r = tp / len(want) if want else 1.0
    print('%d cases, %d topics of more than one case in the key, %d found' %
          (len(key), sum(1 for g in truth.values() if len(g) > 1), len(found)))
    print('pairs of cases in one topic: key %d, found %d, right %d' % (len(want), len(got), tp))
    print('precision %.3f   recall %.3f' % (p, r))
    print('standing items recognised: %d of %d, and %d other cases taken for standing items' %
          (len(standing_found & standing), len(standing), len(standing_found - standing)))
    for a, b in sorted(want - got):
        print('  missed:       %s + %s' % (a, b))
    for a, b in sorted(got - want):
        print('  wrongly with: %s + %s' % (a, b))


if __name__ == '__main__':
    main()
