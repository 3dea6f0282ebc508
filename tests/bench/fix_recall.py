#!/usr/bin/env python3
"""Recall of pyrefcheck on historical, later-fixed reference-counting bugs.

For every row of fixes.tsv (one fixed bug: project, fix commit, file, function,
bug kind, rule family, parent-side line window) this script

  1. extracts the trees of the parent and of the fix commit from the bare
     mirrors (git archive; cached under WORK/trees/<project>-<commit12>),
  2. lints the changed file in both trees (results cached per binary+commit+file
     under WORK/cache/),
  3. decides the verdict:
       noparse  the parent file has compile errors and the function has no
                finding at all (it was not analysed),
       found    at the parent there is a finding in the function, of a rule of
                the row's family, whose line or one of whose path-step lines is
                inside the row's window (+- MARGIN), and at the fix commit the
                same (rule, message) occurs fewer times in that function,
       missed   otherwise (the reason is printed: analysis-incomplete, nothing
                in the function, other rules only, still present at the fix).
  4. prints per-row verdicts, totals, per-project and per-kind recall, and the
     rows where the automatic verdict differs from the hand verdict column.

usage:
  fix_recall.py --pyrefcheck PATH --mirror-root DIR [--fixes FILE] [--work DIR] [--out FILE]
  fix_recall.py --init spec.tsv ...   (build a fixes table from a short spec:
                project, fix, file, function, kind; computes parents/windows)

DIR holds one bare clone per project, as DIR/<owner>+<name>/repo (for instance
`git clone --mirror https://github.com/aio-libs/multidict DIR/aio-libs+multidict/repo`).
The projects' code is read from there and never copied into this repository: the table
(tests/bench/historical_fixes.tsv, the default --fixes) holds only commit ids, file paths,
function names, the bug kind, the hand verdict and the lines the fix changed. Trees and lint
results are cached under --work (default: ~/.cache/pyrefcheck-fix-recall).

Exit status 0 (a measurement, not a test: no threshold), 2 on bad usage.
"""
import argparse, collections, hashlib, json, os, re, subprocess, sys, time

MARGIN = 3
KIND_RULES = {
    'leak-normal': ['ref-leak', 'type-dealloc', 'type-traverse'],
    'leak-error-path': ['ref-leak'],
    'over-release': ['ref-release-borrowed', 'ref-use-after-release',
                     'ref-use-after-steal', 'ref-steal-borrowed'],
    'use-after-release': ['ref-use-after-release', 'ref-borrowed-invalidated',
                          'ref-use-after-steal'],
    'missing-incref': ['ref-return-borrowed', 'ref-steal-borrowed',
                       'ref-release-borrowed', 'ref-use-after-steal',
                       'ref-use-after-release', 'ref-borrowed-invalidated'],
    'null-unchecked': ['null-unchecked'],
    'exc-state': ['exc-null-without-error', 'exc-success-with-error'],
    'other': ['ref-leak', 'ref-release-borrowed', 'ref-use-after-release'],
}
# extra compiler flags per project (include dirs holding headers are added
# automatically)
PROJECT_FLAGS = {
    'giampaolo+psutil': ['-DPSUTIL_VERSION=700', '-D_GNU_SOURCE',
                         '-DPSUTIL_POSIX=1'],
}
PLATFORM_FLAGS = [  # by path fragment
    ('/linux/', ['-DPSUTIL_LINUX=1']), ('_linux', ['-DPSUTIL_LINUX=1']),
    ('/osx/', ['-DPSUTIL_OSX=1']), ('_osx', ['-DPSUTIL_OSX=1']),
    ('sunos', ['-DPSUTIL_SUNOS=1']),
]
COLS = ['project', 'fix_commit', 'parent_commit', 'file', 'function', 'kind',
        'verdict', 'evidence', 'rules', 'window']


def git(mirror, proj, *args):
    return subprocess.run(['git', '-C', os.path.join(mirror, proj, 'repo')] +
                          list(args), check=True, capture_output=True,
                          text=True).stdout


