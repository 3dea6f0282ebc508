#!/usr/bin/env bash
# A stand-in linter for the runner's self-test: `fake_lint.sh lint [ARG...] CASE.c` prints the
# recorded output CASE.out (findings in pyrefcheck's text format) and exits 1 if it holds any.
case=${!#}
out=${case%.c}.out
[ -f "$out" ] || { echo "pyrefcheck: $case: no recorded output" >&2; exit 2; }
cat "$out"
grep -q '\[[a-z]' "$out" && exit 1
exit 0
