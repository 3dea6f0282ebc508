#!/bin/sh
# agree_selftest.sh PYTHON AGREE_PY — the agreement runner's own logic, on a fixture with a fake
# pyrefcheck (fake_pyrefcheck.py) whose lint finds a leak its oracle never shows: the run must
# fail (exit 1) naming the disagreement while the list is empty, pass once it is listed, and fail
# again on a listed line that matches nothing (stale).
set -u
py=$1 agree=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/data" && cp "$here/fixture/leak.c" "$tmp/data/"
fake="$here/fake_pyrefcheck.py"
run() { "$py" "$agree" "$fake" "$tmp/data" --known "$tmp/known" > "$tmp/out" 2>&1; echo $?; }
fail() { echo "$1"; cat "$tmp/out"; exit 1; }

: > "$tmp/known"
[ "$(run)" = 1 ] && grep -q "^DISAGREEMENT leak.c make_leak static-only:ref-leak" "$tmp/out" ||
  fail "expected exit 1 and make_leak's disagreement with an empty list:"
grep -q "^ref-leak *0 *0 *0 *0 *0 *1 *0 " "$tmp/out" && grep -q "^(other) *0 *1 " "$tmp/out" ||
  fail "expected the table to count one not-reached ref-leak and one both-clean function:"
echo "leak.c make_leak static-only:ref-leak the fake oracle never shows it" > "$tmp/known"
[ "$(run)" = 0 ] || fail "expected exit 0 once the disagreement is listed:"
echo "leak.c fine static-only:ref-leak a line that matches nothing" >> "$tmp/known"
[ "$(run)" = 1 ] && grep -q "^STALE leak.c fine static-only:ref-leak" "$tmp/out" ||
  fail "expected exit 1 and a STALE line for a listed disagreement that does not occur:"
echo "ok: unlisted disagreements and stale lines fail the run, listed ones do not"
