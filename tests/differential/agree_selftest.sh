#!/bin/sh
# agree_selftest.sh PYTHON AGREE_PY PYREFCHECK TESTDATA — proves the agreement runner fails (exit 1)
# on an unlisted disagreement and names it, and passes once that disagreement is listed.
set -u
py=$1 agree=$2 prc=$3 data=$4
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/empty"
"$py" "$agree" "$prc" "$data" --only cases/type-dealloc/mod_buffers.c --known "$tmp/empty" > "$tmp/out" 2>&1
status=$?
if [ "$status" -ne 1 ] || ! grep -q "^DISAGREEMENT cases/type-dealloc/mod_buffers.c Holder_init dynamic-only:over-release" "$tmp/out"; then
  echo "expected exit 1 and Holder_init's disagreement with an empty list, got exit $status:"
  cat "$tmp/out"
  exit 1
fi
grep "mod_buffers.c Holder_init" "$data/KNOWN-DISAGREEMENTS" > "$tmp/known"
"$py" "$agree" "$prc" "$data" --only cases/type-dealloc/mod_buffers.c --known "$tmp/known" > "$tmp/out" 2>&1
status=$?
if [ "$status" -ne 0 ]; then
  echo "expected exit 0 once the disagreement is listed, got exit $status:"
  cat "$tmp/out"
  exit 1
fi
echo "ok: an unlisted disagreement fails the run, a listed one does not"