def tree(work, mirror, proj, commit):
    """Only C sources and headers are extracted (some mirrors lack large blobs)."""
    d = os.path.join(work, 'trees', '%s-%s' % (proj, commit[:12]))
    if not os.path.isdir(d):
        tmp = d + '.tmp'
        subprocess.run(['rm', '-rf', tmp], check=True)
        os.makedirs(tmp)
        names = git(mirror, proj, 'ls-tree', '-r', '--name-only', commit)
        keep = [n for n in names.split('\n')
                if re.search(r'\.(c|h|inc|def)$', n)]
        gd = os.path.join(mirror, proj, 'repo')
        for n in keep:
            p = subprocess.run(['git', '-C', gd, 'show', '%s:%s' % (commit, n)],
                               capture_output=True)
            if p.returncode == 0:
                os.makedirs(os.path.join(tmp, os.path.dirname(n)), exist_ok=True)
                open(os.path.join(tmp, n), 'wb').write(p.stdout)
        os.rename(tmp, d)
    return d


def header_dirs(root, relfile):
    dirs = [os.path.join(root, os.path.dirname(relfile))]
    for dp, dn, fn in os.walk(root):
        dn[:] = [x for x in dn if not x.startswith('.') and x not in
                 ('tests', 'test', 'docs', 'doc', 'benchmarks')]
        if dp[len(root):].count(os.sep) > 4:
            continue
        if any(f.endswith('.h') for f in fn) and dp not in dirs:
            dirs.append(dp)
    for extra in ('src', 'include'):
        p = os.path.join(root, extra)
        if os.path.isdir(p) and p not in dirs:
            dirs.append(p)
    return ['-I' + x for x in dirs]


def py_includes():
    return subprocess.run(['python3-config', '--includes'], capture_output=True,
                          text=True, check=True).stdout.split()


def lint(exe, exe_id, work, mirror, proj, commit, relfile):
    key = hashlib.sha1(('%s %s %s %s' % (exe_id, proj, commit, relfile))
                       .encode()).hexdigest()[:20]
    cdir = os.path.join(work, 'cache')
    os.makedirs(cdir, exist_ok=True)
    cpath = os.path.join(cdir, key + '.json')
    if os.path.exists(cpath):
        return json.load(open(cpath))
    root = tree(work, mirror, proj, commit)
    path = os.path.join(root, relfile)
    if not os.path.exists(path):
        res = {'rc': -1, 'stderr': 'file missing', 'findings': []}
    else:
        flags = py_includes() + header_dirs(root, relfile)
        flags += PROJECT_FLAGS.get(proj, [])
        for frag, fl in PLATFORM_FLAGS:
            if proj == 'giampaolo+psutil' and frag in relfile:
                flags += fl
        cmd = ['nice', '-n', '10', exe, 'lint', '--no-db', '--no-config', '-q',
               '-j', '1', '--format', 'json', path, '--'] + flags
        t0 = time.time()
        p = subprocess.run(cmd, capture_output=True, text=True)
        try:
            findings = json.loads(p.stdout)['findings']
        except Exception:
            findings = []
        # the list of functions the analyzer built a CFG for (to tell
        # 'not analysed / preprocessed out' from 'nothing found')
        q = subprocess.run(cmd[:-len(flags) - 1] + ['--dump-cfg', '--'] + flags,
                           capture_output=True, text=True)
        funcs = sorted({l.split()[1] for l in q.stdout.split('\n')
                        if l.startswith('function ') and len(l.split()) > 1})
        res = {'rc': p.returncode, 'stderr': p.stderr[-4000:],
               'findings': findings, 'functions': funcs,
               'secs': round(time.time() - t0, 2)}
    json.dump(res, open(cpath, 'w'))
    return res


def func_extent(text, func):
    lines = text.split('\n')
    pat = re.compile(r'^(?:[A-Za-z_].*[\s\*])?' + re.escape(func) + r'\s*\(')
    for i, l in enumerate(lines):
        if not pat.match(l):
            continue
        # skip prototypes: look for ';' before '{'
        j, proto = i, False
        while j < len(lines) and j < i + 15:
            s = lines[j]
            if '{' in s:
                break
            if s.rstrip().endswith(';'):
                proto = True
                break
            j += 1
        if proto:
            continue
        for k in range(j, len(lines)):
            if lines[k].startswith('}'):
                return i + 1, k + 1
        return i + 1, len(lines)
    return None


def compute_window(mirror, proj, parent, fix, relfile, func):
    text = git(mirror, proj, 'show', '%s:%s' % (parent, relfile))
    ext = func_extent(text, func)
    diff = git(mirror, proj, 'diff', '-U0', parent, fix, '--', relfile)
    rngs = []
    for m in re.finditer(r'^@@ -(\d+)(?:,(\d+))? ', diff, re.M):
        a, n = int(m.group(1)), int(m.group(2) if m.group(2) else 1)
        rngs.append((a, a + 1) if n == 0 else (a, a + n - 1))
    if ext:
        rngs = [r for r in rngs if r[1] >= ext[0] and r[0] <= ext[1]]
    if not rngs:
        return ''
    return '%d-%d' % (min(r[0] for r in rngs), max(r[1] for r in rngs))


