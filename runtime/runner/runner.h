/* runner.h — pyrefcheck-runner: runs an oracle snippet's entry points on the reference runtime.
 *
 * Purpose: the mechanism half of `pyrefcheck oracle`. The policy half (which entry points, which
 * arguments, what an observation means, how it is told) lives in analyzer/oracle_*.c. The runner
 * is an executable linked with the whole of rc_runtime_oracle and exporting its symbols, so that
 * the snippet's shared object, loaded with dlopen, binds to the runtime's Py_* functions.
 *
 * Isolation: the supervisor (runner_main.c) never loads or calls snippet code. Every load and every
 * call happens in a child started with rc_sandbox_run (resource limits, no new processes, a wall
 * timeout, captured and capped output, its own process group). The child writes its observations
 * into a shared buffer (RcRunShared); the supervisor adds how the child ended and prints the
 * records on its standard output (wire.h).
 *
 * The C-API of the runtime grows while the oracle exists: everything beyond the core (the error
 * indicator, tuples, modules, ...) is looked up by name at run time (runner_capi.c), so a function
 * the runtime gains later is used without changing the runner, and a missing one is reported as
 * such instead of failing the build.
 *
 * Invariants: the fault injection counter is armed only around the call of the entry point; all
 * argument objects are built, and all references the runner holds are taken, outside the check
 * window; the runner's own refcount operations use Py_IncRef/Py_DecRef, so they carry no site and
 * are never mistaken for the snippet's. */
#ifndef RC_RUNNER_H
#define RC_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "Python.h"
#include "wire.h"

/* --- what the generated wrapper of the snippet exports (analyzer/oracle_compile.c writes it) --- */
typedef enum {
  RC_EXPORT_FUNCTION = 1,  /* a function defined in the snippet (static or not) */
  RC_EXPORT_METHODS = 2,   /* a PyMethodDef array */
  RC_EXPORT_TYPE = 3,      /* a static PyTypeObject */
  RC_EXPORT_MODULEDEF = 4, /* a PyModuleDef */
  RC_EXPORT_SPEC = 5       /* a PyType_Spec: a heap type the module makes (or the runner, from it) */
} RcExportKind;

typedef struct {
  const char *name;        /* the C identifier; NULL ends the table */
  int kind;                /* RcExportKind */
  void (*fn)(void);        /* RC_EXPORT_FUNCTION */
  const void *data;        /* the others */
} RcOracleExport;

#define RC_ORACLE_EXPORTS_SYMBOL "rc_oracle_exports"

/* CPython's PyMethodDef layout (the ABI, stable since 3.0), read through this mirror so the runner
 * does not depend on the runtime's header having the struct yet. */
typedef struct {
  const char *ml_name;
  void (*ml_meth)(void);
  int ml_flags;
  const char *ml_doc;
} RcMethodDefMirror;

#define RC_METH_VARARGS 0x0001
#define RC_METH_KEYWORDS 0x0002
#define RC_METH_NOARGS 0x0004
#define RC_METH_O 0x0008
#define RC_METH_CLASS 0x0010
#define RC_METH_STATIC 0x0020
#define RC_METH_FASTCALL 0x0080
#define RC_METH_METHOD 0x0200

/* --- entry points ---------------------------------------------------------------------------- */
typedef enum {
  RC_CONV_INIT,        /* PyObject *PyInit_x(void) */
  RC_CONV_NOARGS,      /* f(self, NULL) */
  RC_CONV_O,           /* f(self, arg) */
  RC_CONV_VARARGS,     /* f(self, tuple) */
  RC_CONV_VARARGS_KW,  /* f(self, tuple, NULL) */
  RC_CONV_FASTCALL,    /* f(self, args, nargs) */
  RC_CONV_FASTCALL_KW, /* f(self, args, nargs, NULL) */
  RC_CONV_PLAIN,       /* f(a1, ..., an): every parameter a PyObject * (n <= 6) */
  RC_CONV_TYPE,        /* a type's life: construct it with the arguments, iterate the instance
                        * when it is iterable, drop it (the collection follows) */
  RC_CONV_SLOT,        /* one slot of a type, called on an instance (runner_types.c) */
  RC_CONV_METHOD       /* METH_METHOD | METH_FASTCALL | METH_KEYWORDS: f(self, defining class,
                        * args, nargs, NULL) */
} RcConv;

/* What a type's method is called on: an instance (made before the window), the type itself
 * (METH_CLASS), or NULL (METH_STATIC). */
typedef enum { RC_BIND_INSTANCE, RC_BIND_CLASS, RC_BIND_STATIC } RcBind;

