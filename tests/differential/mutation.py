#!/usr/bin/env python3
"""mutation.py — mutation testing of the analyzer against the oracle (issue 9, part 3).

Takes clean code from testdata/, makes one-mutation variants of it with tests/mutate.c (delete a
release, an incref or an error-path cleanup, Py_XDECREF -> Py_DECREF, a release after a steal,
`return Py_None`, PyModule_AddObject for ...Ref, a dropped NULL check), and sends every mutant
to both sides:

  the oracle   (`pyrefcheck oracle --format json`): a defect the original does not show means the
               mutation is a real, reachable bug ("confirmed");
  the analyzer (`pyrefcheck lint --format json`): a finding the original does not have means the
               analyzer saw it ("found").

Only mutations inside functions that are clean on both sides in the original are used: no lint
finding of any rule (notes included: an analysis-incomplete function is not a fair target) and no
oracle defect in an entry defined by that function. Original and mutant are run the same way, from
copies in one private directory, and compared by keys that do not depend on schedule numbers
(mutate keeps every line where it was): oracle (entry, verdict, detector, site, allocation site),
lint (rule, function, line). The mutated function decides nothing else: a mutation in a helper
is confirmed by the entry that calls it, and may be found in its caller.

Reported: mutants run, oracle-confirmed, of those found by the analyzer (recall), analyzer
findings on mutants the oracle saw clean (split by whether the oracle runs the mutated function
as an entry point: when it does not, the mutation may simply be out of the oracle's reach), all
per mutation kind; then each miss with its oracle verdict and each static-only mutant.

usage: mutation.py --pyrefcheck PATH --mutate PATH [--fraction F] [--seed S] [--jobs J]
                   [--min-recall PCT] [--json OUT] [--keep DIR] FILE_OR_DIR...

Files whose original cannot be linted or run on the oracle (no entry point, does not compile
against the runtime) are listed and left out.

Exit status: 0 when the recall over confirmed mutants is at least --min-recall (default 95), 1
when it is below (or no mutant was confirmed: a run that measures nothing must not pass), 2 on a
usage error.
"""
import argparse, concurrent.futures, json, os, re, shutil, subprocess, sys, tempfile, zlib

KINDS = ["delete-decref", "drop-error-cleanup", "delete-incref", "xdecref-to-decref",
         "decref-after-steal", "return-none", "add-object-ref", "drop-null-check"]

# --- reading C just enough to know which function a line is in ---------------------------------


def code_only(text):
    """The text with comments, string/char literals and preprocessor lines blanked (newlines
    kept), so that braces and parentheses can be counted."""
    out, i, n, line_start = [], 0, len(text), True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            out.append(c); i += 1; continue
        if line_start and c == "#":
            while i < n and not (text[i] == "\n" and text[i - 1] != "\\"):
                out.append("\n" if text[i] == "\n" else " "); i += 1
            continue
        line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                out.append(" "); i += 1
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join("\n" if ch == "\n" else " " for ch in text[i:j])); i = j; continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i)); i = j; continue
        if c == "\n":
            line_start = True
        out.append(c); i += 1
    return "".join(out)


def functions_of(text):
    """[(name, name_line, end_line)] of the function definitions at file scope."""
    code = code_only(text)
    line_at = [0] * (len(code) + 1)
    line = 1
    for i, ch in enumerate(code):
        line_at[i] = line
        line += ch == "\n"
    line_at[len(code)] = line
    funcs, depth, i = [], 0, 0
    while i < len(code):
        ch = code[i]
        if ch == "{" and depth == 0:
            j = i - 1
            while j >= 0 and code[j].isspace():
                j -= 1
            close = j if j >= 0 and code[j] == ")" else -1
            # the body's end
            k, d = i, 0
            while k < len(code):
                d += (code[k] == "{") - (code[k] == "}")
                if d == 0:
                    break
                k += 1
            if close >= 0:
                d, j = 0, close
                while j >= 0:
                    d += (code[j] == ")") - (code[j] == "(")
                    if d == 0:
                        break
                    j -= 1
                m = re.search(r"([A-Za-z_]\w*)\s*$", code[:j])
                if m and m.group(1) not in ("if", "while", "for", "switch", "sizeof"):
                    funcs.append((m.group(1), line_at[m.start(1)], line_at[min(k, len(code))]))
            i = k + 1
            continue
        i += 1
    return funcs


def function_at(funcs, line):
    if line is None:  # an entry the oracle knows no line of (a heap type from a spec)
        return None
    for name, first, last in funcs:
        if first <= line <= last:
            return name
    return None

# --- the two sides ------------------------------------------------------------------------------


def run(cmd, timeout=600):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def lint(pyrefcheck, path):
    """(status, {(rule, function, line)}) of the findings (notes included)."""
    code, out, err = run([pyrefcheck, "lint", "--no-db", "--no-config", "--quiet", "--format",
                          "json", path])
    if code not in (0, 1):
        return code, err.strip().splitlines()[-1:] or ["exit %d" % code]
    findings = json.loads(out)["findings"]
    return code, {(f["rule"], f["function"], f["line"]) for f in findings if not f["suppressed"]}


