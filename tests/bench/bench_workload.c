/* bench_workload.c — the allocator and GC workloads of `make bench`, one source built three ways:
 * against runtime/include with rc_runtime ("ours") and rc_runtime_oracle ("ours-debug"), and
 * against the machine's CPython 3.11 headers with libpython3.11 ("cpython"; "cpython-debug" when
 * run under PYTHONMALLOC=pymalloc_debug). The same code times the same work on each side.
 *
 *   bench_<side> alloc-hot N      N pairs PyObject_Malloc + PyObject_Free of mixed sizes (8..512)
 *   bench_<side> alloc-live N     N blocks of mixed sizes allocated, then freed in random order
 *   bench_<side> gc-garbage N     N two-object cycles, unreachable, one full collection
 *   bench_<side> gc-reachable N   N two-object cycles, all held, one full collection
 *   bench_<side> callgrind N      N hot pairs in a function of its own (for --toggle-collect)
 * Ours also runs the alloc workloads with glibc malloc/free (side "glibc").
 * Each line printed: "<workload> <side> <ns per pair or per object>"; best of R runs (R = 3, or
 * 1 for N >= 10^6 GC runs).
 */
#include "Python.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef PYREFCHECK_RUNTIME_H
#  define OURS 1
#else
#  define OURS 0
#endif

static const char *side(void)
{
#if OURS
  return rt_debug_layer_enabled() ? "ours-debug" : "ours";
#else
  const char *m = getenv("PYTHONMALLOC");
  return m != NULL && strstr(m, "debug") != NULL ? "cpython-debug" : "cpython";
#endif
}

/* 1 when glibc should run too: in the release build of ours only. */
static int with_glibc(void)
{
#if OURS
  return !rt_debug_layer_enabled();
#else
  return 0;
#endif
}

static double now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

#define NSIZES 4096
static size_t sizes[NSIZES];
static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

typedef void *(*alloc_fn)(size_t);
typedef void (*free_fn)(void *);
static void *obj_malloc(size_t n) { return PyObject_Malloc(n); }
static void obj_free(void *p) { PyObject_Free(p); }

/* --- allocator workloads ----------------------------------------------------------------------*/
__attribute__((noinline)) static void hot_pairs(long n, alloc_fn a, free_fn f)
{
  for (long i = 0; i < n; i++) {
    char *p = a(sizes[i & (NSIZES - 1)]);
    p[0] = (char)i;   /* touch it, as a user would */
    f(p);
  }
}

/* Same loop with direct calls (the function pointers above cost the same on each side; this one is
 * what callgrind counts). */
__attribute__((noinline)) static void hot_pairs_direct(long n)
{
  for (long i = 0; i < n; i++) {
    char *p = PyObject_Malloc(sizes[i & (NSIZES - 1)]);
    p[0] = (char)i;
    PyObject_Free(p);
  }
}

static double run_hot(long n, alloc_fn a, free_fn f)
{
  double t0 = now_ns();
  hot_pairs(n, a, f);
  return (now_ns() - t0) / (double)n;
}

static double run_live(long n, alloc_fn a, free_fn f, void **blocks, long *order)
{
  double t0 = now_ns();
  for (long i = 0; i < n; i++) {
    blocks[i] = a(sizes[i & (NSIZES - 1)]);
    ((char *)blocks[i])[0] = 1;
  }
  for (long i = 0; i < n; i++) f(blocks[order[i]]);
  return (now_ns() - t0) / (double)n;
}

/* --- GC workload ---------------------------------------------------------------------------------*/
typedef struct {
  PyObject_HEAD
  PyObject *other;   /* owned */
} Pair;

static int pair_traverse(PyObject *op, visitproc visit, void *arg)
{
  Py_VISIT(((Pair *)op)->other);
  return 0;
}

static int pair_clear(PyObject *op)
{
  Py_CLEAR(((Pair *)op)->other);
  return 0;
}

static void pair_dealloc(PyObject *op)
{
  PyObject_GC_UnTrack(op);
  Py_CLEAR(((Pair *)op)->other);
  PyObject_GC_Del(op);
}

static PyTypeObject Pair_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench.Pair",
    .tp_basicsize = sizeof(Pair),
    .tp_dealloc = pair_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = pair_traverse,
    .tp_clear = pair_clear,
};

static PyObject *pair_new(void)
{
  Pair *p = PyObject_GC_New(Pair, &Pair_Type);
  if (p == NULL) abort();
  p->other = NULL;
  PyObject_GC_Track((PyObject *)p);
  return (PyObject *)p;
}

