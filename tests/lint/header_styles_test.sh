#!/usr/bin/env bash
# header_styles_test.sh — the analysis does not depend on how the headers spell the refcount
# operations (issue 6.1: 3.8 ... 3.13 header styles, release and debug builds).
#   1. tests/lint/header_styles/styles_case.c is linted against four mock header styles (3.8/3.9:
#      _Py_DECREF(file, line, op); 3.10 release: _Py_DECREF(op), _Py_NewRef; 3.12: immortal-aware
#      static inline Py_INCREF/Py_DECREF; 3.13 debug: Py_DECREF(file, line, op)) and against the
#      real headers of python3-config (release, -DPy_DEBUG): each must report exactly the findings
#      its `// expect:` comments name (`// expect-since-3.10:` for the styles that have Py_XNewRef).
#   2. testdata/cases, linted in one run against the real headers with -DPy_DEBUG and with
#      -DPy_REF_DEBUG, gives the same findings (file, line, rule) as the release parse.
# usage: header_styles_test.sh PYREFCHECK SOURCE_DIR
set -u
PRC=${1:?usage: header_styles_test.sh PYREFCHECK SOURCE_DIR}
SRC=${2:?usage}
DIR=$SRC/tests/lint/header_styles
CASE=$DIR/styles_case.c
PYINC=$(python3-config --includes)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# "FILE:LINE RULE" for every finding of a lint run's output.
findings() {
  grep -E ': (error|warning|note): .*\[[a-z-]+\]$' "$1" |
    sed -E 's/^([^:]*:[0-9]+):[0-9]+: [a-z]+: .*\[([a-z-]+)\]$/\1 \2/' | sort
}

# The expected "FILE:LINE RULE" lines of the case; $1 = 1 when the style has the 3.10 API.
expected() {
  awk -v f="$CASE" -v new="$1" '
    { line[NR] = $0 }
    match($0, /\/\/ expect: [a-z, -]+/) { split(substr($0, RSTART + 11), r, /, */); for (i in r) print f ":" NR " " r[i] }
    new == 1 && match($0, /\/\/ expect-since-3\.10: [a-z, -]+/) { split(substr($0, RSTART + 22), r, /, */); for (i in r) print f ":" NR " " r[i] }
  ' "$CASE" | sort
}

check_style() { # name, has-3.10-api, compiler args...
  local name=$1 new=$2
  shift 2
  "$PRC" lint --no-db --no-config -q --color never "$CASE" -- "$@" >"$tmp/$name.out" 2>&1
  local rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "FAIL $name: lint exited $rc"; sed -n 1,5p "$tmp/$name.out"; fail=1; return
  fi
  findings "$tmp/$name.out" >"$tmp/$name.got"
  expected "$new" >"$tmp/$name.want"
  if [ ! -s "$tmp/$name.want" ] || ! cmp -s "$tmp/$name.got" "$tmp/$name.want"; then
    echo "FAIL $name: findings differ from the case's expectations (< got, > want)"
    diff "$tmp/$name.got" "$tmp/$name.want"
    fail=1
  else
    echo "ok   $name: $(wc -l <"$tmp/$name.got") findings as expected"
  fi
}

check_style py38 0 -I"$DIR/py38"
check_style py310 1 -I"$DIR/py310"
check_style py312 1 -I"$DIR/py312"
check_style py313dbg 1 -I"$DIR/py313dbg"
# shellcheck disable=SC2086
check_style real-release 1 $PYINC
# shellcheck disable=SC2086
check_style real-debug 1 $PYINC -DPy_DEBUG

# 2: the whole testdata/cases, release against debug parses of the real headers.
# shellcheck disable=SC2086
"$PRC" lint --no-db --no-config -q --color never "$SRC/testdata/cases" -- $PYINC >"$tmp/rel.out" 2>&1
findings "$tmp/rel.out" >"$tmp/rel"
n=$(wc -l <"$tmp/rel")
if [ "$n" -lt 100 ]; then
  echo "FAIL testdata/cases: only $n findings in the release parse"; fail=1
fi
for d in -DPy_DEBUG -DPy_REF_DEBUG; do
  # shellcheck disable=SC2086
  "$PRC" lint --no-db --no-config -q --color never "$SRC/testdata/cases" -- $PYINC $d >"$tmp/dbg.out" 2>&1
  findings "$tmp/dbg.out" >"$tmp/dbg"
  if cmp -s "$tmp/rel" "$tmp/dbg"; then
    echo "ok   testdata/cases $d: the same $n findings as the release parse"
  else
    echo "FAIL testdata/cases $d: findings differ from the release parse (< release, > debug)"
    diff "$tmp/rel" "$tmp/dbg" | head -20
    fail=1
  fi
done
exit $fail
