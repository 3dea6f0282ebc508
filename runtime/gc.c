/* gc.c — the generational cycle collector, after CPython 3.11's Modules/gcmodule.c.
 *
 * A GC object carries a PyGC_Head (rt_internal.h) in front of its PyObject head and, while
 * tracked, is in the list of one of three generations. Allocating a GC object counts into
 * generation 0; when the count passes threshold 0 (700; 2000 from 3.13) the oldest generation whose
 * count passed its threshold is collected together with the younger ones (generation 2 only when
 * the objects waiting for it are at least a quarter of those that survived the last full
 * collection). A collection:
 *   1. copies each count into gc_refs (update_refs) and subtracts the references found through
 *      tp_traverse from inside the generation (subtract_refs): what remains counts references
 *      from outside;
 *   2. moves every object whose gc_refs is 0 and that nothing reachable refers to into
 *      "unreachable" (move_unreachable; reachable objects are moved back when reached);
 *   3. sets aside objects with a legacy tp_del and what they reach (uncollectable, kept alive);
 *   4. calls tp_finalize once per object (the FINALIZED bit survives resurrection);
 *   5. re-runs the analysis on the unreachable set: what a finalizer resurrected goes to the
 *      older generation (handle_resurrected_objects);
 *   6. calls tp_clear on what is still unreachable, which breaks the cycles and lets the counts
 *      deallocate the objects; anything that survives its tp_clear moves to the older generation.
 * Survivors of a collection move one generation up.
 *
 * Invariants: outside a collection, _gc_prev holds the previous pointer plus the FINALIZED flag
 * and never COLLECTING; an untracked object has _gc_next == 0. Differences from CPython: no
 * weakref handling yet (no weakrefs exist), no gc.garbage (objects with tp_del stay in the oldest
 * generation and are reported as leaks at the end of a check), no untracking of tuples and dicts.
 */
#include "rt_internal.h"

#include <stdlib.h>

#define NUM_GENERATIONS 3
#define PREV_MASK_FINALIZED ((uintptr_t)1)
#define PREV_MASK_COLLECTING ((uintptr_t)2)
#define PREV_SHIFT 2
#define PREV_MASK (((uintptr_t)-1) << PREV_SHIFT)
#define NEXT_MASK_UNREACHABLE ((uintptr_t)1)

#define AS_GC(o) ((PyGC_Head *)(o)-1)
#define FROM_GC(g) ((PyObject *)((PyGC_Head *)(g) + 1))

typedef struct {
  PyGC_Head head;       /* list sentinel */
  int threshold;
  int count;            /* gen 0: allocations minus deallocations; older: collections of younger */
} Generation;

static struct {
  Generation gen[NUM_GENERATIONS];
  int ready;
  int enabled;
  int collecting;
  int stress;
  Py_ssize_t long_lived_total, long_lived_pending;
  size_t collections[NUM_GENERATIONS];
} gcs = {.enabled = 1,
         .gen = {{{0, 0}, 700, 0}, {{0, 0}, 10, 0}, {{0, 0}, 10, 0}}};

#define GEN_HEAD(n) (&gcs.gen[(n)].head)