def do_init(args):
    rows = []
    for line in open(args.init):
        if not line.strip() or line.startswith('#'):
            continue
        parts = line.rstrip('\n').split('\t')
        proj, fix, relfile, func, kind = parts[:5]
        rules = parts[5] if len(parts) > 5 and parts[5] else \
            ','.join(KIND_RULES[kind])
        full = git(args.mirror_root, proj, 'rev-parse', fix).strip()
        parent = git(args.mirror_root, proj, 'rev-parse', full + '^').strip()
        win = compute_window(args.mirror_root, proj, parent, full, relfile, func)
        rows.append(dict(project=proj, fix_commit=full[:12],
                         parent_commit=parent[:12], file=relfile, function=func,
                         kind=kind, verdict='', evidence='',
                         rules=rules, window=win))
    with open(args.fixes, 'w') as f:
        f.write('\t'.join(COLS) + '\n')
        for r in rows:
            f.write('\t'.join(r[c] for c in COLS) + '\n')
    print('wrote', args.fixes, len(rows), 'rows')


def in_window(f, lo, hi):
    lines = [f.get('line', 0)] + [s.get('line', 0) for s in f.get('steps', [])]
    return any(lo - MARGIN <= l <= hi + MARGIN for l in lines)


def changed_idents(mirror, row):
    """identifiers on the -/+ lines of the hunks that overlap the window"""
    if not row['window']:
        return set()
    lo, hi = (int(x) for x in row['window'].split('-'))
    diff = git(mirror, row['project'], 'diff', '-U0', row['parent_commit'],
               row['fix_commit'], '--', row['file'])
    ids, take = set(), False
    for l in diff.split('\n'):
        m = re.match(r'^@@ -(\d+)(?:,(\d+))? ', l)
        if m:
            a, n = int(m.group(1)), int(m.group(2) if m.group(2) else 1)
            take = a <= hi + MARGIN and a + max(n, 1) - 1 >= lo - MARGIN
        elif take and l[:1] in '+-' and not l.startswith(('+++', '---')):
            ids |= set(re.findall(r'[A-Za-z_]\w*', l))
    return ids


def names_in(msg):
    out = set()
    for q in re.findall(r"'([^']+)'", msg):
        w = re.findall(r'[A-Za-z_]\w*', q)
        if w:
            out.add(w[-1])
    return out


def finding_key(f):
    # a line number in the message ("by PyDict_DelItem() at line 14") moves with unrelated
    # edits between parent and fix; it must not make a finding look fixed
    return f['rule'], re.sub(r' at line \d+', '', f['message'])


def judge(row, par, fix, idents=frozenset()):
    func = row['function']
    rules = set(row['rules'].split(','))
    lo, hi = (int(x) for x in row['window'].split('-')) if row['window'] \
        else (0, 10 ** 9)
    pf = [f for f in par['findings'] if f.get('function') == func]
    xf = [f for f in fix['findings'] if f.get('function') == func]
    if par['rc'] == -1:
        return 'noparse', 'file missing at parent'
    not_analysed = any(f['rule'] == 'analysis-incomplete' and
                       'not analysed' in f['message'] for f in pf)
    if not_analysed or (not pf and func not in par.get('functions', [func])):
        why = 'compile errors' if par['rc'] == 2 else \
            'function not compiled (preprocessed out)'
        err = [l for l in par['stderr'].split('\n') if 'error' in l][:1]
        return 'noparse', why + (': ' + err[0][-90:] if err and
                                 par['rc'] == 2 else '')
    incomplete = any(f['rule'] == 'analysis-incomplete' for f in pf)
    pc = collections.Counter(finding_key(f) for f in pf)
    xc = collections.Counter(finding_key(f) for f in xf)
    hits = [f for f in pf if f['rule'] in rules and in_window(f, lo, hi)]
    # a finding outside the window still counts when the reference it names
    # is one the fix changed, and the finding disappears at the fix
    hits += [f for f in pf if f['rule'] in rules and f not in hits and
             names_in(f['message']) & idents and
             xc[finding_key(f)] < pc[finding_key(f)]]
    found = [h for h in hits if xc[finding_key(h)] < pc[finding_key(h)]]
    if par['rc'] == 2 and not found:
        err = [l for l in par['stderr'].split('\n') if 'error' in l][:1]
        return 'noparse', 'compile errors' + (': ' + err[0][-90:] if err else '')
    if hits:
        for h in hits:
            k = finding_key(h)
            if xc[k] < pc[k]:
                return 'found', '%s:%d %s' % (h['rule'], h['line'],
                                              h['message'][:110])
        h = hits[0]
        return 'missed', 'still reported at fix: %s:%d' % (h['rule'], h['line'])
    near = sorted({'%s:%d' % (f['rule'], f['line']) for f in pf
                   if in_window(f, lo, hi) and f['rule'] != 'analysis-incomplete'})
    if incomplete:
        return 'missed', 'analysis-incomplete' + \
            ('; near: ' + ','.join(near) if near else '')
    if near:
        return 'missed', 'wrong rule: ' + ','.join(near)
    return 'missed', 'nothing reported in window'


