#!/usr/bin/env python3
"""check_cases.py — runs `pyrefcheck oracle` on every testdata/oracle case and compares its verdicts
with the expectations the case carries (docs/oracle.md, "Test cases"):

    /* oracle-expect: VERDICT ENTRY KIND */   on the line the defect is reported at; KIND is
                                              `normal`, `fault` or `fault@LINE` (the line of the
                                              allocation made to fail); VERDICT may be
                                              VERDICT/DETECTOR to pin the runtime detector
    /* oracle-ok: ENTRY */                    ENTRY ran and showed nothing
    /* oracle-flags: ARGS */                  extra command-line arguments
    /* oracle-exit: N */                      the exit status (default 1 with expectations, else 0)
    /* oracle-skip-under-asan */              the case relies on the address-space limit

Every defect reported must be expected and every expectation met, and each defect's replay
command must show it again in one run. The run happens with a private
TMPDIR, which must be empty afterwards, and no process of the run may outlive it. Prints one line
per failing case and "N passed, N failed"; exits 1 when a case failed.

usage: check_cases.py PYREFCHECK [--asan] [--complete] CASE_OR_DIR...

--complete: the cases carry no expectations and must come out clean and fully explored: exit 0, no
defect, every entry point run (verdict ok) and every failure point it counted made to fail.
"""
import json, os, re, shlex, subprocess, sys, tempfile, time

EXPECT = re.compile(r"/\*\s*oracle-expect:\s*([\w/-]+)\s+(\S+)\s+(normal|fault(?:@\d+)?)\s*\*/")
OK = re.compile(r"/\*\s*oracle-ok:\s*(\S+)\s*\*/")
FLAGS = re.compile(r"/\*\s*oracle-flags:\s*(.*?)\s*\*/")
EXIT = re.compile(r"/\*\s*oracle-exit:\s*(\d+)\s*\*/")


def read_case(path):
    expects, oks, flags, code, skip_asan = [], [], [], None, False
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            for m in EXPECT.finditer(line):
                verdict, _, detector = m.group(1).partition("/")
                expects.append({"line": lineno, "verdict": verdict, "detector": detector or None,
                                "entry": m.group(2), "kind": m.group(3)})
            oks += OK.findall(line)
            for m in FLAGS.finditer(line):
                flags += shlex.split(m.group(1))
            m = EXIT.search(line)
            if m:
                code = int(m.group(1))
            skip_asan |= "oracle-skip-under-asan" in line
    if code is None:
        code = 1 if expects else 0
    return expects, oks, flags, code, skip_asan


def runner_processes(marker):
    """pids of live pyrefcheck-runner processes whose command line holds `marker` (the case's
    private TMPDIR, which the runner's arguments name), zombies not counted: other oracle runs on
    the machine (another build's test suite) are not this case's."""
    out = subprocess.run(["ps", "-eo", "pid=,stat=,args="], capture_output=True, text=True).stdout
    pids = set()
    for line in out.splitlines():
        fields = line.split(None, 2)
        if (len(fields) == 3 and "pyrefcheck-runner" in fields[2] and marker in fields[2]
                and not fields[1].startswith("Z")):
            pids.add(fields[0])
    return pids


def stray_processes(marker):
    """Runner processes of the case that are still alive; killed ones may take a moment to be
    reaped by init, so this looks again for up to two seconds before it answers."""
    for _ in range(20):
        stray = runner_processes(marker)
        if not stray:
            return stray
        time.sleep(0.1)
    return stray


def matches(expect, defect, case_path):
    where = defect["site"] or defect["alloc"]
    if where is None or where["line"] != expect["line"]:
        return False
    if defect["verdict"] != expect["verdict"] or defect["entry"] != expect["entry"]:
        return False
    if expect["detector"] and defect["detector"] != expect["detector"]:
        return False
    kind = expect["kind"]
    if kind == "normal":
        return not defect["fault_only"]
    if not defect["fault_only"]:
        return False
    if kind.startswith("fault@"):
        site = (defect["fault"] or {}).get("site") or ""
        return site.endswith(":" + kind[6:])
    return True


