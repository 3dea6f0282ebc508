#!/usr/bin/env bash
# cli_test.sh — the command line's contract: help text, version, exit codes and one-line errors.
# usage: cli_test.sh PATH/TO/pyrefcheck
set -u
PRC=${1:?usage: cli_test.sh PATH/TO/pyrefcheck}
passed=0 failed=0
out=$(mktemp) err=$(mktemp) tmpdir=$(mktemp -d)
trap 'rm -rf "$out" "$err" "$tmpdir"' EXIT
HERE=$(cd "$(dirname "$0")" && pwd)

# expect NAME EXIT-CODE COMMAND...: runs COMMAND, checks its exit code; output kept in $out/$err.
expect() {
  local name=$1 want=$2; shift 2
  "$@" >"$out" 2>"$err"
  local got=$?
  if [ "$got" -eq "$want" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $name: exit $got, expected $want"; sed 's/^/  | /' "$err"; fi
}
# check NAME CONDITION...: a further assertion on the last command's output.
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}

expect "help exits 0" 0 "$PRC" --help
for sub in lint oracle query diff export merge baseline rules explain; do
  check "help lists $sub" grep -q "^  $sub " "$out"
done
for code in 0 1 2 3; do check "help documents exit code $code" grep -q "^  $code  " "$out"; done

expect "no arguments is a usage error" 2 "$PRC"
check "no arguments prints usage on stderr" grep -q '^usage: pyrefcheck' "$err"

expect "version exits 0" 0 "$PRC" --version
check "version names pyrefcheck" grep -q '^pyrefcheck [0-9]' "$out"
check "version names libclang" grep -q '^libclang: .*clang version [0-9]' "$out"
check "version names SQLite" grep -q '^SQLite: 3\.' "$out"
check "version names the rules data" grep -q '^rules data: ' "$out"

expect "unknown command" 2 "$PRC" frobnicate
check "unknown command message" grep -qx "pyrefcheck: unknown command 'frobnicate' (see 'pyrefcheck --help')" "$err"
expect "unknown global option" 2 "$PRC" --frobnicate

expect "lint of a missing file" 2 "$PRC" lint /nonexistent.c
check "missing file: one line" test "$(wc -l <"$err")" -eq 1
check "missing file: names file and problem" grep -qx 'pyrefcheck: /nonexistent.c: no such file or directory' "$err"
expect "lint with no input" 2 "$PRC" lint
expect "lint with a bad format" 2 "$PRC" lint --format xml /dev/null
check "bad format message" grep -q "unknown format 'xml'" "$err"
expect "lint with a bad flag" 2 "$PRC" lint --frobnicate x.c
expect "lint -p without compile_commands.json" 2 "$PRC" lint -p /nonexistent-build

expect "query of a missing database" 2 "$PRC" query --db /nonexistent/findings.db
check "missing database: one line naming it" grep -qx 'pyrefcheck: /nonexistent/findings.db: no findings database here .*' "$err"
expect "diff of a missing database" 2 "$PRC" diff --db /nonexistent/findings.db
expect "query with a bad flag" 2 "$PRC" query --frobnicate
expect "export without a format" 2 "$PRC" export --db /nonexistent/findings.db
expect "merge without inputs" 2 "$PRC" merge out.db

