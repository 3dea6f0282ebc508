/* runner_child.c — one run of one entry point, inside the sandboxed child.
 *
 * The steps, each marked in the shared buffer's `phase` so that a crash can be placed:
 *   LOAD     dlopen the snippet's shared object (lazy binding: a function the runtime lacks fails
 *            only when called) and find its export table;
 *   INIT     Py_Initialize; run the entry's PyInit_ (outside any check) to get the module;
 *   ARGS     build the argument objects; snapshot the counts of the arguments, the module and
 *            the snippet's static types;
 *   CALL     rt_check_begin, arm the fault (allocation k fails), call, disarm;
 *   RELEASE  observe the exception state and the result, then clear and release them;
 *   COLLECT  a full collection, then the count deltas of everything snapshotted;
 *   CHECK    rt_check_end: objects of the call still alive, singleton balance;
 *   CLEANUP  release the arguments;
 * and the records go to the shared buffer: `obs` (the run's facts), `defect` (each runtime defect
 * recorded from the call on), `delta` (each count that changed), or `error` when the run could not
 * be made (the snippet does not load, the module init failed, an argument cannot be built). */
#include "runner.h"

#include <dlfcn.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rc_runner_phase_name(int phase) {
  static const char *const names[] = {"start", "loading the snippet", "initialising the module",
                                      "building the arguments", "the call",
                                      "releasing the result", "the collection",
                                      "the leak check", "releasing the arguments", "done"};
  return phase >= 0 && phase <= RC_PHASE_DONE ? names[phase] : "?";
}

/* Copies the records into the shared buffer (truncated at its size) and sets the length last. */
static void publish(RcRunShared *shared, const RcWireBuf *out) {
  size_t room = RC_RUN_SHARED_SIZE - sizeof *shared - 1, n = out->len < room ? out->len : room;
  if (n) memcpy(shared->data, out->data, n);
  shared->data[n] = '\0';
  __sync_synchronize();
  shared->len = (uint32_t)n;
}

static void error_record(RcWireBuf *out, const char *stage, const char *message) {
  rc_wire_record(out, "error");
  rc_wire_str(out, "stage", stage);
  rc_wire_str(out, "message", message);
  rc_wire_end(out);
}

static const RcOracleExport *find_export(const RcOracleExport *table, const char *name, int kind) {
  for (const RcOracleExport *e = table; e && e->name; e++)
    if (e->kind == kind && strcmp(e->name, name) == 0) return e;
  return NULL;
}

static const char *function_name_at(const RcOracleExport *table, void (*fn)(void)) {
  for (const RcOracleExport *e = table; e && e->name; e++)
    if (e->kind == RC_EXPORT_FUNCTION && e->fn == fn) return e->name;
  return "";
}

static const RcOracleExport *load(const char *so_path, RcWireBuf *out) {
  void *handle = dlopen(so_path, RTLD_LAZY | RTLD_LOCAL);
  if (handle == NULL) {
    const char *why = dlerror();
    error_record(out, "load", why ? why : "dlopen failed");
    return NULL;
  }
  const RcOracleExport *table = dlsym(handle, RC_ORACLE_EXPORTS_SYMBOL);
  if (table == NULL) error_record(out, "load", "the snippet has no export table (not built by pyrefcheck oracle)");
  return table; /* the handle stays open until the child exits */
}

/* --- discover ----------------------------------------------------------------------------------- */

/* Fields of a PyModuleDef (CPython's layout) the runner reads: the name and the method table. */
typedef struct {
  PyObject ob_base;
  PyObject *(*m_init)(void);
  Py_ssize_t m_index;
  PyObject *m_copy;
  const char *m_name;
  const char *m_doc;
  Py_ssize_t m_size;
  const RcMethodDefMirror *m_methods;
  const void *m_slots;
} RcModuleDefMirror;

static const char *table_name_at(const RcOracleExport *table, const void *methods) {
  for (const RcOracleExport *e = table; e && e->name; e++)
    if (e->kind == RC_EXPORT_METHODS && e->data == methods) return e->name;
  return "";
}

/* `slot` records: the slots of a type the oracle calls, each with the file's function that fills
 * it and the kind of call it takes. */
typedef struct {
  RcWireBuf *out;
  const RcOracleExport *table;
  const char *type;
} SlotVisit;

static void slot_record(const RcSlotInfo *slot, void (*fn)(void), void *ctx) {
  SlotVisit *v = ctx;
  rc_wire_record(v->out, "slot");
  rc_wire_str(v->out, "type", v->type);
  rc_wire_str(v->out, "slot", slot->name);
  rc_wire_str(v->out, "kind", rc_slot_kind_name(slot->kind));
  rc_wire_str(v->out, "ret", rc_slot_returns_int(slot->kind) ? "int" : "object");
  rc_wire_str(v->out, "func", function_name_at(v->table, fn));
  rc_wire_end(v->out);
}

/* The first pfunc of `id` in a spec's slots, or NULL. */
static void *spec_slot(const PyType_Spec *spec, int id) {
  for (const PyType_Slot *s = spec->slots; s && s->slot; s++)
    if (s->slot == id) return s->pfunc;
  return NULL;
}