def check_replays(prc, path, flags, defects):
    """Each defect's replay command (--entry E --schedule N) must run that one run and show the
    same defect: the schedule numbers of a full run, made by parallel workers, and of a replay,
    made one run after the other, must agree."""
    problems = []
    for d in defects:
        flags_kept, skip = [], False
        for f in flags:                   # the case's own --entry gives way to the defect's
            if skip or f == "--entry":
                skip = not skip
                continue
            flags_kept.append(f)
        cmd = [prc, "oracle", "--no-db", "--format", "json", *flags_kept,
               "--entry", d["entry"], "--schedule", str(d["schedule"]), path]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        try:
            replay = json.loads(proc.stdout)
        except json.JSONDecodeError:
            problems.append(f"replay of {d['entry']} schedule {d['schedule']}: no JSON "
                            f"(exit {proc.returncode}: {proc.stderr.strip()[:200]})")
            continue
        same = [r for r in replay["defects"]
                if r["verdict"] == d["verdict"] and r["site"] == d["site"] and r["alloc"] == d["alloc"]]
        if replay["runs"] != 1 or not same:
            problems.append(f"replay of {d['entry']} schedule {d['schedule']} ({d['verdict']}) "
                            f"showed {[r['verdict'] for r in replay['defects']]} in {replay['runs']} runs")
    return problems


def check(prc, path, asan, complete=False):
    expects, oks, flags, want_code, skip_asan = read_case(path)
    if complete:
        expects, want_code = [], 0
    if asan and skip_asan:
        return None
    problems = []
    with tempfile.TemporaryDirectory(prefix="oracle-case-") as tmp:
        env = dict(os.environ, TMPDIR=tmp)
        cmd = [prc, "oracle", "--no-db", "--format", "json", *flags, path]
        start = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
        elapsed = time.monotonic() - start
        left = os.listdir(tmp)
        if left:
            problems.append(f"temporary files left: {left}")
    if proc.returncode != want_code:
        problems.append(f"exit {proc.returncode}, expected {want_code}: {proc.stderr.strip()[:300]}")
    try:
        report = json.loads(proc.stdout) if proc.stdout.strip() else None
    except json.JSONDecodeError as e:
        return [f"output is not JSON: {e}"]
    stray = stray_processes(tmp)
    if stray:
        problems.append(f"processes outlived the run: {sorted(stray)}")
    if report is None:
        if expects or oks:
            problems.append("no report")
        return problems
    defects = report["defects"]
    used = [False] * len(defects)
    for e in expects:
        hit = next((i for i, d in enumerate(defects) if not used[i] and matches(e, d, path)), None)
        if hit is None:
            problems.append(f"missing {e['verdict']} {e['entry']} {e['kind']} at line {e['line']}")
        else:
            used[hit] = True
    for d, u in zip(defects, used):
        if not u:
            where = d["site"] or d["alloc"]
            problems.append(f"unexpected {d['verdict']}/{d['detector']} {d['entry']} "
                            f"{'fault' if d['fault_only'] else 'normal'} at line "
                            f"{where['line'] if where else '?'}: {d['message'][:120]}")
    problems += check_replays(prc, path, flags, defects)
    entries = {e["name"]: e for e in report["entries"]}
    if complete:
        if not entries:
            problems.append("no entry point found")
        for e in report["entries"]:
            if e["verdict"] != "ok" or e["runs"] == 0:
                problems.append(f"entry {e['name']}: {e['verdict']} ({e['runs']} runs)")
            elif e["covered"] != e["failure_points"]:
                problems.append(f"entry {e['name']}: {e['covered']} of {e['failure_points']} "
                                "failure points covered")
    for name in oks:
        e = entries.get(name)
        if e is None:
            problems.append(f"entry {name} was not run")
        elif e["verdict"] != "ok" or e["runs"] == 0:
            problems.append(f"entry {name}: {e['verdict']} ({e['runs']} runs), expected ok")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    prc, rest = argv[1], argv[2:]
    asan = "--asan" in rest
    complete = "--complete" in rest
    paths = []
    for p in (a for a in rest if a not in ("--asan", "--complete")):
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                paths += [os.path.join(root, f) for f in files if f.endswith(".c")]
        else:
            paths.append(p)
    passed = failed = skipped = 0
    for path in sorted(paths):
        problems = check(prc, path, asan, complete)
        if problems is None:
            skipped += 1
        elif problems:
            failed += 1
            print(f"FAIL {path}: " + "; ".join(problems))
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
