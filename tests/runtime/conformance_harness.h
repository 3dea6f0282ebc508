/* conformance_harness.h — measuring, by execution, what a C-API call does to the references of its
 * arguments and to its result, for test_capi_conformance.c.
 *
 * A driver builds the arguments, names the object parameters in the order refcounts.dat lists
 * them (CONF_BEGIN(A(o), OUTP(&p), ...)), makes the call, and hands over the result (CONF_RET)
 * or nothing (CONF_VOID). Around the call the harness measures, for every object concerned:
 *   refcnt   the object's count (0 once it is freed: the debug layer knows freed blocks);
 *   held     the references to it that live containers report through tp_traverse, plus the
 *            error indicator's and the handled exception's;
 *   owned    refcnt - held: the references nobody visible holds, i.e. the caller's.
 * From the deltas: a new result has owned +1, a borrowed one 0; an argument the callee stole has
 * owned -1 with an unchanged count; one the callee keeps a new reference to has refcnt +1 or more
 * with owned unchanged. When the result is one of the arguments, the result's reference is not
 * counted against the argument.
 *
 * Needs the oracle library (the debug layer's live list) and the runtime's internals
 * (rt_capi.h). The harness allocates only from the system, so measuring never disturbs the
 * families, fault injection or the leak check. Header-only: included once.
 */
#ifndef CONFORMANCE_HARNESS_H
#define CONFORMANCE_HARNESS_H

#include <stdlib.h>
#include <string.h>
#include "rt_capi.h"

typedef struct {
  PyObject *obj;     /* an object argument (NULL: not measured) */
  PyObject **out;    /* or a PyObject ** out-parameter */
} ConfArg;

typedef struct {
  int begun, ended;
  int nargs;
  ConfArg args[8];
  Py_ssize_t rc_before[8], held_before[8];
  PyObject *out_before[8];
  /* measured */
  int has_result;
  PyObject *result;
  long result_owned;             /* owned delta of the result */
  long arg_rc[8], arg_owned[8];  /* deltas of each object argument */
  long out_owned[8];             /* owned delta of the object an out-parameter received */
  int out_set[8];                /* the out-parameter holds an object after the call */
  int arg_measured[8];
} ConfCall;

static ConfCall conf;

/* --- pointer -> count maps in system memory ---------------------------------------------------*/
typedef struct {
  uintptr_t key;
  Py_ssize_t a, b;   /* held: a = count; snapshot: a = refcnt, b = held */
} ConfSlot;

typedef struct {
  ConfSlot *v;
  size_t cap, n;
} ConfMap;

static ConfMap held_map, snap_map;

static void map_reset(ConfMap *m, size_t want)
{
  size_t cap = 1024;
  while (cap < want * 2) cap *= 2;
  if (cap > m->cap) {
    free(m->v);
    m->v = malloc(cap * sizeof(ConfSlot));
    m->cap = cap;
  }
  memset(m->v, 0, m->cap * sizeof(ConfSlot));
  m->n = 0;
}

static ConfSlot *map_find(ConfMap *m, const void *p, int create)
{
  uintptr_t key = (uintptr_t)p;
  size_t i = (size_t)((key >> 4) * 11400714819323198485ull) & (m->cap - 1);
  for (;;) {
    ConfSlot *s = &m->v[i];
    if (s->key == key) return s;
    if (s->key == 0) {
      if (!create) return NULL;
      if ((m->n + 1) * 2 > m->cap) return NULL;   /* full: sized generously, cannot happen */
      s->key = key;
      m->n++;
      return s;
    }
    i = (i + 1) & (m->cap - 1);
  }
}

/* --- held references --------------------------------------------------------------------------*/
static size_t count_live(void)
{
  size_t n = 0;
  for (RtBlock *b = rt_debug_live_head(); b != NULL; b = b->next) n++;
  return n + 4096;
}

static void add_held(PyObject *holder, PyObject *target, void *ctx)
{
  (void)holder;
  (void)ctx;
  ConfSlot *s = map_find(&held_map, target, 1);
  if (s) s->a++;
}

static void compute_held(void)
{
  map_reset(&held_map, count_live());
  rt_gc_each_reference(add_held, NULL);
  if (rt_err_current()) add_held(NULL, rt_err_current(), NULL);
  if (rt_err_handled()) add_held(NULL, rt_err_handled(), NULL);
}

static Py_ssize_t held_of(const void *p)
{
  ConfSlot *s = map_find(&held_map, p, 0);
  return s ? s->a : 0;
}

/* Whether op's memory was freed (a quarantined debug block); static objects never are. */
static int is_freed(const void *op)
{
  RtBlock *b = rt_debug_find_object(op);
  return b != NULL && b->state != RT_STATE_LIVE;
}