/* A PyType_Spec, described as a type record (spec=1) read from its slots: a heap type without a
 * Py_tp_new inherits object's unless it disallows instantiation. */
static void discover_spec(RcWireBuf *out, const RcOracleExport *table, const RcOracleExport *e) {
  const PyType_Spec *spec = e->data;
  rc_wire_record(out, "type");
  rc_wire_str(out, "name", e->name);
  rc_wire_str(out, "tp_name", spec->name);
  rc_wire_int(out, "spec", 1);
  rc_wire_str(out, "methods", table_name_at(table, spec_slot(spec, Py_tp_methods)));
  rc_wire_int(out, "flags", (long long)spec->flags);
  rc_wire_int(out, "has_new", spec_slot(spec, Py_tp_new) != NULL ||
                                  !(spec->flags & Py_TPFLAGS_DISALLOW_INSTANTIATION));
  rc_wire_str(out, "init_func", function_name_at(table, (void (*)(void))spec_slot(spec, Py_tp_init)));
  rc_wire_str(out, "new_func", function_name_at(table, (void (*)(void))spec_slot(spec, Py_tp_new)));
  rc_wire_int(out, "has_iter", spec_slot(spec, Py_tp_iter) != NULL || spec_slot(spec, Py_tp_iternext) != NULL);
  rc_wire_end(out);
  SlotVisit v = {out, table, e->name};
  rc_slot_each(NULL, spec, slot_record, &v);
}

int rc_runner_child_discover(const char *so_path, RcRunShared *shared) {
  RcWireBuf out = {0};
  shared->phase = RC_PHASE_LOAD;
  const RcOracleExport *table = load(so_path, &out);
  for (const RcOracleExport *e = table; e && e->name; e++) {
    switch (e->kind) {
    case RC_EXPORT_FUNCTION:
      rc_wire_record(&out, "function");
      rc_wire_str(&out, "name", e->name);
      rc_wire_end(&out);
      break;
    case RC_EXPORT_METHODS: {
      const RcMethodDefMirror *m = e->data;
      for (int i = 0; m[i].ml_name != NULL && i < 4096; i++) {
        rc_wire_record(&out, "method");
        rc_wire_str(&out, "table", e->name);
        rc_wire_int(&out, "index", i);
        rc_wire_str(&out, "name", m[i].ml_name);
        rc_wire_str(&out, "func", function_name_at(table, m[i].ml_meth));
        rc_wire_int(&out, "flags", m[i].ml_flags);
        rc_wire_end(&out);
      }
      break;
    }
    case RC_EXPORT_SPEC: discover_spec(&out, table, e); break;
    case RC_EXPORT_TYPE: {
      const PyTypeObject *tp = e->data;
      rc_wire_record(&out, "type");
      rc_wire_str(&out, "name", e->name);
      rc_wire_str(&out, "tp_name", tp->tp_name);
      rc_wire_str(&out, "methods", table_name_at(table, tp->tp_methods));
      rc_wire_int(&out, "flags", (long long)tp->tp_flags);
      rc_wire_int(&out, "has_new", tp->tp_new != NULL);
      rc_wire_str(&out, "init_func", function_name_at(table, (void (*)(void))tp->tp_init));
      rc_wire_str(&out, "new_func", function_name_at(table, (void (*)(void))tp->tp_new));
      rc_wire_int(&out, "has_iter", tp->tp_iter != NULL || tp->tp_iternext != NULL);
      rc_wire_end(&out);
      SlotVisit v = {&out, table, e->name};
      rc_slot_each(tp, NULL, slot_record, &v);
      break;
    }
    case RC_EXPORT_MODULEDEF: {
      const RcModuleDefMirror *def = e->data;
      rc_wire_record(&out, "moduledef");
      rc_wire_str(&out, "name", e->name);
      rc_wire_str(&out, "m_name", def->m_name);
      rc_wire_str(&out, "methods", table_name_at(table, def->m_methods));
      rc_wire_int(&out, "slots", def->m_slots != NULL);
      rc_wire_end(&out);
      break;
    }
    default: break;
    }
  }
  shared->phase = RC_PHASE_DONE;
  publish(shared, &out);
  rc_wire_free(&out);
  return 0;
}

/* --- one run ---------------------------------------------------------------------------------- */

typedef PyObject *(*Fn0)(void);
typedef PyObject *(*Fn1)(PyObject *);
typedef PyObject *(*Fn2)(PyObject *, PyObject *);
typedef PyObject *(*Fn3)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*Fn4)(PyObject *, PyObject *, PyObject *, PyObject *);
typedef PyObject *(*Fn5)(PyObject *, PyObject *, PyObject *, PyObject *, PyObject *);
typedef PyObject *(*Fn6)(PyObject *, PyObject *, PyObject *, PyObject *, PyObject *, PyObject *);
typedef int (*IntFn0)(void);
typedef int (*IntFn1)(PyObject *);
typedef int (*IntFn2)(PyObject *, PyObject *);
typedef int (*IntFn3)(PyObject *, PyObject *, PyObject *);
typedef void (*VoidFn1)(PyObject *);
typedef void (*VoidFn2)(PyObject *, PyObject *);
typedef PyObject *(*FastFn)(PyObject *, PyObject *const *, Py_ssize_t);
typedef PyObject *(*FastKwFn)(PyObject *, PyObject *const *, Py_ssize_t, PyObject *);
typedef PyObject *(*TupleNewFn)(Py_ssize_t);
typedef int (*TupleSetFn)(PyObject *, Py_ssize_t, PyObject *);

