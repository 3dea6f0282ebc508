#!/usr/bin/env bash
# lint_cli_test.sh — `pyrefcheck lint` as CI uses it: --format json|sarif (the SARIF validated
# against the official schema), suppression comments, the .pyrefcheck project file, --rules, the
# findings database (default place, --db, --no-db, a bad database), --baseline, incremental
# re-runs (everything carried over, same findings), and N shards + merge = one run.
# usage: lint_cli_test.sh PYREFCHECK TESTDATA_DIR SARIF_SCHEMA VALIDATOR
set -u
PRC=${1:?usage}; TESTDATA=${2:?usage}; SCHEMA=${3:?usage}; VALIDATE=${4:?usage}
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
PRC=$(abs "$PRC"); TESTDATA=$(abs "$TESTDATA"); SCHEMA=$(abs "$SCHEMA"); VALIDATE=$(abs "$VALIDATE")
passed=0 failed=0
# Runs are compared with each other: no function may run out of its wall-clock budget on a loaded
# machine (or under the sanitizers) in one run and not in the other.
export PYREFCHECK_MAX_SECONDS=600
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
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
python=python3
# fingerprints of a lint --format json output, sorted, one per line
fps() { "$python" -c 'import json,sys; [print(f["fingerprint"], f["rule"], f["file"]) for f in sorted(json.load(open(sys.argv[1]))["findings"], key=lambda f: f["fingerprint"])]' "$1"; }

cp -r "$TESTDATA/demo" "$tmp/demo"
# `make run` records into testdata/demo/.pyrefcheck/ (the default database): the copies start
# without it, or their first run would carry that run's files over
rm -rf "$tmp/demo/.pyrefcheck"
cd "$tmp" || exit 1

# --- formats -------------------------------------------------------------------------------------
expect "json" 1 "$PRC" lint --no-db --format json demo
check "json parses and has the findings" "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="pyrefcheck-findings" and len(d["findings"])>=5 and all(f["fingerprint"] for f in d["findings"])' "$out"
check "json: paths relative to the root" "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["run"]["root"].endswith("/demo") and d["findings"][0]["file"]=="inventory.c"' "$out"
expect "sarif" 1 "$PRC" lint --no-db --format sarif demo
cp "$out" lint.sarif
check "sarif: codeFlows, logical locations, fingerprints" grep -q '"codeFlows"' lint.sarif
check "sarif: function as logical location" grep -q '"kind": "function"' lint.sarif
check "sarif: partialFingerprints" grep -q '"pyrefcheck/v1"' lint.sarif
if "$python" -c 'import jsonschema' 2>/dev/null && [ -f "$SCHEMA" ]; then
  expect "lint SARIF validates against the SARIF 2.1.0 schema" 0 "$python" "$VALIDATE" "$SCHEMA" lint.sarif
else
  echo "SKIP SARIF schema validation (python3-jsonschema or $SCHEMA missing)"
fi
expect "text with --color always" 1 "$PRC" lint --no-db --color always demo
check "colour escapes" grep -q $'\033\[1;31merror' "$out"
expect "text with --color never" 1 "$PRC" lint --no-db --color never demo
check "no colour escapes" test "$(grep -c $'\033' "$out")" -eq 0
expect "--quiet off a terminal: nothing on stderr" 1 "$PRC" lint --no-db -q demo
check "quiet: stderr empty" test ! -s "$err"
expect "bad --shard" 2 "$PRC" lint --no-db --shard 3/2 demo
expect "--db with --no-db" 2 "$PRC" lint --db x.db --no-db demo

