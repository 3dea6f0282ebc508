#!/usr/bin/env bash
# runner_selftest.sh — shows that the testdata runner fails a case whose expectations do not match
# the linter's findings: an `expect:` removed, a wrong one added, one finding in an expect-clean
# function. Uses a stand-in linter that replays recorded output (runner-selftest/fake_lint.sh).
# usage: runner_selftest.sh PATH/TO/testdata-runner
set -u
RUNNER=${1:?usage: runner_selftest.sh PATH/TO/testdata-runner}
here=$(cd "$(dirname "$0")/runner-selftest" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# verdict NAME WANT-EXIT WANT-TEXT: runs the runner on $work/case.c and checks exit and output.
verdict() {
  local name=$1 want=$2 text=$3 got output
  output=$("$RUNNER" --linter "$here/fake_lint.sh" "$work/case.c" 2>&1); got=$?
  if [ "$got" -eq "$want" ] && grep -qF -- "$text" <<<"$output"; then passed=$((passed + 1))
  else failed=$((failed + 1)); echo "FAIL $name (exit $got, expected $want; wanted '$text')"; echo "$output" | sed 's/^/  | /'; fi
}
fresh() { cp "$here/case.c" "$here/case.out" "$work/"; }

fresh
verdict "matching expectations pass" 0 "1 passed, 0 failed"

fresh; sed -i 's|  // expect: ref-leak$||' "$work/case.c"   # removes both ref-leak marks
verdict "removed expect fails" 1 "unexpected ref-leak at line 8"

fresh; sed -i 's|// expect: ref-release-borrowed, ref-use-after-release|// expect: ref-release-borrowed|' "$work/case.c"
verdict "one id removed from a list fails" 1 "unexpected ref-use-after-release at line 27"

fresh; sed -i 's|    return list;  // expect: ref-leak|    return list;  // expect: ref-leak, null-unchecked|' "$work/case.c"
verdict "wrong expect added fails" 1 "missing null-unchecked at line 10"

fresh; sed -i 's|    return list;  // expect: ref-leak|    return list;  // expect: ref-return-borrowed|' "$work/case.c"
verdict "wrong rule id fails both ways" 1 "missing ref-return-borrowed at line 10; unexpected ref-leak at line 10"

fresh; echo 'case.c:18:9: warning: something [null-unchecked]' >>"$work/case.out"
verdict "finding in expect-clean function fails" 1 "unexpected null-unchecked at line 18 in expect-clean function fine"

fresh; rm "$work/case.out"
verdict "linter error fails the case" 1 "linter exited 2"

fresh; sed -i -e 's|// expect:.*||' -e '1i // expect-lint-exit: 2' "$work/case.c"; rm "$work/case.out"
verdict "expected linter exit passes" 0 "1 passed, 0 failed"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