typedef RcCallResult CallResult;
typedef PyObject *(*MethodFn)(PyObject *, PyTypeObject *, PyObject *const *, Py_ssize_t, PyObject *);

/* Calls a plain function with its parameters: the module first when it takes one. */
static int call_plain(void (*fn)(void), const RcRunEntry *e, PyObject *module, PyObject **args,
                      size_t nargs, CallResult *r, char *why, size_t whysize) {
  PyObject *a[6] = {0};
  size_t n = 0;
  if (e->self_module) a[n++] = module;
  for (size_t i = 0; i < nargs && n < 6; i++) a[n++] = args[i];
  if ((int)n != e->nparams) {
    snprintf(why, whysize, "%s takes %d parameters, the argument set gives %zu", e->name,
             e->nparams, n);
    return -1;
  }
  if (e->ret == RC_RET_OBJECT) {
    switch (n) {
    case 0: r->object = ((Fn0)fn)(); break;
    case 1: r->object = ((Fn1)fn)(a[0]); break;
    case 2: r->object = ((Fn2)fn)(a[0], a[1]); break;
    case 3: r->object = ((Fn3)fn)(a[0], a[1], a[2]); break;
    case 4: r->object = ((Fn4)fn)(a[0], a[1], a[2], a[3]); break;
    case 5: r->object = ((Fn5)fn)(a[0], a[1], a[2], a[3], a[4]); break;
    default: r->object = ((Fn6)fn)(a[0], a[1], a[2], a[3], a[4], a[5]); break;
    }
  } else if (e->ret == RC_RET_INT) {
    switch (n) {
    case 0: r->value = ((IntFn0)fn)(); break;
    case 1: r->value = ((IntFn1)fn)(a[0]); break;
    case 2: r->value = ((IntFn2)fn)(a[0], a[1]); break;
    case 3: r->value = ((IntFn3)fn)(a[0], a[1], a[2]); break;
    default:
      snprintf(why, whysize, "%s: an int function of more than 3 parameters", e->name);
      return -1;
    }
  } else {
    switch (n) {
    case 1: ((VoidFn1)fn)(a[0]); break;
    case 2: ((VoidFn2)fn)(a[0], a[1]); break;
    default:
      snprintf(why, whysize, "%s: a void function of %zu parameters", e->name, n);
      return -1;
    }
  }
  r->returned = 1;
  return 0;
}

/* Builds the argument tuple of a METH_VARARGS call (a value of the set, outside the window). */
static PyObject *make_tuple(RcValues *values, char *why, size_t whysize) {
  TupleNewFn make = (TupleNewFn)rc_capi_lookup("PyTuple_New");
  TupleSetFn set = (TupleSetFn)rc_capi_lookup("PyTuple_SetItem");
  if (make == NULL || set == NULL) {
    snprintf(why, whysize, "a METH_VARARGS call needs PyTuple_New, which the runtime has no yet");
    return NULL;
  }
  PyObject *t = make((Py_ssize_t)values->ntop);
  if (t == NULL) {
    snprintf(why, whysize, "PyTuple_New failed");
    return NULL;
  }
  for (size_t i = 0; i < values->ntop; i++) {
    Py_IncRef(values->top[i]);
    set(t, (Py_ssize_t)i, values->top[i]);
  }
  if (values->count < RC_VALUES_MAX) { /* watched like the arguments, under its own name */
    Py_IncRef(t);
    values->obj[values->count] = t;
    snprintf(values->path[values->count], sizeof values->path[0], "the argument tuple");
    values->count++;
  }
  return t;
}

/* Runs a module initialiser as the import system does: a single-phase one returns the module; a
 * multi-phase one returns its PyModuleDef, from which the module is created with a spec naming
 * it (`PyInit_x` gives "x") and its Py_mod_exec slots are run. Returns a new reference, or NULL
 * with the failure's exception set (or none, when the initialiser returned NULL without one). */