/* --- header helpers -------------------------------------------------------------------------------*/
static inline PyGC_Head *gc_next(PyGC_Head *g) { return (PyGC_Head *)g->_gc_next; }
static inline PyGC_Head *gc_prev(PyGC_Head *g) { return (PyGC_Head *)(g->_gc_prev & PREV_MASK); }
static inline void gc_set_next(PyGC_Head *g, PyGC_Head *n) { g->_gc_next = (uintptr_t)n; }
static inline void gc_set_prev(PyGC_Head *g, PyGC_Head *p)
{
  g->_gc_prev = (g->_gc_prev & ~PREV_MASK) | (uintptr_t)p;
}
static inline int gc_is_tracked(PyGC_Head *g) { return g->_gc_next != 0; }
static inline int gc_is_collecting(PyGC_Head *g) { return (g->_gc_prev & PREV_MASK_COLLECTING) != 0; }
static inline void gc_clear_collecting(PyGC_Head *g) { g->_gc_prev &= ~PREV_MASK_COLLECTING; }
static inline Py_ssize_t gc_get_refs(PyGC_Head *g) { return (Py_ssize_t)(g->_gc_prev >> PREV_SHIFT); }
static inline void gc_set_refs(PyGC_Head *g, Py_ssize_t refs)
{
  g->_gc_prev = (g->_gc_prev & ~PREV_MASK) | ((uintptr_t)refs << PREV_SHIFT);
}
static inline void gc_reset_refs(PyGC_Head *g, Py_ssize_t refs)
{
  g->_gc_prev = (g->_gc_prev & PREV_MASK_FINALIZED) | PREV_MASK_COLLECTING |
                ((uintptr_t)refs << PREV_SHIFT);
}
static inline void gc_decref(PyGC_Head *g) { g->_gc_prev -= (uintptr_t)1 << PREV_SHIFT; }

static int is_gc(PyObject *op)
{
  PyTypeObject *t = Py_TYPE(op);
  return PyType_IS_GC(t) && (t->tp_is_gc == NULL || t->tp_is_gc(op));
}

/* A reference a traverse reports may be dangling (a member that was freed). With the debug layer a
 * freed object sits in the quarantine filled with 0xDD, so its type pointer is the poison: such a
 * target is ignored instead of followed. (Checking the object's own first line costs no extra
 * cache miss, unlike looking up its header.) */
#define FRESH_POINTER ((uintptr_t)0xCDCDCDCDCDCDCDCDull)   /* a member never written */
static inline int target_ok(PyObject *op)
{
#if RT_DEBUG_LAYER
  if (RT_UNLIKELY((uintptr_t)op == FRESH_POINTER)) return 0;
  return (uintptr_t)Py_TYPE(op) != (uintptr_t)0xDDDDDDDDDDDDDDDDull;
#else
  (void)op;
  return 1;
#endif
}

/* --- lists ----------------------------------------------------------------------------------------*/
static void gc_list_init(PyGC_Head *list)
{
  list->_gc_prev = (uintptr_t)list;
  list->_gc_next = (uintptr_t)list;
}

static int gc_list_is_empty(PyGC_Head *list) { return list->_gc_next == (uintptr_t)list; }

static void gc_list_append(PyGC_Head *node, PyGC_Head *list)
{
  PyGC_Head *last = (PyGC_Head *)list->_gc_prev;
  gc_set_prev(node, last);
  gc_set_next(last, node);
  gc_set_next(node, list);
  list->_gc_prev = (uintptr_t)node;
}

static void gc_list_remove(PyGC_Head *node)
{
  PyGC_Head *prev = gc_prev(node), *next = gc_next(node);
  gc_set_next(prev, next);
  gc_set_prev(next, prev);
  node->_gc_next = 0;
}

static void gc_list_move(PyGC_Head *node, PyGC_Head *list)
{
  PyGC_Head *from_prev = gc_prev(node), *from_next = gc_next(node);
  gc_set_next(from_prev, from_next);
  gc_set_prev(from_next, from_prev);
  PyGC_Head *to_prev = (PyGC_Head *)list->_gc_prev;
  gc_set_prev(node, to_prev);
  gc_set_next(to_prev, node);
  list->_gc_prev = (uintptr_t)node;
  gc_set_next(node, list);
}

static void gc_list_merge(PyGC_Head *from, PyGC_Head *to)
{
  if (gc_list_is_empty(from)) return;
  PyGC_Head *tail = (PyGC_Head *)to->_gc_prev;
  PyGC_Head *first = gc_next(from), *last = (PyGC_Head *)from->_gc_prev;
  gc_set_next(tail, first);
  gc_set_prev(first, tail);
  gc_set_next(last, to);
  to->_gc_prev = (uintptr_t)last;
  gc_list_init(from);
}