# --- suppressions ---------------------------------------------------------------------------------
mkdir sup
cat >sup/s.c <<'C'
#include <Python.h>
static PyObject *
a(PyObject *self, PyObject *arg)
{
    int unused = 0; // pyrefcheck: ignore[ref-return-borrowed]
    (void)unused;
    return Py_None; // NOLINT(pyrefcheck-ref-return-borrowed)
}
static PyObject *
b(PyObject *self, PyObject *arg)
{
    // pyrefcheck: ignore[ref-no-such-rule]
    return Py_None;
}
static PyMethodDef methods[] = {
    {"a", a, METH_O, NULL},
    {"b", b, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
C
expect "suppressions: one finding left, one malformed comment" 1 "$PRC" lint --no-db sup/s.c
check "the NOLINT line is suppressed" test "$(grep -c 's.c:7:' "$out")" -eq 0
check "the unsuppressed one is reported" grep -q 's.c:13:.*\[ref-return-borrowed\]' "$out"
check "unknown id warned" grep -q "s.c:12:5: warning: unknown rule id 'ref-no-such-rule'" "$err"
expect "unused suppressions reported on request" 1 "$PRC" lint --no-db --report-unused-suppressions sup/s.c
check "the unused one named" grep -q 's.c:5:21: warning: suppression of ref-return-borrowed matches no finding' "$err"
expect "suppressed findings are in the JSON, flagged" 1 "$PRC" lint --no-db --format json sup/s.c
check "suppressed flag" "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert sum(f["suppressed"] for f in d["findings"])==1' "$out"
sed -i '12d' sup/s.c
sed -i '12s|return Py_None;|return Py_None; /* pyrefcheck: ignore */|' sup/s.c
expect "all suppressed: exit 0" 0 "$PRC" lint --no-db sup/s.c
check "all suppressed: no output" test ! -s "$out"

# --- the project file and --rules -----------------------------------------------------------------
mkdir -p proj/src proj/include
cat >proj/include/bag.h <<'C'
#include <Python.h>
PyObject *bag_take(PyObject *bag);
C
cat >proj/src/m.c <<'C'
#include <bag.h>
#ifndef FROM_CONFIG
#error the define of the project file is missing
#endif
static PyObject *
f(PyObject *self, PyObject *bag)
{
    PyObject *item = bag_take(bag);
    if (item == NULL)
        return NULL;
    return PyLong_FromLong(0);
}
static PyMethodDef methods[] = {{"f", f, METH_O, NULL}, {NULL, NULL, 0, NULL}};
C
printf 'include = include\ndefine = FROM_CONFIG\n' >proj/.pyrefcheck
expect "config: include and define applied" 1 "$PRC" lint --no-db proj/src
check "config: the finding" grep -q 'm.c:11:.*\[ref-leak\]' "$out"
expect "--no-config: the #error fires" 2 "$PRC" lint --no-db --no-config proj/src/m.c -- $(python3-config --includes) -Iproj/include
printf 'include = include\ndefine = FROM_CONFIG\ndisable = ref-leak\n' >proj/.pyrefcheck
expect "config: a disabled rule is not reported" 0 "$PRC" lint --no-db proj/src
printf 'function bag_take\n  returns borrowed PyObject *\n  arg bag borrow PyObject *\n' >proj/bag.api
printf 'include = include\ndefine = FROM_CONFIG\n' >proj/.pyrefcheck
expect "--rules: bag_take returns borrowed, so nothing leaks" 0 "$PRC" lint --no-db --rules proj/bag.api proj/src
printf 'include = include\ndefine = FROM_CONFIG\nrules = bag.api\n' >proj/.pyrefcheck
expect "config rules = ...: same" 0 "$PRC" lint --no-db proj/src
printf 'frobnicate = 1\n' >proj/.pyrefcheck
expect "config: an unknown key is an error" 2 "$PRC" lint --no-db proj/src
check "config error names file and line" grep -q '\.pyrefcheck:1: unknown key' "$err"
expect "--config FILE" 1 "$PRC" lint --no-db --config /dev/null demo
rm proj/.pyrefcheck
# One project file per linted file: the nearest above each (as .clang-tidy), in one run.
mkdir -p tree/a tree/b
cp proj/src/m.c tree/a/m.c && cp proj/src/m.c tree/b/m.c
printf 'include = ../proj/include\ndefine = FROM_CONFIG\n' >tree/.pyrefcheck
printf 'include = ../../proj/include\ndefine = FROM_CONFIG\ndisable = ref-leak\n' >tree/b/.pyrefcheck
expect "per-file config: one run over both parts" 1 "$PRC" lint --no-db tree
check "per-file config: a/ reports the leak (the top file)" grep -q '^tree/a/m.c:11:.*\[ref-leak\]' "$out"
check "per-file config: b/ does not (its own file disables it)" test "$(grep -c '^tree/b/' "$out")" -eq 0
expect "per-file config: the same from the file alone" 0 "$PRC" lint --no-db tree/b/m.c
printf 'define = FROM_CONFIG\n' >tree/b/.pyrefcheck
expect "per-file config: b/'s own include list is used (bag.h not found)" 2 "$PRC" lint --no-db tree
check "per-file config: the missing header is b/'s" grep -q "^tree/b/m.c:1:10: .*bag.h' file not found" "$err"
printf 'bogus = 1\n' >tree/b/.pyrefcheck
expect "per-file config: a bad nested project file is an error" 2 "$PRC" lint --no-db tree
check "per-file config: the error names it" grep -q 'tree/b/\.pyrefcheck:1: unknown key' "$err"
expect "--config FILE applies to every file" 1 "$PRC" lint --no-db --config tree/.pyrefcheck tree
check "--config: b/ reports the leak too" grep -q '^tree/b/m.c:11:.*\[ref-leak\]' "$out"

# --- the database, incremental re-runs, baselines --------------------------------------------------
expect "first run records into <root>/.pyrefcheck/findings.db" 1 "$PRC" lint --format json demo
cp "$out" run1.json
check "default database created" test -f demo/.pyrefcheck/findings.db
expect "second run" 1 "$PRC" lint --format json demo
cp "$out" run2.json
check "second run: same findings" cmp -s <(fps run1.json) <(fps run2.json)
expect "query: the second run carried every file" 0 "$PRC" query --db demo/.pyrefcheck/findings.db \
  --sql "SELECT count(*) FROM files WHERE run_id = 2 AND carried_from IS NULL"
check "no file analysed again" grep -qx '0' <(tail -1 "$out" | tr -d ' ')
touch demo/inventory.c
echo '/* edited */' >>demo/inventory.c
expect "an edited file is analysed again" 1 "$PRC" lint demo
expect "query: run 3 analysed it" 0 "$PRC" query --db demo/.pyrefcheck/findings.db \
  --sql "SELECT count(*) FROM files WHERE run_id = 3 AND carried_from IS NULL"
check "one file analysed" grep -qx '1' <(tail -1 "$out" | tr -d ' ')
expect "--db PATH" 1 "$PRC" lint --db other.db demo
check "--db file created" test -f other.db
echo "not a database" >bad.db
expect "a file that is not a database: exit 2" 2 "$PRC" lint --db bad.db demo
check "bad database untouched" grep -qx "not a database" bad.db
check "bad database: one line naming it" grep -q '^pyrefcheck: bad.db: ' "$err"
expect "--baseline DB: nothing new" 0 "$PRC" lint --no-db --baseline other.db demo
check "--baseline: nothing printed" test ! -s "$out"
"$PRC" baseline write --db other.db base.txt >/dev/null 2>&1
sed -i 's|Py_XDECREF(list);|/* leak */|' demo/inventory.c 2>/dev/null
cat >>demo/inventory.c <<'C'
static PyObject *
new_leak(PyObject *self, PyObject *arg)
{
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL)
        return NULL;
    return Py_None;
}
C
expect "--baseline FILE.txt: only the new finding fails" 1 "$PRC" lint --no-db --baseline base.txt demo
check "--baseline: the new finding is printed" grep -q 'new_leak\|inventory.c:3[0-9][0-9]:.*\[ref-' "$out"
check "--baseline: old findings are not" test "$(grep -c '\[ref-use-after-steal\]' "$out")" -eq 0
expect "--baseline with SARIF" 1 "$PRC" lint --no-db --format sarif --baseline base.txt demo
cp "$out" baseline.sarif
states() { "$python" -c 'import json,sys; print(" ".join(sorted(set(str(r.get("baselineState")) for r in json.load(open(sys.argv[1]))["runs"][0]["results"]))))' "$1"; }
check "SARIF with a baseline: every result says new or unchanged, both present" test "$(states baseline.sarif)" = "new unchanged"
check "SARIF with a baseline: the new finding is new" "$python" -c 'import json,sys; rs=json.load(open(sys.argv[1]))["runs"][0]["results"]; assert any(r["baselineState"]=="new" and "new_leak" in json.dumps(r) for r in rs)' baseline.sarif
if "$python" -c 'import jsonschema' 2>/dev/null && [ -f "$SCHEMA" ]; then
  expect "SARIF with baselineState validates" 0 "$python" "$VALIDATE" "$SCHEMA" baseline.sarif
fi
"$PRC" lint --no-db --format sarif demo >nobaseline.sarif 2>/dev/null
check "SARIF without a baseline: no baselineState" test "$(states nobaseline.sarif)" = "None"

# --- shards + merge = one run (testdata/) ------------------------------------------------------------
cp -r "$TESTDATA/cases" cases
rm -rf cases/.pyrefcheck
# (exit 2: one case has a compile error on purpose; the run is still complete)
expect "one run over testdata/cases" 2 "$PRC" lint -q --db one.db cases
for i in 1 2 3; do
  "$PRC" lint -q --shard $i/3 --db shard$i.db cases >/dev/null 2>&1
  check "shard $i/3 recorded" test -f shard$i.db
done
expect "merge the shards" 0 "$PRC" merge merged.db shard1.db shard2.db shard3.db
"$PRC" export --json --db one.db >one.json 2>/dev/null
"$PRC" export --json --db merged.db >merged.json 2>/dev/null
check "one run has findings" test "$(fps one.json | wc -l)" -gt 20
check "shards + merge = one run (by fingerprint)" cmp -s <(fps one.json) <(fps merged.json)

# --- the shared PCH of the Python headers gives the same findings as parsing each file anew ------
"$PRC" lint --no-db -q cases demo >with-pch.txt 2>with-pch.err
"$PRC" lint --no-db -q --no-pch cases demo >without-pch.txt 2>without-pch.err
check "PCH: the same findings as without" cmp -s with-pch.txt without-pch.txt
check "PCH: the same compile errors as without" cmp -s with-pch.err without-pch.err
check "PCH: findings there" test "$(grep -c '\]$' with-pch.txt)" -gt 20

# --- -j N: the same output, records and exit status as -j 1 ----------------------------------------
for j in 1 2 3; do
  "$PRC" lint --no-db -q -j$j cases demo >j$j.txt 2>j$j.err
  echo $? >j$j.status
  "$PRC" lint --no-db -q -j$j --format json cases demo >j$j.json 2>/dev/null
  "$PRC" lint -q -j$j --db j$j.db cases demo >/dev/null 2>&1
  "$PRC" export --json --db j$j.db >j$j-db.json 2>/dev/null
done
findings() { "$python" -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["findings"], indent=0))' "$1"; }
check "-j: findings there" test "$(grep -c '\]$' j1.txt)" -gt 20
for j in 2 3; do
  check "-j$j: the text output of -j1" cmp -s j1.txt j$j.txt
  check "-j$j: the compile errors of -j1, in the same order" cmp -s j1.err j$j.err
  check "-j$j: the exit status of -j1" cmp -s j1.status j$j.status
  check "-j$j: the JSON findings of -j1" cmp -s <(findings j1.json) <(findings j$j.json)
  check "-j$j: the recorded findings of -j1" cmp -s <(findings j1-db.json) <(findings j$j-db.json)