static PyObject *init_module(void (*init)(void), const char *init_name, char *why, size_t size) {
  PyObject *m = ((PyObject * (*)(void)) init)();
  void *moduledef_type = rc_capi_lookup("PyModuleDef_Type");
  if (m == NULL || moduledef_type == NULL || (void *)Py_TYPE(m) != moduledef_type) return m;
  typedef PyObject *(*NewFn)(const char *);
  typedef int (*SetAttrFn)(PyObject *, const char *, PyObject *);
  typedef PyObject *(*FromDefFn)(void *, PyObject *, int);
  typedef int (*ExecFn)(PyObject *, void *);
  NewFn module_new = (NewFn)rc_capi_lookup("PyModule_New");
  NewFn str = (NewFn)rc_capi_lookup("PyUnicode_FromString");
  SetAttrFn set_attr = (SetAttrFn)rc_capi_lookup("PyObject_SetAttrString");
  FromDefFn from_def = (FromDefFn)rc_capi_lookup("PyModule_FromDefAndSpec2");
  ExecFn exec = (ExecFn)rc_capi_lookup("PyModule_ExecDef");
  if (!module_new || !str || !set_attr || !from_def || !exec) {
    snprintf(why, size, "multi-phase initialisation needs PyModule_FromDefAndSpec2 and "
                        "PyModule_ExecDef, which the runtime has not yet");
    return NULL;
  }
  const char *name = strncmp(init_name, "PyInit_", 7) == 0 ? init_name + 7 : init_name;
  PyObject *spec = module_new("ModuleSpec"), *text = str(name), *module = NULL;
  if (spec != NULL && text != NULL && set_attr(spec, "name", text) == 0) {
    module = from_def(m, spec, 1013);
    if (module != NULL && exec(module, m) < 0) {
      Py_DecRef(module);
      module = NULL;
    }
  }
  if (spec) Py_DecRef(spec);
  if (text) Py_DecRef(text);
  return module;
}

typedef PyObject *(*CallFn)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*UnaryFn)(PyObject *);

/* An instance of `type` for a method's self: the type called with the literal (outside the
 * window). Returns a new reference, or NULL with why[] set. */
static PyObject *make_instance(PyObject *type, const char *literal, char *why, size_t size) {
  CallFn call = (CallFn)rc_capi_lookup("PyObject_Call");
  RcValues args;
  if (call == NULL) {
    snprintf(why, size, "making an instance needs PyObject_Call, which the runtime has not yet");
    return NULL;
  }
  if (rc_values_build(literal, &args) < 0) {
    snprintf(why, size, "%s", args.error);
    return NULL;
  }
  PyObject *tuple = make_tuple(&args, why, size), *obj = NULL;
  if (tuple != NULL) {
    obj = call(type, tuple, NULL);
    if (obj == NULL) {
      const char *exc = NULL, *source = NULL;
      rc_capi_exc_pending(&exc, &source);
      snprintf(why, size, "%s%s could not be instantiated for its methods%s%s",
               ((PyTypeObject *)type)->tp_name, literal, exc ? ": " : "", exc ? exc : "");
      rc_capi_exc_clear();
    }
    Py_DecRef(tuple);
  }
  rc_values_release(&args);
  return obj;
}

/* A type's life inside the window: the instance made with `args`, iterated to its end when the
 * type is iterable (each item dropped), and returned to be dropped as the result. NULL with an
 * exception when construction or iteration failed. */
static PyObject *live_through(PyObject *type, PyObject *args) {
  CallFn call = (CallFn)rc_capi_lookup("PyObject_Call");
  UnaryFn get_iter = (UnaryFn)rc_capi_lookup("PyObject_GetIter");
  UnaryFn next = (UnaryFn)rc_capi_lookup("PyIter_Next");
  typedef PyObject *(*OccurredFn)(void);
  OccurredFn occurred = (OccurredFn)rc_capi_lookup("PyErr_Occurred");
  if (call == NULL) return NULL;
  PyObject *obj = call(type, args, NULL);
  if (obj == NULL || Py_TYPE(obj)->tp_iter == NULL || !get_iter || !next || !occurred) return obj;
  PyObject *it = get_iter(obj), *item;
  if (it == NULL) {
    Py_DecRef(obj);
    return NULL;
  }
  while ((item = next(it)) != NULL) Py_DecRef(item);
  Py_DecRef(it);
  if (occurred() != NULL) {
    Py_DecRef(obj);
    return NULL;
  }
  return obj;
}

/* Writes the most telling site of the snippet for a defect: its own site when that is in the
 * snippet, else the last ledger event in the snippet (the INCREF or DECREF that went wrong). */
static void snippet_site(RcWireBuf *out, const RtDefect *d, const char *snippet) {
  const char *file = NULL;
  int line = 0;
  if (d->site_file && strcmp(d->site_file, snippet) == 0) {
    file = d->site_file;
    line = d->site_line;
  } else {
    int want = d->kind == RT_DEFECT_LEAK ? +1 : -1;
    for (size_t i = d->history_len; i-- > 0 && file == NULL;)
      if (d->history[i].file && strcmp(d->history[i].file, snippet) == 0 &&
          d->history[i].delta == want) {
        file = d->history[i].file;
        line = d->history[i].line;
      }
  }
  if (file) {
    char text[32];
    snprintf(text, sizeof text, "%d", line);
    rc_wire_str(out, "snippet_line", text);
  }
}

