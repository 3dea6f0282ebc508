#!/usr/bin/env python3
"""fake_pyrefcheck.py — stands in for pyrefcheck in agree_selftest.sh, so that the agreement
runner's own logic is tested whatever the analyzer and the oracle can do today: `lint` reports a
ref-leak on every `// expect: ref-leak` line (in the function around it); `oracle` runs every
function of the file cleanly (each an entry, verdict ok, every failure point covered)."""
import json, re, sys

args = sys.argv[1:]
path = args[-1]
lines = open(path, encoding="utf-8").read().splitlines()
funcs = [(i + 1, m.group(1)) for i, l in enumerate(lines) for m in [re.match(r"(\w+)\(", l)] if m]
if args[0] == "lint":
    found = []
    for n, l in enumerate(lines, 1):
        if "// expect: ref-leak" in l:
            fn = max((f for f in funcs if f[0] <= n), default=(0, ""))[1]
            found.append({"rule": "ref-leak", "line": n, "function": fn, "suppressed": False})
    print(json.dumps({"format": "pyrefcheck-findings", "findings": found}))
    sys.exit(1 if found else 0)
if args[0] == "oracle":
    entries = [{"name": name, "line": n, "verdict": "ok", "runs": 3, "failure_points": 2,
                "covered": 2, "notes": []} for n, name in funcs]
    print(json.dumps({"format": "pyrefcheck-oracle", "entries": entries, "defects": []}))
    sys.exit(0)
sys.exit(2)