static Py_ssize_t gc_list_size(PyGC_Head *list)
{
  Py_ssize_t n = 0;
  for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) n++;
  return n;
}

void rt_gc_init(void)
{
  if (gcs.ready) return;
  for (int i = 0; i < NUM_GENERATIONS; i++) gc_list_init(GEN_HEAD(i));
  gcs.ready = 1;
}

/* --- the collection -------------------------------------------------------------------------------*/
static void update_refs(PyGC_Head *containers)
{
  for (PyGC_Head *g = gc_next(containers); g != containers; g = gc_next(g))
    gc_reset_refs(g, Py_REFCNT(FROM_GC(g)));
}

static int visit_decref(PyObject *op, void *parent)
{
#if RT_DEBUG_LAYER
  if (RT_UNLIKELY((uintptr_t)op == FRESH_POINTER)) {
    /* The first traversal of a collection: report the holder once. */
    PyObject *holder = parent;
    rt_defect_object(RT_DEFECT_GC_UNINIT_MEMBER, holder, rt_debug_find_object(holder),
                     (RtSite){NULL, 0},
                     "tp_traverse reported a member that was never written (0xCD bytes): the "
                     "object was tracked before its members were initialised");
    return 0;
  }
#endif
  (void)parent;
  if (target_ok(op) && is_gc(op)) {
    PyGC_Head *g = AS_GC(op);
    if (gc_is_collecting(g)) gc_decref(g);
  }
  return 0;
}

static void subtract_refs(PyGC_Head *containers)
{
  for (PyGC_Head *g = gc_next(containers); g != containers; g = gc_next(g)) {
    PyObject *op = FROM_GC(g);
    traverseproc traverse = Py_TYPE(op)->tp_traverse;
    if (traverse != NULL) (void)traverse(op, visit_decref, op);
  }
}

/* A reachable object refers to op: op is reachable too (moved back if it was set aside). */
static int visit_reachable(PyObject *op, void *arg)
{
  PyGC_Head *reachable = arg;
  if (!target_ok(op) || !is_gc(op)) return 0;
  PyGC_Head *g = AS_GC(op);
  if (!gc_is_collecting(g)) return 0;   /* another generation, or untracked */
  if (g->_gc_next & NEXT_MASK_UNREACHABLE) {
    /* Tentatively unreachable: unlink from the (singly linked) unreachable list, append to young. */
    PyGC_Head *prev = gc_prev(g);
    PyGC_Head *next = (PyGC_Head *)(g->_gc_next & ~NEXT_MASK_UNREACHABLE);
    prev->_gc_next = g->_gc_next;   /* keeps prev's NEXT_MASK_UNREACHABLE */
    gc_set_prev(next, prev);
    gc_list_append(g, reachable);
    gc_set_refs(g, 1);
  } else if (gc_get_refs(g) == 0) {
    gc_set_refs(g, 1);   /* not scanned yet: it will be, as reachable */
  }
  return 0;
}

/* Splits young into reachable (stays) and unreachable. On entry every object of young has gc_refs
 * set and COLLECTING; on exit the reachable ones are a normal list again without COLLECTING, the
 * unreachable ones keep COLLECTING and carry NEXT_MASK_UNREACHABLE. */
