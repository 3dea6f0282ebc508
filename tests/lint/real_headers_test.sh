#!/usr/bin/env bash
# real_headers_test.sh — testdata/cases gives the same findings against real CPython header trees
# of other versions as against the installed ones (python3-config), release and -DPy_DEBUG.
#   PYREFCHECK_HEADER_TREES: colon-separated include directories, each a complete header tree
#   (Python.h, cpython/, and a pyconfig.h), e.g. /work/pyheaders/3.12/include/python3.12. Empty or
#   unset: the test is skipped (exit 77), as in CI, which has only the installed 3.11.
# The version of a tree is read from its patchlevel.h, and the baseline is the installed headers
# linted with --python-version of that version: what the rules say changed between versions
# (api-prefer-strong's replacements, heap types visiting their type since 3.9, ...) is the same on
# both sides, so a difference means the analysis depends on how that tree's headers spell
# things. Findings are compared as (file, function, rule, line); a difference must be listed in
# real_headers_expected.txt ("VERSION +|- FILE FUNCTION RULE LINE reason": + only with the tree,
# - only with the installed headers).
# usage: real_headers_test.sh PYREFCHECK SOURCE_DIR
set -u
PRC=${1:?usage: real_headers_test.sh PYREFCHECK SOURCE_DIR}
SRC=${2:?usage}
EXPECTED=$SRC/tests/lint/real_headers_expected.txt
if [ -z "${PYREFCHECK_HEADER_TREES:-}" ]; then
  echo "skipped: PYREFCHECK_HEADER_TREES is empty (set it to colon-separated real header trees)"
  exit 77
fi
PYINC=$(python3-config --includes)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# lint OUT ARGS...: the findings of testdata/cases as sorted "FILE FUNCTION RULE LINE" lines.
lint() {
  local out=$1
  shift
  "$PRC" lint --no-db --no-config -q --format json "$@" >"$tmp/json" 2>"$tmp/err"
  local rc=$?
  [ "$rc" -le 2 ] || { echo "FAIL lint exited $rc: $*"; sed -n 1,5p "$tmp/err"; fail=1; }
  python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["file"], f.get("function") or "-", f["rule"], f["line"])' "$tmp/json" | sort >"$out"
}

IFS=: read -r -a trees <<<"$PYREFCHECK_HEADER_TREES"
for tree in "${trees[@]}"; do
  [ -n "$tree" ] || continue
  v=$(sed -n 's/^#define PY_VERSION *"\([0-9]*\.[0-9]*\).*/\1/p' "$tree/patchlevel.h" 2>/dev/null)
  if [ -z "$v" ] || [ ! -f "$tree/pyconfig.h" ]; then
    echo "FAIL $tree: no patchlevel.h or pyconfig.h: not a header tree"; fail=1; continue
  fi
  if [ ! -f "$tmp/base-$v" ]; then
    # shellcheck disable=SC2086
    lint "$tmp/base-$v" --python-version "$v" "$SRC/testdata/cases" -- $PYINC
    if [ "$(wc -l <"$tmp/base-$v")" -lt 100 ]; then
      echo "FAIL baseline for $v: only $(wc -l <"$tmp/base-$v") findings"; fail=1
    fi
  fi
  awk -v v="$v" '$1 == v { print $2, $3, $4, $5, $6 }' "$EXPECTED" | sort >"$tmp/want"
  for build in release debug; do
    flags=()
    [ "$build" = debug ] && flags=(-DPy_DEBUG)
    lint "$tmp/got" "$SRC/testdata/cases" -- -I"$tree" "${flags[@]}"
    { comm -23 "$tmp/base-$v" "$tmp/got" | sed 's/^/- /'
      comm -13 "$tmp/base-$v" "$tmp/got" | sed 's/^/+ /'; } | sort >"$tmp/diff"
    unexpected=$(comm -23 "$tmp/diff" "$tmp/want")
    if [ -n "$unexpected" ]; then
      echo "FAIL $v $build ($tree): differences from the installed headers not in $(basename "$EXPECTED"):"
      echo "$unexpected"
      fail=1
    else
      echo "ok   $v $build: $(wc -l <"$tmp/got") findings, $(wc -l <"$tmp/diff") expected differences"
    fi
    gone=$(comm -13 "$tmp/diff" "$tmp/want")
    [ -z "$gone" ] || { echo "note $v $build: expected differences not seen (update the list?):"; echo "$gone"; }
  done
done
exit $fail