def lint_many(pyrefcheck, paths):
    """{realpath: {(rule, function, line)}} of one lint run over many files (one process, the
    Python headers parsed once), or raises when lint fails."""
    code, out, err = run([pyrefcheck, "lint", "--no-db", "--no-config", "--quiet", "--format",
                          "json"] + paths)
    if code not in (0, 1):
        raise RuntimeError("lint of the originals exited %d: %s" % (code, err.strip()[-400:]))
    d = json.loads(out)
    found = {os.path.realpath(p): set() for p in paths}
    for f in d["findings"]:
        if not f["suppressed"]:
            path = os.path.realpath(os.path.join(d["run"]["root"], f["file"]))
            found.setdefault(path, set()).add((f["rule"], f["function"], f["line"]))
    return found


def oracle(pyrefcheck, path):
    """(status, defect keys, entries {name: line}) of an oracle run."""
    code, out, err = run([pyrefcheck, "oracle", "--no-db", "--format", "json", path])
    if code not in (0, 1):
        return code, (err.strip().splitlines() or ["exit %d" % code])[-1], {}
    d = json.loads(out)
    keys = set()
    for x in d["defects"]:
        site = (x["site"] or {}).get("line")
        alloc = (x["alloc"] or {}).get("line")
        keys.add((x["entry"], x["verdict"], x["detector"], site, alloc))
    return code, keys, {e["name"]: (e["line"], e["verdict"]) for e in d["entries"]}

# --- the pipeline -------------------------------------------------------------------------------


def collect(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in ("hostile", ".pyrefcheck"))
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".c")]
        else:
            files.append(p)
    return files


class Original:
    """One source file: its mutations in functions the analyzer finds clean (cheap: the lint of
    all originals is one run), then, once some of them are drawn, the oracle's baseline, which
    drops those in functions whose entry shows a defect."""

    def __init__(self, args, path, work, findings):
        self.path, self.rel = path, os.path.relpath(path)
        self.dir = tempfile.mkdtemp(dir=work)
        self.copy = os.path.join(self.dir, os.path.basename(path))
        shutil.copy(path, self.copy)
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        self.funcs = functions_of(text)
        self.findings = findings
        self.skip = None
        dirty = {f for (_, f, _) in findings}
        code, out, _ = run([args.mutate, "--list", path])
        self.mutations = []
        for row in out.splitlines():
            n, kind, line, snippet = row.split(" ", 3)
            func = function_at(self.funcs, int(line))
            if func is None or func in dirty:
                continue
            self.mutations.append({"file": self.rel, "index": int(n), "kind": kind,
                                   "line": int(line), "text": snippet, "function": func})

    def run_oracle(self, args):
        """The oracle's baseline; sets self.skip when the original cannot be run."""
        status, self.defects, self.entries = oracle(args.pyrefcheck, self.copy)
        if status not in (0, 1):
            self.skip = "oracle: %s" % self.defects
            return
        # an entry's defects make the function defining that entry unclean
        entry_func = {name: function_at(self.funcs, line) for name, (line, _) in self.entries.items()}
        self.dirty = {entry_func.get(k[0]) for k in self.defects}
        self.entry_funcs = {f for f in entry_func.values() if f}


def judge(args, orig, m):
    """Runs one mutant on both sides; returns m with its verdicts."""
    mdir = tempfile.mkdtemp(dir=orig.dir)
    mpath = os.path.join(mdir, os.path.basename(orig.path))
    code, _, err = run([args.mutate, "--apply", str(m["index"]), orig.path, "-o", mpath])
    if code != 0:
        m["error"] = "mutate: " + err.strip()
        return m
    status, defects, _ = oracle(args.pyrefcheck, mpath)
    if status not in (0, 1):
        m["oracle"] = "not-run"
        m["oracle_why"] = defects
        new_defects = set()
    else:
        new_defects = defects - orig.defects
        m["oracle"] = "bug" if new_defects else "clean"
        m["oracle_defects"] = sorted("%s %s/%s line %s" % (e, v, d, s or a)
                                     for (e, v, d, s, a) in new_defects)
    status, findings = lint(args.pyrefcheck, mpath)
    if status not in (0, 1):
        m["lint"] = "error"
        m["lint_why"] = findings
    else:
        new = sorted(f for f in findings - orig.findings if f[0] != "analysis-incomplete")
        m["lint"] = "found" if new else "clean"
        m["lint_findings"] = ["%s %s line %d" % f for f in new]
        m["found_in_function"] = any(f[1] == m["function"] for f in new)
    m["entry"] = m["function"] in orig.entry_funcs
    if not args.keep:
        shutil.rmtree(mdir, ignore_errors=True)
    return m


def pct(a, b):
    return "%.1f %%" % (100.0 * a / b) if b else "n/a"