static void move_unreachable(PyGC_Head *young, PyGC_Head *unreachable)
{
  PyGC_Head *prev = young;
  PyGC_Head *g = gc_next(young);
  while (g != young) {
    if (gc_get_refs(g)) {
      PyObject *op = FROM_GC(g);
      traverseproc traverse = Py_TYPE(op)->tp_traverse;
      if (traverse != NULL) (void)traverse(op, visit_reachable, young);
      gc_set_prev(g, prev);      /* relink: update_refs overwrote the prev pointers */
      gc_clear_collecting(g);
      prev = g;
    } else {
      prev->_gc_next = g->_gc_next;
      PyGC_Head *last = gc_prev(unreachable);
      last->_gc_next = NEXT_MASK_UNREACHABLE | (uintptr_t)g;
      gc_set_prev(g, last);
      g->_gc_next = NEXT_MASK_UNREACHABLE | (uintptr_t)unreachable;
      unreachable->_gc_prev = (uintptr_t)g;
    }
    g = (PyGC_Head *)prev->_gc_next;
  }
  young->_gc_prev = (uintptr_t)prev;
  unreachable->_gc_next &= ~NEXT_MASK_UNREACHABLE;
}

static void deduce_unreachable(PyGC_Head *base, PyGC_Head *unreachable)
{
  update_refs(base);
  subtract_refs(base);
  gc_list_init(unreachable);
  move_unreachable(base, unreachable);
}

static void clear_unreachable_mask(PyGC_Head *unreachable)
{
  PyGC_Head *next;
  for (PyGC_Head *g = gc_next(unreachable); g != unreachable; g = next) {
    g->_gc_next &= ~NEXT_MASK_UNREACHABLE;
    next = (PyGC_Head *)g->_gc_next;
  }
}

static void gc_list_clear_collecting(PyGC_Head *list)
{
  for (PyGC_Head *g = gc_next(list); g != list; g = gc_next(g)) gc_clear_collecting(g);
}

/* Clears NEXT_MASK_UNREACHABLE and moves objects with a legacy tp_del into finalizers. */
static void move_legacy_finalizers(PyGC_Head *unreachable, PyGC_Head *finalizers)
{
  PyGC_Head *next;
  for (PyGC_Head *g = gc_next(unreachable); g != unreachable; g = next) {
    g->_gc_next &= ~NEXT_MASK_UNREACHABLE;
    next = (PyGC_Head *)g->_gc_next;
    if (Py_TYPE(FROM_GC(g))->tp_del != NULL) {
      gc_clear_collecting(g);
      gc_list_move(g, finalizers);
    }
  }
}

static int visit_move(PyObject *op, void *tolist)
{
  if (target_ok(op) && is_gc(op)) {
    PyGC_Head *g = AS_GC(op);
    if (gc_is_collecting(g)) {
      gc_list_move(g, tolist);
      gc_clear_collecting(g);
    }
  }
  return 0;
}

static void move_legacy_finalizer_reachable(PyGC_Head *finalizers)
{
  for (PyGC_Head *g = gc_next(finalizers); g != finalizers; g = gc_next(g)) {
    traverseproc traverse = Py_TYPE(FROM_GC(g))->tp_traverse;
    if (traverse != NULL) (void)traverse(FROM_GC(g), visit_move, finalizers);
  }
}

/* Calls tp_finalize once on each object that has one (PEP 442). */
static void finalize_garbage(PyGC_Head *collectable)
{
  PyGC_Head seen;
  gc_list_init(&seen);
  while (!gc_list_is_empty(collectable)) {
    PyGC_Head *g = gc_next(collectable);
    PyObject *op = FROM_GC(g);
    gc_list_move(g, &seen);
    destructor finalize = Py_TYPE(op)->tp_finalize;
    if (!(g->_gc_prev & PREV_MASK_FINALIZED) && finalize != NULL) {
      g->_gc_prev |= PREV_MASK_FINALIZED;
      Py_INCREF(op);
      finalize(op);
      Py_DECREF(op);
    }
  }
  gc_list_merge(&seen, collectable);
}

static void handle_resurrected_objects(PyGC_Head *unreachable, PyGC_Head *still_unreachable,
                                       PyGC_Head *old_generation)
{
  gc_list_clear_collecting(unreachable);
  PyGC_Head *resurrected = unreachable;
  deduce_unreachable(resurrected, still_unreachable);
  clear_unreachable_mask(still_unreachable);
  gc_list_merge(resurrected, old_generation);
}