static Py_ssize_t refcnt_of(PyObject *op) { return is_freed(op) ? 0 : Py_REFCNT(op); }

/* --- snapshot of every object before the call ---------------------------------------------------*/
static void snap_one(PyObject *op)
{
  ConfSlot *s = map_find(&snap_map, op, 1);
  if (s) {
    s->a = Py_REFCNT(op);
    s->b = held_of(op);
  }
}

static void snap_static(PyObject *op, void *ctx)
{
  (void)ctx;
  snap_one(op);
}

static void snap_type(PyTypeObject *t, void *ctx)
{
  (void)ctx;
  snap_one((PyObject *)t);
}

static void snapshot_all(void)
{
  map_reset(&snap_map, count_live());
  for (RtBlock *b = rt_debug_live_head(); b != NULL; b = b->next) {
    if (!(b->flags & RT_FLAG_OBJECT)) continue;
    uint8_t *data = rt_block_data(b);
    snap_one((PyObject *)(b->flags & RT_FLAG_GC ? data + sizeof(PyGC_Head) : data));
  }
  rt_singletons_each(snap_static, NULL);
  rt_static_types_each(snap_type, NULL);
  snap_one(rt_memory_error_instance());
}

/* The owned count o had before the call, 0 when it did not exist. */
static Py_ssize_t owned_before(PyObject *o)
{
  ConfSlot *s = map_find(&snap_map, o, 0);
  return s ? s->a - s->b : 0;
}

static Py_ssize_t owned_now(PyObject *o) { return is_freed(o) ? 0 : Py_REFCNT(o) - held_of(o); }

/* --- the driver's side --------------------------------------------------------------------------*/
static void conf_watch(PyObject *o)
{
  if (o != NULL) snap_one(o);
}

static void conf_begin(const ConfArg *args, int n)
{
  memset(&conf, 0, sizeof(conf));
  conf.begun = 1;
  conf.nargs = n;
  compute_held();
  snapshot_all();
  for (int i = 0; i < n; i++) {
    conf.args[i] = args[i];
    if (args[i].obj != NULL) {
      snap_one(args[i].obj);   /* static arguments (a PyModuleDef...) are in no list */
      conf.rc_before[i] = Py_REFCNT(args[i].obj);
      conf.held_before[i] = held_of(args[i].obj);
    }
    if (args[i].out != NULL) {
      conf.out_before[i] = *args[i].out;
      if (*args[i].out) snap_one(*args[i].out);
    }
  }
}

static void conf_end(PyObject *result, int has_result)
{
  conf.ended = 1;
  conf.has_result = has_result;
  conf.result = result;
  compute_held();
  if (has_result && result != NULL) conf.result_owned = (long)(owned_now(result) - owned_before(result));
  for (int i = 0; i < conf.nargs; i++) {
    PyObject *o = conf.args[i].obj;
    if (o != NULL) {
      conf.arg_measured[i] = 1;
      conf.arg_rc[i] = (long)(refcnt_of(o) - conf.rc_before[i]);
      conf.arg_owned[i] = (long)(owned_now(o) - (conf.rc_before[i] - conf.held_before[i]));
      if (has_result && result == o) {   /* the result's reference is the result's */
        conf.arg_rc[i] -= conf.result_owned;
        conf.arg_owned[i] -= conf.result_owned;
      }
    }
    if (conf.args[i].out != NULL && *conf.args[i].out != NULL) {
      PyObject *v = *conf.args[i].out;
      conf.out_set[i] = 1;
      conf.out_owned[i] = (long)(owned_now(v) - owned_before(v));
    }
  }
}

#define A(o) {(PyObject *)(o), NULL}
#define OUTP(p) {NULL, (p)}
#define CONF_BEGIN(...)                                                                            \
  do {                                                                                             \
    const ConfArg conf_args_[] = {__VA_ARGS__};                                                    \
    conf_begin(conf_args_, (int)(sizeof(conf_args_) / sizeof(conf_args_[0])));                    \
  } while (0)
#define CONF_BEGIN0() conf_begin(NULL, 0)
#define CONF_RET(expr) conf_end((PyObject *)(expr), 1)
#define CONF_VOID(expr)                                                                            \
  do {                                                                                             \
    (void)(expr);                                                                                  \
    conf_end(NULL, 0);                                                                             \
  } while (0)
#define CONF_STMT(stmt)                                                                            \
  do {                                                                                             \
    stmt;                                                                                          \
    conf_end(NULL, 0);                                                                             \
  } while (0)

#endif
