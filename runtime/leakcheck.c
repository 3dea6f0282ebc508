/* leakcheck.c — the end-of-check report: leaks, untraversed references, singleton balance.
 *
 * A check window starts at rt_check_begin() (Py_Initialize opens one) and ends at rt_check_end():
 * the collector runs a full collection first, so what remains is not cyclic garbage. Then, with the
 * debug layer, every block allocated inside the window and still live is a leak:
 *  - an object whose references are all reported by the tp_traverse of live containers is held by
 *    them: it is not reported when one holder predates the window (it is reachable from old state),
 *    and reported as "kept alive only by other leaked objects" otherwise;
 *  - an object with references that no traverse reports: memory of every live object is scanned
 *    for its address; when the pointers found outside what the holders' traverse reports account for
 *    those references, the leak is RT_DEFECT_LEAK_UNTRAVERSED and names the holder and the offset
 *    (a tp_traverse that forgot a member); otherwise RT_DEFECT_LEAK (a lost reference);
 *  - a raw PyMem/PyObject_Malloc block is RT_DEFECT_MEMORY_LEAK, unless a live block from before
 *    the window holds a pointer to it (the buffer of older state, e.g. a grown item array).
 * Reachability is transitive: an object of the window held (through tp_traverse) by another object
 * of the window that older state reaches is not a leak either (a dict created during the check and
 * stored in an older registry, with everything in it), nor is a raw block such an object points to.
 * A block resized inside the window keeps its serial, so it still counts as older state.
 * The quarantine's poison is checked too (writes after free not yet seen at a release).
 * In both libraries, the count of every singleton is compared with its count when the window
 * opened, less the references tracked containers took or dropped meanwhile: a lower count means
 * references were released that were never taken.
 * The check owns its scratch arrays (system memory) for the duration of rt_check_end only.
 */
#include "rt_internal.h"

#include <stdlib.h>
#include <string.h>

#define N_SINGLETONS 512
typedef struct {
  PyObject *op;
  Py_ssize_t start;      /* count when the window opened */
} SingletonCount;
static SingletonCount singletons[N_SINGLETONS];
static size_t n_singletons;
/* References tracked containers held to each singleton when the window opened: a reference a
 * container drops (an argument dict whose value 1 is replaced) is not one released in error. */
static PyObject *singleton_ops[N_SINGLETONS];
static Py_ssize_t singleton_held[N_SINGLETONS];
#if RT_DEBUG_LAYER
static uint64_t window_serial;   /* blocks with a larger serial are inside the window */
#endif

static void snapshot(PyObject *op, void *ctx)
{
  (void)ctx;
  if (n_singletons < N_SINGLETONS) singletons[n_singletons++] = (SingletonCount){op, op->ob_refcnt};
}

void rt_check_begin(void)
{
  n_singletons = 0;
  rt_singletons_each(snapshot, NULL);
  for (size_t i = 0; i < n_singletons; i++) singleton_ops[i] = singletons[i].op;
  rt_gc_count_holders(singleton_ops, n_singletons, singleton_held);
#if RT_DEBUG_LAYER
  window_serial = rt_debug_serial();
#endif
}

static int already_reported(const void *op)
{
  for (size_t i = 0; i < rt_defect_count(); i++) {
    const RtDefect *d = rt_defect_get(i);
    if (d->object == op &&
        (d->kind == RT_DEFECT_SINGLETON_DEALLOC || d->kind == RT_DEFECT_NEGATIVE_REFCNT))
      return 1;
  }
  return 0;
}

static void check_singletons(void)
{
  static Py_ssize_t held_now[N_SINGLETONS];
  rt_gc_count_holders(singleton_ops, n_singletons, held_now);
  for (size_t i = 0; i < n_singletons; i++) {
    PyObject *op = singletons[i].op;
    Py_ssize_t delta = op->ob_refcnt - singletons[i].start - (held_now[i] - singleton_held[i]);
    if (delta >= 0 || already_reported(op)) continue;
    char msg[200];
    snprintf(msg, sizeof(msg),
             "the count of this %s singleton ended %lld below its value at the start of the check: "
             "references were released that were never taken",
             Py_TYPE(op)->tp_name, (long long)-delta);
    rt_defect_object(RT_DEFECT_SINGLETON_BALANCE, op, NULL, (RtSite){NULL, 0}, msg);
  }
}

#if RT_DEBUG_LAYER
typedef struct Leak {
  PyObject *op;
  RtBlock *b;
  Py_ssize_t traversed;   /* references reported by some live container's tp_traverse */
  int held_by_old;        /* one of those containers predates the window, or is reachable from one */
  int expanded;           /* its own references were followed (reachability) */
} Leak;

typedef struct {
  Leak *v;
  size_t n;
} LeakSet;

