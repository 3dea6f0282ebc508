#!/bin/sh
# rulesgen_rejects.sh — the generator must refuse a malformed data file with FILE:LINE, and write
# no output. usage: rulesgen_rejects.sh PATH/TO/rulesgen SOURCE-ROOT
gen=${1:?usage: rulesgen_rejects.sh RULESGEN SOURCE-ROOT}
root=${2:?usage: rulesgen_rejects.sh RULESGEN SOURCE-ROOT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'function PyFoo_Bar\n  returns new PyObject *\n  arg x borow PyObject *\n' >"$tmp/bad.api"
if "$gen" "$tmp/out.c" "$tmp" "$root/rules/catalogue.tbl" "$root/docs/rules" \
     "$root/rules/data/format-parse.tbl" "$root/rules/data/format-build.tbl" \
     "$root/rules/data/format-printf.tbl" "$tmp/bad.api" \
     2>"$tmp/err"; then
  echo "FAIL: rulesgen accepted a malformed record"; exit 1
fi
grep -qx "bad.api:3: unknown argument effect 'borow'" "$tmp/err" || {
  echo "FAIL: unexpected message:"; cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/out.c" ] || { echo "FAIL: output written despite the error"; exit 1; }
printf 'function PyFoo_Bar\n  returns value int\n' >"$tmp/a.api"
printf 'function PyFoo_Bar\n  returns value int\n' >"$tmp/b.api"
if "$gen" "$tmp/out.c" "$tmp" "$root/rules/catalogue.tbl" "$root/docs/rules" \
     "$root/rules/data/format-parse.tbl" "$root/rules/data/format-build.tbl" \
     "$root/rules/data/format-printf.tbl" "$tmp/a.api" \
     "$tmp/b.api" 2>"$tmp/err"; then
  echo "FAIL: rulesgen accepted a name described twice"; exit 1
fi
grep -q "b.api:1: 'PyFoo_Bar' is already described at a.api:1" "$tmp/err" || {
  echo "FAIL: unexpected message:"; cat "$tmp/err"; exit 1; }
echo "ok"
