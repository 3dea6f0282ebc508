#!/usr/bin/env python3
"""agree.py — the differential suite's agreement runner (docs/testing.md): every testdata case the
oracle can run is linted (`pyrefcheck lint --format json --no-db`) and run on the reference runtime
(`pyrefcheck oracle --format json --no-db`), and what the two sides say about each function is
compared.

Both sides are brought to (file, function, defect class):

    static rule                                         class      dynamic verdicts that confirm it
    ref-leak                                            leak       leak
    ref-release-borrowed, ref-use-after-release,        release    over-release, use-after-free,
    ref-use-after-steal, ref-steal-borrowed,                       negative-refcount, crash,
    ref-borrowed-invalidated, ref-return-borrowed                  memory-error
    exc-null-without-error                              null-exc   null-without-error
    exc-success-with-error                              set-exc    success-with-error
    type-traverse                                       untrav     uncollectable; a leak "kept alive
                                                                   only by other leaked objects"
    type-dealloc                                        dealloc    memory-error (gc-*), crash,
                                                                   leak (a heap type never released)
    null-unchecked                                      null       crash
    format-args, methoddef-mismatch, api-prefer-strong, analysis-incomplete: static-only by nature

A defect of the oracle belongs to the functions holding its site and its allocation site and to
its entry point's function, and to what these call in the file: a static finding of a function in
that set with a class the defect's verdict confirms makes both "both-bug". Every function carrying
an expectation (`// expect:` or `// expect-clean`, testdata/README.md) is one case.

Results per (function, rule): both-bug; both-clean (an expect-clean function neither side faults);
static-only by nature; static-only, not run (the oracle could not run the function: not an entry,
not reached from one, refused by --entry); static-only, not reached (run, but no run showed it);
dynamic-only (the oracle saw a defect no static finding explains). Every "not reached" and
"dynamic-only" is a disagreement: the run fails unless testdata/KNOWN-DISAGREEMENTS lists it
(`FILE FUNCTION KIND REASON`, KIND `static-only:RULE` or `dynamic-only:VERDICT`; FUNCTION `*`:
every function of the file with that kind), and a line that matches no disagreement any more
fails it too.

usage: agree.py PYREFCHECK TESTDATA_DIR [--known FILE] [--max-runs N] [--jobs N] [--markdown]
                [--verbose] [--only SUBSTRING] [--counts]
--counts prints the corpus (cases per rule, buggy and clean) without running anything.
Exit status: 0 agreement (up to the listed disagreements), 1 disagreements, 2 bad usage or a
pyrefcheck failure.
"""
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

RULE_CLASS = {
    "ref-leak": "leak",
    "ref-release-borrowed": "release", "ref-use-after-release": "release",
    "ref-use-after-steal": "release", "ref-steal-borrowed": "release",
    "ref-borrowed-invalidated": "release", "ref-return-borrowed": "release",
    "exc-null-without-error": "null-exc", "exc-success-with-error": "set-exc",
    "type-traverse": "untrav", "type-dealloc": "dealloc", "null-unchecked": "null",
    "format-args": "format", "methoddef-mismatch": "table",
}
BY_NATURE = {
    "format-args": "a format/argument mismatch is a type error, not an ownership defect the runtime counts",
    "methoddef-mismatch": "a method table entry is data; a wrong flag or signature is undefined behaviour the runtime does not detect",
    "api-prefer-strong": "a style rule: the borrowed-reference API is only risky, not wrong",
    "analysis-incomplete": "a note of the analyzer's budget, not a defect",
}
CONFIRMS = {
    "leak": {"leak"},
    "release": {"over-release", "use-after-free", "negative-refcount", "crash", "memory-error"},
    "null-exc": {"null-without-error"},
    "set-exc": {"success-with-error"},
    "untrav": {"uncollectable"},
    "dealloc": {"memory-error", "crash", "leak"},   # leak: a heap type never released
    "null": {"crash", "success-with-error", "null-without-error"},
    "format": {"crash", "memory-error"},
    "table": {"crash"},
}
# Dynamic verdicts no rule of the analyzer claims: heap misuse outside the reference discipline.
DYNAMIC_BY_NATURE = {"wrong-family", "invalid-free", "overrun", "underrun", "timeout", "output-limit"}
# A leak the oracle describes so is a cluster the collector could not free: with no other defect
# in its run, the signature of a cycle through a member no tp_traverse reports.
CYCLE_LEAK = "kept alive only by other leaked objects"
EXPECT = re.compile(r"//\s*expect:\s*([\w,\s-]+)")
ORACLE_FLAGS = re.compile(r"/\*\s*oracle-flags:\s*(.*?)\s*\*/")