# lint runs: findings exit 1, a clean file 0, a file with compile errors 2 (findings still printed)
expect "lint of the demo finds its seeded bugs" 1 "$PRC" lint --no-db "$HERE/../testdata/demo"
check "demo: a finding ends in its rule id" grep -q ': error: .* \[ref-leak\]$' "$out"
check "demo: path notes are numbered" grep -q ': note: (1) ' "$out"
check "demo: nothing on stderr" test ! -s "$err"
cat >"$tmpdir/clean.c" <<'C'
#include <Python.h>
static PyObject *
ok(PyObject *self, PyObject *arg)
{
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL)
        return NULL;
    return n;
}
C
expect "lint of a clean file" 0 "$PRC" lint "$tmpdir/clean.c"
check "clean file: no output" test ! -s "$out"
cat >"$tmpdir/broken.c" <<'C'
#include <Python.h>
static PyObject *
leaky(PyObject *self, PyObject *arg)
{
    PyObject *n = PyLong_FromLong(1);
    if (n == NULL)
        return NULL;
    return Py_None;
}
static PyObject *
broken(PyObject *self, PyObject *arg)
{
    return PyLong_FromLong(1)
}
C
expect "lint of a file with a syntax error" 2 "$PRC" lint "$tmpdir/broken.c"
check "syntax error: reported as clang reports it" grep -q 'broken.c:13:30: error: expected' "$err"
check "syntax error: the touched function is skipped with a note" grep -q "note: 'broken' was not analysed: expected" "$out"
check "syntax error: the other functions are still analysed" grep -q '\[ref-leak\]$' "$out"
cat >"$tmpdir/missing.c" <<'C'
#include <no_such_header.h>
int f(void) { return 0; }
C
expect "lint of a file with a missing header" 2 "$PRC" lint "$tmpdir/missing.c"
check "missing header: clang's error" grep -q "missing.c:1:10: .*error: 'no_such_header.h' file not found" "$err"
sed -n '1,9p' "$tmpdir/broken.c" >"$tmpdir/leaky.c"
expect "lint with compiler flags after --" 1 "$PRC" lint "$tmpdir/clean.c" "$tmpdir/leaky.c" -- \
  $(python3-config --includes) -DNDEBUG
expect "lint in CMAKE_C_CLANG_TIDY's calling form" 0 "$PRC" lint "$tmpdir/clean.c" -- \
  cc $(python3-config --includes) -o "$tmpdir/clean.o" -c "$tmpdir/clean.c"
cat >"$tmpdir/compile_commands.json" <<JSON
[{"directory": "$tmpdir", "file": "clean.c",
  "command": "cc $(python3-config --includes) -c clean.c -o clean.o"}]
JSON
expect "lint -p with a compilation database" 0 "$PRC" lint -p "$tmpdir"
expect "lint of a directory" 2 "$PRC" lint "$tmpdir"
check "directory: every *.c below is linted" grep -q "broken.c" "$err"

for sub in lint oracle query diff export merge baseline rules explain; do
  expect "$sub --help exits 0" 0 "$PRC" "$sub" --help
  check "$sub --help starts with usage" grep -q "^usage: pyrefcheck $sub" "$out"
done

# rules and explain (issue 5): the knowledge base and the rule pages, built into the binary.
expect "rules show a record" 0 "$PRC" rules show PyList_SetItem
check "rules show says what is stolen" grep -q 'arg 2 item (PyObject \*): STOLEN' "$out"
expect "rules show of an unknown name" 2 "$PRC" rules show Py_NoSuchFunction
check "unknown record: one line" test "$(wc -l <"$err")" -eq 1
expect "rules list with a glob" 0 "$PRC" rules list 'PyDict_GetItem*'
check "rules list filters" test "$(wc -l <"$out")" -eq 5
check "rules list shows the replacement" grep -q '^PyDict_GetItem .*prefer:PyDict_GetItemRef' "$out"
expect "rules without a verb" 2 "$PRC" rules
rules_file=$(mktemp)
printf 'function PyArray_FromAny\n  returns new PyObject *\n  arg op borrow PyObject *\n  arg dtype stael PyArray_Descr *\n' >"$rules_file"
expect "rules --rules with a bad record" 2 "$PRC" rules --rules "$rules_file" list
check "bad record names file and line" grep -qx "pyrefcheck: $rules_file:4: unknown argument effect 'stael'" "$err"
sed -i 's/stael/steal?/' "$rules_file"
expect "rules --rules adds records" 0 "$PRC" rules --rules "$rules_file" show PyArray_FromAny
check "user record is shown" grep -q 'arg 1 dtype (PyArray_Descr \*): STOLEN' "$out"
rm -f "$rules_file"
prc_abs=$(cd "$(dirname "$PRC")" && pwd)/$(basename "$PRC")
(cd / && "$prc_abs" explain ref-leak) >"$out" 2>"$err"
check "explain works from any directory" grep -qx '# ref-leak' "$out"
expect "explain an unknown id" 2 "$PRC" explain ref-leek
check "unknown id message" grep -q "unknown rule id 'ref-leek'" "$err"
expect "explain --list" 0 "$PRC" explain --list
check "explain --list has every rule" test "$(wc -l <"$out")" -eq 16