typedef enum { RC_RET_OBJECT, RC_RET_INT, RC_RET_VOID } RcRet;

#define RC_RUNNER_NAME 128
#define RC_RUNNER_MAX_ARGSETS 64

typedef struct {
  int id;
  char name[RC_RUNNER_NAME];   /* what the reports call it */
  char func[RC_RUNNER_NAME];   /* exported function to call, or "" when called through a table */
  char table[RC_RUNNER_NAME];  /* the PyMethodDef array of the entry, or "" */
  int index;                   /* its index in the table */
  char init[RC_RUNNER_NAME];   /* PyInit_ function to run first (its module is self), or "" */
  char type[RC_RUNNER_NAME];   /* the static type of RC_CONV_TYPE, or whose method this is, or "" */
  char instance[RC_RUNNER_NAME]; /* a method's self: the literal its type is called with */
  char slot[RC_RUNNER_NAME];   /* RC_CONV_SLOT: the slot's name, "tp_repr" */
  RcBind bind;                 /* a type's method: what self is */
  RcConv conv;
  RcRet ret;
  int nparams;                 /* RC_CONV_PLAIN: how many parameters */
  int self_module;             /* RC_CONV_PLAIN: the first parameter is the module */
  size_t nargsets;
  char *argsets[RC_RUNNER_MAX_ARGSETS]; /* literal argument tuples, "(1, 'a')"; malloc'd */
} RcRunEntry;

/* One run: an entry, one of its argument sets, and the allocation or the fallible call to fail
 * (0: none). */
typedef struct {
  const char *so_path;
  const char *snippet;         /* absolute path of the snippet (its sites are the ones that count) */
  const RcRunEntry *entry;
  size_t argset;
  long fail_alloc;
  long fail_call;
} RcRunSpec;

/* What the call gave back. */
typedef struct {
  PyObject *object;     /* RC_RET_OBJECT: the result (a new reference), or NULL */
  long long value;      /* RC_RET_INT (int, Py_ssize_t and Py_hash_t results too) */
  int returned;         /* 1 once the call returned */
} RcCallResult;

/* --- a snippet's types (runner_types.c) ------------------------------------------------------- */
typedef enum {
  RC_SLOT_UNARY,        /* PyObject *f(self): tp_repr, tp_str, nb_negative, nb_int, ... */
  RC_SLOT_BINARY,       /* PyObject *f(self, other): nb_add, ..., sq_concat, mp_subscript */
  RC_SLOT_TERNARY,      /* PyObject *f(self, other, third or None): nb_power */
  RC_SLOT_HASH,         /* Py_hash_t f(self) */
  RC_SLOT_LEN,          /* Py_ssize_t f(self): sq_length, mp_length */
  RC_SLOT_INQUIRY,      /* int f(self): nb_bool */
  RC_SLOT_SSIZEARG,     /* PyObject *f(self, i): sq_item, sq_repeat */
  RC_SLOT_SSIZEOBJARG,  /* int f(self, i, v or NULL): sq_ass_item */
  RC_SLOT_OBJOBJ,       /* int f(self, v): sq_contains */
  RC_SLOT_OBJOBJARG,    /* int f(self, key, v or NULL): mp_ass_subscript */
  RC_SLOT_RICHCMP,      /* PyObject *f(self, other, op) */
  RC_SLOT_CALL          /* PyObject *f(self, args tuple, NULL): tp_call */
} RcSlotKind;

typedef struct {
  const char *name;     /* "tp_repr": the entry is "Type.tp_repr" */
  int id;               /* its typeslots.h id (Py_tp_repr) */
  RcSlotKind kind;
} RcSlotInfo;

const RcSlotInfo *rc_slot_find(const char *name);
const RcSlotInfo *rc_slot_by_id(int id);
const char *rc_slot_kind_name(RcSlotKind kind);   /* "unary", ... as the discovery spells it */
int rc_slot_returns_int(RcSlotKind kind);         /* hash, len, inquiry and the int setters */
/* Visits the slots the oracle calls that the snippet gave a type: a static type's non-NULL
 * fields as written (static_type), or a spec's PyType_Slot entries. Returns how many. */
size_t rc_slot_each(const PyTypeObject *static_type, const PyType_Spec *spec,
                    void (*visit)(const RcSlotInfo *slot, void (*fn)(void), void *ctx), void *ctx);
/* The heap type made from `spec`: the one the module's dict holds (added with PyModule_AddType
 * or PyModule_AddObject), else one made now with PyType_FromModuleAndSpec(module, spec). Returns
 * a new reference, or NULL with why[] set (and no exception left). Outside the window only. */