static int cmp_leak_op(const void *a, const void *b)
{
  uintptr_t x = (uintptr_t)((const Leak *)a)->op, y = (uintptr_t)((const Leak *)b)->op;
  return x < y ? -1 : x > y;
}

static int cmp_leak_serial(const void *a, const void *b)
{
  uint64_t x = ((const Leak *)a)->b->serial, y = ((const Leak *)b)->b->serial;
  return x < y ? -1 : x > y;
}

static Leak *find_leak(LeakSet *s, const void *op)
{
  Leak key = {(PyObject *)op, NULL, 0, 0, 0};
  return bsearch(&key, s->v, s->n, sizeof(Leak), cmp_leak_op);
}

static void count_reference(PyObject *holder, PyObject *target, void *ctx)
{
  LeakSet *s = ctx;
  Leak *l = find_leak(s, target);
  if (l == NULL) return;
  l->traversed++;
  if (find_leak(s, holder) == NULL) l->held_by_old = 1;
}

typedef struct {
  const void *target;
  Py_ssize_t n;
} VisitCount;

static int visit_count(PyObject *op, void *arg)
{
  VisitCount *vc = arg;
  if (op == vc->target) vc->n++;
  return 0;
}

static PyObject *object_of(RtBlock *b)
{
  uint8_t *data = rt_block_data(b);
  return (PyObject *)(b->flags & RT_FLAG_GC ? data + sizeof(PyGC_Head) : data);
}

/* Pointers to l->op in live objects' memory that their traverse does not report. Sets *holder and
 * *offset to the first one found. */
static Py_ssize_t hidden_references(Leak *l, RtBlock **holder, size_t *offset)
{
  Py_ssize_t hidden = 0;
  for (RtBlock *h = rt_debug_live_head(); h != NULL; h = h->next) {
    if (!(h->flags & RT_FLAG_OBJECT)) continue;
    PyObject *hop = object_of(h);
    const uint8_t *start = (const uint8_t *)hop;
    const uint8_t *end = (const uint8_t *)rt_block_data(h) + h->size;
    Py_ssize_t found = 0;
    size_t first = 0;
    for (const uint8_t *p = start; p + sizeof(void *) <= end; p += sizeof(void *)) {
      const void *word;
      memcpy(&word, p, sizeof(word));
      if (word == (const void *)l->op && !(p == start && hop == l->op)) {
        if (found++ == 0) first = (size_t)(p - start);
      }
    }
    if (found == 0) continue;
    VisitCount vc = {l->op, 0};
    traverseproc traverse = Py_TYPE(hop)->tp_traverse;
    if (traverse != NULL && PyType_IS_GC(Py_TYPE(hop))) (void)traverse(hop, visit_count, &vc);
    if (found > vc.n) {
      if (hidden == 0) {
        *holder = h;
        *offset = first;
      }
      hidden += found - vc.n;
    }
  }
  return hidden;
}

static void report_leak(Leak *l)
{
  PyObject *op = l->op;
  RtBlock *b = l->b;
  Py_ssize_t external = op->ob_refcnt - l->traversed;
  RtSite site = rt_ledger_last_site(b, +1);
  if (site.file == NULL) site = (RtSite){b->alloc_file, b->alloc_line};
  char msg[sizeof(((RtDefect *)0)->message)]; /* holds an absolute path */
  if (external <= 0) {
    if (l->held_by_old) return;   /* reachable from state older than the check */
    snprintf(msg, sizeof(msg),
             "%s object still alive at the end of the check, kept alive only by other leaked "
             "objects (count %lld)",
             Py_TYPE(op)->tp_name, (long long)op->ob_refcnt);
    rt_defect_object(RT_DEFECT_LEAK, op, b, site, msg);
    return;
  }
  RtBlock *holder = NULL;
  size_t offset = 0;
  Py_ssize_t hidden = hidden_references(l, &holder, &offset);
  if (hidden > 0 && hidden >= external) {
    PyObject *hop = object_of(holder);
    snprintf(msg, sizeof(msg),
             "%s object kept alive only by a reference that no tp_traverse reports: the %s object "
             "allocated at %s:%d holds it at offset +%zu and its tp_traverse does not visit it",
             Py_TYPE(op)->tp_name, Py_TYPE(hop)->tp_name,
             holder->alloc_file ? holder->alloc_file : "?", holder->alloc_line, offset);
    rt_defect_object(RT_DEFECT_LEAK_UNTRAVERSED, op, b, site, msg);
    return;
  }
  snprintf(msg, sizeof(msg),
           "%s object still alive at the end of the check: count %lld, %lld reference(s) held by no "
           "container (a missing Py_DECREF?)",
           Py_TYPE(op)->tp_name, (long long)op->ob_refcnt, (long long)external);
  rt_defect_object(RT_DEFECT_LEAK, op, b, site, msg);
}