/* ns per object of one full collection over n two-object cycles; reachable keeps one reference to
 * each cycle during the collection. */
static double run_gc(long n, int reachable, PyObject **roots)
{
  PyGC_Disable();
  for (long i = 0; i < n; i++) {
    PyObject *a = pair_new(), *b = pair_new();
    ((Pair *)a)->other = b;            /* steals our reference to b */
    ((Pair *)b)->other = Py_NewRef(a);
    if (reachable) roots[i] = a;
    else Py_DECREF(a);
  }
  PyGC_Enable();
  double t0 = now_ns();
  Py_ssize_t found = PyGC_Collect();
  double t = (now_ns() - t0) / (double)(2 * n);
  if (found != (reachable ? 0 : 2 * n)) {
    fprintf(stderr, "gc: expected %ld unreachable, found %ld\n", reachable ? 0L : 2 * n, (long)found);
    exit(1);
  }
  if (reachable) {
    for (long i = 0; i < n; i++) Py_DECREF(roots[i]);
    PyGC_Collect();
  }
  return t;
}

static double best(double a, double b) { return a < b ? a : b; }

int main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: %s alloc-hot|alloc-live|gc-garbage|gc-reachable|callgrind N\n", argv[0]);
    return 2;
  }
  const char *what = argv[1];
  long n = atol(argv[2]);
  for (int i = 0; i < NSIZES; i++) sizes[i] = 8 + (size_t)(next_random() % 505);
  Py_Initialize();
  /* Ballast: a live program has blocks of every size class in use (CPython's own start-up leaves
   * thousands), so a hot alloc/free pair does not empty and recycle a whole pool each time. */
  static void *ballast[32][8];
  for (int c = 0; c < 32; c++)
    for (int k = 0; k < 8; k++) ballast[c][k] = PyObject_Malloc((size_t)(c + 1) * 16);
#if !OURS
  if (PyType_Ready(&Pair_Type) < 0) return 1;
#endif
  int reps = 3;
  if (strcmp(what, "alloc-hot") == 0) {
    hot_pairs(n / 10, obj_malloc, obj_free);   /* warm up */
    double t = 1e30, g = 1e30;
    for (int r = 0; r < reps; r++) t = best(t, run_hot(n, obj_malloc, obj_free));
    printf("alloc-hot %s %.2f\n", side(), t);
    if (with_glibc()) {
      hot_pairs(n / 10, malloc, free);
      for (int r = 0; r < reps; r++) g = best(g, run_hot(n, malloc, free));
      printf("alloc-hot glibc %.2f\n", g);
    }
  } else if (strcmp(what, "alloc-live") == 0) {
    void **blocks = malloc((size_t)n * sizeof(void *));
    long *order = malloc((size_t)n * sizeof(long));
    if (blocks == NULL || order == NULL) return 1;
    for (long i = 0; i < n; i++) order[i] = i;
    for (long i = n - 1; i > 0; i--) {
      long j = (long)(next_random() % (uint64_t)(i + 1)), k = order[i];
      order[i] = order[j];
      order[j] = k;
    }
    double t = 1e30, g = 1e30;
    for (int r = 0; r < reps; r++) t = best(t, run_live(n, obj_malloc, obj_free, blocks, order));
    printf("alloc-live %s %.2f\n", side(), t);
    if (with_glibc()) {
      for (int r = 0; r < reps; r++) g = best(g, run_live(n, malloc, free, blocks, order));
      printf("alloc-live glibc %.2f\n", g);
    }
    free(blocks);
    free(order);
  } else if (strcmp(what, "gc-garbage") == 0 || strcmp(what, "gc-reachable") == 0) {
    int reachable = strcmp(what, "gc-reachable") == 0;
    PyObject **roots = reachable ? malloc((size_t)n * sizeof(PyObject *)) : NULL;
    if (reachable && roots == NULL) return 1;
    if (n >= 1000000) reps = 1;
    double t = 1e30;
    for (int r = 0; r < reps; r++) t = best(t, run_gc(n, reachable, roots));
    printf("%s-%ld %s %.2f\n", what, n, side(), t);
    free(roots);
  } else if (strcmp(what, "callgrind") == 0) {
    hot_pairs_direct(n);
  } else {
    return 2;
  }
  for (int c = 0; c < 32; c++)
    for (int k = 0; k < 8; k++) PyObject_Free(ballast[c][k]);
  /* Leave the runtime as a program would. */
  Py_FinalizeEx();
  return 0;
}