done
expect "-j 0 is refused" 2 "$PRC" lint --no-db -j 0 demo
expect "-j x is refused" 2 "$PRC" lint --no-db -jx demo

# --- a second run carries every file over and prints what the first printed ------------------------
# (fix-its included, and the compile errors of the case that has one: exit 2 both times)
for i in 1 2; do
  "$PRC" lint -q --db inc.db cases demo >inc$i.txt 2>inc$i.err
  echo $? >inc$i.status
done
check "carried run: the text of the first (fix-its included)" cmp -s inc1.txt inc2.txt
check "carried run: fix-its there" grep -q 'fix-it: ' inc2.txt
fq() { "$PRC" query --db inc.db --sql "$1" 2>/dev/null | tail -1 | tr -d ' '; }
check "functions table: every function recorded, not only those with a finding" \
  test "$(fq "SELECT count(*) FROM functions f JOIN files fi ON fi.id = f.file_id WHERE fi.run_id = 1
              AND NOT EXISTS (SELECT 1 FROM findings g WHERE g.function_id = f.id)")" -gt 20
check "functions table: the incomplete ones (budget notes, the one a compile error touches)" \
  test "$(fq "SELECT count(*) FROM functions f JOIN files fi ON fi.id = f.file_id WHERE fi.run_id = 1 AND complete = 0")" \
       = "$(grep -c "is incomplete:\|was not analysed:" inc1.txt)"