def report(results, out):
    rows = KINDS + ["all"]
    stats = {k: {"mutants": 0, "confirmed": 0, "found": 0, "static_only": 0, "static_only_entry": 0,
                 "not_run": 0} for k in rows}
    for m in results:
        for k in (m["kind"], "all"):
            s = stats[k]
            s["mutants"] += 1
            if m.get("oracle") == "not-run" or m.get("lint") == "error" or "error" in m:
                s["not_run"] += 1
                continue
            if m["oracle"] == "bug":
                s["confirmed"] += 1
                s["found"] += m["lint"] == "found"
            elif m["lint"] == "found":
                s["static_only"] += 1
                s["static_only_entry"] += m["entry"]
    print("| kind | mutants | oracle-confirmed | found by the analyzer | recall | analyzer-only "
          "(of which the oracle runs the function) | not run |", file=out)
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |", file=out)
    for k in rows:
        s = stats[k]
        if s["mutants"] == 0 and k != "all":
            continue
        name = "**all**" if k == "all" else "`%s`" % k
        print("| %s | %d | %d | %d | %s | %d (%d) | %d |" % (
            name, s["mutants"], s["confirmed"], s["found"], pct(s["found"], s["confirmed"]),
            s["static_only"], s["static_only_entry"], s["not_run"]), file=out)
    misses = [m for m in results if m.get("oracle") == "bug" and m.get("lint") == "clean"]
    if misses:
        print("\nMissed (oracle-confirmed, no new finding):", file=out)
        for m in misses:
            print("  %s:%d %s in %s: `%s` -> %s" % (m["file"], m["line"], m["kind"], m["function"],
                                                  m["text"], "; ".join(m["oracle_defects"])),
                  file=out)
    static_only = [m for m in results if m.get("oracle") == "clean" and m.get("lint") == "found"]
    if static_only:
        print("\nAnalyzer-only (the oracle saw no new defect):", file=out)
        for m in static_only:
            print("  %s:%d %s in %s%s: `%s` -> %s" % (
                m["file"], m["line"], m["kind"], m["function"], "" if m["entry"] else " (not an entry)",
                m["text"], "; ".join(m["lint_findings"])), file=out)
    not_run = [m for m in results if m.get("oracle") == "not-run" or "error" in m or m.get("lint") == "error"]
    for m in not_run:
        print("  not run: %s:%d %s: %s" % (m["file"], m["line"], m["kind"],
                                           m.get("oracle_why") or m.get("lint_why") or m.get("error")),
              file=out)
    return stats["all"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pyrefcheck", required=True)
    ap.add_argument("--mutate", required=True)
    ap.add_argument("--fraction", type=float, default=1.0,
                    help="run the mutants whose hash (with --seed) falls in this fraction (1: all)")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--min-recall", type=float, default=95.0)
    ap.add_argument("--json", help="write every mutant's verdicts to this file")
    ap.add_argument("--keep", help="keep the mutants under this directory")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="pyrefcheck-mutation-", dir=args.keep)
    try:
        files, unparsable = [], []
        for p in collect(args.paths):
            with open(p, encoding="utf-8", errors="replace") as f:
                (unparsable if "expect-lint-exit" in f.read() else files).append(p)
        findings = lint_many(args.pyrefcheck, files)
        originals = [Original(args, p, work, findings.get(os.path.realpath(p), set())) for p in files]
        candidates = [(o, m) for o in originals for m in o.mutations]
        print("%d files, %d mutations in functions the analyzer finds clean" % (len(files),
                                                                             len(candidates)))
        if args.fraction < 1:
            # A mutant is drawn by a hash of where it is and what it changes, not by its rank:
            # cases added later add mutants to the sample but never change which old ones are in it.
            def drawn(m):
                where = "/".join(m["file"].split(os.sep)[-2:])  # the same from any directory
                key = "%d:%s:%d:%s:%s" % (args.seed, where, m["line"], m["kind"], m["text"])
                return zlib.crc32(key.encode()) < args.fraction * 2**32
            candidates = [(o, m) for o, m in candidates if drawn(m)]
            print("sample: %d mutants (fraction %g, seed %d)" % (len(candidates), args.fraction,
                                                              args.seed))
        used = sorted({id(o): o for o, _ in candidates}.values(), key=lambda o: o.rel)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            list(pool.map(lambda o: o.run_oracle(args), used))
        skipped = [o for o in used if o.skip]
        candidates = [(o, m) for o, m in candidates if not o.skip and m["function"] not in o.dirty]
        print("%d of them in files the oracle runs and functions it finds clean" % len(candidates))
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda om: judge(args, om[0], om[1]), candidates))
        total = report(results, sys.stdout)
        if skipped or unparsable:
            print("\nFiles not used (the two sides must both run the original):")
            for o in skipped:
                print("  %s: %s" % (o.rel, o.skip))
            for p in unparsable:
                print("  %s: a case that must not parse" % os.path.relpath(p))
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=1)
        recall = 100.0 * total["found"] / total["confirmed"] if total["confirmed"] else 0.0
        ok = total["confirmed"] > 0 and recall >= args.min_recall
        print("\nrecall %s (%d of %d oracle-confirmed mutants), target %.1f %%: %s" % (
            pct(total["found"], total["confirmed"]), total["found"], total["confirmed"],
            args.min_recall, "met" if ok else "NOT MET"))
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