/* Breaks the cycles with tp_clear; survivors move to old. */
static void delete_garbage(PyGC_Head *collectable, PyGC_Head *old)
{
  while (!gc_list_is_empty(collectable)) {
    PyGC_Head *g = gc_next(collectable);
    PyObject *op = FROM_GC(g);
    inquiry clear = Py_TYPE(op)->tp_clear;
    if (clear != NULL) {
      Py_INCREF(op);
      (void)clear(op);
      Py_DECREF(op);
    }
    if (gc_next(collectable) == g) {
      gc_clear_collecting(g);   /* still alive: it may die later */
      gc_list_move(g, old);
    }
  }
}

/* Collects generation and the younger ones. Returns the number of unreachable objects found
 * (collected plus uncollectable). */
static Py_ssize_t collect(int generation)
{
  PyGC_Head unreachable, finalizers, final_unreachable;
  Py_ssize_t m, n = 0;

  if (generation + 1 < NUM_GENERATIONS) gcs.gen[generation + 1].count += 1;
  for (int i = 0; i <= generation; i++) gcs.gen[i].count = 0;
  for (int i = 0; i < generation; i++) gc_list_merge(GEN_HEAD(i), GEN_HEAD(generation));
  gcs.collections[generation]++;

  PyGC_Head *young = GEN_HEAD(generation);
  PyGC_Head *old = generation < NUM_GENERATIONS - 1 ? GEN_HEAD(generation + 1) : young;

  deduce_unreachable(young, &unreachable);
  if (young != old) {
    if (generation == NUM_GENERATIONS - 2) gcs.long_lived_pending += gc_list_size(young);
    gc_list_merge(young, old);
  } else {
    gcs.long_lived_pending = 0;
    gcs.long_lived_total = gc_list_size(young);
  }

  gc_list_init(&finalizers);
  move_legacy_finalizers(&unreachable, &finalizers);
  move_legacy_finalizer_reachable(&finalizers);

  finalize_garbage(&unreachable);
  handle_resurrected_objects(&unreachable, &final_unreachable, old);

  m = gc_list_size(&final_unreachable);
  delete_garbage(&final_unreachable, old);

  for (PyGC_Head *g = gc_next(&finalizers); g != &finalizers; g = gc_next(g)) n++;
  gc_list_merge(&finalizers, old);   /* uncollectable: kept alive (CPython: gc.garbage) */
  return n + m;
}

static Py_ssize_t collect_generations(void)
{
  for (int i = NUM_GENERATIONS - 1; i >= 0; i--) {
    if (gcs.gen[i].count > gcs.gen[i].threshold) {
      if (i == NUM_GENERATIONS - 1 && gcs.long_lived_pending < gcs.long_lived_total / 4) continue;
      return collect(i);
    }
  }
  return 0;
}

/* --- public API -----------------------------------------------------------------------------------*/
PyObject *rt_gc_alloc_object(size_t size)
{
  if (!gcs.ready) rt_gc_init();
  if (size > (size_t)PY_SSIZE_T_MAX - sizeof(PyGC_Head)) return NULL;
  PyGC_Head *g = (PyObject_Malloc)(sizeof(PyGC_Head) + size);
  if (g == NULL) return NULL;
  g->_gc_next = 0;
  g->_gc_prev = 0;
#if RT_DEBUG_LAYER
  rt_debug_mark_object(g, RT_FLAG_OBJECT | RT_FLAG_GC);
#endif
  gcs.gen[0].count++;
  if (!gcs.collecting && gcs.enabled &&
      (gcs.stress || (gcs.gen[0].threshold && gcs.gen[0].count > gcs.gen[0].threshold))) {
    gcs.collecting = 1;
    if (gcs.stress) collect(NUM_GENERATIONS - 1);
    else collect_generations();
    gcs.collecting = 0;
  }
  return FROM_GC(g);
}

