#!/usr/bin/env bash
# run_bench.sh — runs the allocator and GC benchmarks side by side and prints one table.
# Usage: run_bench.sh <bench_ours> <bench_ours_debug> [<bench_cpython>]
# Set BENCH_QUICK=1 for smaller N (a smoke run), BENCH_ROUNDS=n for the number of interleaved rounds
# (default 3). Ratios are per pair / per object, against CPython 3.11 measured in the same run;
# callgrind counts instructions inside hot_pairs_direct only.
set -u
ours=$1 debug=$2 peer=${3:-}
hot=10000000 live=1000000 small=100000 large=1000000 cg=200000
if [ "${BENCH_QUICK:-0}" = 1 ]; then hot=1000000 live=200000 large=200000 cg=20000; fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
run() { "$@" >>"$results" || echo "bench: failed: $*" >&2; }

# The sides take turns (ours, ours-debug, cpython, cpython-debug, then again) and each figure is the
# best of ROUNDS turns, so a burst of load on the shared machine does not land on one side only.
rounds=${BENCH_ROUNDS:-3}
peer_ok=0
if [ -n "$peer" ] && [ -x "$peer" ]; then peer_ok=1; else
  echo "bench: no CPython peer (libpython3.11 not found at configure time): ratios omitted" >&2
fi
one_round() {  # $1 = workload, $2 = N
  run "$ours" "$1" "$2"
  run "$debug" "$1" "$2"
  if [ $peer_ok = 1 ]; then
    run "$peer" "$1" "$2"
    PYTHONMALLOC=pymalloc_debug run "$peer" "$1" "$2"
  fi
}
for r in $(seq "$rounds"); do
  one_round alloc-hot $hot
  one_round alloc-live $live
  for n in $small $large; do
    one_round gc-garbage $n
    one_round gc-reachable $n
  done
done

value() {  # the best (lowest) of the rounds
  awk -v w="$1" -v s="$2" '$1 == w && $2 == s && (best == "" || $3 < best) { best = $3 } END { print best }' "$results"
}
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; else echo "-"; fi; }

echo
echo "ns per alloc+free pair (alloc-*) or per object (gc-*), best of $rounds interleaved rounds;"
echo "ratios against cpython in this run"
printf "%-22s %9s %9s %9s %11s %14s | %9s %11s %10s\n" workload ours ours-debug glibc cpython cpython-debug \
  ours/cpy debug/cpy glibc/cpy
for w in alloc-hot alloc-live gc-garbage-$small gc-reachable-$small gc-garbage-$large gc-reachable-$large; do
  o=$(value "$w" ours) d=$(value "$w" ours-debug) g=$(value "$w" glibc) c=$(value "$w" cpython)
  cd=$(value "$w" cpython-debug)
  printf "%-22s %9s %9s %9s %11s %14s | %9s %11s %10s\n" "$w" "${o:--}" "${d:--}" "${g:--}" "${c:--}" \
    "${cd:--}" "$(ratio "$o" "$c")" "$(ratio "$d" "$c")" "$(ratio "$g" "$c")"
done

if command -v valgrind >/dev/null 2>&1; then
  # Instruction counts do not depend on the load of the machine.
  count() {  # $1 = program, $2 = function to collect in, $3.. = arguments; prints total Ir
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$2" "$1" "${@:3}" \
      >/dev/null 2>&1
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out"
  }
  progs=("$ours" "$debug")
  [ $peer_ok = 1 ] && progs+=("$peer")
  echo
  echo "callgrind: instructions per alloc+free pair (hot, mixed sizes, $cg pairs, hot_pairs_direct only)"
  for prog in "${progs[@]}"; do
    ir=$(count "$prog" hot_pairs_direct callgrind $cg)
    printf "%-28s %s\n" "$(basename "$prog")" "$(awk -v i="${ir:-0}" -v n=$cg 'BEGIN { printf "%.1f", i / n }')"
  done
  gcn=20000
  echo
  echo "callgrind: instructions per object inside PyGC_Collect (2 x $gcn objects, 3 collections;"
  echo "gc-reachable also counts the collection that frees them afterwards)"
  printf "%-28s %12s %12s\n" program gc-garbage gc-reachable
  for prog in "${progs[@]}"; do
    g=$(count "$prog" PyGC_Collect gc-garbage $gcn)
    r=$(count "$prog" PyGC_Collect gc-reachable $gcn)
    printf "%-28s %12s %12s\n" "$(basename "$prog")" \
      "$(awk -v i="${g:-0}" -v n=$gcn 'BEGIN { printf "%.1f", i / (2 * n * 3) }')" \
      "$(awk -v i="${r:-0}" -v n=$gcn 'BEGIN { printf "%.1f", i / (2 * n * 3) }')"
  done
else
  echo "bench: valgrind not found: no instruction counts" >&2
fi
