#!/usr/bin/env bash
# lint_bench.sh — the analyzer's speed and memory, measured side by side in one run
# (docs/benchmarks.md, "Analyzer"):
#   1. the corpus through `clang -fsyntax-only`, one process per file (what a build does), against
#      ONE `pyrefcheck lint -j1 --no-db` over the same files with the same arguments (a
#      compile_commands.json this script writes): the ratio of the wall times (target <= 0.5).
#      Both sides start cold: no database, no PCH cache. Three interleaved rounds; each round's
#      ratio is printed, and the median round's, in wall time and in CPU time (user + system, which
#      a loaded machine disturbs less). The same run with -j2 gives the parallel speed-up;
#   2. per file, one process each and no PCH: libclang's parse time and the analysis time after it
#      (PYREFCHECK_TIMING), peak RSS;
#   3. a first and a second (incremental, nothing changed) recorded run over the whole corpus,
#      one process each; PYREFCHECK_TIMING=2 says where the second run spends its time.
# The corpus: testdata/ (cases and demo) plus, when the directory exists, every *.c under
# CORPUS_DIR (default /work/corpus: real extension sources, never committed). A corpus project's
# headers are found with -I for every directory of it that holds a .h file.
# usage: lint_bench.sh PYREFCHECK TESTDATA_DIR [CORPUS_DIR]
set -u
PRC=${1:?usage: lint_bench.sh PYREFCHECK TESTDATA_DIR [CORPUS_DIR]}
TESTDATA=$(cd "${2:?usage}" && pwd)
CORPUS=${3:-/work/corpus}
CLANG=${CLANG:-$(command -v clang-14 || command -v clang)}
ROUNDS=${ROUNDS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PYINC=$(python3-config --includes)
ms() { date +%s%N; }
echo "lint_bench: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

# The files and their arguments: "file<TAB>args" lines, then the same as a compilation database
# (one directory for every command, as a build tree has).
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
mkdir "$tmp/cc"
awk -F'\t' -v dir="$tmp/cc" '
  function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
  BEGIN { print "[" }
  { n = split($2, a, " "); args = q("cc");
    for (i = 1; i <= n; i++) if (a[i] != "") args = args ", " q(a[i]);
    printf "%s{\"directory\": %s, \"file\": %s, \"arguments\": [%s, \"-c\", %s]}\n",
           (NR > 1 ? "," : ""), q(dir), q($1), args, q($1) }
  END { print "]" }' "$list" >"$tmp/cc/compile_commands.json"
nfiles=$(wc -l <"$list")

# 1: clang per file against one lint run, interleaved rounds. cpu() prints the CPU seconds
# (user + system) of a command and its children, from /usr/bin/time.
export CLANG list
clang_all() {
  while IFS=$'\t' read -r f args; do
    # shellcheck disable=SC2086
    "$CLANG" -fsyntax-only -w $args "$f" >/dev/null 2>&1
  done <"$list"
}
lint_all() { "$PRC" lint -j"$1" --no-db --no-config -q -p "$tmp/cc" >"$tmp/out-j$1.txt" 2>/dev/null; }
export PRC tmp
export -f clang_all lint_all
cpu() { /usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@"; awk '{ printf "%d", ($1 + $2) * 1000 }' "$tmp/cpu"; }
: >"$tmp/rounds"
for r in $(seq "$ROUNDS"); do
  t0=$(ms); cc=$(cpu bash -c clang_all); t1=$(ms)
  c1=$(cpu bash -c 'lint_all 1'); t2=$(ms)
  c2=$(cpu bash -c 'lint_all 2'); t3=$(ms)
  c=$(((t1 - t0) / 1000000)) l1=$(((t2 - t1) / 1000000)) l2=$(((t3 - t2) / 1000000))
  echo "$c $l1 $l2 $cc $c1 $c2" >>"$tmp/rounds"
  awk -v r="$r" -v c="$c" -v a="$l1" -v b="$l2" -v cc="$cc" -v c1="$c1" 'BEGIN {
    printf "round %d: wall: clang -fsyntax-only %d ms, lint -j1 %d ms (ratio %.2f), lint -j2 %d ms (ratio %.2f, -j2 speed-up %.2fx)\n",
           r, c, a, a / c, b, b / c, a / b
    printf "         CPU:  clang -fsyntax-only %d ms, lint -j1 %d ms (ratio %.2f)\n", cc, c1, c1 / cc }'
done
same=$(cmp -s "$tmp/out-j1.txt" "$tmp/out-j2.txt" && echo "identical" || echo "DIFFERENT")
med() { sort -n | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }'; }
ratios=$(awk '{ printf "%.3f\n", $2 / $1 }' "$tmp/rounds" | sort -n | tr '\n' ' ')
mratio=$(awk '{ print $2 / $1 }' "$tmp/rounds" | med)
mcpu=$(awk '{ print $5 / $4 }' "$tmp/rounds" | med)
mspeed=$(awk '{ print $2 / $3 }' "$tmp/rounds" | med)
echo "== corpus: $nfiles files, $ROUNDS rounds =="
awk -v r="$mratio" -v all="$ratios" -v s="$mspeed" -v same="$same" -v cr="$mcpu" 'BEGIN {
  printf "lint -j1 / clang -fsyntax-only: median ratio %.2f in wall time (all rounds: %s), %.2f in CPU time; target <= 0.5\n", r, all, cr
  printf "-j2 over -j1: median speed-up %.2fx; -j1 and -j2 output %s\n", s, same }'
