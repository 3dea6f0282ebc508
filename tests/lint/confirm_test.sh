#!/usr/bin/env bash
# confirm_test.sh — `pyrefcheck lint --confirm` on tests/lint/confirm/cases.c: a leak the oracle
# confirms (its replay command shows it again), one it runs without reproducing, one in a function
# it cannot call; the marks in text, JSON, SARIF (validated against the schema) and the findings
# database (oracle_verdicts rows linked by finding_id); no marks without --confirm.
# usage: confirm_test.sh PYREFCHECK CASES_DIR SARIF_SCHEMA VALIDATOR
set -u
PRC=${1:?usage}; CASES=${2:?usage}; SCHEMA=${3:?usage}; VALIDATE=${4:?usage}
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
PRC=$(abs "$PRC"); CASES=$(abs "$CASES"); SCHEMA=$(abs "$SCHEMA"); VALIDATE=$(abs "$VALIDATE")
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out err=$tmp/err
expect() {  # expect NAME EXIT-CODE COMMAND...
  local name=$1 want=$2; shift 2
  "$@" >"$out" 2>"$err"
  local got=$?
  if [ "$got" -eq "$want" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $name: exit $got, expected $want"; sed 's/^/  | /' "$err" | head -5; fi
}
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}
cp "$CASES/cases.c" "$tmp/cases.c"
cd "$tmp" || exit 1

# --- text ----------------------------------------------------------------------------------------
expect "text" 1 "$PRC" lint --confirm --no-db --color never cases.c
check "the normal-path leak is confirmed, with its replay command" \
  grep -q '^cases.c:13:5: note: confirmed by the oracle (leak): pyrefcheck oracle cases.c --entry leaks_always --schedule 0$' "$out"
check "the unreachable leak is run but not reproduced" \
  grep -q '^cases.c:30:9: note: unconfirmed by the oracle (ok): not reproduced: the oracle ran leaks_for_magic' "$out"
check "the helper taking an int is not runnable, with the oracle's reason" \
  grep -q '^cases.c:44:5: note: unconfirmed by the oracle (not-run): not runnable: .*leaky_helper has a prototype the oracle cannot call' "$out"
check "three marks, one per finding" test "$(grep -c 'by the oracle' "$out")" -eq 3
check "the oracle's own messages do not leak onto stderr" test ! -s "$err"
replay=$(sed -n 's/^cases.c:13:5: note: confirmed by the oracle (leak): pyrefcheck //p' "$out")
expect "the replay command shows the leak again" 1 "$PRC" $replay --no-db
check "replayed: a leak at the allocation" grep -q '^cases.c:9: leak:' "$out"

expect "no --confirm: no marks" 1 "$PRC" lint --no-db --color never cases.c
check "no --confirm: no marks (text)" test "$(grep -c 'by the oracle' "$out")" -eq 0

# --- JSON and SARIF ------------------------------------------------------------------------------
expect "json" 1 "$PRC" lint --confirm --no-db --format json cases.c
check "json: the marks" python3 -c '
import json, sys
f = {x["line"]: x.get("confirmation") for x in json.load(open(sys.argv[1]))["findings"]}
assert f[13] == {"status": "confirmed", "verdict": "leak",
                 "replay": "pyrefcheck oracle cases.c --entry leaks_always --schedule 0"}, f[13]
assert f[30]["status"] == "unconfirmed" and f[30]["verdict"] == "ok" and "not reproduced" in f[30]["reason"]
assert f[44]["status"] == "unconfirmed" and f[44]["verdict"] == "not-run" and "not runnable" in f[44]["reason"]
' "$out"
expect "json without --confirm" 1 "$PRC" lint --no-db --format json cases.c
check "json without --confirm: no confirmation key" python3 -c '
import json, sys
assert all("confirmation" not in x for x in json.load(open(sys.argv[1]))["findings"])' "$out"
expect "sarif" 1 "$PRC" lint --confirm --no-db --format sarif cases.c
cp "$out" confirm.sarif
check "sarif: result properties" python3 -c '
import json, sys
r = {x["locations"][0]["physicalLocation"]["region"]["startLine"]: x["properties"]
     for x in json.load(open(sys.argv[1]))["runs"][0]["results"]}
assert r[13]["pyrefcheck/confirmation"] == "confirmed" and r[13]["pyrefcheck/oracleVerdict"] == "leak"
assert r[30]["pyrefcheck/confirmation"] == "unconfirmed" and r[44]["pyrefcheck/oracleVerdict"] == "not-run"
' confirm.sarif
if [ -f "$SCHEMA" ]; then
  check "sarif validates against the schema" python3 "$VALIDATE" "$SCHEMA" confirm.sarif
fi

# --- the database --------------------------------------------------------------------------------
expect "recorded" 1 "$PRC" lint --confirm --db f.db cases.c
expect "verdicts linked to findings" 0 "$PRC" query --db f.db --format csv --sql \
  "SELECT f.line, v.verdict, v.entry, coalesce(v.replay, ''), coalesce(v.message, '') FROM oracle_verdicts v JOIN findings f ON f.id = v.finding_id WHERE f.run_id = (SELECT max(id) FROM runs) ORDER BY f.line"
tr -d '\r' <"$out" >rows.csv; cp rows.csv "$out"   # CSV rows end in CRLF
check "db: the confirmed leak with its replay" grep -q '^13,leak,leaks_always,pyrefcheck oracle cases.c --entry leaks_always --schedule 0,$' "$out"
check "db: the unreproduced one ran clean" grep -q '^30,ok,leaks_for_magic,,"\?not reproduced' "$out"
check "db: the helper not run" grep -q '^44,not-run,leaky_helper,,"\?not runnable' "$out"
expect "lint without --confirm records no verdict" 1 "$PRC" lint --db g.db cases.c
expect "query g.db" 0 "$PRC" query --db g.db --format csv --sql "SELECT count(*) FROM oracle_verdicts"
check "no verdicts without --confirm" test "$(tail -1 "$out" | tr -d '\r')" = "0"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
