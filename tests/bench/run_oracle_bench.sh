#!/usr/bin/env bash
# run_oracle_bench.sh — `make bench`'s oracle measurement: the wall-clock time of
# `pyrefcheck oracle` on a typical snippet (oracle_typical.c: ~150 lines, six entry points, fewer
# than 50 allocations and fallible calls each), from the compile to the report, over N runs.
# The issue's target is 2 s; the line says whether the median met it. Nothing is recorded.
# usage: run_oracle_bench.sh PYREFCHECK SNIPPET [N]
set -u
prc=${1:?usage: run_oracle_bench.sh PYREFCHECK SNIPPET [N]}
snippet=${2:?usage: run_oracle_bench.sh PYREFCHECK SNIPPET [N]}
n=${3:-5}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
times=()
for _ in $(seq "$n"); do
  start=$(date +%s.%N)
  "$prc" oracle --no-db --format json "$snippet" >"$out"
  status=$?
  end=$(date +%s.%N)
  if [ "$status" -ne 0 ]; then
    echo "oracle bench: pyrefcheck oracle exited $status on $snippet (the typical snippet must be clean)"
    exit 1
  fi
  times+=("$(echo "$end - $start" | bc -l)")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -g)
median=$(printf '%s\n' "$sorted" | sed -n "$(( (n + 1) / 2 ))p")
min=$(printf '%s\n' "$sorted" | head -1)
max=$(printf '%s\n' "$sorted" | tail -1)
read -r runs points entries compile < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["runs"], sum(e["failure_points"] for e in r["entries"]), len(r["entries"]), r.get("compile_seconds", 0))
' "$out")
lines=$(wc -l <"$snippet")
verdict=$(echo "$median <= 2.0" | bc -l)
printf 'oracle: %s (%s lines, %s entry points): %s runs, %s failure points made to fail\n' \
  "$(basename "$snippet")" "$lines" "$entries" "$runs" "$points"
printf 'oracle: wall clock over %s runs: median %.3f s (min %.3f, max %.3f), compile included; ' \
  "$n" "$median" "$min" "$max"
if [ "$verdict" = 1 ]; then echo "target <= 2 s: met"; else echo "target <= 2 s: NOT met"; fi