/* Whether `op` is held by an object the same check reports as leaked: its address is in the
 * leaked object's memory (the fixed part, tp_basicsize). An object kept alive by a leaked holder
 * whose type has no tp_traverse (a non-GC struct holding a list) is that leak's consequence. */
static int held_by_leak(const void *op, size_t first_defect) {
  for (size_t i = first_defect; i < rt_defect_count(); i++) {
    const RtDefect *d = rt_defect_get(i);
    if (d->kind != RT_DEFECT_LEAK || d->object == NULL || d->object == op) continue;
    const PyObject *holder = d->object;
    Py_ssize_t size = Py_TYPE(holder)->tp_basicsize;
    const void *const *slot = (const void *const *)holder;
    for (Py_ssize_t k = 0; k < size / (Py_ssize_t)sizeof(void *); k++)
      if (slot[k] == op) return 1;
  }
  return 0;
}

static void defect_record(RcWireBuf *out, const RtDefect *d, const char *snippet, const char *about) {
  rc_wire_record(out, "defect");
  rc_wire_str(out, "kind", rt_defect_kind_name(d->kind));
  rc_wire_str(out, "type", d->type_name);
  rc_wire_str(out, "alloc_file", d->alloc_file);
  rc_wire_int(out, "alloc_line", d->alloc_line);
  rc_wire_str(out, "site_file", d->site_file);
  rc_wire_int(out, "site_line", d->site_line);
  rc_wire_int(out, "refcnt", (long long)d->refcnt);
  rc_wire_str(out, "message", d->message);
  rc_wire_str(out, "consequence", d->consequence);
  if (about) rc_wire_str(out, "about", about);
  snippet_site(out, d, snippet);
  rc_wire_end(out);
}

/* What a watched object is to the call, for a defect about it. */
static const char *about_object(const void *op, const RcValues *values, PyObject *module,
                                PyObject *result) {
  if (op == NULL) return NULL;
  if (result != NULL && op == (const void *)result) return "result";
  if (module != NULL && op == (const void *)module) return "module";
  for (size_t i = 0; i < values->count; i++)
    if (op == (const void *)values->obj[i]) return values->path[i];
  return NULL;
}

/* The references to singletons an instance made before the window holds from its construction.
 * Dropping it inside the window releases them; they are given back then, so that neither the
 * singleton balance nor an argument that is the same singleton (the int 1, None) shows a release
 * the call did not make. What is given back is at most what construction took and at most what
 * the drop released (an instance the call kept alive releases nothing): what the call itself did
 * to singletons, through self or not, is still measured. */
#define MAX_HELD 512
typedef struct {
  PyObject *op[MAX_HELD];
  Py_ssize_t count[MAX_HELD];
  size_t n;
} SingletonCounts;

static void count_singleton(PyObject *op, void *ctx) {
  SingletonCounts *c = ctx;
  if (c->n < MAX_HELD) {
    c->op[c->n] = op;
    c->count[c->n++] = Py_REFCNT(op);
  }
}

/* Per singleton (every snapshot taken with rt_singletons_each, in its order): construction took
 * with - before, the drop released pre_drop - post_drop; the smaller is given back, and recorded
 * in given->count (given->op: the singletons). */
static void give_back(const SingletonCounts *before, const SingletonCounts *with,
                      const SingletonCounts *pre_drop, SingletonCounts *given) {
  given->n = 0;
  for (size_t i = 0; i < before->n && i < with->n && i < pre_drop->n; i++) {
    Py_ssize_t took = with->count[i] - before->count[i];
    Py_ssize_t released = pre_drop->count[i] - Py_REFCNT(pre_drop->op[i]);
    Py_ssize_t k = took < released ? took : released;
    given->op[given->n] = with->op[i];
    given->count[given->n++] = k > 0 ? k : 0;
    for (; k > 0; k--) Py_IncRef(with->op[i]);
  }
}

/* How many references a tracked instance's tp_traverse reports to each value (its holder counts
 * are in the values' "held before"): those given back after its drop must leave that count too,
 * or the reference would be both given back and discounted as a holder's. */
typedef struct {
  const RcValues *values;
  Py_ssize_t *counts;
} TraverseCount;

static int count_visit(PyObject *op, void *ctx) {
  TraverseCount *t = ctx;
  for (size_t i = 0; i < t->values->count; i++)
    if (t->values->obj[i] == op) t->counts[i]++;
  return 0;
}

static void instance_holds(PyObject *instance, const RcValues *values, Py_ssize_t *counts) {
  memset(counts, 0, values->count * sizeof *counts);
  traverseproc traverse = Py_TYPE(instance)->tp_traverse;
  if (traverse == NULL || rt_gc_generation_of(instance) < 0) return; /* not a tracked holder */
  TraverseCount t = {values, counts};
  traverse(instance, count_visit, &t);
}

static Py_ssize_t given_for(const SingletonCounts *given, const PyObject *op) {
  for (size_t i = 0; i < given->n; i++)
    if (given->op[i] == op) return given->count[i];
  return 0;
}

