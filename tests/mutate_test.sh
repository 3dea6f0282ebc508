#!/usr/bin/env bash
# mutate_test.sh — the mutation tool on a fixture with known idioms: the mutations it lists, that
# each mutant differs from the original in exactly the listed way, keeps every line in place, and
# still compiles against CPython's headers.
# usage: mutate_test.sh PATH/TO/mutate
set -u
MUTATE=${1:?usage: mutate_test.sh PATH/TO/mutate}
fixture=$(cd "$(dirname "$0")" && pwd)/mutate/fixture.c
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

"$MUTATE" --list "$fixture" >"$work/list" || bad "--list exited $?"
count() { awk -v k="$1" '$2 == k' "$work/list" | wc -l; }
# expected counts, by reading fixture.c: null checks at lines 12 15 21 43 47 70 73; error-path
# releases at 16 22 53 74 78 79; normal-path releases at 34 82
for expectation in delete-decref:2 drop-error-cleanup:6 delete-incref:1 xdecref-to-decref:2 \
                   decref-after-steal:2 return-none:1 add-object-ref:1 drop-null-check:7; do
  kind=${expectation%%:*} want=${expectation##*:}
  got=$(count "$kind")
  [ "$got" -eq "$want" ] && ok || bad "$kind: $got mutations, expected $want"
done
grep -q 'in_a_comment' "$work/list" && bad "a comment was mutated" || ok
grep -q '"Py_DECREF' "$work/list" && bad "a string was mutated" || ok

includes=$(python3-config --includes 2>/dev/null || /usr/bin/python3-config --includes)
total=$(wc -l <"$work/list")
lines=$(wc -l <"$fixture")
for n in $(seq 1 "$total"); do
  "$MUTATE" --apply "$n" "$fixture" -o "$work/m$n.c" || { bad "--apply $n exited $?"; continue; }
  [ "$(wc -l <"$work/m$n.c")" -eq "$lines" ] && ok || bad "mutant $n moved lines"
  differing=$(diff "$fixture" "$work/m$n.c" | grep -c '^<')
  [ "$differing" -eq 1 ] && ok || bad "mutant $n changes $differing lines"
  cc -fsyntax-only -w $includes "$work/m$n.c" 2>"$work/err" && ok || { bad "mutant $n does not compile"; head -3 "$work/err"; }
done
"$MUTATE" --apply 999 "$fixture" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "out-of-range mutant should exit 2"
"$MUTATE" --list /nonexistent.c >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "missing file should exit 2"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