# oracle (issue 7): a snippet run on the reference runtime under fault injection.
expect "oracle without a snippet" 2 "$PRC" oracle --no-db
check "oracle without a snippet: one line" test "$(wc -l <"$err")" -eq 1
expect "oracle of a missing file" 2 "$PRC" oracle --no-db /nonexistent.c
check "oracle missing file: names file and problem" grep -qx 'pyrefcheck: /nonexistent.c: no such file or directory' "$err"
expect "oracle --schedule needs one --entry" 2 "$PRC" oracle --no-db --schedule 3 "$tmpdir/clean.c"
expect "oracle with a bad format" 2 "$PRC" oracle --no-db --format xml "$tmpdir/clean.c"
cat >"$tmpdir/oracle_ok.c" <<'C'
#include <Python.h>
static PyObject *
make(PyObject *self, PyObject *arg)
{
    return PyList_New(0);
}
static PyObject *
forget(PyObject *self, PyObject *arg)
{
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    Py_RETURN_NONE;
}
C
expect "oracle of a clean function" 0 "$PRC" oracle --no-db --entry make "$tmpdir/oracle_ok.c"
check "oracle clean: ok line" grep -q '^ok: make (' "$out"
expect "oracle of a leaking function" 1 "$PRC" oracle --no-db --entry forget "$tmpdir/oracle_ok.c"
check "oracle leak: FILE:LINE: leak:" grep -q 'oracle_ok.c:10: leak: ' "$out"
check "oracle leak: replay command" grep -q "replay: pyrefcheck oracle .*oracle_ok.c --entry forget --schedule 0" "$out"
expect "oracle replay of one run" 1 "$PRC" oracle --entry forget --schedule 0 "$tmpdir/oracle_ok.c"
check "oracle replay: one run" grep -q '; 1 run, ' "$out"
expect "oracle --format json" 1 "$PRC" oracle --no-db --format json --entry forget "$tmpdir/oracle_ok.c"
check "oracle json: the format's name" grep -q '"format": "pyrefcheck-oracle"' "$out"
expect "oracle of an unknown entry" 2 "$PRC" oracle --no-db --entry nosuch "$tmpdir/oracle_ok.c"
check "oracle unknown entry message" grep -q "no function or method named 'nosuch'" "$err"
expect "oracle of a file that does not compile" 2 "$PRC" oracle --no-db "$tmpdir/broken.c"
check "oracle compile error: the compiler's message with the file's path" grep -q "broken.c:1[34]:[0-9]*: error" "$err"
expect "oracle records its verdicts" 1 "$PRC" oracle --db "$tmpdir/oracle.db" --entry forget "$tmpdir/oracle_ok.c"
check "oracle database written" test -s "$tmpdir/oracle.db"
expect "oracle --max-runs stops short" 0 "$PRC" oracle --no-db --max-runs 3 --entry make "$tmpdir/oracle_ok.c"
check "oracle --max-runs: the report says what was covered" grep -q "^note: --max-runs stopped the exploration: 0 of [1-9][0-9]* failure points" "$out"
cat >"$tmpdir/oracle_none.c" <<'C'
#include <Python.h>
static PyObject *
reset(PyObject *self, PyObject *unused)
{
    return Py_None;
}
C
expect "oracle --python 3.12 of a borrowed None" 1 "$PRC" oracle --no-db --python 3.12 "$tmpdir/oracle_none.c"
check "oracle 3.12: None is immortal there" grep -q "CPython 3.12: harmless" "$out"
check "oracle 3.12: the replay keeps the profile" grep -q "schedule 0 --python 3.12$" "$out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