int rc_runner_child_run(const RcRunSpec *spec, RcRunShared *shared) {
  const RcRunEntry *e = spec->entry;
  prctl(PR_SET_PDEATHSIG, SIGKILL); /* the run dies with the process that supervises it */
  rc_run_shared = shared;
  RcWireBuf out = {0};
  RcValues values;
  memset(&values, 0, sizeof values);
  char why[256] = "";
  PyObject *module = NULL, *tuple = NULL;

  shared->phase = RC_PHASE_LOAD;
  const RcOracleExport *table = load(spec->so_path, &out);
  if (table == NULL) goto out;

  /* the function to call */
  void (*fn)(void) = NULL;
  RcConv conv = e->conv;
  if (e->table[0]) {
    const RcOracleExport *t = find_export(table, e->table, RC_EXPORT_METHODS);
    if (t == NULL) {
      error_record(&out, "load", "method table not found");
      goto out;
    }
    const RcMethodDefMirror *m = (const RcMethodDefMirror *)t->data + e->index;
    fn = m->ml_meth;
  } else if (conv != RC_CONV_TYPE && conv != RC_CONV_SLOT) {
    const RcOracleExport *f = find_export(table, e->func, RC_EXPORT_FUNCTION);
    if (f == NULL) {
      error_record(&out, "load", "function not found in the snippet");
      goto out;
    }
    fn = f->fn;
  }

  shared->phase = RC_PHASE_INIT;
  Py_Initialize();
  rc_capi_exc_begin();
  if (e->init[0] && conv != RC_CONV_INIT) {
    const RcOracleExport *init = find_export(table, e->init, RC_EXPORT_FUNCTION);
    if (init == NULL) {
      error_record(&out, "init", "the module initialiser is not in the snippet");
      goto out;
    }
    module = init_module(init->fn, e->init, why, sizeof why);
    if (module == NULL) {
      const char *exc = NULL, *source = NULL;
      if (why[0] == '\0') {
        rc_capi_exc_pending(&exc, &source);
        snprintf(why, sizeof why, "%s failed%s%s", e->init, exc ? " with " : " without an exception",
                 exc ? exc : "");
      }
      error_record(&out, "init", why);
      goto out;
    }
    rc_capi_exc_clear();
  }

  PyObject *type = NULL, *instance = NULL, *heap_type = NULL;
  static SingletonCounts before_instance, with_instance, before_drop, given;
  static Py_ssize_t instance_held[RC_VALUES_MAX];
  if (e->type[0]) {
    const RcOracleExport *t = find_export(table, e->type, RC_EXPORT_TYPE);
    const RcOracleExport *from_spec = t ? NULL : find_export(table, e->type, RC_EXPORT_SPEC);
    if (t == NULL && from_spec == NULL) {
      error_record(&out, "init", "the type is not in the snippet");
      goto out;
    }
    if (from_spec != NULL) { /* a heap type: the one the module added, else made from the spec now */
      heap_type = rc_type_from_spec((PyType_Spec *)from_spec->data, module, why, sizeof why);
      if (heap_type == NULL) {
        error_record(&out, "init", why);
        goto out;
      }
      type = heap_type;
    } else {
      type = (PyObject *)t->data;
      typedef int (*ReadyFn)(PyObject *);
      ReadyFn ready = (ReadyFn)rc_capi_lookup("PyType_Ready");
      if (ready == NULL || ready(type) < 0) { /* a no-op when the module's initialiser did it */
        error_record(&out, "init", ready ? "PyType_Ready failed" : "the runtime has no PyType_Ready yet");
        goto out;
      }
    }
    if (conv != RC_CONV_TYPE && e->bind == RC_BIND_INSTANCE) {
      /* a method or a slot: self is an instance made before the window */
      rt_singletons_each(count_singleton, &before_instance);
      instance = make_instance(type, e->instance[0] ? e->instance : "()", why, sizeof why);
      if (instance == NULL) {
        error_record(&out, "init", why);
        goto out;
      }
      rt_singletons_each(count_singleton, &with_instance);
    }
  }

  shared->phase = RC_PHASE_ARGS;
  const char *literal = spec->argset < e->nargsets ? e->argsets[spec->argset] : "()";
  if (rc_values_build(literal, &values) < 0) {
    error_record(&out, "args", values.error);
    goto out;
  }
  RcSlotCall slot_call;
  if (conv == RC_CONV_SLOT &&
      rc_type_slot_prepare(&slot_call, (PyTypeObject *)type, e->slot, values.top, values.ntop, why,
                           sizeof why) < 0) {
    error_record(&out, "args", why);
    goto out;
  }
  if (conv == RC_CONV_VARARGS || conv == RC_CONV_VARARGS_KW || conv == RC_CONV_TYPE ||
      (conv == RC_CONV_SLOT && slot_call.info->kind == RC_SLOT_CALL)) {
    tuple = make_tuple(&values, why, sizeof why);
    if (tuple == NULL) {
      error_record(&out, "args", why);
      goto out;
    }
  }
  if (conv == RC_CONV_O && values.ntop != 1) {
    error_record(&out, "args", "a METH_O function takes exactly one argument");
    goto out;
  }
  if (conv == RC_CONV_NOARGS && values.ntop != 0) {
    error_record(&out, "args", "a METH_NOARGS function takes no argument");
    goto out;
  }
  /* snapshot: arguments (with the guard each holds), the module, the snippet's static types */
  PyObject *globals[64];
  Py_ssize_t globals_before[64];
  const char *globals_name[64];
  size_t nglobals = 0;
  if (module) {
    globals[nglobals] = module;
    globals_name[nglobals++] = "module";
  }
  /* the snippet's static types; not for an initialiser, whose PyType_Ready gives each type the
   * references its dict's descriptors hold for ever */
  for (const RcOracleExport *x = table; x->name && nglobals < 64 && conv != RC_CONV_INIT; x++)
    if (x->kind == RC_EXPORT_TYPE) {
      globals[nglobals] = (PyObject *)x->data;
      globals_name[nglobals++] = x->name;
    }
  if (heap_type && nglobals < 64 && conv != RC_CONV_INIT) {
    globals[nglobals] = heap_type; /* its instances hold it: a dealloc that forgets shows here */
    globals_name[nglobals++] = ((PyTypeObject *)heap_type)->tp_name;
  }
  if (instance && nglobals < 64) {
    globals[nglobals] = instance;
    globals_name[nglobals++] = "self";
  }
  for (size_t i = 0; i < nglobals; i++) globals_before[i] = Py_REFCNT(globals[i]);
  for (size_t i = 0; i < values.count; i++) values.before[i] = Py_REFCNT(values.obj[i]);
  /* and the references tracked containers hold to each: a reference an argument list or the
   * module's dict takes during the call is theirs, not a leak (nor one they drop a release) */
  Py_ssize_t held_before[RC_VALUES_MAX], held_after[RC_VALUES_MAX];
  rt_gc_count_holders(values.obj, values.count, held_before);
  if (instance) instance_holds(instance, &values, instance_held);

  /* the call, with the fault armed only around it */
  shared->phase = RC_PHASE_CALL;
  CallResult r = {0};
  size_t defects_before = rt_defect_count();
  rc_capi_exc_begin();
  rt_check_begin();
  if (spec->fail_alloc > 0) rt_set_nomemory(spec->fail_alloc - 1, spec->fail_alloc);
  else rt_alloc_count_reset();
  rc_gate_arm(spec->fail_call);
  PyObject *self = conv == RC_CONV_PLAIN ? NULL : instance ? instance : module;
  if (type != NULL && conv != RC_CONV_TYPE && e->bind != RC_BIND_INSTANCE)
    self = e->bind == RC_BIND_CLASS ? type : NULL;
  PyObject **argv = values.top;
  Py_ssize_t argc = (Py_ssize_t)values.ntop;
  int call_rc = 0;
  switch (conv) {
  case RC_CONV_INIT: r.object = init_module(fn, e->name, why, sizeof why); r.returned = 1; break;
  case RC_CONV_NOARGS: r.object = ((Fn2)fn)(self, NULL); r.returned = 1; break;
  case RC_CONV_O: r.object = ((Fn2)fn)(self, argv[0]); r.returned = 1; break;
  case RC_CONV_VARARGS: r.object = ((Fn2)fn)(self, tuple); r.returned = 1; break;
  case RC_CONV_VARARGS_KW: r.object = ((Fn3)fn)(self, tuple, NULL); r.returned = 1; break;
  case RC_CONV_FASTCALL: r.object = ((FastFn)fn)(self, argv, argc); r.returned = 1; break;
  case RC_CONV_FASTCALL_KW: r.object = ((FastKwFn)fn)(self, argv, argc, NULL); r.returned = 1; break;
  case RC_CONV_PLAIN: call_rc = call_plain(fn, e, module, argv, values.ntop, &r, why, sizeof why); break;
  case RC_CONV_TYPE: r.object = live_through(type, tuple); r.returned = 1; break;
  case RC_CONV_SLOT: rc_type_slot_invoke(&slot_call, self, tuple, &r); break;
  case RC_CONV_METHOD:
    r.object = ((MethodFn)fn)(self, (PyTypeObject *)type, argv, argc, NULL);
    r.returned = 1;
    break;
  }
  long allocs = rt_alloc_count();
  const char *failed_file = NULL;
  int failed_line = 0;
  long refused = spec->fail_alloc > 0 ? rt_fault_refused(&failed_file, &failed_line) : 0;
  rt_remove_mem_hooks();
  rc_gate_disarm();
  _rt_site_file = NULL; /* a site the last call left unused must not be blamed on anything later */
  _rt_site_line = 0;
  if (call_rc < 0) {
    error_record(&out, "args", why);
    goto out;
  }

  /* the result and the exception state */
  shared->phase = RC_PHASE_RELEASE;
  const char *exc = NULL, *exc_source = NULL;
  int pending = rc_capi_exc_pending(&exc, &exc_source);
  RcRet ret = conv == RC_CONV_PLAIN || conv == RC_CONV_SLOT ? e->ret : RC_RET_OBJECT;
  const char *result_kind = "none";
  char result_type[128] = "";
  if (ret == RC_RET_OBJECT) {
    result_kind = r.object ? "object" : "null";
    if (r.object) snprintf(result_type, sizeof result_type, "%s", Py_TYPE(r.object)->tp_name);
  } else if (ret == RC_RET_INT) {
    result_kind = r.value == -1 ? "minus-one" : r.value < 0 ? "negative" : "value";
  }
  rc_wire_record(&out, "obs");
  rc_wire_int(&out, "allocs", allocs);
  if (spec->fail_alloc > 0) {
    rc_wire_int(&out, "refused", refused);
    rc_wire_str(&out, "failed_file", failed_file);
    rc_wire_int(&out, "failed_line", failed_line);
  }
  rc_wire_int(&out, "calls", rc_gate.calls);
  if (spec->fail_call > 0) {
    rc_wire_int(&out, "refused", rc_gate.failed_name != NULL);
    rc_wire_str(&out, "failed_call", rc_gate.failed_name);
    rc_wire_str(&out, "failed_file", rc_gate.failed_file);
    rc_wire_int(&out, "failed_line", rc_gate.failed_line);
  }
  {
    /* the path signature: the calls made, the allocations, and how the call ended */
    char sig[160];
    snprintf(sig, sizeof sig, "%llx-%ld-%ld-%s-%s", rc_gate.hash, allocs, rc_gate.calls_seen,
             result_kind, pending && exc ? exc : "");
    rc_wire_str(&out, "sig", sig);
  }
  rc_wire_str(&out, "result", result_kind);
  if (result_type[0]) rc_wire_str(&out, "result_type", result_type);
  if (ret == RC_RET_INT) rc_wire_int(&out, "value", r.value);
  rc_wire_str(&out, "exc", pending ? exc : "");
  rc_wire_str(&out, "exc_source", exc_source);
  rc_wire_end(&out);
  rc_capi_exc_clear();
  PyObject *result = r.object;
  int result_is_watched = result && (about_object(result, &values, module, NULL) != NULL ||
                                     result == Py_None || result == Py_True || result == Py_False);
  if (result) Py_DecRef(result);

  shared->phase = RC_PHASE_COLLECT;
  PyGC_Collect();
  for (size_t i = 0; i < nglobals; i++) {
    Py_ssize_t now = Py_REFCNT(globals[i]);
    if (now == globals_before[i]) continue;
    rc_wire_record(&out, "delta");
    rc_wire_str(&out, "what", globals_name[i]);
    rc_wire_str(&out, "type", Py_TYPE(globals[i])->tp_name);
    rc_wire_int(&out, "before", (long long)globals_before[i]);
    rc_wire_int(&out, "after", (long long)now);
    rc_wire_end(&out);
  }
  if (instance) { /* dropped now: what it holds (an argument it stored) is released with it */
    rt_singletons_each(count_singleton, &before_drop);
    Py_DecRef(instance);
    instance = NULL;
    PyGC_Collect();
    give_back(&before_instance, &with_instance, &before_drop, &given);
    for (size_t i = 0; i < values.count; i++) {
      Py_ssize_t g = given_for(&given, values.obj[i]);
      held_before[i] -= instance_held[i] < g ? instance_held[i] : g;
    }
  }
  rt_gc_count_holders(values.obj, values.count, held_after);
  for (size_t i = 0; i < values.count; i++) {
    Py_ssize_t now = Py_REFCNT(values.obj[i]) - (held_after[i] - held_before[i]);
    if (now == values.before[i]) continue;
    rc_wire_record(&out, "delta");
    rc_wire_str(&out, "what", values.path[i]);
    rc_wire_str(&out, "type", Py_TYPE(values.obj[i])->tp_name);
    rc_wire_int(&out, "before", (long long)values.before[i]);
    rc_wire_int(&out, "after", (long long)now);
    if (result_is_watched && values.obj[i] == result) rc_wire_str(&out, "returned", "1");
    rc_wire_end(&out);
  }

  shared->phase = RC_PHASE_CHECK;
  rt_check_end();
  for (size_t i = defects_before; i < rt_defect_count(); i++) {
    const RtDefect *d = rt_defect_get(i);
    const char *about = about_object(d->object, &values, module, NULL);
    if (about == NULL && result != NULL && d->object == (const void *)result) about = "result";
    if (d->kind == RT_DEFECT_LEAK_UNTRAVERSED && held_by_leak(d->object, defects_before))
      about = "held by a leaked object";
    defect_record(&out, d, spec->snippet, about);
  }

  shared->phase = RC_PHASE_CLEANUP;
  rc_values_release(&values);
  if (tuple) Py_DecRef(tuple);
  tuple = NULL;
  shared->phase = RC_PHASE_DONE;

out:
  rc_wire_record(&out, "end");
  rc_wire_str(&out, "phase", rc_runner_phase_name(shared->phase));
  rc_wire_end(&out);
  publish(shared, &out);
  rc_wire_free(&out);
  return 0;
}