static int visit_mark_reachable(PyObject *op, void *ctx)
{
  Leak *l = find_leak(ctx, op);
  if (l != NULL) l->held_by_old = 1;
  return 0;
}

/* Marks every leak reachable, through tp_traverse, from a leak held by older state. */
static void propagate_reachability(LeakSet *s)
{
  int changed = 1;
  while (changed) {
    changed = 0;
    for (size_t i = 0; i < s->n; i++) {
      Leak *l = &s->v[i];
      if (!l->held_by_old || l->expanded) continue;
      l->expanded = 1;
      changed = 1;
      traverseproc traverse = Py_TYPE(l->op)->tp_traverse;
      if (traverse != NULL && PyType_IS_GC(Py_TYPE(l->op)) && (l->b->flags & RT_FLAG_GC))
        (void)traverse(l->op, visit_mark_reachable, s);
    }
  }
}

/* Whether the memory of the block of a leak reachable from older state holds a pointer to p. */
static int held_by_reachable_leak(const LeakSet *s, const void *p)
{
  for (size_t i = 0; i < s->n; i++) {
    if (!s->v[i].held_by_old) continue;
    RtBlock *h = s->v[i].b;
    const uint8_t *start = rt_block_data(h), *end = start + h->size;
    for (const uint8_t *q = start; q + sizeof(void *) <= end; q += sizeof(void *)) {
      const void *word;
      memcpy(&word, q, sizeof(word));
      if (word == p) return 1;
    }
  }
  return 0;
}

/* Whether a live block from before the window holds a pointer to p (then p is its buffer). */
static int held_by_old_block(const void *p)
{
  for (RtBlock *h = rt_debug_live_head(); h != NULL; h = h->next) {
    if (h->serial > window_serial) continue;
    const uint8_t *start = rt_block_data(h), *end = start + h->size;
    for (const uint8_t *q = start; q + sizeof(void *) <= end; q += sizeof(void *)) {
      const void *word;
      memcpy(&word, q, sizeof(word));
      if (word == p) return 1;
    }
  }
  return 0;
}

static void report_memory_leak(RtBlock *b)
{
  const char *fam = b->api == RT_API_RAW ? "PyMem_RawMalloc"
                    : b->api == RT_API_MEM ? "PyMem_Malloc" : "PyObject_Malloc";
  rt_defect_report(RT_DEFECT_MEMORY_LEAK, rt_block_data(b), "", b->alloc_file, b->alloc_line,
                   b->alloc_file, b->alloc_line, 0,
                   "block of %zu bytes from %s still allocated at the end of the check", b->size, fam);
}

static void check_leaks(void)
{
  size_t n = 0, cap = 0, nraw = 0, rawcap = 0;
  Leak *v = NULL;
  RtBlock **raw = NULL;   /* raw blocks of the window no older block holds: judged after objects */
  for (RtBlock *b = rt_debug_live_head(); b != NULL; b = b->next) {
    if (b->serial <= window_serial) continue;
    if (!(b->flags & RT_FLAG_OBJECT)) {
      if (held_by_old_block(rt_block_data(b))) continue;   /* a buffer of older state */
      if (nraw == rawcap) {
        size_t ncap = rawcap ? rawcap * 2 : 64;
        RtBlock **nr = realloc(raw, ncap * sizeof(RtBlock *));
        if (nr == NULL) {   /* out of memory: report it now */
          report_memory_leak(b);
          continue;
        }
        raw = nr;
        rawcap = ncap;
      }
      raw[nraw++] = b;
      continue;
    }
    if (n == cap) {
      size_t ncap = cap ? cap * 2 : 64;
      Leak *nv = realloc(v, ncap * sizeof(Leak));
      if (nv == NULL) break;   /* out of memory: report what fits */
      v = nv;
      cap = ncap;
    }
    v[n++] = (Leak){object_of(b), b, 0, 0, 0};
  }
  LeakSet set = {v, n};
  if (n > 0) {
    qsort(v, n, sizeof(Leak), cmp_leak_op);
    rt_gc_each_reference(count_reference, &set);
    propagate_reachability(&set);
  }
  for (size_t i = 0; i < nraw; i++)
    if (!held_by_reachable_leak(&set, rt_block_data(raw[i]))) report_memory_leak(raw[i]);
  if (n > 0) {
    qsort(v, n, sizeof(Leak), cmp_leak_serial);
    for (size_t i = 0; i < n; i++) report_leak(&v[i]);
  }
  free(raw);
  free(v);
}
#endif

size_t rt_check_end(void)
{
  size_t before = rt_defect_count();
  rt_gc_collect_nofail();
#if RT_DEBUG_LAYER
  rt_quarantine_check();
  check_leaks();
#endif
  check_singletons();
  return rt_defect_count() - before;
}