check "functions table: the work of each walk (paths_explored; 0 for a body that is one return)" \
  test "$(fq "SELECT count(*) FROM functions f JOIN files fi ON fi.id = f.file_id WHERE fi.run_id = 1 AND paths_explored > 0")" -gt 100
check "functions table: carried over with the file" \
  test "$(fq "SELECT count(*) FROM functions f JOIN files fi ON fi.id = f.file_id WHERE fi.run_id = 2")" \
       = "$(fq "SELECT count(*) FROM functions f JOIN files fi ON fi.id = f.file_id WHERE fi.run_id = 1")"
check "carried run: the compile errors of the first" cmp -s inc1.err inc2.err
check "carried run: compile errors there" grep -q ': error: ' inc2.err
check "carried run: exit 2 both times (a file has compile errors)" test "$(cat inc1.status inc2.status)" = "$(printf '2\n2')"
expect "carried run: nothing parsed again, the file with errors neither" 0 "$PRC" query --db inc.db \
  --sql "SELECT count(*) || '/' || sum(parse_status = 'error') FROM files WHERE run_id = 2 AND carried_from IS NOT NULL"
check "carried run: every file carried, the one with errors too" test "$(tail -1 "$out" | tr -d ' ')" = "$(find cases demo -name '*.c' | wc -l | tr -d ' ')/1"
"$PRC" lint -q --db inc.db --format json cases demo >inc3.json 2>/dev/null
check "carried run: JSON has the fix-its" grep -q '"fixit"' inc3.json
mkdir -p fatal && printf '#include <Python.h>\n#include "not_there.h"\nstatic int x;\n' >fatal/f.c
"$PRC" lint -q --db fatal.db fatal >/dev/null 2>&1
"$PRC" lint -q --db fatal.db fatal >/dev/null 2>&1
expect "a file with a fatal error (a header not found) is parsed again" 0 "$PRC" query --db fatal.db \
  --sql "SELECT count(*) FROM files WHERE run_id = 2 AND carried_from IS NULL"
