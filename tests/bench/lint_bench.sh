#!/usr/bin/env bash
# lint_bench.sh — the analyzer's speed and memory, measured side by side in one run:
#   1. every corpus file through `clang -fsyntax-only` and through `pyrefcheck lint --no-db`, one
#      process per file each, same arguments: the ratio of the sums (target <= 0.5);
#   2. per file: libclang's parse time and the analysis time after it (PYREFCHECK_TIMING), peak RSS;
#   3. a first and a second (incremental, nothing changed) recorded run over the whole corpus.
# The corpus: testdata/ (cases and demo) plus, when the directory exists, every *.c under
# CORPUS_DIR (default /work/corpus: real extension sources, never committed).
# usage: lint_bench.sh PYREFCHECK TESTDATA_DIR [CORPUS_DIR]
set -u
PRC=${1:?usage: lint_bench.sh PYREFCHECK TESTDATA_DIR [CORPUS_DIR]}
TESTDATA=${2:?usage}
CORPUS=${3:-/work/corpus}
CLANG=${CLANG:-$(command -v clang-14 || command -v clang)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PYINC=$(python3-config --includes)
ms() { date +%s%N; }

# The files and their arguments: "file<TAB>args" lines. A corpus project's headers are found with
# -I for every directory of it that holds a .h file.
list=$tmp/list
find "$TESTDATA/cases" "$TESTDATA/demo" -name '*.c' | sort | while read -r f; do
  printf '%s\t%s\n' "$f" "$PYINC"
done >"$list"
if [ -d "$CORPUS" ]; then
  for project in "$CORPUS"/*/; do
    incs=$(find "$project" -name '*.h' -printf '-I%h\n' | sort -u | tr '\n' ' ')
    find "$project" -name '*.c' | sort | while read -r f; do
      printf '%s\t%s %s\n' "$f" "$PYINC" "$incs"
    done >>"$list"
  done
else
  echo "lint_bench: $CORPUS absent: testdata/ only" >&2
fi

# 1 and 2: one file at a time, clang then pyrefcheck.
rows=$tmp/rows
: >"$rows"
while IFS=$'\t' read -r f args; do
  t0=$(ms)
  # shellcheck disable=SC2086
  "$CLANG" -fsyntax-only -w $args "$f" >/dev/null 2>&1
  t1=$(ms)
  # shellcheck disable=SC2086
  PYREFCHECK_TIMING=1 /usr/bin/time -f 'rss %M' "$PRC" lint --no-db --no-config -q "$f" -- $args \
    >/dev/null 2>"$tmp/err"
  t2=$(ms)
  timing=$(grep '^pyrefcheck-timing' "$tmp/err" | cut -f3,4 | tr '\t' ' ')
  rss=$(sed -n 's/^rss //p' "$tmp/err")
  printf '%s %d %d %s %s\n' "$(basename "$f")" $(((t1 - t0) / 1000000)) $(((t2 - t1) / 1000000)) \
    "${timing:-0 0}" "${rss:-0}" >>"$rows"
done <"$list"

echo "== per file (ms; RSS in KiB) =="
printf '%-40s %8s %8s %8s %9s %9s\n' file clang lint parse analysis peakRSS
sort -k3 -n -r "$rows" | head -15 | while read -r name c l p a r; do
  printf '%-40s %8s %8s %8s %9s %9s\n' "$name" "$c" "$l" "$p" "$a" "$r"
done
med() { sort -n | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }'; }
mparse=$(awk '{ print $4 }' "$rows" | med)
mana=$(awk '{ print $5 }' "$rows" | med)
awk -v mp="$mparse" -v ma="$mana" '
  { clang += $2; lint += $3; n++; if ($6 > rss) rss = $6;
    if ($5 > maxa) { maxa = $5; maxf = $1 }; if ($5 > $4) over++ }
  END {
    printf "== corpus: %d files ==\n", n
    printf "clang -fsyntax-only: %d ms; pyrefcheck lint: %d ms; ratio %.2f (target <= 0.5)\n", clang, lint, lint / clang
    printf "median parse %.1f ms, median analysis %.1f ms; files whose analysis took longer than their parse: %d\n", mp, ma, over
    printf "slowest analysis: %s %.1f ms (budget 2000 ms per function); peak RSS of any file: %.1f MiB (target <= 256)\n", maxf, maxa, rss / 1024
  }' "$rows"

# 3: a first and a second recorded run over a copy of the corpus, per project (one process each).
mkdir "$tmp/tree"
cp -r "$TESTDATA/cases" "$TESTDATA/demo" "$tmp/tree/"
run_all() {
  local total=0
  t0=$(ms)
  "$PRC" lint -q --db "$tmp/f.db" "$tmp/tree/cases" "$tmp/tree/demo" -- $PYINC >/dev/null 2>&1
  if [ -d "$CORPUS" ]; then
    for project in "$CORPUS"/*/; do
      incs=$(find "$project" -name '*.h' -printf '-I%h\n' | sort -u | tr '\n' ' ')
      # shellcheck disable=SC2086
      "$PRC" lint -q --db "$tmp/f.db" "$project" -- $PYINC $incs >/dev/null 2>&1
    done
  fi
  t1=$(ms)
  total=$(((t1 - t0) / 1000000))
  echo "$total"
}
first=$(run_all)
second=$(run_all)
half=$("$PRC" query --db "$tmp/f.db" --sql "SELECT max(id) / 2 FROM runs" 2>/dev/null | tail -1 | tr -d ' ')
carried=$("$PRC" query --db "$tmp/f.db" --sql "SELECT count(*) FROM files WHERE run_id > $half AND carried_from IS NOT NULL" 2>/dev/null | tail -1 | tr -d ' ')
parsed=$("$PRC" query --db "$tmp/f.db" --sql "SELECT count(*) FROM files WHERE run_id > $half AND carried_from IS NULL" 2>/dev/null | tail -1 | tr -d ' ')
echo "== incremental =="
echo "first run: $first ms; second run (unchanged tree): $second ms; speed-up $(awk -v a="$first" -v b="$second" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }')x (target >= 10); second run: $carried files carried over, $parsed parsed again (files with compile errors are never carried over)"
