#!/usr/bin/env python3
"""check_db.py — `pyrefcheck oracle` records its verdicts in the findings database (issue 8: "and
so does pyrefcheck oracle for its verdicts"), and `pyrefcheck query --sql` reads them back.

A case is copied into a fresh directory (so the database is the default one, <root>/.pyrefcheck/
findings.db) and run once with --format json; then, through `query --sql` only:
  - one run of kind `oracle`, complete, with the profile as its python_version;
  - one `oracle_verdicts` row per defect of the JSON report — entry, verdict, detector, path
    relative to the root, line, replay command — whose failure_point is the defect's schedule when
    it was seen only with a failure injected, NULL when the normal path shows it;
  - one `ok` row per entry the report says ran clean, and no other row;
  - a replay (--schedule) and a --no-db run record nothing more.

usage: check_db.py PYREFCHECK CASE.c
"""
import csv, io, json, os, shutil, subprocess, sys, tempfile


def query(prc, db, sql):
    proc = subprocess.run([prc, "query", "--db", db, "--format", "csv", "--sql", sql],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"query failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return list(csv.DictReader(io.StringIO(proc.stdout)))


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    prc, case = os.path.abspath(argv[1]), argv[2]
    problems = []
    with tempfile.TemporaryDirectory(prefix="oracle-db-") as root:
        snippet = os.path.join(root, os.path.basename(case))
        shutil.copy(case, snippet)
        db = os.path.join(root, ".pyrefcheck", "findings.db")
        run = subprocess.run([prc, "oracle", "--format", "json", snippet], capture_output=True,
                             text=True, timeout=600, cwd=root)
        if run.returncode not in (0, 1):
            return print(f"FAIL oracle exit {run.returncode}: {run.stderr.strip()[:300]}") or 1
        report = json.loads(run.stdout)
        if not os.path.exists(db):
            return print(f"FAIL no database at {db}") or 1

        runs = query(prc, db, "SELECT id, kind, status, python_version FROM runs")
        if [(r["kind"], r["status"], r["python_version"]) for r in runs] != [
                ("oracle", "complete", report["profile"])]:
            problems.append(f"runs: {runs}")
        rows = query(prc, db, "SELECT entry, failure_point, verdict, detector, path, line, message, "
                              "replay, snippet FROM oracle_verdicts ORDER BY id")
        name = os.path.basename(case)
        for row in rows:
            if row["snippet"] != name:
                problems.append(f"snippet {row['snippet']!r}, expected {name!r} (relative to the root)")
        defect_rows = [r for r in rows if r["verdict"] != "ok"]
        if len(defect_rows) != len(report["defects"]):
            problems.append(f"{len(defect_rows)} defect rows for {len(report['defects'])} defects")
        for d in report["defects"]:
            where = d["site"] or d["alloc"]
            want = {"entry": d["entry"], "verdict": d["verdict"], "detector": d["detector"],
                    "path": name if where else "", "line": str(where["line"]) if where else "",
                    "failure_point": str(d["schedule"]) if d["fault_only"] else "",
                    "message": d["message"]}
            hit = [r for r in defect_rows if all(r[k] == v for k, v in want.items())]
            if len(hit) != 1:
                problems.append(f"no row for {want}")
            elif not hit[0]["replay"].endswith(f"--entry {d['entry']} --schedule {d['schedule']}"):
                problems.append(f"replay {hit[0]['replay']!r} for schedule {d['schedule']}")
        clean = sorted(e["name"] for e in report["entries"] if e["verdict"] == "ok" and e["runs"] > 0)
        ok_rows = sorted(r["entry"] for r in rows if r["verdict"] == "ok")
        if ok_rows != clean:
            problems.append(f"ok rows {ok_rows}, clean entries {clean}")
        if not report["defects"] or not clean:
            problems.append("the case must show defects and clean entries both")

        # a replay and a --no-db run add nothing
        if report["defects"]:
            d = report["defects"][0]
            subprocess.run([prc, "oracle", "--entry", d["entry"], "--schedule", str(d["schedule"]),
                            snippet], capture_output=True, text=True, timeout=600, cwd=root)
        subprocess.run([prc, "oracle", "--no-db", snippet], capture_output=True, text=True,
                       timeout=600, cwd=root)
        count = query(prc, db, "SELECT (SELECT count(*) FROM runs) AS runs, "
                               "(SELECT count(*) FROM oracle_verdicts) AS verdicts")
        if count != [{"runs": "1", "verdicts": str(len(rows))}]:
            problems.append(f"a replay or --no-db run recorded something: {count}")
    for p in problems:
        print("FAIL " + p)
    print(f"{'FAIL' if problems else 'ok'}: {len(rows)} verdict rows checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