PyObject *rc_type_from_spec(PyType_Spec *spec, PyObject *module, char *why, size_t size);

/* One slot call, prepared outside the window (the C integer arguments converted). */
typedef struct {
  const RcSlotInfo *info;
  void (*fn)(void);     /* the type's slot function */
  long long number;     /* the index (sq_item) or the comparison op (tp_richcompare) */
  PyObject *objects[2]; /* the object arguments (borrowed) */
  size_t nobjects;
} RcSlotCall;
/* Returns 0, or -1 with why[] set (no such slot, arguments that do not fit it). */
int rc_type_slot_prepare(RcSlotCall *c, PyTypeObject *type, const char *name, PyObject **argv,
                         size_t argc, char *why, size_t size);
void rc_type_slot_invoke(const RcSlotCall *c, PyObject *self, PyObject *tuple, RcCallResult *r);

/* --- the gate of the snippet's C-API calls (runner_gate.c) ----------------------------------------- */
typedef struct {
  int active;                  /* inside the check window */
  long calls;                  /* fallible calls so far */
  long calls_seen;             /* all gated calls so far */
  long fail_call;              /* the fallible call to fail (0: none) */
  unsigned long long hash;     /* FNV-1a of the calls' names and lines: the path signature */
  const char *failed_name;     /* the call made to fail, once it was */
  const char *failed_file;
  int failed_line;
} RcGateState;
extern RcGateState rc_gate;

void rc_gate_arm(long fail_call);
void rc_gate_disarm(void);
/* Called by the snippet through the shim's macros (exported: the snippet binds to them). Returns 1
 * when this call must fail (its exception is then set). */
int rc_oracle_gate(const char *name, int fallible, int exc, const char *file, int line);
void rc_oracle_discard(int unused, ...);
void rc_oracle_release_stolen(PyObject *stolen);

/* --- the buffer a child reports through (MAP_SHARED, created by the supervisor) ----------------- */
enum {
  RC_PHASE_START, RC_PHASE_LOAD, RC_PHASE_INIT, RC_PHASE_ARGS, RC_PHASE_CALL, RC_PHASE_RELEASE,
  RC_PHASE_COLLECT, RC_PHASE_CHECK, RC_PHASE_CLEANUP, RC_PHASE_DONE
};
#define RC_RUN_SHARED_SIZE ((size_t)1 << 20)
typedef struct {
  volatile int phase;          /* RC_PHASE_*: how far the child got (read after a crash) */
  volatile uint32_t len;       /* bytes of records in data; written last */
  char failed_call[128];       /* the call the gate made fail, written at once (survives a crash) */
  char failed_file[512];
  volatile int failed_line;
  char data[];
} RcRunShared;
extern RcRunShared *rc_run_shared; /* the child's buffer, for the gate */

/* The child's side (runner_child.c): performs one run and writes its records into `shared`.
 * Returns the child's exit status (0). Runs in the sandboxed child only. */
int rc_runner_child_run(const RcRunSpec *spec, RcRunShared *shared);
/* The child's side of `discover`: loads the snippet and describes its exports. */
int rc_runner_child_discover(const char *so_path, RcRunShared *shared);
const char *rc_runner_phase_name(int phase);

/* --- optional C-API (runner_capi.c) ------------------------------------------------------------- */
/* Looks `name` up among the runtime's exported symbols; NULL when the runtime lacks it. */
void *rc_capi_lookup(const char *name);
/* The exception probe: begins observing (clears any state), and afterwards tells whether an
 * exception is set and its type's name. `source` receives "indicator" (PyErr_Occurred) or "hook"
 * (the runtime's PyErr_NoMemory hook, until the error indicator exists). */
void rc_capi_exc_begin(void);
int rc_capi_exc_pending(const char **type_name, const char **source);
void rc_capi_exc_clear(void);

/* --- argument values (runner_values.c) ---------------------------------------------------------- */
#define RC_VALUES_MAX 256
typedef struct {
  PyObject *obj[RC_VALUES_MAX];   /* every object built, each with one reference held by the set */
  char path[RC_VALUES_MAX][48];   /* "argument 2[1]" */
  Py_ssize_t before[RC_VALUES_MAX];
  size_t count;
  PyObject *top[16];              /* the top-level values: new references */
  size_t ntop;
  char error[200];                /* why building failed */
} RcValues;

/* Builds the tuple literal `text` ("(1, 'a', [2])") into values->top. Returns 0, or -1 with
 * values->error set (a syntax error, or a constructor the runtime does not have yet). */
int rc_values_build(const char *text, RcValues *values);
/* Releases every reference the set holds. */
void rc_values_release(RcValues *values);

#endif