/* With the debug layer: 1 (after a report) when op is a heap object without a GC header, which a
 * GC call must not touch 16 bytes before. *found gets op's block (NULL without the debug layer or
 * for a static object) so the caller need not look it up again. */
static int not_gc_object(PyObject *op, RtSite site, const char *call, RtBlock **found)
{
#if RT_DEBUG_LAYER
  RtBlock *b = rt_debug_find_object(op);
  *found = b;
  if (b == NULL || (b->flags & RT_FLAG_GC)) return 0;
  char msg[200];
  snprintf(msg, sizeof(msg), "%s of an object allocated without a GC header (PyObject_New or "
           "PyObject_Malloc, not PyObject_GC_New)", call);
  rt_defect_object(RT_DEFECT_GC_NOT_GC_OBJECT, op, b, site, msg);
  return 1;
#else
  (void)op;
  (void)site;
  (void)call;
  *found = NULL;
  return 0;
#endif
}

static void check_traverse(PyObject *op, RtSite site)
{
  PyTypeObject *tp = Py_TYPE(op);
  if (tp->tp_traverse != NULL) return;
  const char *afile = NULL;
  int aline = 0;
#if RT_DEBUG_LAYER
  RtBlock *b = rt_debug_find_object(op);
  if (b) {
    afile = b->alloc_file;
    aline = b->alloc_line;
  }
#endif
  rt_defect_report(RT_DEFECT_GC_NO_TRAVERSE, tp, tp->tp_name, afile, aline,
                   site.file ? site.file : afile, site.file ? site.line : aline, 0,
                   "type %s has Py_TPFLAGS_HAVE_GC but no tp_traverse", tp->tp_name);
}

PyObject *_PyObject_GC_New(PyTypeObject *tp)
{
  PyObject *op = rt_gc_alloc_object((size_t)_PyObject_SIZE(tp));
  if (op == NULL) return PyErr_NoMemory();
  PyObject_Init(op, tp);
  check_traverse(op, (RtSite){NULL, 0});
  return op;
}

PyVarObject *_PyObject_GC_NewVar(PyTypeObject *tp, Py_ssize_t nitems)
{
  if (nitems < 0) return NULL;
  PyVarObject *op = (PyVarObject *)rt_gc_alloc_object(_PyObject_VAR_SIZE(tp, nitems));
  if (op == NULL) return (PyVarObject *)PyErr_NoMemory();
  PyObject_InitVar(op, tp, nitems);
  check_traverse((PyObject *)op, (RtSite){NULL, 0});
  return op;
}

PyVarObject *_PyObject_GC_Resize(PyVarObject *op, Py_ssize_t nitems)
{
  size_t basicsize = _PyObject_VAR_SIZE(Py_TYPE(op), nitems);
  PyGC_Head *g = AS_GC(op);
  if (nitems < 0 || basicsize > (size_t)PY_SSIZE_T_MAX - sizeof(PyGC_Head))
    return (PyVarObject *)PyErr_NoMemory();
  /* CPython requires an untracked object here; a tracked one would leave dangling list links when
   * the block moves, so it is taken out of its list and put back. */
  PyGC_Head *where = NULL;
  if (gc_is_tracked(g)) {
    where = gc_next(g);
    gc_list_remove(g);
  }
  PyGC_Head *ng = (PyObject_Realloc)(g, sizeof(PyGC_Head) + basicsize);
  if (ng == NULL) {
    if (where != NULL) gc_list_append(g, GEN_HEAD(0));
    return (PyVarObject *)PyErr_NoMemory();
  }
#if RT_DEBUG_LAYER
  rt_debug_mark_object(ng, RT_FLAG_OBJECT | RT_FLAG_GC);
#endif
  if (where != NULL) {
    ng->_gc_next = 0;
    gc_list_append(ng, GEN_HEAD(0));
  }
  op = (PyVarObject *)FROM_GC(ng);
  Py_SET_SIZE(op, nitems);
  return op;
}