def main():
    ap = argparse.ArgumentParser(description='Recall of pyrefcheck on historical, later-fixed '
                                 'reference-counting bugs (docs/benchmarks.md).')
    ap.add_argument('--pyrefcheck', required=True, help='the pyrefcheck binary to measure')
    ap.add_argument('--mirror-root', required=True,
                    help='directory of bare clones, DIR/<owner>+<name>/repo')
    ap.add_argument('--work', default=os.path.expanduser('~/.cache/pyrefcheck-fix-recall'),
                    help='cache of extracted trees and lint results')
    ap.add_argument('--fixes', default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                    'historical_fixes.tsv'))
    ap.add_argument('--out', default=None)
    ap.add_argument('--init', default=None)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.init:
        return do_init(args)
    exe = os.path.abspath(args.pyrefcheck)
    exe_id = hashlib.sha1(open(exe, 'rb').read()).hexdigest()[:12]
    t0 = time.time()
    rows = []
    with open(args.fixes) as f:
        hdr = f.readline().rstrip('\n').split('\t')
        for line in f:
            if line.strip():
                rows.append(dict(zip(hdr, line.rstrip('\n').split('\t'))))
    out = []
    for r in rows:
        par = lint(exe, exe_id, args.work, args.mirror_root, r['project'],
                   r['parent_commit'], r['file'])
        fix = lint(exe, exe_id, args.work, args.mirror_root, r['project'],
                   r['fix_commit'], r['file'])
        v, ev = judge(r, par, fix, changed_idents(args.mirror_root, r))
        r['auto'], r['auto_ev'] = v, ev
        out.append(r)
        print('%-8s %-30s %-10s %-34s %-18s %s' % (
            v, r['project'][:30], r['fix_commit'][:10],
            r['function'][:34], r['kind'], ev[:120]), flush=True)
    print('\n== pyrefcheck %s (sha1 %s), %d rows, %.0fs' % (
        exe, exe_id, len(out), time.time() - t0))
    def summary(key):
        by = collections.defaultdict(collections.Counter)
        for r in out:
            by[r[key]][r['auto']] += 1
        for k in sorted(by):
            c = by[k]
            d = c['found'] + c['missed']
            print('  %-32s found %2d missed %2d noparse %2d  recall %s' % (
                k, c['found'], c['missed'], c['noparse'],
                '%.0f%%' % (100.0 * c['found'] / d) if d else '-'))
    tot = collections.Counter(r['auto'] for r in out)
    d = tot['found'] + tot['missed']
    print('TOTAL found %d missed %d noparse %d  recall = %d/%d = %.1f%%' % (
        tot['found'], tot['missed'], tot['noparse'], tot['found'], d,
        100.0 * tot['found'] / d if d else 0))
    print('-- per kind'); summary('kind')
    print('-- per project'); summary('project')
    diff = [r for r in out if r.get('verdict') and r['verdict'] != r['auto']]
    print('-- auto vs hand verdict (hand verdicts were made for pyrefcheck-base, '
          'sha1 7ad992c187b8): %d rows differ' % len(diff))
    for r in diff:
        print('  %s %s %s: hand=%s auto=%s (%s)' % (
            r['project'], r['fix_commit'][:10], r['function'], r['verdict'],
            r['auto'], r['auto_ev'][:100]))
    if args.out:
        with open(args.out, 'w') as f:
            f.write('\t'.join(COLS + ['auto_verdict', 'auto_evidence']) + '\n')
            for r in out:
                f.write('\t'.join([r.get(c, '') for c in COLS] +
                                  [r['auto'], r['auto_ev']]) + '\n')


if __name__ == '__main__':
    main()