PYREFCHECK_TIMING=1 "$PRC" lint -j1 --no-db --no-config -q -p "$tmp/cc" >/dev/null 2>"$tmp/pch-timing"
awk -F'\t' '$1 == "pyrefcheck-timing" { p += $3; a += $4; n++ }
  END { printf "in the -j1 run (shared PCH): parse %.0f ms, analysis %.0f ms over %d files\n", p, a, n }' "$tmp/pch-timing"

# 2: one file at a time, one process each, no PCH: parse vs analysis, peak RSS.
rows=$tmp/rows
: >"$rows"
while IFS=$'\t' read -r f args; do
  # shellcheck disable=SC2086
  PYREFCHECK_TIMING=1 /usr/bin/time -f 'rss %M' "$PRC" lint --no-db --no-config --no-pch -q "$f" -- $args \
    >/dev/null 2>"$tmp/err"
  timing=$(grep '^pyrefcheck-timing' "$tmp/err" | cut -f3,4 | tr '\t' ' ')
  rss=$(sed -n 's/^rss //p' "$tmp/err")
  printf '%s %s %s\n' "$(basename "$f")" "${timing:-0 0}" "${rss:-0}" >>"$rows"
done <"$list"
echo "== per file, one process each, no PCH (ms; RSS in KiB): the 10 slowest analyses =="
printf '%-40s %8s %9s %9s\n' file parse analysis peakRSS
sort -k3 -n -r "$rows" | head -10 | while read -r name p a r; do
  printf '%-40s %8s %9s %9s\n' "$name" "$p" "$a" "$r"
done
mparse=$(awk '{ print $2 }' "$rows" | med)
mana=$(awk '{ print $3 }' "$rows" | med)
awk -v mp="$mparse" -v ma="$mana" '
  { if ($4 > rss) rss = $4; if ($3 > maxa) { maxa = $3; maxf = $1 }; if ($3 > $2) over++ }
  END {
    printf "median parse %.1f ms, median analysis %.1f ms; files whose analysis took longer than their parse: %d\n", mp, ma, over
    printf "slowest analysis: %s %.1f ms (budget 2000 ms per function); peak RSS of any file: %.1f MiB (target <= 256)\n", maxf, maxa, rss / 1024
  }' "$rows"

# 3: a first and a second recorded run over the corpus (the second finds every file unchanged).
run_db() {  # prints "wall-ms cpu-ms"
  local t0 t1 c
  t0=$(ms)
  c=$(cpu bash -c '[ -z "$1" ] || export PYREFCHECK_TIMING=$1; "$PRC" lint -j1 -q --no-config --db "$tmp/f.db" -p "$tmp/cc" 2>"$tmp/db-err" >/dev/null' x "${1:-}")
  t1=$(ms)
  echo "$(((t1 - t0) / 1000000)) $c"
}
read -r first cfirst <<<"$(run_db)"
read -r second csecond <<<"$(run_db)"
read -r third cthird <<<"$(run_db 2)"
q() { "$PRC" query --db "$tmp/f.db" --sql "$1" 2>/dev/null | tail -1 | tr -d ' '; }
carried=$(q "SELECT count(*) FROM files WHERE run_id = 2 AND carried_from IS NOT NULL")
parsed=$(q "SELECT count(*) FROM files WHERE run_id = 2 AND carried_from IS NULL")
echo "== incremental =="
awk -v a="$first" -v b="$second" -v c="$third" -v k="$carried" -v p="$parsed" \
    -v ca="$cfirst" -v cb="$csecond" -v cc="$cthird" 'BEGIN {
  printf "first run: %d ms; second run (unchanged tree): %d ms (again: %d ms); speed-up %.1fx (target >= 10)\n", a, b, c, a / (b > 0 ? b : 1)
  printf "in CPU time: first %d ms, second %d ms (again: %d ms); speed-up %.1fx\n", ca, cb, cc, ca / (cb > 0 ? cb : 1)
  printf "second run: %d files carried over, %d parsed again (only files whose errors include a header not found are)\n", k, p }'
grep '^pyrefcheck-phase' "$tmp/db-err" | cut -f2- | sed 's/^/where the third run spent its time: /'