void (PyObject_GC_Track)(void *op_raw)
{
  PyObject *op = op_raw;
  RtSite site = rt_site_take();
  if (!gcs.ready) rt_gc_init();
  RtBlock *b;
  if (not_gc_object(op, site, "PyObject_GC_Track", &b)) return;
  PyGC_Head *g = AS_GC(op);
  if (gc_is_tracked(g)) {
    rt_defect_object(RT_DEFECT_GC_TRACK_TWICE, op, b, site,
                     "PyObject_GC_Track of an object the collector already tracks");
    return;
  }
  check_traverse(op, site);
  gc_list_append(g, GEN_HEAD(0));
}

void PyObject_GC_UnTrack(void *op_raw)
{
  RtBlock *b;
  if (not_gc_object(op_raw, (RtSite){NULL, 0}, "PyObject_GC_UnTrack", &b)) return;
  PyGC_Head *g = AS_GC(op_raw);
  if (gc_is_tracked(g)) {
    gc_list_remove(g);
    g->_gc_prev &= PREV_MASK_FINALIZED;
  }
}

void (PyObject_GC_Del)(void *op_raw)
{
  PyObject *op = op_raw;
  RtSite del_site = {_rt_site_file, _rt_site_line};  /* left for the free */
  if (rt_release_site.file != NULL) del_site = rt_release_site;
  RtBlock *b;
  if (not_gc_object(op, del_site, "PyObject_GC_Del", &b)) {
    (PyObject_Free)(op);   /* free it as what it is */
    return;
  }
  PyGC_Head *g = AS_GC(op);
  if (gc_is_tracked(g)) {
    rt_defect_object(RT_DEFECT_GC_FREE_TRACKED, op, b, del_site,
                     "PyObject_GC_Del of an object still tracked by the collector (missing "
                     "PyObject_GC_UnTrack in tp_dealloc)");
    gc_list_remove(g);
  }
  if (gcs.gen[0].count > 0) gcs.gen[0].count--;
  (PyObject_Free)(g);
}

int PyObject_IS_GC(PyObject *op) { return is_gc(op); }
int PyObject_GC_IsTracked(PyObject *op) { return is_gc(op) && gc_is_tracked(AS_GC(op)); }
int PyObject_GC_IsFinalized(PyObject *op)
{
  return is_gc(op) && (AS_GC(op)->_gc_prev & PREV_MASK_FINALIZED) != 0;
}

static Py_ssize_t collect_guarded(int generation)
{
  if (!gcs.ready) rt_gc_init();
  if (gcs.collecting) return 0;
  gcs.collecting = 1;
  Py_ssize_t n = collect(generation);
  gcs.collecting = 0;
  return n;
}

Py_ssize_t PyGC_Collect(void) { return gcs.enabled ? collect_guarded(NUM_GENERATIONS - 1) : 0; }
Py_ssize_t rt_gc_collect_nofail(void) { return collect_guarded(NUM_GENERATIONS - 1); }
Py_ssize_t rt_gc_collect_generation(int generation)
{
  if (generation < 0 || generation >= NUM_GENERATIONS) return -1;
  return collect_guarded(generation);
}

int PyGC_Enable(void)
{
  int old = gcs.enabled;
  gcs.enabled = 1;
  return old;
}

int PyGC_Disable(void)
{
  int old = gcs.enabled;
  gcs.enabled = 0;
  return old;
}

int PyGC_IsEnabled(void) { return gcs.enabled; }
void rt_gc_set_stress(int on) { gcs.stress = on != 0; }

void rt_gc_set_threshold(int t0, int t1, int t2)
{
  gcs.gen[0].threshold = t0;
  gcs.gen[1].threshold = t1;
  gcs.gen[2].threshold = t2;
}

void rt_gc_get_threshold(int out[3])
{
  for (int i = 0; i < NUM_GENERATIONS; i++) out[i] = gcs.gen[i].threshold;
}