# --- reading a case file -------------------------------------------------------------------------

def strip_comments(text):
    """The text with comments, strings and character literals blanked (newlines kept), so that
    braces and parentheses can be counted."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + (c if j < n else "")); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)


def declarator_name(head):
    """The name of the function a definition's head declares: the identifier before the
    parenthesis group that ends the head (`STEALS(2) static int f(PyObject *o)` -> f)."""
    h = head.rstrip()
    if not h.endswith(")"):
        return None, 0
    depth = 0
    for j in range(len(h) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(h[j], 0)
        if depth == 0:
            m = re.search(r"([A-Za-z_]\w*)\s*$", h[:j])
            return (m.group(1), m.start()) if m else (None, 0)
    return None, 0


def read_functions(text):
    """Top-level function definitions: {name: (first_line, last_line, body)}, the extent running
    from the line of the name to the closing brace; initialisers (`= {`) and structs are skipped."""
    code = strip_comments(text)
    funcs, depth, start, head_from = {}, 0, 0, 0
    for i, c in enumerate(code):
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                head = code[head_from:start]
                name, at = declarator_name(head)
                if name and "=" not in head and name not in ("if", "while", "for", "switch"):
                    first = code.count("\n", 0, head_from + at) + 1
                    last = code.count("\n", 0, i) + 1
                    funcs[name] = (first, last, code[start:i + 1])
                head_from = i + 1
        elif c == ";" and depth == 0:
            head_from = i + 1
    return funcs


def function_at(funcs, line):
    for name, (first, last, _) in funcs.items():
        if first <= line <= last:
            return name
    return None


def callees(funcs):
    """Which functions of the file each function calls (`name(`: a mere mention such as
    `(void)name;` runs nothing; a type's slots are added where the type is named)."""
    names = set(funcs)
    return {f: {w for w in re.findall(r"([A-Za-z_]\w*)\s*\(", body) if w in names and w != f}
            for f, (_, _, body) in funcs.items()}


def closure(calls, roots):
    seen, todo = set(), [r for r in roots if r]
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo += calls.get(f, ())
    return seen


class Case:
    """One testdata file: its functions and the expectations they carry."""

    def __init__(self, root, path):
        self.path = path
        self.rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        self.funcs = read_functions(self.text)
        self.expected, self.clean = {}, set()       # function -> [rules]; expect-clean functions
        for lineno, line in enumerate(self.text.splitlines(), 1):
            fn = function_at(self.funcs, lineno)
            m = EXPECT.search(line)
            if m:   # outside a function: a method table's entry (methoddef-mismatch), by line
                self.expected.setdefault(fn or f"<line {lineno}>", []).extend(
                    r.strip() for r in m.group(1).split(",") if r.strip())
            if "expect-clean" in line and fn:
                self.clean.add(fn)
        parts = self.rel.split(os.sep)
        self.folder_rule = parts[1] if len(parts) > 2 and parts[0] == "cases" else None
        self.flags = []
        for m in ORACLE_FLAGS.finditer(self.text):
            self.flags += shlex.split(m.group(1))
        # Type objects: a type entry (`Bag`) runs every function its initialiser names.
        self.types, type_vars = {}, {}
        for m in re.finditer(r"PyTypeObject\s+(\w+)\s*=\s*\{(.*?)\n\}\s*;", self.text, re.S):
            tname = re.search(r'tp_name\s*=\s*"([^"]*)"', m.group(2)) or \
                re.search(r'"([\w.]+)"', m.group(2))
            if tname:
                slots = {w for w in re.findall(r"[A-Za-z_]\w*", m.group(2)) if w in self.funcs}
                for tbl in re.findall(r"tp_methods\s*=\s*(\w+)", m.group(2)):
                    tm = re.search(r"PyMethodDef\s+" + tbl + r"\s*\[\]\s*=\s*\{(.*?)\n\}\s*;", self.text, re.S)
                    if tm:
                        slots |= {w for w in re.findall(r"[A-Za-z_]\w*", tm.group(1)) if w in self.funcs}
                self.types[tname.group(1).rsplit(".", 1)[-1]] = slots
                type_vars[m.group(1)] = slots
        # Heap types from a PyType_Spec: the slot array's functions and its methods table's.
        slot_arrays = dict(re.findall(r"PyType_Slot\s+(\w+)\s*\[\]\s*=\s*\{(.*?)\n\}\s*;", self.text, re.S))
        for m in re.finditer(r"PyType_Spec\s+(\w+)\s*=\s*\{(.*?)\}\s*;", self.text, re.S):
            tname = re.search(r'"([\w.]+)"', m.group(2))
            arr = next((w for w in re.findall(r"[A-Za-z_]\w*", m.group(2)) if w in slot_arrays), None)
            sm = arr and re.match(r"(.*)", slot_arrays[arr], re.S)
            if tname and sm:
                words = set(re.findall(r"[A-Za-z_]\w*", sm.group(1)))
                for tbl in list(words):
                    tm = re.search(r"PyMethodDef\s+" + tbl + r"\s*\[\]\s*=\s*\{(.*?)\n\}\s*;", self.text, re.S)
                    if tm:
                        words |= set(re.findall(r"[A-Za-z_]\w*", tm.group(1)))
                slots = {w for w in words if w in self.funcs}
                self.types[tname.group(1).rsplit(".", 1)[-1]] = slots
                type_vars[m.group(1)] = slots
        # A function that names a type object (makes instances) runs the type's slots too.
        self.calls = callees(self.funcs)
        for f, (_, _, body) in self.funcs.items():
            for var, slots in type_vars.items():
                if re.search(r"\b" + var + r"\b", body):
                    self.calls[f] |= slots - {f}

    def cases(self):
        return sorted(set(self.expected) | self.clean)


# --- running the two sides -----------------------------------------------------------------------

def run(cmd, timeout=900):
    with tempfile.TemporaryDirectory(prefix="agree-") as tmp:
        env = dict(os.environ, TMPDIR=tmp)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    return proc


def lint(prc, case):
    proc = run([prc, "lint", "--format", "json", "--no-db", "-q", case.path])
    if proc.returncode not in (0, 1):
        return None, f"lint exit {proc.returncode}: {proc.stderr.strip()[:200]}"
    report = json.loads(proc.stdout)
    found = []
    for f in report["findings"]:
        if f.get("suppressed"):
            continue
        fn = function_at(case.funcs, f["line"]) or f.get("function") or "<file>"
        found.append({"rule": f["rule"], "line": f["line"], "function": fn})
    return found, None


def oracle(prc, case, max_runs, entries=()):
    cmd = [prc, "oracle", "--format", "json", "--no-db", "--max-runs", str(max_runs), *case.flags]
    for e in entries:
        cmd += ["--entry", e]
    proc = run(cmd + [case.path])
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        lines = [l for l in proc.stderr.splitlines() if l.strip()]
        return None, (lines[0] if lines else f"exit {proc.returncode}")[:160]
    return json.loads(proc.stdout), None


def entry_function(case, entry):
    """The functions of the file an oracle entry runs directly: a type's slots for a type entry
    (`Bag`), the method and its type's slots for a method entry (`Bag.add`: an instance is made
    and dropped around the call)."""
    name = entry["name"]
    if name in case.types:
        return set(case.types[name])
    fn = function_at(case.funcs, entry.get("line") or 0)
    fns = {fn} if fn else set()
    if "." in name and name.split(".")[0] in case.types:
        fns |= case.types[name.split(".")[0]]
    return fns


def explore(prc, case, max_runs):
    """Runs the oracle on the file's own entry points, then on each case function none of them
    reaches (--entry). Returns (defects, reached functions, not-run reasons, truncated entries)."""
    defects, reached, why_not, truncated = [], set(), {}, set()

    def take(report):
        for e in report["entries"]:
            fns = entry_function(case, e)
            if e["verdict"] == "not-run":
                for fn in fns:
                    why_not.setdefault(fn, "not run: " + "; ".join(n["text"] for n in e.get("notes", []))[:120])
                continue
            got = closure(case.calls, fns)
            reached.update(got)
            if e.get("covered", 0) < e.get("failure_points", 0):
                truncated.update(got)
        for d in report["defects"]:
            if d["detector"] == "leak" and CYCLE_LEAK in d["message"] \
                    and any(x is not d and x["entry"] == d["entry"] for x in report["defects"]):
                continue                  # a consequence of the other leak of that entry
            e = next((x for x in report["entries"] if x["name"] == d["entry"]), {"name": d["entry"]})
            where = [function_at(case.funcs, (d.get(k) or {}).get("line") or 0)
                     for k in ("site", "alloc") if d.get(k) and os.path.basename(d[k]["file"]) ==
                     os.path.basename(case.path)]
            roots = set(w for w in where if w) | entry_function(case, e)
            defects.append({"verdict": d["verdict"], "detector": d["detector"], "entry": d["entry"],
                            "primary": next((w for w in where if w), None) or
                            next(iter(sorted(entry_function(case, e))), d["entry"]),
                            "functions": closure(case.calls, roots), "replay": d["replay"],
                            "message": d["message"]})

    report, err = oracle(prc, case, max_runs)
    if report is None:
        for fn in case.cases():
            why_not[fn] = "oracle refused the file: " + err
        return defects, reached, why_not, truncated
    take(report)
    for fn in case.cases():
        if fn in reached or fn.startswith("<"):
            continue
        one, err = oracle(prc, case, max_runs, [fn])
        if one is None:
            why_not.setdefault(fn, "not runnable standalone: " + err)
        else:
            take(one)
    return defects, reached, why_not, truncated


# --- comparing -----------------------------------------------------------------------------------

def compare(case, found, defects, reached, why_not, truncated):
    """Rows (rule, outcome, function, detail) for one file."""
    rows = []
    used = [False] * len(defects)
    seen = set()
    for f in found:
        key = (f["function"], f["rule"])
        if key in seen:
            continue
        seen.add(key)
        fn, rule = key
        cls = RULE_CLASS.get(rule)
        hits = [i for i, d in enumerate(defects)
                if cls and fn in d["functions"] and (d["verdict"] in CONFIRMS[cls] or (
                    cls == "untrav" and d["verdict"] == "leak" and CYCLE_LEAK in d["message"]))]
        for i in hits:
            used[i] = True
        if hits:
            rows.append((rule, "both-bug", fn, defects[hits[0]]["verdict"]))
        elif rule in BY_NATURE:
            rows.append((rule, "static-only:nature", fn, BY_NATURE[rule]))
        elif fn not in reached:
            rows.append((rule, "static-only:not-run", fn, why_not.get(fn, "not reached from an entry point")))
        elif fn in truncated:
            rows.append((rule, "static-only:max-runs", fn, "--max-runs left failure points unexplored"))
        else:
            rows.append((rule, "static-only:not-reached", fn, "run, but no run showed it"))
    dyn_seen = set()
    for d, u in zip(defects, used):
        if u:
            continue
        if d["detector"] in DYNAMIC_BY_NATURE:
            rows.append(("(" + d["verdict"] + ")", "dynamic-only:nature", d["primary"], d["detector"]))
            continue
        key = (d["primary"], d["verdict"])
        if key not in dyn_seen:
            dyn_seen.add(key)
            rows.append(("(" + d["verdict"] + ")", "dynamic-only", d["primary"],
                         f"{d['detector']}: {d['message'][:100]} — {d['replay']}"))
    bad = {d["primary"] for d, u in zip(defects, used) if not u and d["detector"] not in DYNAMIC_BY_NATURE}
    bad |= {fn for fn, _ in seen}
    for fn in sorted(case.clean):
        if fn in bad:
            continue
        rule = case.folder_rule or "(other)"
        if fn in reached:
            rows.append((rule, "both-clean", fn, ""))
        else:
            rows.append((rule, "clean-not-run", fn, why_not.get(fn, "not reached from an entry point")))
    return rows


def read_known(path):
    known = {}
    if not path or not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if not line:
                continue
            parts = line.split(None, 3)
            if len(parts) < 4:
                print(f"{path}:{lineno}: want FILE FUNCTION KIND REASON", file=sys.stderr)
                sys.exit(2)
            known[(parts[0], parts[1], parts[2])] = parts[3]
    return known


COLUMNS = ["both-bug", "both-clean", "static-only:nature", "static-only:not-run",
           "static-only:max-runs", "static-only:not-reached", "dynamic-only", "dynamic-only:nature",
           "clean-not-run"]


def print_table(rows, markdown):
    table = {}
    for rule, outcome, _, _ in rows:
        table.setdefault(rule, dict.fromkeys(COLUMNS, 0))[outcome] += 1
    total = dict.fromkeys(COLUMNS, 0)
    heads = ["rule"] + COLUMNS
    lines = []
    for rule in sorted(table):
        lines.append([rule] + [str(table[rule][c]) for c in COLUMNS])
        for c in COLUMNS:
            total[c] += table[rule][c]
    lines.append(["total"] + [str(total[c]) for c in COLUMNS])
    if markdown:
        print("| " + " | ".join(heads) + " |")
        print("|" + " --- |" * len(heads))
        for l in lines:
            print("| " + " | ".join(l) + " |")
    else:
        widths = [max(len(h), *(len(l[i]) for l in lines)) for i, h in enumerate(heads)]
        print("  ".join(h.ljust(w) for h, w in zip(heads, widths)))
        for l in lines:
            print("  ".join(v.ljust(w) for v, w in zip(l, widths)))
    return total


def print_counts(cases, markdown):
    """The corpus: per rule, the functions expecting a finding of it (buggy) and the expect-clean
    functions of its folder (clean); files outside testdata/cases/ count under their folder."""
    buggy, clean = {}, {}
    for c in cases:
        for fn, rules in c.expected.items():
            for r in set(rules):
                buggy[r] = buggy.get(r, 0) + 1
        where = c.folder_rule or "(" + c.rel.split(os.sep)[0] + "/)"
        clean[where] = clean.get(where, 0) + len(c.clean)
    rows = [(r, buggy.get(r, 0), clean.get(r, 0)) for r in sorted(set(buggy) | set(clean))]
    total = sum(len(c.cases()) for c in cases)
    if markdown:
        print("| rule | buggy | clean |\n| --- | --- | --- |")
        for r, b, k in rows:
            print(f"| {r} | {b} | {k} |")
    else:
        for r, b, k in rows:
            print(f"{r:26} {b:4} buggy {k:4} clean")
    print(f"{len(cases)} files, {total} cases (functions carrying an expectation; a function "
          "expecting several rules counts once here, once per rule above)")


def main(argv):
    args = argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    prc, root = args[0], os.path.abspath(args[1])
    opts = {"--known": os.path.join(root, "KNOWN-DISAGREEMENTS"), "--max-runs": "1500",
            "--jobs": "2", "--only": ""}
    flags, i = set(), 2
    while i < len(args):
        if args[i] in opts and i + 1 < len(args):
            opts[args[i]] = args[i + 1]; i += 2
        elif args[i] in ("--markdown", "--verbose", "--counts"):
            flags.add(args[i]); i += 1
        else:
            print(f"agree.py: unknown argument {args[i]}", file=sys.stderr)
            return 2
    paths = []
    for d, _, files in os.walk(root):
        if "hostile" in d.split(os.sep):
            continue                      # the sandbox's own cases: hangs, forks, floods
        paths += [os.path.join(d, f) for f in files if f.endswith(".c")]
    cases = [Case(root, p) for p in sorted(paths) if opts["--only"] in p]
    cases = [c for c in cases if "expect-lint-exit" not in c.text]   # files that must not compile
    if "--counts" in flags:
        print_counts(cases, "--markdown" in flags)
        return 0

    def one(case):
        found, err = lint(prc, case)
        if found is None:
            return case, None, err
        return case, compare(case, found, *explore(prc, case, int(opts["--max-runs"]))), None

    rows, failed = [], False
    with concurrent.futures.ThreadPoolExecutor(int(opts["--jobs"])) as pool:
        for case, got, err in pool.map(one, cases):
            if got is None:
                print(f"{case.rel}: {err}")
                failed = True
                continue
            rows += [(r, o, f"{case.rel}", fn, detail) for r, o, fn, detail in got]
    known = read_known(opts["--known"])
    met = set()
    disagreements = []
    for rule, outcome, rel, fn, detail in rows:
        if outcome not in ("static-only:not-reached", "dynamic-only", "static-only:max-runs"):
            continue
        kind = ("dynamic-only:" + rule.strip("()")) if outcome == "dynamic-only" else "static-only:" + rule
        key = (rel, fn, kind) if (rel, fn, kind) in known else (rel, "*", kind)
        if key in known:
            met.add(key)
            if "--verbose" in flags:
                print(f"known: {rel} {fn} {kind}: {known[key]}")
        else:
            disagreements.append(f"{rel} {fn} {kind}  ({outcome}: {detail})")
    if "--verbose" in flags:
        for rule, outcome, rel, fn, detail in sorted(rows, key=lambda r: (r[2], r[3])):
            print(f"{outcome:24} {rel} {fn} {rule} {detail}")
    total = print_table([(r, o, fn, d) for r, o, _, fn, d in rows], "--markdown" in flags)
    ncases = sum(len(c.cases()) for c in cases)
    print(f"{len(cases)} files, {ncases} cases; {sum(total.values())} results")
    for d in disagreements:
        print("DISAGREEMENT " + d)
    stale = [k for k in known if k not in met and (not opts["--only"] or opts["--only"] in k[0])]
    for k in stale:
        print("STALE " + " ".join(k) + " (listed in KNOWN-DISAGREEMENTS but agrees now)")
    if disagreements or stale or failed:
        print(f"FAIL: {len(disagreements)} unlisted disagreements, {len(stale)} stale lines")
        return 1
    print(f"ok: {len(met)} known disagreements")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