check "fatal error: parsed again" test "$(tail -1 "$out" | tr -d ' ')" = "1"

# --- two lint processes writing one database at once; a lint killed half-way ----------------------
"$PRC" lint -q -j1 --db two.db cases >/dev/null 2>&1 &
p1=$!
"$PRC" lint -q -j1 --db two.db demo >/dev/null 2>&1 &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
check "two lint processes on one database: both finish as alone (exit 2, exit 1)" test "$s1 $s2" = "2 1"
expect "two lint processes: two complete runs" 0 "$PRC" query --db two.db --sql "SELECT count(*) FROM runs WHERE status = 'complete'"
check "two lint processes: both recorded" test "$(tail -1 "$out" | tr -d ' ')" = "2"
"$PRC" lint -q -j1 --db killed.db cases >/dev/null 2>&1 &
pk=$!
for _ in $(seq 150); do  # kill it once its run is recorded, while it analyses
  [ "$("$PRC" query --db killed.db --sql "SELECT count(*) FROM runs" 2>/dev/null | tail -1 | tr -d ' ')" = 1 ] && break
  sleep 0.2
done
kill -KILL $pk 2>/dev/null
wait $pk 2>/dev/null
expect "after a lint killed with SIGKILL, the next run works" 2 "$PRC" lint -q -j1 --db killed.db cases
expect "after SIGKILL: the killed run is recorded as unfinished, the next complete" 0 \
  "$PRC" query --db killed.db --sql "SELECT group_concat(status, ' ') FROM (SELECT status FROM runs ORDER BY id)"
check "after SIGKILL: run states" grep -Eqx 'unfinished complete' <(tail -1 "$out" | sed 's/ *$//')

# --- progress on stderr: only on a terminal, never with --quiet ---------------------------------
"$PRC" lint --no-db -j2 cases/ref-leak demo >/dev/null 2>progress-file.err
check "progress: silent when stderr is not a terminal" test "$(grep -c 'findings' progress-file.err)" -eq 0
if script -qec true /dev/null </dev/null >/dev/null 2>&1; then
  script -qec "'$PRC' lint --no-db -j2 cases/ref-leak demo >/dev/null" /dev/null </dev/null >progress-tty.txt 2>&1
  total=$(find cases/ref-leak demo -name '*.c' | wc -l)
  check "progress on a terminal: files done of total, findings so far" grep -q "\[1/$total\] [0-9]* findings" progress-tty.txt
  check "progress on a terminal: reaches the total" grep -q "\[$total/$total\] [0-9]* findings" progress-tty.txt
  check "progress on a terminal: compile errors on a line of their own" \
    grep -q $'^\r\033\[Kcases/ref-leak/[a-z_]*\.c:[0-9]*:[0-9]*: error' progress-tty.txt
  script -qec "'$PRC' lint --no-db --quiet cases/ref-leak demo >/dev/null" /dev/null </dev/null >quiet-tty.txt 2>&1
  check "progress: none with --quiet, even on a terminal" test "$(grep -c 'findings' quiet-tty.txt)" -eq 0
else
  echo "note: script(1) cannot open a pseudo-terminal here: the terminal cases are skipped"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