void rt_gc_get_count(int out[3])
{
  for (int i = 0; i < NUM_GENERATIONS; i++) out[i] = gcs.gen[i].count;
}

size_t rt_gc_collections(int generation)
{
  return generation >= 0 && generation < NUM_GENERATIONS ? gcs.collections[generation] : 0;
}

int rt_gc_generation_of(const void *op)
{
  if (!gcs.ready) return -1;
  const PyGC_Head *target = AS_GC(op);
  for (int i = 0; i < NUM_GENERATIONS; i++)
    for (PyGC_Head *g = gc_next(GEN_HEAD(i)); g != GEN_HEAD(i); g = gc_next(g))
      if (g == target) return i;
  return -1;
}

/* --- walking, for the leak check ------------------------------------------------------------------*/
typedef struct {
  PyObject *holder;
  void (*visit)(PyObject *holder, PyObject *target, void *ctx);
  void *ctx;
} RefWalk;

static int visit_walk(PyObject *op, void *arg)
{
  RefWalk *w = arg;
  if (target_ok(op)) w->visit(w->holder, op, w->ctx);
  return 0;
}

void rt_gc_each_reference(void (*visit)(PyObject *holder, PyObject *target, void *ctx), void *ctx)
{
  if (!gcs.ready) return;
  for (int i = 0; i < NUM_GENERATIONS; i++)
    for (PyGC_Head *g = gc_next(GEN_HEAD(i)); g != GEN_HEAD(i); g = gc_next(g)) {
      PyObject *op = FROM_GC(g);
      RefWalk w = {op, visit, ctx};
      traverseproc traverse = Py_TYPE(op)->tp_traverse;
      if (traverse != NULL) (void)traverse(op, visit_walk, &w);
    }
}

typedef struct {
  PyObject *op;
  size_t index;          /* into the caller's targets and counts */
} HolderKey;

typedef struct {
  HolderKey *keys;       /* sorted by address */
  size_t n;
  Py_ssize_t *counts;
} HolderCount;

static int cmp_holder_key(const void *a, const void *b)
{
  uintptr_t x = (uintptr_t)((const HolderKey *)a)->op, y = (uintptr_t)((const HolderKey *)b)->op;
  return x < y ? -1 : x > y;
}

static void count_holder(PyObject *holder, PyObject *target, void *ctx)
{
  HolderCount *hc = ctx;
  HolderKey key = {target, 0};
  (void)holder;
  HolderKey *k = bsearch(&key, hc->keys, hc->n, sizeof *hc->keys, cmp_holder_key);
  if (k == NULL) return;
  /* the same object may be listed more than once: count it for each */
  while (k > hc->keys && k[-1].op == target) k--;
  for (; k < hc->keys + hc->n && k->op == target; k++) hc->counts[k->index]++;
}

void rt_gc_count_holders(PyObject *const *targets, size_t n, Py_ssize_t *counts)
{
  for (size_t i = 0; i < n; i++) counts[i] = 0;
  if (n == 0) return;
  HolderKey *keys = malloc(n * sizeof *keys);   /* system memory: not a block of the check */
  if (keys == NULL) return;                     /* no count: every change is then reported */
  for (size_t i = 0; i < n; i++) keys[i] = (HolderKey){targets[i], i};
  qsort(keys, n, sizeof *keys, cmp_holder_key);
  HolderCount hc = {keys, n, counts};
  rt_gc_each_reference(count_holder, &hc);
  free(keys);
}

void rt_gc_each_tracked(void (*fn)(PyObject *op, void *ctx), void *ctx)
{
  if (!gcs.ready) return;
  for (int i = 0; i < NUM_GENERATIONS; i++)
    for (PyGC_Head *g = gc_next(GEN_HEAD(i)); g != GEN_HEAD(i); g = gc_next(g)) fn(FROM_GC(g), ctx);
}
